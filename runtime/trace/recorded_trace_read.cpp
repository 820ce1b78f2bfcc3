// Reading a recorded trace back (docs/trace-format.md). Every line is bounded, checked and turned
// into one message naming the file and line when it is wrong; nothing here lets an exception out.
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ovlab/recorded_trace.h"
#include "recorded_trace_fields.h"

namespace ovlab::trace {
namespace {

using nlohmann::json;

// Embedded sources make the header long; an event line is a few hundred bytes at most.
constexpr size_t kMaxHeaderBytes = size_t{16} << 20;
constexpr size_t kMaxEventBytes = 8192;
constexpr size_t kMaxFiles = 16;
// Header {"files":[{...}]} nests three deep, events one: more is not a trace, and refusing it
// before parsing keeps a hostile line from building a huge tree.
constexpr int kMaxNesting = 4;

enum class LineEnd { Newline, EndOfFile, TooLong };

// Reads up to '\n' (a '\r' before it is dropped, for a file that went through a CRLF conversion).
LineEnd read_line(std::istream& in, size_t limit, std::string& line) {
    line.clear();
    std::streambuf& buffer = *in.rdbuf();
    for (;;) {
        const int c = buffer.sbumpc();
        if (c == std::char_traits<char>::eof()) return LineEnd::EndOfFile;
        if (c == '\n') {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            return LineEnd::Newline;
        }
        if (line.size() == limit) return LineEnd::TooLong;
        line += static_cast<char>(c);
    }
}

bool nesting_within(std::string_view text, int limit) {
    int depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') in_string = true;
        else if ((c == '{' || c == '[') && ++depth > limit) return false;
        else if (c == '}' || c == ']') --depth;
    }
    return true;
}

// Why a line is wrong, "" when it is fine.
using Problem = std::string;

std::optional<EventKind> kind_named(std::string_view name) {
    for (size_t i = 0; i < static_cast<size_t>(EventKind::Count); ++i)
        if (kind_name(static_cast<EventKind>(i)) == name) return static_cast<EventKind>(i);
    return std::nullopt;
}

Problem read_number(const json& line, const char* key, uint64_t max, uint64_t& value) {
    const auto found = line.find(key);
    if (found == line.end()) return {};
    if (!found->is_number_unsigned()) return fmt::format("'{}' is not a whole number >= 0", key);
    value = found->get<uint64_t>();
    if (value > max) return fmt::format("'{}' is {}, more than {}", key, value, max);
    return {};
}

Problem read_text(const json& line, const char* key, std::string& value) {
    const auto found = line.find(key);
    if (found == line.end()) return fmt::format("'{}' is missing", key);
    if (!found->is_string()) return fmt::format("'{}' is not a string", key);
    value = found->get<std::string>();
    return {};
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// A slot's string: plain, or as hex when the recorded bytes were not UTF-8. Must fit the slot.
Problem read_slot(const json& line, const char* key, const char* hex_key, char* slot, size_t capacity) {
    std::string value;
    if (line.contains(hex_key)) {
        std::string hex;
        if (Problem problem = read_text(line, hex_key, hex); !problem.empty()) return problem;
        if (hex.size() % 2) return fmt::format("'{}' has an odd number of digits", hex_key);
        for (size_t i = 0; i < hex.size(); i += 2) {
            const int high = hex_digit(hex[i]), low = hex_digit(hex[i + 1]);
            if (high < 0 || low < 0) return fmt::format("'{}' is not lowercase hex", hex_key);
            value += static_cast<char>(high * 16 + low);
        }
    } else if (line.contains(key)) {
        if (Problem problem = read_text(line, key, value); !problem.empty()) return problem;
    }
    if (value.size() >= capacity) return fmt::format("'{}' is longer than {} bytes", key, capacity - 1);
    if (value.find('\0') != std::string::npos) return fmt::format("'{}' contains a NUL byte", key);
    value.copy(slot, value.size());
    slot[value.size()] = '\0';
    return {};
}

Problem read_event(const json& line, Event& event) {
    std::string kind;
    if (Problem problem = read_text(line, field::kKind, kind); !problem.empty()) return problem;
    const std::optional<EventKind> known = kind_named(kind);
    if (!known) return fmt::format("unknown event kind '{}'", kind);
    event.kind = *known;
    uint64_t thread = 0, source_line = 0, source_file = 0;
    for (Problem problem : {read_number(line, field::kSeq, UINT64_MAX, event.seq),
                            read_number(line, field::kTime, UINT64_MAX, event.time_ns),
                            read_number(line, field::kThread, UINT32_MAX, thread),
                            read_number(line, field::kLine, UINT32_MAX, source_line),
                            read_number(line, field::kFile, UINT32_MAX, source_file),
                            read_number(line, field::kObject, UINT64_MAX, event.object),
                            read_number(line, field::kA, UINT64_MAX, event.a),
                            read_number(line, field::kB, UINT64_MAX, event.b),
                            read_number(line, field::kC, UINT64_MAX, event.c),
                            read_slot(line, field::kName, field::kNameHex, event.name, sizeof event.name),
                            read_slot(line, field::kText, field::kTextHex, event.text, sizeof event.text)})
        if (!problem.empty()) return problem;
    event.thread = static_cast<uint32_t>(thread);
    event.line = static_cast<uint32_t>(source_line);
    event.file = static_cast<uint32_t>(source_file);
    return {};
}

Problem read_files(const json& files, std::vector<EmbeddedFile>& out) {
    if (!files.is_array()) return "'files' is not a list";
    if (files.size() > kMaxFiles) return fmt::format("more than {} embedded files", kMaxFiles);
    for (const json& file : files) {
        if (!file.is_object()) return "an entry of 'files' is not an object";
        EmbeddedFile embedded;
        for (Problem problem : {read_text(file, "role", embedded.role), read_text(file, "path", embedded.path),
                                read_text(file, "text", embedded.text)})
            if (!problem.empty()) return "embedded file: " + problem;
        out.push_back(std::move(embedded));
    }
    return {};
}

Problem read_header(const json& line, RecordedTraceHeader& header) {
    std::string format;
    if (read_text(line, "format", format).size() || format != kTraceFormatName)
        return fmt::format("not an Overlapped Lab trace (the first line has no \"format\": \"{}\")", kTraceFormatName);
    uint64_t version = 0;
    if (Problem problem = read_number(line, "version", UINT32_MAX, version); !problem.empty()) return problem;
    if (version != kTraceFormatVersion)
        return fmt::format("trace format version {} (this Overlapped Lab reads version {})", version, kTraceFormatVersion);
    for (Problem problem : {read_text(line, "platform", header.platform), read_text(line, "backend", header.backend),
                            read_text(line, "program", header.program), read_text(line, "language", header.language)})
        if (!problem.empty()) return problem;
    if (!line.contains("lesson") || !line["lesson"].is_boolean()) return "'lesson' is not true or false";
    header.lesson = line["lesson"].get<bool>();
    header.capacity = 0;
    if (Problem problem = read_number(line, "capacity", kMaxRecordedEvents, header.capacity); !problem.empty()) return problem;
    if (header.capacity == 0) return "'capacity' is missing or 0";
    const json parameters = line.value("changed_parameters", json::array());
    if (!parameters.is_array()) return "'changed_parameters' is not a list";
    for (const json& parameter : parameters) {
        if (!parameter.is_string() || header.changed_parameters.size() >= 64)
            return "'changed_parameters' is not a short list of strings";
        header.changed_parameters.push_back(parameter.get<std::string>());
    }
    return read_files(line.value("files", json::array()), header.files);
}

Problem read_end(const json& line, uint64_t events_read, uint64_t& dropped) {
    const json& end = line[field::kEnd];
    if (!end.is_object()) return "the closing line's 'end' is not an object";
    uint64_t events = 0;
    for (Problem problem : {read_number(end, "events", UINT64_MAX, events), read_number(end, "dropped", UINT64_MAX, dropped)})
        if (!problem.empty()) return "closing line: " + problem;
    if (events != events_read)
        return fmt::format("the closing line counts {} events but the file holds {}", events, events_read);
    return {};
}

std::optional<json> parse_line(const std::string& text, int nesting) {
    if (!nesting_within(text, nesting)) return std::nullopt;
    json line = json::parse(text, nullptr, false);
    if (line.is_discarded() || !line.is_object()) return std::nullopt;
    return line;
}

class Reader {
public:
    Reader(std::istream& in, std::string_view name) : in_(in), name_(name) {}

    std::variant<RecordedTrace, std::string> read();

private:
    std::string at_line(std::string_view problem) const { return fmt::format("{}:{}: {}", name_, line_number_, problem); }
    std::variant<RecordedTrace, std::string> read_events(RecordedTrace trace);

    std::istream& in_;
    std::string name_;
    uint64_t line_number_ = 0;
    std::string text_;
};

std::variant<RecordedTrace, std::string> Reader::read() {
    line_number_ = 1;
    const LineEnd end = read_line(in_, kMaxHeaderBytes, text_);
    if (end == LineEnd::TooLong) return at_line(fmt::format("the header line is longer than {} bytes", kMaxHeaderBytes));
    if (text_.empty() && end == LineEnd::EndOfFile) return fmt::format("{}: the file is empty", name_);
    const std::optional<json> header = parse_line(text_, kMaxNesting);
    if (!header) return at_line("not an Overlapped Lab trace (the first line is not a JSON object)");
    RecordedTrace trace;
    if (Problem problem = read_header(*header, trace.header); !problem.empty()) return at_line(problem);
    if (end == LineEnd::EndOfFile) return at_line("the file ends after its header line");
    trace.recorder = std::make_unique<Recorder>(trace.header.capacity);
    return read_events(std::move(trace));
}

std::variant<RecordedTrace, std::string> Reader::read_events(RecordedTrace trace) {
    uint64_t events = 0;
    for (;;) {
        ++line_number_;
        const LineEnd end = read_line(in_, kMaxEventBytes, text_);
        if (end == LineEnd::TooLong) return at_line(fmt::format("line longer than {} bytes", kMaxEventBytes));
        if (end == LineEnd::EndOfFile && text_.empty()) {
            trace.warning = fmt::format("{}: the file ends after {} events without its closing line: the recording "
                                        "was cut short; showing what it holds", name_, events);
            return trace;
        }
        const std::optional<json> line = parse_line(text_, 2);
        if (!line && end == LineEnd::EndOfFile) {
            trace.warning = at_line(fmt::format("the last line is cut off; showing the {} complete events before it", events));
            return trace;
        }
        if (!line) return at_line("not a JSON object");
        if (line->contains(field::kEnd)) {
            if (Problem problem = read_end(*line, events, trace.dropped); !problem.empty()) return at_line(problem);
            ++line_number_;
            if (end == LineEnd::Newline && (read_line(in_, 1, text_) != LineEnd::EndOfFile || !text_.empty()))
                return at_line("text after the closing line");
            return trace;
        }
        Event event;
        if (Problem problem = read_event(*line, event); !problem.empty()) return at_line(problem);
        if (event.seq != events) return at_line(fmt::format("event {} where event {} was expected", event.seq, events));
        if (events == trace.header.capacity || trace.recorder->append_recorded(event) == Recorder::kDropped)
            return at_line(fmt::format("more events than the header's capacity ({})", trace.header.capacity));
        ++events;
    }
}

}  // namespace

std::variant<RecordedTrace, std::string> read_recorded_trace(std::istream& in, std::string_view name) {
    try {
        return Reader(in, name).read();
    } catch (const std::exception& error) {  // out of memory, a stream set to throw
        return fmt::format("{}: cannot read: {}", name, error.what());
    }
}

std::variant<RecordedTrace, std::string> read_recorded_trace(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fmt::format("{}: cannot open the file", path.string());
    return read_recorded_trace(in, path.string());
}

}  // namespace ovlab::trace
