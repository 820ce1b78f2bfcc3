#include <fmt/format.h>

#include "ovlab/status_codes.h"
#include "ovlab/trace_output.h"

namespace ovlab::trace {
namespace {

std::string json_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        switch (ch) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(ch) < 0x20) out += fmt::format("\\u{:04x}", ch);
                else out += ch;
        }
    }
    return out;
}

// Chrome trace timestamps are microseconds.
std::string ts(const Event& event) { return fmt::format("{:.3f}", static_cast<double>(event.time_ns) / 1000.0); }

class JsonWriter {
public:
    explicit JsonWriter(std::ostream& out) : out_(out) { out_ << "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n"; }
    ~JsonWriter() { out_ << "\n]}\n"; }

    void write(const std::string& object) {
        out_ << (first_ ? "" : ",\n") << object;
        first_ = false;
    }

private:
    std::ostream& out_;
    bool first_ = true;
};

std::string instant(const Event& event, std::string_view name, std::string_view args) {
    return fmt::format(R"({{"ph":"i","s":"t","pid":1,"tid":{},"ts":{},"name":"{}","args":{{{}}}}})", event.thread,
                       ts(event), json_escape(name), args);
}

}  // namespace

void write_chrome_json(const Recorder& recorder, std::ostream& out) {
    JsonWriter json(out);
    json.write(R"({"ph":"M","pid":1,"name":"process_name","args":{"name":"Overlapped Lab lesson"}})");
    State state;
    const uint64_t end = recorder.published();
    for (uint64_t i = 0; i < end; ++i) {
        const Event& e = recorder.at(i);
        switch (e.kind) {
            case EventKind::ThreadStarted:
                json.write(fmt::format(R"({{"ph":"M","pid":1,"tid":{},"name":"thread_name","args":{{"name":"{}"}}}})",
                                       e.thread, json_escape(e.text_view())));
                break;
            case EventKind::ApiEnter:
                json.write(fmt::format(R"({{"ph":"B","pid":1,"tid":{},"ts":{},"name":"{}","args":{{"arguments":"{}","line":{}}}}})",
                                       e.thread, ts(e), json_escape(e.name_view()), json_escape(e.text_view()), e.line));
                break;
            case EventKind::ApiLeave:
                json.write(fmt::format(R"({{"ph":"E","pid":1,"tid":{},"ts":{},"args":{{"result":"{}","GetLastError":"{}"}}}})",
                                       e.thread, ts(e), json_escape(e.text_view()),
                                       json_escape(format_win32_error(static_cast<uint32_t>(e.b)))));
                break;
            case EventKind::IoIssued:
                json.write(fmt::format(R"({{"ph":"b","cat":"io","pid":1,"tid":{},"id":"0x{:x}","ts":{},"name":"{} {}","args":{{"offset":{},"bytes":{}}}}})",
                                       e.thread, e.object, ts(e), json_escape(e.name_view()),
                                       json_escape(state.overlapped_label(e.object)), e.b, e.c));
                break;
            case EventKind::IoCompleted:
                json.write(fmt::format(R"({{"ph":"e","cat":"io","pid":1,"tid":{},"id":"0x{:x}","ts":{},"name":"{} {}","args":{{"status":"{}","bytes":{}}}}})",
                                       e.thread, e.object, ts(e), json_escape(state.overlappeds.count(e.object) ? state.overlappeds.at(e.object).operation : ""),
                                       json_escape(state.overlapped_label(e.object)),
                                       json_escape(format_ntstatus(static_cast<uint32_t>(e.a))), e.b));
                break;
            case EventKind::FieldChange:
                json.write(instant(e, fmt::format("{}.{}", state.overlapped_label(e.object),
                                                  field_name(static_cast<OverlappedField>(e.a))),
                                   fmt::format(R"("old":"0x{:X}","new":"0x{:X}")", e.b, e.c)));
                break;
            case EventKind::Signal:
                json.write(instant(e, fmt::format("{} {}", state.handle_label(e.object), e.a ? "signalled" : "reset"),
                                   fmt::format(R"("reason":"{}")", json_escape(e.text_view()))));
                break;
            case EventKind::Console:
                json.write(instant(e, "console", fmt::format(R"("text":"{}")", json_escape(e.text_view()))));
                break;
            default:
                json.write(instant(e, kind_name(e.kind), fmt::format(R"("text":"{}")", json_escape(e.text_view()))));
                break;
        }
        state.apply(e);
    }
}

}  // namespace ovlab::trace
