// The waiting machinery shared by every blocking call (WaitFor*, GetOverlappedResult, Sleep,
// later GetQueuedCompletionStatus and alertable waits).
//
// A wait registers a Waiter on each object. Whoever makes an object signalled (SetEvent, an I/O
// completion) satisfies the waits it can right there, under the kernel mutex, and tells the stepper
// the waiting thread is ready at that moment - so the order in which threads continue does not
// depend on the OS scheduler.
#pragma once

#include <windows.h>

#include <condition_variable>
#include <memory>
#include <string_view>
#include <vector>

#include "kernel_object.h"
#include "ovlab/stepper.h"

namespace ovlab::posix {

struct Waiter {
    std::vector<std::shared_ptr<KernelObject>> objects;
    bool wait_all = false;
    uint32_t trace_thread = 0;
    step::Stepper* stepper = nullptr;
    enum class Outcome { Waiting, Satisfied, TimedOut, Interrupted } outcome = Outcome::Waiting;
    size_t index = 0;  // the object that satisfied a wait-any
    std::condition_variable wake;
};

struct WaitOutcome {
    bool timed_out = false;
    size_t index = 0;
};

// Blocks until the objects satisfy the wait (any or all) or the time-out elapses. With no
// objects it is a sleep. `state` and `what` describe the wait in the trace. Call without the
// kernel mutex. Throws step::LessonAborted when the lesson is reset while waiting.
WaitOutcome wait_for_objects(std::vector<std::shared_ptr<KernelObject>> objects, bool wait_all, DWORD timeout_ms,
                             trace::ThreadState state, std::string_view what);

// Satisfies the waits on `object` that can be satisfied now, in the order they started.
// Kernel mutex held.
void wake_waiters(KernelObject& object);

// Wakes every blocked wait; each then passes through the stepper, which unwinds it on reset.
void interrupt_all_waiters();

size_t blocked_waiter_count();

}  // namespace ovlab::posix
