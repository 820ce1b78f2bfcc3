// GetOverlappedResult(Ex): reads the result a request left in its OVERLAPPED, waiting for it if asked.
#include <fmt/format.h>

#include "api_call.h"
#include "handle_table.h"
#include "last_error.h"
#include "ovlab/callsite.h"
#include "ovlab/status_codes.h"
#include "trace_hooks.h"
#include "wait.h"

namespace ovlab::posix {
namespace {

uint32_t status_of(const OVERLAPPED* overlapped) {
    return static_cast<uint32_t>(__atomic_load_n(&overlapped->Internal, __ATOMIC_ACQUIRE));
}

// NT_SUCCESS: success and informational statuses; warnings (0x8...) and errors (0xC...) fail.
// `timeout_ms` 0 does not wait (bWait FALSE); Ex adds a finite time-out and alertability.
BOOL get_overlapped_result(HANDLE file, LPOVERLAPPED overlapped, LPDWORD transferred, DWORD timeout_ms, bool alertable,
                           bool tracing) {
    if (!overlapped || !transferred) return fail(ERROR_INVALID_PARAMETER);
    observe_overlapped(overlapped);
    uint32_t status = status_of(overlapped);
    // Windows checks Internal first: a finished request returns at once, without touching the
    // event (an auto-reset event stays signalled) and without looking at hFile.
    if (status == kStatusPending) {
        if (timeout_ms == 0) return fail(ERROR_IO_INCOMPLETE);
        // The request signals hEvent when it has one, otherwise the file handle.
        HANDLE waitable = overlapped->hEvent
                              ? reinterpret_cast<HANDLE>(handle_value(overlapped->hEvent) & ~uint64_t{1})
                              : file;
        std::shared_ptr<KernelObject> object = lookup_handle(waitable);
        if (!object) return fail(ERROR_INVALID_HANDLE);
        std::string what;
        if (tracing) {
            const std::string name = callsite_argument(1);
            what = fmt::format("GetOverlappedResult{}({}: {} 0x{:X})", alertable ? "Ex" : "",
                               name.empty() ? "OVERLAPPED" : name, overlapped->hEvent ? "hEvent" : "hFile",
                               handle_value(waitable));
        }
        const WaitOutcome outcome =
            wait_for_objects({object}, false, timeout_ms,
                             alertable ? trace::ThreadState::AlertableWait : trace::ThreadState::Waiting, what, alertable);
        // Ex: the time-out elapsed (258), or APCs ran (WAIT_IO_COMPLETION); the request still runs.
        if (outcome.timed_out) return fail(WAIT_TIMEOUT);
        if (outcome.apcs_ran) return fail(WAIT_IO_COMPLETION);
        // Windows reads Internal again and treats a request still pending (the event was set by
        // someone else) as success: the classic auto-reset pitfall, reproduced.
        status = status_of(overlapped);
    }
    *transferred = static_cast<DWORD>(__atomic_load_n(&overlapped->InternalHigh, __ATOMIC_RELAXED));
    if (!nt_success(status)) return fail(ntstatus_to_win32_error(status));
    return TRUE;
}

}  // namespace
}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" BOOL WINAPI GetOverlappedResult(HANDLE hFile, LPOVERLAPPED lpOverlapped, LPDWORD lpNumberOfBytesTransferred,
                                           BOOL bWait) {
    ApiCall call("GetOverlappedResult", [&] {
        return fmt::format("{}, {}, {}, {}", handle_argument("hFile", 0, hFile),
                           overlapped_argument("lpOverlapped", 1, lpOverlapped),
                           pointer_argument("lpNumberOfBytesTransferred", 2, lpNumberOfBytesTransferred),
                           bool_argument("bWait", bWait));
    });
    return call.returns_bool(get_overlapped_result(hFile, lpOverlapped, lpNumberOfBytesTransferred,
                                                   bWait ? INFINITE : 0, false, call.tracing()));
}

extern "C" BOOL WINAPI GetOverlappedResultEx(HANDLE hFile, LPOVERLAPPED lpOverlapped, LPDWORD lpNumberOfBytesTransferred,
                                             DWORD dwMilliseconds, BOOL bAlertable) {
    ApiCall call("GetOverlappedResultEx", [&] {
        return fmt::format("{}, {}, {}, {}, {}", handle_argument("hFile", 0, hFile),
                           overlapped_argument("lpOverlapped", 1, lpOverlapped),
                           pointer_argument("lpNumberOfBytesTransferred", 2, lpNumberOfBytesTransferred),
                           timeout_argument("dwMilliseconds", dwMilliseconds), bool_argument("bAlertable", bAlertable));
    });
    return call.returns_bool(get_overlapped_result(hFile, lpOverlapped, lpNumberOfBytesTransferred, dwMilliseconds,
                                                   bAlertable != FALSE, call.tracing()));
}
