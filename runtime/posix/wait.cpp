#include "wait.h"

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "api_call.h"
#include "apc.h"
#include "completion_port.h"
#include "handle_table.h"
#include "last_error.h"
#include "ovlab/callsite.h"
#include "ovlab/session.h"
#include "thread.h"
#include "trace_hooks.h"

namespace ovlab::posix {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<Waiter*>& all_waiters() {  // kernel mutex
    static std::vector<Waiter*>& waiters = *new std::vector<Waiter*>;  // see kernel_object.h
    return waiters;
}

// Checks the wait's condition and, when it holds, lets the objects consume their signal:
// wait-any takes the lowest signalled index; wait-all needs every object signalled at once.
bool try_satisfy(Waiter& w) {
    if (w.objects.empty()) return false;
    if (w.wait_all) {
        for (const auto& object : w.objects)
            if (!object->is_signalled()) return false;
        for (const auto& object : w.objects) object->satisfied();
        w.index = 0;
        return true;
    }
    for (size_t i = 0; i < w.objects.size(); ++i) {
        if (w.objects[i]->is_signalled()) {
            w.objects[i]->satisfied();
            w.index = i;
            return true;
        }
    }
    return false;
}

}  // namespace

WaitRegistration::WaitRegistration(Waiter& w) : w_(w) {
    for (const auto& object : w_.objects) object->waiters.push_back(&w_);
    all_waiters().push_back(&w_);
}

WaitRegistration::~WaitRegistration() {
    for (const auto& object : w_.objects) std::erase(object->waiters, &w_);
    std::erase(all_waiters(), &w_);
}

void block_until_woken(Waiter& w, std::unique_lock<std::mutex>& lock, DWORD timeout_ms) {
    if (timeout_ms == INFINITE) {
        w.wake.wait(lock, [&] { return w.outcome != Waiter::Outcome::Waiting; });
        return;
    }
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    if (!w.wake.wait_until(lock, deadline, [&] { return w.outcome != Waiter::Outcome::Waiting; })) {
        w.outcome = Waiter::Outcome::TimedOut;
        if (w.thread) thread_starts_running(*w.thread);
    }
}

void end_wait(Waiter& w, Waiter::Outcome outcome) {
    w.outcome = outcome;
    if (w.thread) thread_starts_running(*w.thread);
    if (w.stepper) w.stepper->make_ready(w.trace_thread);
    w.wake.notify_one();
}

WaitOutcome wait_for_objects(std::vector<std::shared_ptr<KernelObject>> objects, bool wait_all, DWORD timeout_ms,
                             trace::ThreadState state, std::string_view what, bool alertable) {
    ThreadObject& self = current_thread_object();
    Waiter w;
    w.objects = std::move(objects);
    w.wait_all = wait_all;
    w.trace_thread = trace::current_thread();
    w.stepper = current_stepper();
    w.thread = &self;
    for (;;) {
        {
            std::unique_lock lock(kernel_mutex());
            // An object already signalled wins without blocking (and without giving up the turn),
            // even over queued APCs.
            if (try_satisfy(w)) return {false, w.index};
            if (alertable && has_queued_apcs(self)) {
                lock.unlock();
                run_queued_apcs(self);
                return {false, 0, true};
            }
            if (timeout_ms == 0) return {true, 0};
            WaitRegistration registration(w);
            w.outcome = Waiter::Outcome::Waiting;
            if (alertable) self.alertable_wait = &w;
            thread_stops_running(self);
            // Recorded before the turn is given away, so it precedes whatever happens next.
            record_thread_state(state, what);
            if (w.stepper) w.stepper->blocking_begin();
            // A reset that began before this wait registered would never interrupt it: go straight
            // to the stepper, which parks and unwinds this thread.
            if (w.stepper && w.stepper->aborting()) end_wait(w, Waiter::Outcome::Interrupted);
            else block_until_woken(w, lock, timeout_ms);
            self.alertable_wait = nullptr;
        }
        if (w.stepper) w.stepper->blocking_end();
        record_thread_state(trace::ThreadState::Running, {});
        switch (w.outcome) {
            case Waiter::Outcome::Satisfied: return {false, w.index};
            case Waiter::Outcome::TimedOut: return {true, 0};
            case Waiter::Outcome::Alerted:
                // Windows: the APCs run, then the wait returns WAIT_IO_COMPLETION without waiting on.
                run_queued_apcs(self);
                return {false, 0, true};
            default: continue;  // Interrupted but not unwound: the wait goes on
        }
    }
}

void wake_waiters(KernelObject& object) {
    const std::vector<Waiter*> waiters = object.waiters;  // satisfying a wait edits the lists
    for (Waiter* w : waiters) {
        if (w->outcome != Waiter::Outcome::Waiting || !try_satisfy(*w)) continue;
        end_wait(*w, Waiter::Outcome::Satisfied);
        if (!object.is_signalled()) break;  // an auto-reset object was consumed
    }
}

void interrupt_all_waiters() {
    std::lock_guard lock(kernel_mutex());
    for (Waiter* w : all_waiters())
        if (w->outcome == Waiter::Outcome::Waiting) end_wait(*w, Waiter::Outcome::Interrupted);
}

size_t blocked_waiter_count() {
    std::lock_guard lock(kernel_mutex());
    return all_waiters().size();
}

// ---- WaitForSingleObject, WaitForMultipleObjects, Sleep ----

namespace {

std::string handle_label(size_t index, HANDLE handle) {
    std::string text = callsite_argument(index);
    return text.empty() ? fmt::format("0x{:X}", handle_value(handle)) : text;
}

}  // namespace

DWORD wait_for_handle(ApiCall& call, std::string_view api, size_t argument, HANDLE handle, DWORD milliseconds,
                      bool alertable) {
    std::shared_ptr<KernelObject> object = lookup_handle(handle);
    if (!object) {
        set_last_error(ERROR_INVALID_HANDLE);
        return call.returns_wait(WAIT_FAILED, 1);
    }
    const std::string what = call.tracing() ? fmt::format("{}({})", api, handle_label(argument, handle)) : "";
    const auto state = alertable ? trace::ThreadState::AlertableWait : trace::ThreadState::Waiting;
    const WaitOutcome outcome = wait_for_objects({object}, false, milliseconds, state, what, alertable);
    if (outcome.apcs_ran) return call.returns_wait(WAIT_IO_COMPLETION, 1);
    return call.returns_wait(outcome.timed_out ? WAIT_TIMEOUT : WAIT_OBJECT_0, 1);
}

DWORD wait_for_handles(ApiCall& call, std::string_view api, DWORD count, const HANDLE* handles, BOOL wait_all,
                       DWORD milliseconds, bool alertable) {
    if (count == 0 || count > MAXIMUM_WAIT_OBJECTS || handles == nullptr) {
        set_last_error(ERROR_INVALID_PARAMETER);
        return call.returns_wait(WAIT_FAILED, count);
    }
    std::vector<std::shared_ptr<KernelObject>> objects;
    for (DWORD i = 0; i < count; ++i) {
        std::shared_ptr<KernelObject> object = lookup_handle(handles[i]);
        if (!object) {
            set_last_error(ERROR_INVALID_HANDLE);
            return call.returns_wait(WAIT_FAILED, count);
        }
        // Windows refuses the same object twice in a wait-all (STATUS_INVALID_PARAMETER_MIX).
        if (wait_all && std::find(objects.begin(), objects.end(), object) != objects.end()) {
            set_last_error(ERROR_INVALID_PARAMETER);
            return call.returns_wait(WAIT_FAILED, count);
        }
        objects.push_back(std::move(object));
    }
    std::string what;
    if (call.tracing()) {
        std::string list;
        for (DWORD i = 0; i < count; ++i) list += fmt::format("{}0x{:X}", i ? ", " : "", handle_value(handles[i]));
        what = fmt::format("{}({}: {})", api, wait_all ? "all" : "any", list);
    }
    const auto state = alertable ? trace::ThreadState::AlertableWait : trace::ThreadState::Waiting;
    const WaitOutcome outcome =
        wait_for_objects(std::move(objects), wait_all != FALSE, milliseconds, state, what, alertable);
    if (outcome.apcs_ran) return call.returns_wait(WAIT_IO_COMPLETION, count);
    if (outcome.timed_out) return call.returns_wait(WAIT_TIMEOUT, count);
    return call.returns_wait(WAIT_OBJECT_0 + static_cast<DWORD>(outcome.index), count);
}

}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds) {
    ApiCall call("WaitForSingleObject", [&] {
        return fmt::format("{}, {}", handle_argument("hHandle", 0, hHandle),
                           timeout_argument("dwMilliseconds", dwMilliseconds));
    });
    return wait_for_handle(call, "WaitForSingleObject", 0, hHandle, dwMilliseconds, false);
}

extern "C" DWORD WINAPI WaitForMultipleObjects(DWORD nCount, CONST HANDLE* lpHandles, BOOL bWaitAll,
                                               DWORD dwMilliseconds) {
    ApiCall call("WaitForMultipleObjects", [&] {
        return fmt::format("nCount={}, {}, {}, {}", nCount, pointer_argument("lpHandles", 1, lpHandles),
                           bool_argument("bWaitAll", bWaitAll), timeout_argument("dwMilliseconds", dwMilliseconds));
    });
    return wait_for_handles(call, "WaitForMultipleObjects", nCount, lpHandles, bWaitAll, dwMilliseconds, false);
}

extern "C" VOID WINAPI Sleep(DWORD dwMilliseconds) {
    ApiCall call("Sleep", [&] { return timeout_argument("dwMilliseconds", dwMilliseconds); });
    if (dwMilliseconds == 0) {
        std::this_thread::yield();
    } else {
        const std::string what = call.tracing() ? fmt::format("Sleep({})", dwMilliseconds) : "";
        wait_for_objects({}, false, dwMilliseconds, ovlab::trace::ThreadState::Sleeping, what);
    }
    call.returns_void();
}
