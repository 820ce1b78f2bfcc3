// `overlapped-lab --program PATH --headless`: runs a program of one's own in its own process, flat
// out, and prints its transcript as a lesson's (docs/design.md §3, docs/program-protocol.md).
#pragma once

#include <string>
#include <vector>

#include "ovlab/lesson_registry.h"

namespace ovlab::app {

struct ProgramOptions {
    std::string program;                  // --program PATH
    std::vector<std::string> arguments;   // after --
    std::vector<std::string> sources;     // --source FILE...
    Language language = Language::English;
    std::string trace_out;
    int timeout_seconds = 0;              // --timeout S; 0: none (a silent program still stalls)
    // --lesson ID of a lesson of one's own (LessonInfo::runs_in_own_process): its program, run with
    // `parameters`, its narration, console wording and check. Null for --program PATH, whose
    // narration is the narration.<lang>.md next to it when there is one.
    const LessonInfo* lesson = nullptr;
    ParameterValues parameters;
    // --predict, with `lesson`: after the transcript, each Predict question of the lesson's narration
    // with the answer this run's trace gives (asked at the step tags of the lesson's program file).
    bool predict = false;
};

// Exit codes (the --help text lists them): 0 the program exited with 0 (and a lesson's check passed);
// 1 it exited with another code, a lesson's check failed, or standard output or the trace file could
// not be written; 3 it made no progress or ran past
// --timeout, and the lab ended it; 4 it crashed (a signal ended it), broke the link, or never
// connected to the lab (not built with ovlab_add_lab_program). A signal to the lab: stop_signal().
int run_program_headless(const ProgramOptions& options);

}  // namespace ovlab::app
