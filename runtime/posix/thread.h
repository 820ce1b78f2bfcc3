// Threads: the object a thread handle names (waitable, signalled when the thread ends), the
// thread's APC queue and its completion-port association. Every OS thread that calls into the
// runtime has one: CreateThread makes it for the threads it starts; any other thread (the
// lesson's main thread, a test's std::thread) gets one the first time it needs it.
//
// Known divergences from Windows (docs/windows-rules.md §17 collects them all):
// - SuspendThread only holds back a thread that has not started running (CREATE_SUSPENDED); a
//   running thread cannot be stopped at an arbitrary instruction here, so that fails with
//   ERROR_NOT_SUPPORTED.
// - ExitThread on the lesson's main thread ends the lesson as returning from main does; Windows
//   would keep the process alive until its last thread ends.
// - Thread ids are made up: 0x1000 + 4 x the trace thread number for lesson threads, so every run
//   of a lesson prints the same ids.
#pragma once

#include <windows.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "kernel_object.h"

namespace ovlab::posix {

class CompletionPort;
struct Waiter;

struct Apc {
    uint64_t id = 0;
    std::string what;  // "ReadFileEx completion routine: OnRead", "QueueUserAPC: Wake"
    std::function<void()> run;
};

class ThreadObject : public KernelObject {
public:
    ThreadObject(DWORD id, uint32_t trace_number, std::string name)
        : KernelObject(trace::HandleKind::Thread, false), id_(id), trace_number_(trace_number), name_(std::move(name)) {}

    DWORD id() const { return id_; }
    uint32_t trace_number() const { return trace_number_; }  // 0 outside a lesson session
    const std::string& name() const { return name_; }
    std::string describe() const override;

    // ---- kernel mutex held ----
    DWORD exit_code = STILL_ACTIVE;
    bool exited = false;
    bool started = true;            // false while created suspended and not yet resumed
    DWORD suspend_count = 0;
    Waiter* start_wait = nullptr;   // a suspended thread waiting for ResumeThread
    std::deque<Apc> apcs;           // Windows: one FIFO per thread, user APCs and completion routines alike
    Waiter* alertable_wait = nullptr;  // its wait while blocked in an alertable wait, else null
    std::shared_ptr<CompletionPort> port;  // Windows: associated at its first GetQueuedCompletionStatus
    bool counted_running = false;          // counted in port's running count
    // Cancels the blocking I/O call the thread is in (CancelSynchronousIo); empty when it is in none.
    // Called without the kernel mutex.
    std::function<void()> cancel_synchronous_io;

private:
    DWORD id_;
    uint32_t trace_number_;
    std::string name_;
};

// The calling thread's object (made on first use for a thread the runtime did not create).
ThreadObject& current_thread_object();
std::shared_ptr<ThreadObject> current_thread_shared();

// A new thread object for a thread CreateThread is about to start with trace number `trace_number`.
std::shared_ptr<ThreadObject> make_thread_object(uint32_t trace_number, std::string name);

// Makes `thread` the calling thread's object; CreateThread's trampoline calls it first thing.
void bind_current_thread(std::shared_ptr<ThreadObject> thread);

// What happens when a thread ends, on that thread, without the kernel mutex: the exit code is
// set, its queued APCs are discarded, it leaves its completion port, the I/O it issued on
// handles without a port is cancelled (Windows: IoCancelThreadIo), and its handle is signalled.
// Does nothing the second time.
void end_thread(ThreadObject& thread, DWORD exit_code);

}  // namespace ovlab::posix
