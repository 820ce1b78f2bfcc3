#include "wait.h"

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "api_call.h"
#include "handle_table.h"
#include "last_error.h"
#include "ovlab/callsite.h"
#include "ovlab/session.h"
#include "trace_hooks.h"

namespace ovlab::posix {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<Waiter*>& all_waiters() {  // kernel mutex
    static std::vector<Waiter*> waiters;
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

// Puts a waiter on its objects' lists and takes it off again, even when a reset unwinds the wait.
// Constructed and destroyed with the kernel mutex held.
class Registration {
public:
    explicit Registration(Waiter& w) : w_(w) {
        for (const auto& object : w_.objects) object->waiters.push_back(&w_);
        all_waiters().push_back(&w_);
    }
    ~Registration() {
        for (const auto& object : w_.objects) std::erase(object->waiters, &w_);
        std::erase(all_waiters(), &w_);
    }
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;

private:
    Waiter& w_;
};

// Blocks until the waiter leaves the Waiting state; kernel mutex held through `lock`.
void block(Waiter& w, std::unique_lock<std::mutex>& lock, DWORD timeout_ms) {
    if (timeout_ms == INFINITE) {
        w.wake.wait(lock, [&] { return w.outcome != Waiter::Outcome::Waiting; });
        return;
    }
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    if (!w.wake.wait_until(lock, deadline, [&] { return w.outcome != Waiter::Outcome::Waiting; }))
        w.outcome = Waiter::Outcome::TimedOut;
}

}  // namespace

WaitOutcome wait_for_objects(std::vector<std::shared_ptr<KernelObject>> objects, bool wait_all, DWORD timeout_ms,
                             trace::ThreadState state, std::string_view what) {
    Waiter w;
    w.objects = std::move(objects);
    w.wait_all = wait_all;
    w.trace_thread = trace::current_thread();
    w.stepper = current_stepper();
    for (;;) {
        {
            std::unique_lock lock(kernel_mutex());
            // An object already signalled wins without blocking (and without giving up the turn).
            if (try_satisfy(w)) return {false, w.index};
            if (timeout_ms == 0) return {true, 0};
            Registration registration(w);
            w.outcome = Waiter::Outcome::Waiting;
            // Recorded before the turn is given away, so it precedes whatever happens next.
            record_thread_state(state, what);
            if (w.stepper) w.stepper->blocking_begin();
            // A reset that began before this wait registered would never interrupt it: go straight
            // to the stepper, which parks and unwinds this thread.
            if (w.stepper && w.stepper->aborting()) w.outcome = Waiter::Outcome::Interrupted;
            else block(w, lock, timeout_ms);
        }
        if (w.stepper) w.stepper->blocking_end();
        record_thread_state(trace::ThreadState::Running, {});
        switch (w.outcome) {
            case Waiter::Outcome::Satisfied: return {false, w.index};
            case Waiter::Outcome::TimedOut: return {true, 0};
            case Waiter::Outcome::Interrupted: continue;  // not unwound: the wait goes on
            case Waiter::Outcome::Waiting: continue;
        }
    }
}

void wake_waiters(KernelObject& object) {
    const std::vector<Waiter*> waiters = object.waiters;  // satisfying a wait edits the lists
    for (Waiter* w : waiters) {
        if (w->outcome != Waiter::Outcome::Waiting || !try_satisfy(*w)) continue;
        w->outcome = Waiter::Outcome::Satisfied;
        if (w->stepper) w->stepper->make_ready(w->trace_thread);
        w->wake.notify_one();
        if (!object.is_signalled()) break;  // an auto-reset object was consumed
    }
}

void interrupt_all_waiters() {
    std::lock_guard lock(kernel_mutex());
    for (Waiter* w : all_waiters()) {
        if (w->outcome != Waiter::Outcome::Waiting) continue;
        w->outcome = Waiter::Outcome::Interrupted;
        if (w->stepper) w->stepper->make_ready(w->trace_thread);
        w->wake.notify_one();
    }
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
}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds) {
    ApiCall call("WaitForSingleObject", [&] {
        return fmt::format("{}, {}", handle_argument("hHandle", 0, hHandle),
                           timeout_argument("dwMilliseconds", dwMilliseconds));
    });
    std::shared_ptr<KernelObject> object = lookup_handle(hHandle);
    if (!object) {
        set_last_error(ERROR_INVALID_HANDLE);
        return call.returns_wait(WAIT_FAILED, 1);
    }
    const std::string what = call.tracing() ? fmt::format("WaitForSingleObject({})", handle_label(0, hHandle)) : "";
    const WaitOutcome outcome = wait_for_objects({object}, false, dwMilliseconds, ovlab::trace::ThreadState::Waiting, what);
    return call.returns_wait(outcome.timed_out ? WAIT_TIMEOUT : WAIT_OBJECT_0, 1);
}

extern "C" DWORD WINAPI WaitForMultipleObjects(DWORD nCount, CONST HANDLE* lpHandles, BOOL bWaitAll,
                                               DWORD dwMilliseconds) {
    ApiCall call("WaitForMultipleObjects", [&] {
        return fmt::format("nCount={}, {}, {}, {}", nCount, pointer_argument("lpHandles", 1, lpHandles),
                           bool_argument("bWaitAll", bWaitAll), timeout_argument("dwMilliseconds", dwMilliseconds));
    });
    if (nCount == 0 || nCount > MAXIMUM_WAIT_OBJECTS || lpHandles == nullptr) {
        set_last_error(ERROR_INVALID_PARAMETER);
        return call.returns_wait(WAIT_FAILED, nCount);
    }
    std::vector<std::shared_ptr<KernelObject>> objects;
    for (DWORD i = 0; i < nCount; ++i) {
        std::shared_ptr<KernelObject> object = lookup_handle(lpHandles[i]);
        if (!object) {
            set_last_error(ERROR_INVALID_HANDLE);
            return call.returns_wait(WAIT_FAILED, nCount);
        }
        // Windows refuses the same object twice in a wait-all (STATUS_INVALID_PARAMETER_MIX).
        if (bWaitAll && std::find(objects.begin(), objects.end(), object) != objects.end()) {
            set_last_error(ERROR_INVALID_PARAMETER);
            return call.returns_wait(WAIT_FAILED, nCount);
        }
        objects.push_back(std::move(object));
    }
    std::string what;
    if (call.tracing()) {
        std::string list;
        for (DWORD i = 0; i < nCount; ++i)
            list += fmt::format("{}0x{:X}", i ? ", " : "", handle_value(lpHandles[i]));
        what = fmt::format("WaitForMultipleObjects({}: {})", bWaitAll ? "all" : "any", list);
    }
    const WaitOutcome outcome =
        wait_for_objects(std::move(objects), bWaitAll != FALSE, dwMilliseconds, ovlab::trace::ThreadState::Waiting, what);
    if (outcome.timed_out) return call.returns_wait(WAIT_TIMEOUT, nCount);
    return call.returns_wait(WAIT_OBJECT_0 + static_cast<DWORD>(outcome.index), nCount);
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
