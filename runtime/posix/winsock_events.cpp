// Winsock's event and result calls: WSACreateEvent, WSACloseEvent, WSASetEvent, WSAResetEvent,
// WSAWaitForMultipleEvents, WSAGetOverlappedResult. WSAEVENT is an ordinary manual-reset event
// handle and the waits are the ordinary waits; WSAGetOverlappedResult reads the same OVERLAPPED
// as GetOverlappedResult but reports Winsock numbers (a reset: 10054 where GetOverlappedResult
// says 64).
#include <winsock2.h>

#include <fmt/format.h>

#include "api_call.h"
#include "event.h"
#include "handle_table.h"
#include "last_error.h"
#include "ovlab/callsite.h"
#include "ovlab/status_codes.h"
#include "socket.h"
#include "trace_hooks.h"
#include "wait.h"
#include "winsock_arguments.h"

namespace ovlab::posix {
namespace {

BOOL change_event(WSAEVENT handle, bool signalled, const char* reason) {
    std::shared_ptr<EventObject> event = lookup_handle_as<EventObject>(handle);
    if (!event) return fail(WSA_INVALID_HANDLE);
    std::lock_guard lock(kernel_mutex());
    event->set_signalled(signalled, reason);
    return TRUE;
}

uint32_t status_of(const OVERLAPPED* overlapped) {
    return static_cast<uint32_t>(__atomic_load_n(&overlapped->Internal, __ATOMIC_ACQUIRE));
}

BOOL get_result(SOCKET s, LPWSAOVERLAPPED overlapped, LPDWORD transferred, BOOL wait, LPDWORD flags, bool tracing) {
    if (!winsock_started()) return fail(WSANOTINITIALISED);
    std::shared_ptr<SocketObject> socket = lookup_socket(s);
    // A DuplicateHandle copy names the socket, but is not a SOCKET Winsock handed out (§13).
    if (!socket || !is_socket_value(s)) return fail(WSAENOTSOCK);
    if (!overlapped || !transferred || !flags) return fail(WSAEFAULT);
    observe_overlapped(overlapped);
    uint32_t status = status_of(overlapped);
    if (status == kStatusPending) {
        if (!wait) return fail(WSA_IO_INCOMPLETE);
        // Meant for event-based requests: waits on hEvent, or on the socket when it is NULL.
        std::shared_ptr<KernelObject> waitable =
            overlapped->hEvent ? lookup_handle(reinterpret_cast<HANDLE>(handle_value(overlapped->hEvent) & ~uint64_t{1}))
                               : socket;
        if (!waitable) return fail(WSA_INVALID_HANDLE);
        std::string what;
        if (tracing) {
            const std::string name = callsite_argument(1);
            what = fmt::format("WSAGetOverlappedResult({}: {})", name.empty() ? "WSAOVERLAPPED" : name,
                               overlapped->hEvent ? "hEvent" : "the socket");
        }
        wait_for_objects({waitable}, false, INFINITE, trace::ThreadState::Waiting, what);
        status = status_of(overlapped);
    }
    *transferred = static_cast<DWORD>(__atomic_load_n(&overlapped->InternalHigh, __ATOMIC_RELAXED));
    // A TCP stream has no MSG_PARTIAL or MSG_OOB results; a datagram cut short reports no
    // MSG_PARTIAL either (§21).
    *flags = 0;
    if (!nt_success(status)) return fail(ntstatus_to_wsa_error(status));
    return TRUE;
}

}  // namespace
}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" WSAEVENT WSAAPI WSACreateEvent(void) {
    ApiCall call("WSACreateEvent", [] { return std::string(); });
    // Manual reset, not signalled: WSAResetEvent (or the next request) resets it. Like CreateEvent,
    // success clears the last error (docs/windows-rules.md §5).
    const HANDLE event = insert_handle(std::make_shared<EventObject>(true, false, std::string()));
    set_last_error(ERROR_SUCCESS);
    return call.returns_handle(event);
}

extern "C" BOOL WSAAPI WSACloseEvent(WSAEVENT hEvent) {
    ApiCall call("WSACloseEvent", [&] { return handle_argument("hEvent", 0, hEvent); });
    if (!lookup_handle_as<EventObject>(hEvent) || !close_handle(hEvent)) return call.returns_bool(fail(WSA_INVALID_HANDLE));
    return call.returns_bool(TRUE);
}

extern "C" BOOL WSAAPI WSASetEvent(WSAEVENT hEvent) {
    ApiCall call("WSASetEvent", [&] { return handle_argument("hEvent", 0, hEvent); });
    return call.returns_bool(change_event(hEvent, true, "WSASetEvent"));
}

extern "C" BOOL WSAAPI WSAResetEvent(WSAEVENT hEvent) {
    ApiCall call("WSAResetEvent", [&] { return handle_argument("hEvent", 0, hEvent); });
    return call.returns_bool(change_event(hEvent, false, "WSAResetEvent"));
}

extern "C" DWORD WSAAPI WSAWaitForMultipleEvents(DWORD cEvents, const WSAEVENT* lphEvents, BOOL fWaitAll,
                                                 DWORD dwTimeout, BOOL fAlertable) {
    ApiCall call("WSAWaitForMultipleEvents", [&] {
        return fmt::format("cEvents={}, {}, {}, {}, {}", cEvents, pointer_argument("lphEvents", 1, lphEvents),
                           bool_argument("fWaitAll", fWaitAll), timeout_argument("dwTimeout", dwTimeout),
                           bool_argument("fAlertable", fAlertable));
    });
    // WaitForMultipleObjectsEx underneath, as in ws2_32: WSA_WAIT_IO_COMPLETION is WAIT_IO_COMPLETION.
    return wait_for_handles(call, "WSAWaitForMultipleEvents", cEvents, lphEvents, fWaitAll, dwTimeout,
                            fAlertable != FALSE);
}

extern "C" BOOL WSAAPI WSAGetOverlappedResult(SOCKET s, LPWSAOVERLAPPED lpOverlapped, LPDWORD lpcbTransfer,
                                              BOOL fWait, LPDWORD lpdwFlags) {
    ApiCall call("WSAGetOverlappedResult", [&] {
        return fmt::format("{}, {}, {}, {}, {}", socket_argument("s", 0, s),
                           overlapped_argument("lpOverlapped", 1, lpOverlapped),
                           pointer_argument("lpcbTransfer", 2, lpcbTransfer), bool_argument("fWait", fWait),
                           pointer_argument("lpdwFlags", 4, lpdwFlags));
    });
    return call.returns_bool(get_result(s, lpOverlapped, lpcbTransfer, fWait, lpdwFlags, call.tracing()));
}
