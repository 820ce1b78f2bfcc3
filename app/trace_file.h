// Writing a run's trace to a file, with an error a user can act on.
#pragma once

#include <optional>
#include <string>

#include "ovlab/recorded_trace.h"
#include "ovlab/trace.h"

namespace ovlab::app {

// True for a name ending in ".json" (any case): such a file gets Chrome trace JSON for Perfetto.
bool is_chrome_json_path(const std::string& path);

// Writes Chrome trace JSON to FILE.json, the recorded trace `--open` reads (with `header`) to any
// other name. Returns an error message ("cannot write out/run.json: No such file or directory") or nothing.
std::optional<std::string> write_trace_file(const trace::Recorder& recorder, const std::string& path,
                                            const trace::RecordedTraceHeader& header);

}  // namespace ovlab::app
