// I/O completion ports (docs/windows-rules.md §12): a FIFO queue of completion packets, the threads
// waiting for them (released LIFO), and the concurrency value that limits how many of the port's
// threads run at once.
//
// The running count, as NT keeps it: a thread becomes associated with a port at its first
// GetQueuedCompletionStatus (leaving any other port). The running count is the number of
// associated threads that are not blocked. A waiter is released with a packet only while the
// running count is below the concurrency value. A running thread that calls GetQueuedCompletion-
// Status again takes the next packet without blocking; one that blocks anywhere else (Sleep,
// WaitFor*, synchronous I/O) stops counting, which may release another waiter; when it wakes it
// counts again, even if that exceeds the limit.
//
// Determinism: a packet that arrives while a thread waits is handed to the LIFO top waiter at
// that moment, and the stepper makes that thread ready then.
//
// Known divergence from Windows: none intended. (Wine 8 ignores the concurrency value, wakes
// waiters FIFO and does not wake them when the port is closed; this follows Windows.)
#pragma once

#include <windows.h>

#include <deque>
#include <memory>
#include <string_view>
#include <vector>

#include "kernel_object.h"
#include "wait.h"

namespace ovlab::posix {

class ThreadObject;

struct PortPacket {
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    OVERLAPPED* overlapped = nullptr;
    uint32_t status = 0;  // NTSTATUS of the request; 0 for PostQueuedCompletionStatus
};

// A thread blocked in GetQueuedCompletionStatus(Ex).
struct PortWaiter {
    Waiter wait;
    std::vector<PortPacket> packets;  // handed over by whoever released it
};

class CompletionPort : public KernelObject {
public:
    explicit CompletionPort(DWORD concurrency)
        : KernelObject(trace::HandleKind::CompletionPort, false), concurrency_(concurrency) {}

    DWORD concurrency() const { return concurrency_; }
    // Waiting on a port handle itself is satisfied while packets are queued (none are removed).
    bool is_signalled() const override { return !queue.empty(); }
    std::string describe() const override;
    // Windows: closing the port's last handle ends every GetQueuedCompletionStatus waiting on it
    // (FALSE, NULL overlapped, ERROR_ABANDONED_WAIT_0); queued packets are dropped.
    void last_handle_closed() override;

    // ---- kernel mutex held ----
    // Appends a packet (PortPacketQueued, `source` says where from) and releases a waiter if allowed.
    void queue_packet(const PortPacket& packet, std::string_view source);
    // Releases LIFO waiters, one packet each, while packets are queued and running < concurrency.
    void release_waiters();
    void set_running(DWORD running);  // records PortCounts

    std::deque<PortPacket> queue;
    std::vector<PortWaiter*> waiters;  // the back is released first
    DWORD running = 0;
    bool closed = false;

private:
    DWORD concurrency_;
};

// ---- the running count; kernel mutex held ----
// The thread blocks outside GetQueuedCompletionStatus: it no longer counts as running.
void thread_stops_running(ThreadObject& thread);
// The thread's wait ended: it counts as running on its port again.
void thread_starts_running(ThreadObject& thread);
// The thread leaves its port (it ends, or it waits on another port).
void leave_port(ThreadObject& thread);

// For blocking that does not go through the wait machinery (synchronous I/O): the calling thread
// stops / starts counting as running. They take the kernel mutex.
void calling_thread_blocks();
void calling_thread_runs();

enum class PortWaitResult { Entries, TimedOut, ApcsRan, Abandoned };

// GetQueuedCompletionStatus(Ex) for the calling thread: takes up to `max_entries` packets from the
// port, blocking up to `timeout_ms` for the first. Alertable: queued APCs run instead when no
// packet can be taken. Records PortWaiter, ThreadState PortWait, PortPacketDequeued, PortCounts.
// Call without the kernel mutex. Throws step::LessonAborted when the lesson is reset while waiting.
PortWaitResult remove_packets(const std::shared_ptr<CompletionPort>& port, size_t max_entries, DWORD timeout_ms,
                              bool alertable, std::string_view what, std::vector<PortPacket>& packets);

}  // namespace ovlab::posix
