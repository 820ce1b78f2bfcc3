#include <algorithm>

#include <fmt/format.h>

#include "ovlab/status_codes.h"

#include "chrome_json.h"

namespace ovlab::trace::chrome {
namespace {

Json call_begin(const Event& event) {
    return {{"ph", "B"}, {"name", event.name_view()}, {"tid", event.thread}, {"ts", micros(event.time_ns)},
            {"args", {{"arguments", event.text_view()}, {"line", event.line}}}};
}

Json call_end(const Event& event, const std::string& api) {
    return {{"ph", "E"}, {"name", api}, {"tid", event.thread}, {"ts", micros(event.time_ns)},
            {"args", {{"result", event.text_view()},
                      {"GetLastError", format_win32_error(static_cast<uint32_t>(event.b))},
                      {"failed", event.c != 0}}}};
}

}  // namespace

void Slices::on_event(const Event& event, const State& state, Output& out) {
    switch (event.kind) {
        case EventKind::ApiEnter:
            open_calls_[event.thread].emplace_back(event.name_view());
            last_slice_ns_[event.thread] = event.time_ns;
            out.add(call_begin(event));
            break;
        case EventKind::ApiLeave: {
            std::vector<std::string>& open = open_calls_[event.thread];
            if (open.empty()) break;  // its ApiEnter is not in this trace: an E alone would break nesting
            out.add(call_end(event, open.back()));
            open.pop_back();
            last_slice_ns_[event.thread] = event.time_ns;
            break;
        }
        case EventKind::IoFinished:
        case EventKind::IoCompleting: {
            // IoFinished, then IoCompleting when the stepper delivers it later: the first starts it.
            auto [started, inserted] = completion_starts_.try_emplace(event.thread, event.object, event.time_ns);
            if (!inserted && started->second.first != event.object) started->second = {event.object, event.time_ns};
            break;
        }
        case EventKind::IoCompleted: completion(event, state, out); break;
        default: break;
    }
}

void Slices::completion(const Event& event, const State& state, Output& out) {
    const std::optional<size_t> index = latest_io_index(state, event.object);
    if (!index) return;
    const IoView& io = state.ios[*index];
    // From the kernel's finish when this thread recorded it (the usual uninterrupted run), else a
    // moment; never before this thread's previous slice edge, so the slice nests in the open call.
    uint64_t start_ns = event.time_ns;
    if (auto started = completion_starts_.find(event.thread);
        started != completion_starts_.end() && started->second.first == event.object) {
        start_ns = std::min(start_ns, started->second.second);
        completion_starts_.erase(started);
    }
    start_ns = std::max(start_ns, last_slice_ns_[event.thread]);
    last_slice_ns_[event.thread] = event.time_ns;
    completions_[event.seq] = {event.thread, start_ns, event.time_ns};
    const std::string target = event.object ? state.overlapped_label(event.object) : std::string("(no OVERLAPPED)");
    out.add({{"ph", "X"}, {"name", fmt::format("complete {} {}", io.operation, target)}, {"tid", event.thread},
             {"ts", micros(start_ns)}, {"dur", micros(event.time_ns - start_ns)},
             {"args", {{"status", format_ntstatus(static_cast<uint32_t>(event.a))}, {"bytes", event.b}}}});
}

void Slices::close_open_calls(uint64_t end_ns, Output& out) {
    for (auto& [tid, open] : open_calls_) {
        for (; !open.empty(); open.pop_back())
            out.add({{"ph", "E"}, {"name", open.back()}, {"tid", tid}, {"ts", micros(end_ns)},
                     {"args", {{"result", "none: the call had not returned when the trace ended (lesson reset "
                                          "or still running)"}}}});
    }
}

}  // namespace ovlab::trace::chrome
