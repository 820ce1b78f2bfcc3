// The headless transcript's pieces, shared by a live run (--lesson ID --headless) and a recorded
// one (--open FILE --headless), so the same run prints the same lines both ways.
#pragma once

#include <string>
#include <vector>

#include "ovlab/lesson_registry.h"
#include "ovlab/trace_output.h"

namespace ovlab::app {

// Narration under each checkpoint when there is a source and narration; plain events otherwise.
trace::TextPrinter make_transcript_printer(const LessonSource* source, const Narration* narration, Language language);
// Before the first event: which parameters differ from the defaults, then the intro narration.
std::string transcript_opening(const std::vector<std::string>& changed_parameters, const Narration* narration,
                               Language language);
// After the lesson ended: the "finished" narration.
std::string transcript_closing(const Narration* narration);
// The same for a lesson whose steps `recorder` holds, `state` folded to its end: the ending of the
// part its last step was in when the narration has one (narration_for_end).
std::string transcript_closing(const Narration* narration, const LessonSource* source, const trace::Recorder& recorder,
                               const trace::State& state);

}  // namespace ovlab::app
