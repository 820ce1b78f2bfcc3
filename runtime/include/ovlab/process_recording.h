// A whole program's trace, kept without a lesson run or a stepper: when OVLAB_TRACE=FILE is set, a
// program built against the portable runtime records every traced call and I/O event as it
// happens (real scheduling, full speed) and writes FILE (docs/trace-format.md) when it exits:
// returning from main, exit(), or SIGINT/SIGTERM when the program left those signals alone (on
// Windows: Ctrl+C, Ctrl+Break or the console closing, unless a handler of the program's own took it).
#pragma once

#include <cstdint>

#include "ovlab/trace.h"

namespace ovlab {

// True when OVLAB_TRACE named a file at start-up.
bool process_recording_active();
// For a program that keeps traces its own way (overlapped-lab: lesson runs and --trace-out): stops
// recording and writes no file at exit. Call it at the start of main, before any thread starts.
void end_process_recording();
// Records into the process-wide trace; 0 and nothing recorded when it is not active. Near the
// bound (trace::Recorder::kDefaultCapacity events) one HistoryFull event is kept; once the
// recorder is full, recording stops (process_recording_active() turns false, so calls are no
// longer even formatted) and the few events that raced in are counted as dropped.
uint64_t record_process_wide(const trace::EventData& data);

}  // namespace ovlab
