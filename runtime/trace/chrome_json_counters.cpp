#include <algorithm>

#include <fmt/format.h>

#include "ovlab/trace_output.h"

#include "chrome_json.h"

namespace ovlab::trace::chrome {
namespace {

size_t requests_in_flight(const State& state) {
    return static_cast<size_t>(std::count_if(state.ios.begin(), state.ios.end(), [](const IoView& io) {
        return io.phase != IoView::Phase::Completed;
    }));
}

// Queued and not yet running: a running APC has left the queue.
size_t apcs_queued(const State& state, uint32_t thread) {
    return static_cast<size_t>(std::count_if(state.apcs.begin(), state.apcs.end(), [&](const ApcView& apc) {
        return apc.thread == thread && !apc.running;
    }));
}

}  // namespace

void Counters::on_event(const Event& event, const State& state, Output& out) {
    switch (event.kind) {
        case EventKind::IoIssued:
        case EventKind::IoCompleted:
            set("requests in flight", {{"requests", requests_in_flight(state)}}, event, out);
            break;
        case EventKind::PortPacketQueued:
        case EventKind::PortPacketDequeued:
        case EventKind::PortCounts:
        case EventKind::PortDepthObserved: port_counters(event, state, out); break;
        case EventKind::ApcQueued:
        case EventKind::ApcDelivering:
        case EventKind::ApcDone: apc_counters(event, state, out); break;
        default: break;
    }
}

void Counters::port_counters(const Event& event, const State& state, Output& out) {
    const auto port = state.ports.find(event.object);
    if (port == state.ports.end()) return;
    const std::string label = state.handle_label(event.object);
    // Windows hides the queued packets until they are dequeued; the sampled depth is what is known.
    const uint64_t depth = port->second.observed_depth.value_or(port->second.queue.size());
    set(fmt::format("{} queue", label), {{"packets", depth}}, event, out);
    set(fmt::format("{} threads", label),
        {{"running", port->second.running}, {"concurrency", port->second.concurrency}}, event, out);
}

void Counters::apc_counters(const Event& event, const State& state, Output& out) {
    if (event.kind == EventKind::ApcQueued) apc_threads_.insert(static_cast<uint32_t>(event.object));
    for (uint32_t thread : apc_threads_)
        set(fmt::format("APC queue of {}", thread_label(state, thread)), {{"queued", apcs_queued(state, thread)}},
            event, out);
}

void Counters::set(const std::string& name, Json args, const Event& event, Output& out) {
    auto [last, inserted] = last_.try_emplace(name, args);
    if (!inserted && last->second == args) return;
    last->second = args;
    out.add({{"ph", "C"}, {"name", name}, {"ts", micros(event.time_ns)}, {"args", std::move(args)}});
}

}  // namespace ovlab::trace::chrome
