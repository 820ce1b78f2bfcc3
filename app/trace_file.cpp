#include "trace_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "ovlab/trace_output.h"

namespace ovlab::app {

std::optional<std::string> write_trace_file(const trace::Recorder& recorder, const std::string& path) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return fmt::format("cannot write {}: {}", path, std::strerror(errno));
    trace::write_chrome_json(recorder, out);
    out.flush();
    if (!out) return fmt::format("cannot write {}: {}", path, std::strerror(errno));
    return std::nullopt;
}

}  // namespace ovlab::app
