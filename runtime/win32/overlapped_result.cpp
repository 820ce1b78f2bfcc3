// GetOverlappedResult: the real call, except that its wait (bWait TRUE on a pending request) is
// made by us on the same object, so the stepper can hand the turn on and a reset can end it.
#include <fmt/format.h>

#include "api_call.h"
#include "overlapped_watch.h"
#include "ovlab/callsite.h"
#include "ovlab/status_codes.h"
#include "ovlab/win32_traced.h"
#include "wait.h"

namespace ovlab::win32 {
namespace {

bool pending(const OVERLAPPED* overlapped) { return static_cast<DWORD>(overlapped->Internal) == kStatusPending; }

}  // namespace

BOOL Traced<"GetOverlappedResult">::call(decltype(&::GetOverlappedResult), HANDLE hFile, LPOVERLAPPED lpOverlapped,
                                         LPDWORD lpNumberOfBytesTransferred, BOOL bWait) {
    ApiCall call("GetOverlappedResult", [&] {
        return fmt::format("{}, {}, {}, {}", handle_argument("hFile", 0, hFile),
                           overlapped_argument("lpOverlapped", 1, lpOverlapped),
                           pointer_argument("lpNumberOfBytesTransferred", 2, lpNumberOfBytesTransferred),
                           bool_argument("bWait", bWait));
    });
    observe_overlapped(lpOverlapped);
    if (lpOverlapped && lpNumberOfBytesTransferred && bWait && pending(lpOverlapped)) {
        // GetOverlappedResult waits on hEvent, or on the file handle when hEvent is NULL.
        HANDLE waitable = lpOverlapped->hEvent ? lpOverlapped->hEvent : hFile;
        std::string what;
        if (call.tracing()) {
            const std::string name = callsite_argument(1);
            what = fmt::format("GetOverlappedResult({}: {} 0x{:X})", name.empty() ? "OVERLAPPED" : name,
                               lpOverlapped->hEvent ? "hEvent" : "hFile", reinterpret_cast<uint64_t>(waitable));
        }
        const WaitResult wait = blocking_wait(call, trace::ThreadState::Waiting, what, 1, &waitable, FALSE, INFINITE);
        if (wait.result == WAIT_FAILED) return call.returns_bool(FALSE, wait.error);
        if (pending(lpOverlapped)) {
            // The object was signalled by something other than this request (an auto-reset event
            // whose signal another wait took, then someone set it). GetOverlappedResult does not
            // wait twice: it reports success with InternalHigh as the count. Calling the real
            // function now would wait again, so its answer is given here.
            *lpNumberOfBytesTransferred = static_cast<DWORD>(lpOverlapped->InternalHigh);
            return call.returns_bool(TRUE, GetLastError());
        }
    }
    // Internal is final (or bWait is FALSE): the real call answers without waiting.
    const BOOL ok = ::GetOverlappedResult(hFile, lpOverlapped, lpNumberOfBytesTransferred, bWait);
    return call.returns_bool(ok, GetLastError());
}

}  // namespace ovlab::win32
