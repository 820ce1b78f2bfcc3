// The waiting machinery shared by every blocking call (WaitFor*, GetOverlappedResult, Sleep,
// GetQueuedCompletionStatus, alertable waits).
//
// A wait registers a Waiter on each object. Whoever makes an object signalled (SetEvent, an I/O
// completion) satisfies the waits it can right there, under the kernel mutex, and tells the stepper
// the waiting thread is ready at that moment - so the order in which threads continue does not
// depend on the OS scheduler.
//
// Alertable waits (docs/windows-rules.md §9): an object already signalled wins; otherwise queued APCs
// run and the wait returns WAIT_IO_COMPLETION without waiting on. An APC queued while the thread
// waits wakes it the same way. Non-alertable waits never run APCs.
//
// A thread associated with a completion port stops counting as running while it is blocked here.
#pragma once

#include <windows.h>

#include <condition_variable>
#include <memory>
#include <string_view>
#include <vector>

#include "kernel_object.h"
#include "ovlab/stepper.h"

namespace ovlab::posix {

class ThreadObject;

struct Waiter {
    std::vector<std::shared_ptr<KernelObject>> objects;
    bool wait_all = false;
    uint32_t trace_thread = 0;
    step::Stepper* stepper = nullptr;
    ThreadObject* thread = nullptr;  // the waiting thread: its APCs, its completion port's running count
    enum class Outcome {
        Waiting,
        Satisfied,    // the objects satisfied the wait
        TimedOut,
        Interrupted,  // a lesson reset wakes every wait
        Alerted,      // an APC was queued to the thread in an alertable wait
        Released,     // a completion port handed the waiting thread a packet
        Abandoned,    // the completion port waited on was closed
    } outcome = Outcome::Waiting;
    size_t index = 0;  // the object that satisfied a wait-any
    std::condition_variable wake;
};

struct WaitOutcome {
    bool timed_out = false;
    size_t index = 0;
    bool apcs_ran = false;  // alertable waits: APCs ran instead (WAIT_IO_COMPLETION)
};

// Blocks until the objects satisfy the wait (any or all) or the time-out elapses. With no
// objects it is a sleep. `state` and `what` describe the wait in the trace. Call without the
// kernel mutex. Throws step::LessonAborted when the lesson is reset while waiting.
WaitOutcome wait_for_objects(std::vector<std::shared_ptr<KernelObject>> objects, bool wait_all, DWORD timeout_ms,
                             trace::ThreadState state, std::string_view what, bool alertable = false);

// Satisfies the waits on `object` that can be satisfied now, in the order they started.
// Kernel mutex held.
void wake_waiters(KernelObject& object);

// Ends a blocked wait: the thread counts as running again on its completion port, the stepper
// queues it as ready at this moment, and it wakes. Kernel mutex held.
void end_wait(Waiter& w, Waiter::Outcome outcome);

// Keeps a waiter on its objects' wait lists and on the list interrupt_all_waiters() wakes, for
// as long as it lives. Constructed and destroyed with the kernel mutex held.
class WaitRegistration {
public:
    explicit WaitRegistration(Waiter& w);
    ~WaitRegistration();
    WaitRegistration(const WaitRegistration&) = delete;
    WaitRegistration& operator=(const WaitRegistration&) = delete;

private:
    Waiter& w_;
};

// Blocks until `w` leaves the Waiting state or the time-out elapses (TimedOut; the thread then
// counts as running again). The kernel mutex is held through `lock`, released while blocked.
void block_until_woken(Waiter& w, std::unique_lock<std::mutex>& lock, DWORD timeout_ms);

// The bodies of WaitForSingleObject(Ex) and WaitForMultipleObjects(Ex): argument checks, the
// wait, the traced result. `argument` is the handle's position in the call (for its name).
class ApiCall;
DWORD wait_for_handle(ApiCall& call, std::string_view api, size_t argument, HANDLE handle, DWORD milliseconds,
                      bool alertable);
DWORD wait_for_handles(ApiCall& call, std::string_view api, DWORD count, const HANDLE* handles, BOOL wait_all,
                       DWORD milliseconds, bool alertable);

// Wakes every blocked wait; each then passes through the stepper, which unwinds it on reset.
void interrupt_all_waiters();

size_t blocked_waiter_count();

}  // namespace ovlab::posix
