// Writing a recorded trace (docs/trace-format.md): JSON Lines, one object per line, '\n' endings.
#include <nlohmann/json.hpp>

#include "ovlab/recorded_trace.h"
#include "recorded_trace_fields.h"

namespace ovlab::trace {
namespace {

using nlohmann::json;

// nlohmann's dump refuses what is not UTF-8 (type_error 316).
bool is_valid_utf8(std::string_view text) {
    try {
        (void)json(std::string(text)).dump();
        return true;
    } catch (const json::exception&) {
        return false;
    }
}

// A slot cut mid-character (a long Korean text) is not UTF-8: such a string goes as hex, so the
// bytes come back exactly as recorded.
void put_string(json& line, const char* key, const char* hex_key, std::string_view value) {
    if (value.empty()) return;
    if (is_valid_utf8(value)) {
        line[key] = value;
        return;
    }
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    for (const char c : value) {
        hex += kDigits[static_cast<unsigned char>(c) >> 4];
        hex += kDigits[static_cast<unsigned char>(c) & 0xf];
    }
    line[hex_key] = hex;
}

json event_line(const Event& event) {
    json line = {{field::kSeq, event.seq}, {field::kTime, event.time_ns}, {field::kKind, kind_name(event.kind)},
                 {field::kThread, event.thread}};
    if (event.line) line[field::kLine] = event.line;
    if (event.file) line[field::kFile] = event.file;
    if (event.object) line[field::kObject] = event.object;
    if (event.a) line[field::kA] = event.a;
    if (event.b) line[field::kB] = event.b;
    if (event.c) line[field::kC] = event.c;
    put_string(line, field::kName, field::kNameHex, event.name_view());
    put_string(line, field::kText, field::kTextHex, event.text_view());
    return line;
}

json header_line(const RecordedTraceHeader& header) {
    json files = json::array();
    for (const EmbeddedFile& file : header.files)
        files.push_back({{"role", file.role}, {"path", file.path}, {"text", file.text}});
    return {{"format", kTraceFormatName},
            {"version", kTraceFormatVersion},
            {"platform", header.platform},
            {"backend", header.backend},
            {"program", header.program},
            {"lesson", header.lesson},
            {"language", header.language},
            {"changed_parameters", header.changed_parameters},
            {"capacity", header.capacity},
            {"files", files}};
}

}  // namespace

const EmbeddedFile* RecordedTraceHeader::find_file(std::string_view role) const {
    for (const EmbeddedFile& file : files)
        if (file.role == role) return &file;
    return nullptr;
}

std::string_view host_platform_name() {
#ifdef _WIN32
    return "windows";
#else
    return "linux";
#endif
}

bool write_recorded_trace(const RecordedTraceHeader& header, const Recorder& recorder, std::ostream& out) {
    // Embedded files come from disk and may hold any bytes: replaced rather than refused, as they
    // are shown, never compared.
    out << header_line(header).dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
    const uint64_t count = recorder.published();
    for (uint64_t i = 0; i < count && out; ++i) out << event_line(recorder.at(i)).dump() << '\n';
    out << json{{field::kEnd, {{"events", count}, {"dropped", recorder.dropped()}}}}.dump() << '\n';
    out.flush();
    return static_cast<bool>(out);
}

}  // namespace ovlab::trace
