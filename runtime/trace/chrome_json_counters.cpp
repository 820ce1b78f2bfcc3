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

void Counters::on_event(const Event& event, const State& state) {
    switch (event.kind) {
        case EventKind::IoIssued:
        case EventKind::IoCompleted:
            set({Track::RequestsInFlight, 0}, {{"requests", requests_in_flight(state)}}, event);
            break;
        case EventKind::PortPacketQueued:
        case EventKind::PortPacketDequeued:
        case EventKind::PortCounts:
        case EventKind::PortDepthObserved: port_counters(event, state); break;
        case EventKind::ApcQueued:
        case EventKind::ApcDelivering:
        case EventKind::ApcDone: apc_counters(event, state); break;
        default: break;
    }
}

void Counters::port_counters(const Event& event, const State& state) {
    const auto port = state.ports.find(event.object);
    if (port == state.ports.end()) return;
    // Windows hides the queued packets until they are dequeued; the sampled depth is what is known.
    const uint64_t depth = port->second.observed_depth.value_or(port->second.queue.size());
    set({Track::PortQueue, event.object}, {{"packets", depth}}, event);
    set({Track::PortThreads, event.object},
        {{"running", port->second.running}, {"concurrency", port->second.concurrency}}, event);
}

void Counters::apc_counters(const Event& event, const State& state) {
    if (event.kind == EventKind::ApcQueued) apc_threads_.insert(static_cast<uint32_t>(event.object));
    for (uint32_t thread : apc_threads_) set({Track::ApcQueue, thread}, {{"queued", apcs_queued(state, thread)}}, event);
}

void Counters::set(Key key, Json args, const Event& event) {
    auto [last, inserted] = last_.try_emplace(key, args);
    if (!inserted && last->second == args) return;
    last->second = args;
    samples_.push_back({key, event.time_ns, std::move(args)});
}

std::string Counters::track_name(Key key, const State& state) {
    switch (key.first) {
        case Track::RequestsInFlight: return "requests in flight";
        case Track::PortQueue: return fmt::format("{} queue", state.handle_label(key.second));
        case Track::PortThreads: return fmt::format("{} threads", state.handle_label(key.second));
        case Track::ApcQueue: return fmt::format("APC queue of {}", thread_label(state, static_cast<uint32_t>(key.second)));
    }
    return {};
}

void Counters::write(const State& final_state, Output& out) const {
    for (const Sample& sample : samples_)
        out.add({{"ph", "C"}, {"name", track_name(sample.key, final_state)}, {"ts", micros(sample.time_ns)},
                 {"args", sample.args}});
}

}  // namespace ovlab::trace::chrome
