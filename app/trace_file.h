// Writing the Chrome trace JSON to a file, with an error a user can act on.
#pragma once

#include <optional>
#include <string>

#include "ovlab/trace.h"

namespace ovlab::app {

// Returns an error message ("cannot write out/run.json: No such file or directory") or nothing.
std::optional<std::string> write_trace_file(const trace::Recorder& recorder, const std::string& path);

}  // namespace ovlab::app
