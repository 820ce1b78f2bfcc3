#include "io_links.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include <fmt/format.h>

namespace ovlab::trace {
namespace {

// The request whose completion sequence `thread` is recording now, if any. The runtime records a
// completion as one uninterrupted run on one thread (fields, Signal, ApcQueued or PortPacketQueued,
// IoCompleted), so those events name no request themselves.
IoView* completing_io(State& state, uint32_t thread) {
    const auto it = state.completing.find(thread);
    return it == state.completing.end() ? nullptr : state.latest_io(it->second);
}

void handled(IoView& io, IoView::Handling how, uint32_t thread, uint64_t seq) {
    io.handling = how;
    io.handler_thread = thread;
    io.handled_seq = seq;
}

void kernel_finished(State& state, const Event& event) {
    IoView* io = state.latest_io(event.object);
    if (!io) return;
    // IoFinished, then IoCompleting when the stepper delivers it later: the first is the kernel's.
    if (io->finished_seq == kNever) {
        io->finished_seq = event.seq;
        io->finished_thread = event.thread;
    }
    state.completing[event.thread] = event.object;
}

void completed(State& state, const Event& event) {
    if (IoView* io = state.latest_io(event.object)) io->completed_seq = event.seq;
    std::erase_if(state.completing, [&](const auto& entry) { return entry.second == event.object; });
}

// True when `text` names `handle` in hex ("0x8"), as wait details and call arguments print it.
bool mentions_handle(std::string_view text, uint64_t handle) {
    const std::string needle = fmt::format("0x{:X}", handle);
    for (size_t at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1)) {
        const size_t end = at + needle.size();
        if (end == text.size() || !std::isxdigit(static_cast<unsigned char>(text[end]))) return true;
    }
    return false;
}

// A thread leaving a wait woke on the latest completion that, after the wait began, set an object
// the wait names: in its detail ("WaitForMultipleObjects(all: 0xC, 0x14)") or in the arguments of
// the call it is blocked in ("hHandle=request->ov.hEvent (0x8)").
void thread_woke(State& state, const Event& event) {
    const ThreadView* thread = state.thread(event.thread);
    if (!thread || static_cast<ThreadState>(event.a) != ThreadState::Running) return;
    if (thread->state != ThreadState::Waiting && thread->state != ThreadState::AlertableWait) return;
    std::string waited_for = thread->detail;
    const auto call = std::find_if(state.calls.rbegin(), state.calls.rend(),
                                   [&](const CallView& c) { return c.thread == thread->number; });
    if (call != state.calls.rend() && call->leave_seq == kNever) waited_for += " " + call->arguments;
    for (auto io = state.ios.rbegin(); io != state.ios.rend(); ++io) {
        if (io->handling != IoView::Handling::None || io->signalled_seq == kNever) continue;
        if (thread->changed_at != kNever && io->signalled_seq < thread->changed_at) continue;
        if (!mentions_handle(waited_for, io->signalled_handle)) continue;
        handled(*io, IoView::Handling::Woke, thread->number, event.seq);
        return;
    }
}

void packet_dequeued(State& state, const Event& event) {
    // A packet posted with PostQueuedCompletionStatus may carry an OVERLAPPED too: only a packet the
    // completion queued belongs to the request.
    for (auto io = state.ios.rbegin(); io != state.ios.rend(); ++io) {
        if (io->overlapped != event.c || !io->packet_queued || io->handling != IoView::Handling::None) continue;
        handled(*io, IoView::Handling::Dequeued, event.thread, event.seq);
        return;
    }
}

void routine_runs(State& state, const Event& event) {
    for (auto io = state.ios.rbegin(); io != state.ios.rend(); ++io) {
        if (io->apc_id != event.a) continue;
        handled(*io, IoView::Handling::Routine, static_cast<uint32_t>(event.object), event.seq);
        return;
    }
}

}  // namespace

void follow_io(State& state, const Event& event) {
    switch (event.kind) {
        case EventKind::IoFinished:
        case EventKind::IoCompleting: kernel_finished(state, event); break;
        case EventKind::IoCompleted: completed(state, event); break;
        case EventKind::Signal: {
            IoView* io = event.a != 0 ? completing_io(state, event.thread) : nullptr;
            if (io && io->signalled_seq == kNever) {
                io->signalled_handle = event.object;
                io->signalled_seq = event.seq;
            }
            break;
        }
        case EventKind::ApcQueued:
            if (IoView* io = completing_io(state, event.thread)) io->apc_id = event.a;
            break;
        case EventKind::PortPacketQueued:
            if (IoView* io = completing_io(state, event.thread)) io->packet_queued = true;
            break;
        case EventKind::ApcDelivering: routine_runs(state, event); break;
        case EventKind::PortPacketDequeued: packet_dequeued(state, event); break;
        case EventKind::ThreadState: thread_woke(state, event); break;
        default: break;
    }
}

}  // namespace ovlab::trace
