// The alertable waits (docs/windows-rules.md §9): SleepEx, WaitForSingleObjectEx,
// WaitForMultipleObjectsEx, SignalObjectAndWait. With bAlertable FALSE they are the plain waits.
#include <thread>

#include <fmt/format.h>

#include "api_call.h"
#include "event.h"
#include "handle_table.h"
#include "last_error.h"
#include "wait.h"

using namespace ovlab::posix;
using ovlab::trace::ThreadState;

extern "C" DWORD WINAPI SleepEx(DWORD dwMilliseconds, BOOL bAlertable) {
    ApiCall call("SleepEx", [&] {
        return fmt::format("{}, {}", timeout_argument("dwMilliseconds", dwMilliseconds),
                           bool_argument("bAlertable", bAlertable));
    });
    if (dwMilliseconds == 0 && !bAlertable) {
        std::this_thread::yield();
        return call.returns_dword(0, false);
    }
    // SleepEx(0, TRUE) runs the queued APCs and returns at once: "drain my APCs".
    const std::string what =
        call.tracing() ? fmt::format("SleepEx({}, {})", dwMilliseconds, bAlertable ? "TRUE" : "FALSE") : "";
    const WaitOutcome outcome = wait_for_objects({}, false, dwMilliseconds,
                                                 bAlertable ? ThreadState::AlertableWait : ThreadState::Sleeping, what,
                                                 bAlertable != FALSE);
    return outcome.apcs_ran ? call.returns_wait(WAIT_IO_COMPLETION, 1) : call.returns_dword(0, false);
}

extern "C" DWORD WINAPI WaitForSingleObjectEx(HANDLE hHandle, DWORD dwMilliseconds, BOOL bAlertable) {
    ApiCall call("WaitForSingleObjectEx", [&] {
        return fmt::format("{}, {}, {}", handle_argument("hHandle", 0, hHandle),
                           timeout_argument("dwMilliseconds", dwMilliseconds), bool_argument("bAlertable", bAlertable));
    });
    return wait_for_handle(call, "WaitForSingleObjectEx", 0, hHandle, dwMilliseconds, bAlertable != FALSE);
}

extern "C" DWORD WINAPI WaitForMultipleObjectsEx(DWORD nCount, CONST HANDLE* lpHandles, BOOL bWaitAll,
                                                 DWORD dwMilliseconds, BOOL bAlertable) {
    ApiCall call("WaitForMultipleObjectsEx", [&] {
        return fmt::format("nCount={}, {}, {}, {}, {}", nCount, pointer_argument("lpHandles", 1, lpHandles),
                           bool_argument("bWaitAll", bWaitAll), timeout_argument("dwMilliseconds", dwMilliseconds),
                           bool_argument("bAlertable", bAlertable));
    });
    return wait_for_handles(call, "WaitForMultipleObjectsEx", nCount, lpHandles, bWaitAll, dwMilliseconds,
                            bAlertable != FALSE);
}

extern "C" DWORD WINAPI SignalObjectAndWait(HANDLE hObjectToSignal, HANDLE hObjectToWaitOn, DWORD dwMilliseconds,
                                            BOOL bAlertable) {
    ApiCall call("SignalObjectAndWait", [&] {
        return fmt::format("{}, {}, {}, {}", handle_argument("hObjectToSignal", 0, hObjectToSignal),
                           handle_argument("hObjectToWaitOn", 1, hObjectToWaitOn),
                           timeout_argument("dwMilliseconds", dwMilliseconds), bool_argument("bAlertable", bAlertable));
    });
    // Both handles are checked before anything is signalled. Only events can be signalled here
    // (the lab has no mutexes or semaphores); another kind is a type mismatch, as on Windows.
    std::shared_ptr<KernelObject> to_signal = lookup_handle(hObjectToSignal);
    std::shared_ptr<EventObject> event = std::dynamic_pointer_cast<EventObject>(to_signal);
    if (!event || !lookup_handle(hObjectToWaitOn)) {
        set_last_error(ERROR_INVALID_HANDLE);
        return call.returns_wait(WAIT_FAILED, 1);
    }
    {
        std::lock_guard lock(kernel_mutex());
        event->set_signalled(true, "SignalObjectAndWait");
    }
    // Windows: the signal happens even when the wait then returns WAIT_IO_COMPLETION.
    return wait_for_handle(call, "SignalObjectAndWait", 1, hObjectToWaitOn, dwMilliseconds, bAlertable != FALSE);
}
