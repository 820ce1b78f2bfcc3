// Runs a lesson to its end without a window, printing the transcript (docs/design.md §3).
#pragma once

#include <string>

#include "ovlab/lesson_registry.h"

namespace ovlab::app {

struct HeadlessOptions {
    Language language = Language::English;
    std::string trace_out;  // empty: no trace file (app/trace_file.h: FILE.json or a recorded trace)
    ParameterValues parameters;  // checked already: --param values, the rest at their defaults
    bool predict = false;  // --predict: print each question with the trace's answer after the transcript
};

// Exit code: 0 when the lesson's own check passed, 1 when it failed (or with --predict, a question
// none of whose choices fits the trace) or stdout could not be written
// or a signal stopped the run (see stop_signal()), 3 when the lesson stalled.
int run_headless(const LessonInfo& lesson, const HeadlessOptions& options);

}  // namespace ovlab::app
