#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "ovlab/trace_state.h"
#include "ovlab/trace_text.h"

#include "io_links.h"

namespace ovlab::trace {
namespace {

OverlappedView& overlapped_for(State& state, uint64_t address) {
    auto [it, inserted] = state.overlappeds.try_emplace(address);
    if (inserted) {
        it->second.address = address;
        it->second.name = fmt::format("OVERLAPPED #{}", state.overlappeds.size());
    }
    return it->second;
}

void apply_api_leave(State& state, const Event& event) {
    for (auto it = state.calls.rbegin(); it != state.calls.rend(); ++it) {
        if (it->thread != event.thread || it->leave_seq != kNever) continue;
        it->leave_seq = event.seq;
        it->result = event.text;
        it->last_error = static_cast<uint32_t>(event.b);
        it->failed = event.c != 0;
        return;
    }
}

void apply_thread_state(State& state, const Event& event) {
    ThreadView* thread = state.thread(event.thread);
    if (!thread) return;
    thread->state = static_cast<ThreadState>(event.a);
    thread->detail = event.text;
    thread->changed_at = event.seq;
}

void apply_io_phase(State& state, const Event& event, IoView::Phase phase) {
    if (IoView* io = state.latest_io(event.object)) {
        io->phase = phase;
        io->status = static_cast<uint32_t>(event.a);
        io->bytes = event.b;
    }
    if (phase == IoView::Phase::Completed && event.object != 0) overlapped_for(state, event.object).in_flight = false;
}

void apply_packet_dequeued(State& state, const Event& event) {
    PortView& port = state.ports[event.object];
    port.handle = event.object;
    auto it = std::find_if(port.queue.begin(), port.queue.end(), [&](const PacketView& p) {
        return p.overlapped == event.c && p.key == event.b && p.bytes == event.a;
    });
    PacketView packet = it != port.queue.end() ? *it : PacketView{event.a, event.b, event.c, {}, event.seq};
    if (it != port.queue.end()) port.queue.erase(it);
    packet.dequeued_seq = event.seq;
    port.last_receiver = event.thread;
    port.last_packet = packet;
}

void apply_port_waiter(State& state, const Event& event) {
    PortView& port = state.ports[event.object];
    port.handle = event.object;
    std::erase(port.waiters, event.thread);
    if (event.a == 1) port.waiters.push_back(event.thread);
}

void apply_apc(State& state, const Event& event) {
    auto it = std::find_if(state.apcs.begin(), state.apcs.end(), [&](const ApcView& apc) { return apc.id == event.a; });
    if (event.kind == EventKind::ApcQueued) {
        state.apcs.push_back({event.a, static_cast<uint32_t>(event.object), std::string(event.text), event.seq});
    } else if (it != state.apcs.end()) {
        if (event.kind == EventKind::ApcDelivering) {
            it->running = true;
            it->ran_on = static_cast<uint32_t>(event.object);
            it->delivering_seq = event.seq;
            return;
        }
        // ApcDone without ApcDelivering: the thread exited and its queue was discarded; it never ran.
        if (it->running) {
            it->done_seq = event.seq;
            state.apcs_ran.push_back(*it);
        }
        state.apcs.erase(it);
    }
}

}  // namespace

ThreadView* State::thread(uint32_t number) {
    for (ThreadView& t : threads)
        if (t.number == number) return &t;
    return nullptr;
}

const ThreadView* State::thread(uint32_t number) const {
    for (const ThreadView& t : threads)
        if (t.number == number) return &t;
    return nullptr;
}

IoView* State::latest_io(uint64_t overlapped) {
    return const_cast<IoView*>(std::as_const(*this).latest_io(overlapped));
}

const IoView* State::latest_io(uint64_t overlapped) const {
    for (auto it = ios.rbegin(); it != ios.rend(); ++it)
        if (it->overlapped == overlapped) return &*it;
    return nullptr;
}

std::string State::handle_label(uint64_t handle) const {
    auto it = handles.find(handle);
    if (it == handles.end()) return fmt::format("0x{:X}", handle);
    if (!it->second.name.empty()) return it->second.name;
    return fmt::format("{} 0x{:X}", handle_kind_name(it->second.kind, language), handle);
}

bool State::is_socket(uint64_t handle) const {
    const auto it = handles.find(handle);
    return it != handles.end() && it->second.kind == HandleKind::Socket;
}

std::string State::overlapped_label(uint64_t address) const {
    if (address == 0) return std::string(line_format(Line::NoOverlapped, language));
    auto it = overlappeds.find(address);
    return it == overlappeds.end() ? std::string("OVERLAPPED") : it->second.name;
}

void State::apply(const Event& event) {
    follow_io(*this, event);
    upto = event.seq + 1;
    if (is_checkpoint(event.kind)) {
        ++checkpoints;
        last_checkpoint_seq = event.seq;
    }
    switch (event.kind) {
        case EventKind::ThreadStarted:
            if (!thread(event.thread)) {
                threads.push_back({event.thread, std::string(event.text)});
                threads.back().runtime = event.a == 1;
            }
            break;
        case EventKind::ThreadState: apply_thread_state(*this, event); break;
        case EventKind::ThreadExited:
            if (ThreadView* t = thread(event.thread)) {
                t->state = ThreadState::Finished;
                t->detail = fmt::format("returned {}", static_cast<int64_t>(event.a));
                t->changed_at = event.seq;
            }
            break;
        case EventKind::ApiEnter:
            calls.push_back({event.seq, kNever, event.thread, event.line, std::string(event.name),
                             std::string(event.text)});
            if (ThreadView* t = thread(event.thread)) {
                t->line = event.line;
                t->state = ThreadState::AtCheckpoint;
                t->detail = fmt::format("about to call {}", event.name_view());
                t->changed_at = event.seq;
            }
            break;
        case EventKind::SourceFile:
            source_files[static_cast<uint32_t>(event.object)] = std::string(event.name_view());
            break;
        case EventKind::LineReached:
            if (ThreadView* t = thread(event.thread)) {
                t->line = event.line;
                t->state = ThreadState::AtCheckpoint;
                t->detail.clear();  // the line is the whole story: the Threads panel shows it
                t->changed_at = event.seq;
            }
            break;
        case EventKind::ApiLeave:
            apply_api_leave(*this, event);
            if (ThreadView* t = thread(event.thread)) {
                t->state = ThreadState::AtCheckpoint;
                t->detail = fmt::format("{} returned", event.name_view());
                t->changed_at = event.seq;
            }
            break;
        case EventKind::HandleCreated: {
            HandleView& h = handles[event.object];
            h = HandleView{event.object, static_cast<HandleKind>(event.a), h.name, std::string(event.text),
                           event.b != 0, false, event.seq};
            break;
        }
        case EventKind::HandleClosed:
            if (auto it = handles.find(event.object); it != handles.end()) {
                it->second.closed = true;
                it->second.changed_at = event.seq;
            }
            break;
        case EventKind::ObjectNamed:
            if (event.a == 1) overlapped_for(*this, event.object).name = event.text;
            else handles[event.object].name = event.text;
            break;
        case EventKind::Signal: {
            HandleView& h = handles[event.object];
            h.handle = event.object;
            h.signalled = event.a != 0;
            h.last_reason = event.text;
            h.changed_at = event.seq;
            break;
        }
        case EventKind::FieldChange: {
            OverlappedView& ov = overlapped_for(*this, event.object);
            const auto field = static_cast<size_t>(event.a);
            if (field < ov.value.size()) {
                ov.value[field] = event.c;
                ov.changed_at[field] = event.seq;
            }
            break;
        }
        case EventKind::IoIssued: {
            // A synchronous ReadFile/WriteFile without an OVERLAPPED has none to show.
            if (event.object != 0) {
                OverlappedView& ov = overlapped_for(*this, event.object);
                ov.in_flight = true;
                ov.operation = event.name;
                ov.handle = event.a;
            }
            ios.push_back({event.object, event.a, std::string(event.name), event.b, event.c,
                           IoView::Phase::InFlight, 0, 0, event.seq, event.line});
            ios.back().issued_thread = event.thread;
            break;
        }
        case EventKind::IoFinished: apply_io_phase(*this, event, IoView::Phase::Finished); break;
        case EventKind::IoCompleting:
            apply_io_phase(*this, event, event.c ? IoView::Phase::Held : IoView::Phase::Finished);
            break;
        case EventKind::IoCompleted: apply_io_phase(*this, event, IoView::Phase::Completed); break;
        case EventKind::ApcQueued:
        case EventKind::ApcDelivering:
        case EventKind::ApcDone: apply_apc(*this, event); break;
        case EventKind::PortPacketQueued: {
            PortView& port = ports[event.object];
            port.handle = event.object;
            port.queue.push_back({event.a, event.b, event.c, std::string(event.text), event.seq});
            break;
        }
        case EventKind::PortPacketDequeued: apply_packet_dequeued(*this, event); break;
        case EventKind::PortWaiter: apply_port_waiter(*this, event); break;
        case EventKind::PortCounts: {
            PortView& port = ports[event.object];
            port.handle = event.object;
            port.running = event.a;
            port.concurrency = event.b;
            port.counts_seq = event.seq;
            break;
        }
        case EventKind::PortDepthObserved: {
            PortView& port = ports[event.object];
            port.handle = event.object;
            port.observed_depth = event.a;
            break;
        }
        case EventKind::Console: console.push_back({event.seq, event.thread, std::string(event.text)}); break;
        case EventKind::LessonStarted: lesson_id = event.name; break;
        case EventKind::IoBackend:
            io_backend = event.name;
            fields_observed = event.a != 0;
            break;
        case EventKind::LessonFinished:
            for (ThreadView& t : threads) t.state = ThreadState::Finished;
            exit_code = static_cast<int>(static_cast<int64_t>(event.a));
            check_passed = event.b != 0;
            check_message = event.text;
            break;
        case EventKind::HistoryFull: history_limit = event.a; break;
        case EventKind::StudentAction:
            if (static_cast<StudentAction>(event.a) == StudentAction::Cancelled && event.c) ++student_cancels;
            break;
        case EventKind::Count: break;
    }
}

State fold(const Recorder& recorder, uint64_t upto) {
    State state;
    const uint64_t end = std::min(upto, recorder.published());
    for (uint64_t i = 0; i < end; ++i) state.apply(recorder.at(i));
    return state;
}

uint64_t event_index_of_checkpoint(const Recorder& recorder, uint64_t n) {
    const uint64_t end = recorder.published();
    uint64_t seen = 0;
    for (uint64_t i = 0; i < end; ++i) {
        if (is_checkpoint(recorder.at(i).kind) && ++seen == n) return i;
    }
    return end;
}

std::string State::file_of(const Event& event) const {
    if (source_files.size() < 2) return {};
    const auto file = source_files.find(event.file);
    return file == source_files.end() ? std::string() : file->second;
}

}  // namespace ovlab::trace
