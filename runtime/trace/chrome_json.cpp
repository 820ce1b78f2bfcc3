#include "chrome_json.h"

#include <algorithm>

#include <fmt/format.h>

#include "ovlab/trace_output.h"

namespace ovlab::trace {
namespace chrome {
namespace {

Json instant(const Event& event, std::string name, Json args) {
    return {{"ph", "i"}, {"s", "t"}, {"name", std::move(name)}, {"tid", event.thread},
            {"ts", micros(event.time_ns)}, {"args", std::move(args)}};
}

Json field_change(const Event& event, const State& state) {
    const auto field = static_cast<OverlappedField>(event.a);
    // "program": the lesson stored it (noticed at its next call); otherwise the runtime wrote it.
    const char* writer = event.name_view() == "program" ? "program" : "runtime";
    return instant(event, fmt::format("{}.{}", state.overlapped_label(event.object), field_name(field)),
                   {{"old", field_value(field, event.b, state)},
                    {"new", field_value(field, event.c, state)},
                    {"written by", writer}});
}

Json other_instant(const Event& event) {
    Json args = Json::object();
    if (event.kind == EventKind::ThreadState)
        args["state"] = std::string(thread_state_name(static_cast<ThreadState>(event.a), Language::English));
    if (event.name[0]) args["name"] = event.name_view();
    if (event.text[0]) args["text"] = event.text_view();
    return instant(event, std::string(kind_name(event.kind)), std::move(args));
}

}  // namespace

double micros(uint64_t time_ns) { return static_cast<double>(time_ns) / 1000.0; }

void Output::add(Json event) {
    event["pid"] = 1;
    if (event.contains("tid")) tids_.insert(event["tid"].get<uint32_t>());
    events_.push_back(std::move(event));
}

void add_instant(const Event& event, const State& state, Output& out) {
    switch (event.kind) {
        // Shown as slices, spans or metadata instead.
        case EventKind::ThreadStarted:
        case EventKind::ApiEnter:
        case EventKind::ApiLeave:
        case EventKind::IoIssued:
        case EventKind::IoCompleted: return;
        case EventKind::FieldChange: out.add(field_change(event, state)); return;
        case EventKind::Signal:
            out.add(instant(event, fmt::format("{} {}", state.handle_label(event.object), event.a ? "signalled" : "reset"),
                            {{"reason", event.text_view()}}));
            return;
        case EventKind::Console: out.add(instant(event, "console", {{"text", event.text_view()}})); return;
        default: out.add(other_instant(event)); return;
    }
}

}  // namespace chrome

void write_chrome_json(const Recorder& recorder, std::ostream& out) {
    chrome::Output output;
    chrome::Slices slices;
    chrome::Requests requests;
    chrome::Counters counters;
    State state;
    uint64_t end_ns = 0;
    const uint64_t end = recorder.published();
    for (uint64_t i = 0; i < end; ++i) {
        const Event& event = recorder.at(i);
        state.apply(event);
        end_ns = std::max(end_ns, event.time_ns);
        slices.on_event(event, state, output);
        requests.on_event(event, state, output);
        counters.on_event(event, state);
        chrome::add_instant(event, state, output);
    }
    slices.close_open_calls(end_ns, output);
    requests.close_open(state, end_ns, output);
    chrome::add_request_flows(recorder, state, slices, output);
    counters.write(state, output);

    chrome::Json events = chrome::metadata_events(state, output.tids());
    for (chrome::Json& event : output.take_events()) events.push_back(std::move(event));
    const chrome::Json document = {{"displayTimeUnit", "ns"},
                                   {"otherData", chrome::trace_origin(state)},
                                   {"traceEvents", std::move(events)}};
    // Event texts are cut to fit fixed slots, possibly inside a UTF-8 sequence: replace, never throw.
    out << document.dump(-1, ' ', false, chrome::Json::error_handler_t::replace) << '\n';
}

}  // namespace ovlab::trace
