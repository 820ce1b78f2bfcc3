// Running a lesson to its end as the window's Run does flat out (the headless mode's way), with the
// parameter sets its narration documents: shared by the tests that check every narration section
// and every Predict question against real runs.
#pragma once

#include <string>
#include <vector>

#include "ovlab/lesson_registry.h"
#include "ovlab/session.h"

namespace ovlab::test {

// The parameter sets a lesson is run with: the defaults, and each "name=value" its narration
// mentions for a parameter it declares; assignments chained with --param ("block=200 --param
// clients=4") are one set.
std::vector<ParameterValues> parameter_sets(const LessonInfo& lesson);

// Starts `session` (built with `changes`), runs it to its end with the stepper running flat out,
// playing the window's Peer client panel for a lesson served by it. Returns an empty string, or why
// the run did not end as it should (a check that failed included).
std::string run_to_end(Session& session, const ParameterValues& changes);

}  // namespace ovlab::test
