#include "completion_port.h"

#include <algorithm>

#include <fmt/format.h>

#include "apc.h"
#include "ovlab/session.h"
#include "thread.h"
#include "trace_hooks.h"

namespace ovlab::posix {
namespace {

using trace::EventKind;

void record_dequeued(const CompletionPort& port, const PortPacket& packet) {
    record({EventKind::PortPacketDequeued, port.trace_handle(), packet.bytes, packet.key,
            reinterpret_cast<uint64_t>(packet.overlapped)});
}

// The calling thread joins `port` (leaving any other), or, already associated and running, is
// done with its previous packet. Kernel mutex held.
void enter_port(ThreadObject& self, const std::shared_ptr<CompletionPort>& port) {
    if (self.port == port) return;
    leave_port(self);
    self.port = port;
    self.counted_running = false;
}

// Takes packets without blocking when the port allows this thread to run: packets are queued and
// the other running threads leave room under the concurrency value. Kernel mutex held.
bool take_packets(CompletionPort& port, ThreadObject& self, size_t max_entries, std::vector<PortPacket>& packets) {
    const DWORD others = port.running - (self.counted_running ? 1 : 0);
    if (port.queue.empty() || others >= port.concurrency()) return false;
    while (!port.queue.empty() && packets.size() < max_entries) {
        packets.push_back(port.queue.front());
        port.queue.pop_front();
        record_dequeued(port, packets.back());
    }
    thread_starts_running(self);
    return true;
}

}  // namespace

std::string CompletionPort::describe() const { return fmt::format("completion port, concurrency {}", concurrency_); }

void CompletionPort::last_handle_closed() {
    std::lock_guard lock(kernel_mutex());
    closed = true;
    for (PortWaiter* waiter : waiters)
        if (waiter->wait.outcome == Waiter::Outcome::Waiting) end_wait(waiter->wait, Waiter::Outcome::Abandoned);
    waiters.clear();
    queue.clear();
}

void CompletionPort::queue_packet(const PortPacket& packet, std::string_view source) {
    if (closed) return;
    queue.push_back(packet);
    record({EventKind::PortPacketQueued, trace_handle(), packet.bytes, packet.key,
            reinterpret_cast<uint64_t>(packet.overlapped), {}, source});
    release_waiters();
    wake_waiters(*this);
}

void CompletionPort::release_waiters() {
    while (!closed && !waiters.empty() && !queue.empty() && running < concurrency_) {
        PortWaiter* waiter = waiters.back();
        waiters.pop_back();
        if (waiter->wait.outcome != Waiter::Outcome::Waiting) continue;  // timed out or alerted meanwhile
        waiter->packets.push_back(queue.front());
        queue.pop_front();
        // end_wait counts the thread as running again: that is the release's running += 1.
        end_wait(waiter->wait, Waiter::Outcome::Released);
    }
}

void CompletionPort::set_running(DWORD count) {
    if (closed || count == running) return;
    running = count;
    record({EventKind::PortCounts, trace_handle(), running, concurrency_});
}

void thread_stops_running(ThreadObject& thread) {
    if (!thread.port || !thread.counted_running) return;
    thread.counted_running = false;
    thread.port->set_running(thread.port->running - 1);
    thread.port->release_waiters();
}

void thread_starts_running(ThreadObject& thread) {
    if (!thread.port || thread.counted_running || thread.port->closed) return;
    thread.counted_running = true;
    thread.port->set_running(thread.port->running + 1);
}

void leave_port(ThreadObject& thread) {
    thread_stops_running(thread);
    thread.port.reset();
}

void calling_thread_blocks() {
    ThreadObject& self = current_thread_object();
    std::lock_guard lock(kernel_mutex());
    thread_stops_running(self);
}

void calling_thread_runs() {
    ThreadObject& self = current_thread_object();
    std::lock_guard lock(kernel_mutex());
    thread_starts_running(self);
}

PortWaitResult remove_packets(const std::shared_ptr<CompletionPort>& port, size_t max_entries, DWORD timeout_ms,
                              bool alertable, std::string_view what, std::vector<PortPacket>& packets) {
    ThreadObject& self = current_thread_object();
    PortWaiter waiter;
    Waiter& w = waiter.wait;
    w.trace_thread = trace::current_thread();
    w.stepper = current_stepper();
    w.thread = &self;
    for (;;) {
        {
            std::unique_lock lock(kernel_mutex());
            enter_port(self, port);
            if (take_packets(*port, self, max_entries, packets)) return PortWaitResult::Entries;
            // GetQueuedCompletionStatusEx(alertable): packets win over APCs, APCs over waiting.
            if (alertable && has_queued_apcs(self)) {
                thread_starts_running(self);
                lock.unlock();
                run_queued_apcs(self);
                return PortWaitResult::ApcsRan;
            }
            if (timeout_ms == 0) {
                thread_starts_running(self);
                return PortWaitResult::TimedOut;
            }
            WaitRegistration registration(w);
            w.outcome = Waiter::Outcome::Waiting;
            thread_stops_running(self);
            port->waiters.push_back(&waiter);
            if (alertable) self.alertable_wait = &w;
            record({EventKind::PortWaiter, port->trace_handle(), 1});
            record_thread_state(trace::ThreadState::PortWait, what);
            if (w.stepper) w.stepper->blocking_begin();
            if (w.stepper && w.stepper->aborting()) end_wait(w, Waiter::Outcome::Interrupted);
            else block_until_woken(w, lock, timeout_ms);
            std::erase(port->waiters, &waiter);
            self.alertable_wait = nullptr;
        }
        if (w.stepper) w.stepper->blocking_end();
        record_thread_state(trace::ThreadState::Running, {});
        record({EventKind::PortWaiter, port->trace_handle(), 0});
        switch (w.outcome) {
            case Waiter::Outcome::Released: {
                // Recorded now that this thread has its turn, so the transcript does not depend on
                // timing. Windows hands over the first packet and lets the thread take more.
                std::lock_guard lock(kernel_mutex());
                for (const PortPacket& packet : waiter.packets) record_dequeued(*port, packet);
                while (!port->queue.empty() && waiter.packets.size() < max_entries) {
                    waiter.packets.push_back(port->queue.front());
                    port->queue.pop_front();
                    record_dequeued(*port, waiter.packets.back());
                }
                packets = std::move(waiter.packets);
                return PortWaitResult::Entries;
            }
            case Waiter::Outcome::TimedOut: return PortWaitResult::TimedOut;
            case Waiter::Outcome::Alerted: run_queued_apcs(self); return PortWaitResult::ApcsRan;
            case Waiter::Outcome::Abandoned: return PortWaitResult::Abandoned;
            default: continue;  // Interrupted but not unwound: wait again
        }
    }
}

}  // namespace ovlab::posix
