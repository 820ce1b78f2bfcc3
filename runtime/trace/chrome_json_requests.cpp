#include <fmt/format.h>

#include "ovlab/status_codes.h"

#include "chrome_json.h"

namespace ovlab::trace::chrome {
namespace {

// Span and flow ids: the request's place in State::ios, from 1.
uint64_t request_id(size_t io_index) { return io_index + 1; }

std::string span_name(const IoView& io, const State& state) {
    if (io.overlapped == 0) return fmt::format("{} (no OVERLAPPED)", io.operation);
    return fmt::format("{} {}", io.operation, state.overlapped_label(io.overlapped));
}

Json span_edge(const char* phase, size_t io_index, const std::string& name, const Event& event, Json args) {
    return {{"ph", phase}, {"cat", "io"}, {"id", request_id(io_index)}, {"name", name}, {"tid", event.thread},
            {"ts", micros(event.time_ns)}, {"args", std::move(args)}};
}

// Each step binds to the slice enclosing it on its thread: the issuing call, the completion slice,
// then the call that dequeued, ran the routine or waited. A finish binds to the NEXT slice unless
// "bp":"e" says enclosing.
Json flow_step(std::string_view phase, size_t io_index, uint32_t tid, uint64_t time_ns) {
    Json step = {{"ph", phase}, {"cat", "io.flow"}, {"id", request_id(io_index)}, {"name", "request"},
                 {"tid", tid}, {"ts", micros(time_ns)}};
    if (phase == "f") step["bp"] = "e";
    return step;
}

}  // namespace

std::optional<size_t> latest_io_index(const State& state, uint64_t overlapped) {
    for (size_t i = state.ios.size(); i-- > 0;)
        if (state.ios[i].overlapped == overlapped) return i;
    return std::nullopt;
}

void Requests::on_event(const Event& event, const State& state, Output& out) {
    if (event.kind == EventKind::IoIssued && !state.ios.empty()) {
        const size_t index = state.ios.size() - 1;
        const IoView& io = state.ios[index];
        const std::string name = span_name(io, state);
        open_[index] = name;
        out.add(span_edge("b", index, name, event,
                          {{"handle", state.handle_label(io.handle)}, {"offset", io.offset},
                           {"bytes requested", io.length}, {"line", io.issued_line}}));
    } else if (event.kind == EventKind::IoCompleted) {
        const std::optional<size_t> index = latest_io_index(state, event.object);
        const auto open = index ? open_.find(*index) : open_.end();
        if (open == open_.end()) return;  // completed twice (an OVERLAPPED reused while in flight)
        out.add(span_edge("e", *index, open->second, event,
                          {{"status", format_ntstatus(static_cast<uint32_t>(event.a))}, {"bytes", event.b}}));
        open_.erase(open);
    }
}

void Requests::close_open(const State& state, uint64_t end_ns, Output& out) {
    for (const auto& [index, name] : open_) {
        out.add({{"ph", "e"}, {"cat", "io"}, {"id", request_id(index)}, {"name", name},
                 {"tid", state.ios[index].issued_thread},
                 {"ts", micros(end_ns)}, {"args", {{"status", "none: still in flight when the trace ended"}}}});
    }
    open_.clear();
}

void add_request_flows(const Recorder& recorder, const State& state, const Slices& slices, Output& out) {
    for (size_t i = 0; i < state.ios.size(); ++i) {
        const IoView& io = state.ios[i];
        const auto completion = slices.completions().find(io.completed_seq);
        if (completion == slices.completions().end()) continue;  // never completed: no arrow to draw
        const CompletionSlice& slice = completion->second;
        out.add(flow_step("s", i, io.issued_thread, recorder.at(io.issued_seq).time_ns));
        // Inside the completion slice, not on its edge, so it cannot bind to a neighbour.
        const uint64_t completion_ns = slice.start_ns + (slice.end_ns - slice.start_ns) / 2;
        if (io.handled_seq == kNever) {
            out.add(flow_step("f", i, slice.tid, completion_ns));
            continue;
        }
        out.add(flow_step("t", i, slice.tid, completion_ns));
        out.add(flow_step("f", i, io.handler_thread, recorder.at(io.handled_seq).time_ns));
    }
}

}  // namespace ovlab::trace::chrome
