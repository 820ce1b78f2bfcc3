#include "trace_file.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "ovlab/trace_output.h"

namespace ovlab::app {

bool is_chrome_json_path(const std::string& path) {
    constexpr std::string_view kSuffix = ".json";
    if (path.size() < kSuffix.size()) return false;
    return std::equal(kSuffix.begin(), kSuffix.end(), path.end() - kSuffix.size(), [](char expected, char given) {
        return expected == std::tolower(static_cast<unsigned char>(given));
    });
}

std::optional<std::string> write_trace_file(const trace::Recorder& recorder, const std::string& path,
                                            const trace::RecordedTraceHeader& header) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return fmt::format("cannot write {}: {}", path, std::strerror(errno));
    if (is_chrome_json_path(path)) trace::write_chrome_json(recorder, out);
    else trace::write_recorded_trace(header, recorder, out);
    out.flush();
    if (!out) return fmt::format("cannot write {}: {}", path, std::strerror(errno));
    return std::nullopt;
}

}  // namespace ovlab::app
