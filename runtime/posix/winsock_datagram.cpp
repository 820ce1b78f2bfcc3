// sendto, recvfrom, WSASendTo, WSARecvFrom: the transfers of winsock_transfer.cpp with an address
// (docs/windows-rules.md §21). On a TCP socket the address is ignored, as Windows ignores it.
#include <winsock2.h>

#include <fmt/format.h>

#include "api_call.h"
#include "ovlab/callsite.h"
#include "socket.h"
#include "trace_hooks.h"
#include "winsock_arguments.h"
#include "winsock_transfer.h"

namespace ovlab::posix {
namespace {

std::string to_argument(size_t index, const sockaddr* to, int tolen) {
    return fmt::format("{}, iTolen={}", address_argument("lpTo", index, to, tolen), tolen);
}

std::string from_argument(size_t index, const sockaddr* from, const INT* fromlen) {
    return fmt::format("{}, {}", pointer_argument("lpFrom", index, from), pointer_argument("lpFromlen", index + 1, fromlen));
}

}  // namespace
}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" int WSAAPI WSASendTo(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent,
                                DWORD dwFlags, const struct sockaddr* lpTo, int iTolen, LPWSAOVERLAPPED lpOverlapped,
                                LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
    WsaTransfer t{true, s, lpBuffers, dwBufferCount, lpNumberOfBytesSent, dwFlags, lpOverlapped, lpCompletionRoutine};
    t.api = "WSASendTo";
    t.to = lpTo;
    t.to_length = iTolen;
    if (tracing() && lpCompletionRoutine) t.routine_name = ovlab::callsite_argument(8);
    ApiCall call("WSASendTo", [&] {
        return wsa_arguments(t, "lpNumberOfBytesSent", fmt::format("dwFlags={}", message_flags(dwFlags)),
                             to_argument(5, lpTo, iTolen));
    });
    return call.returns_int(wsa_result(wsa_transfer(t, call.tracing())));
}

extern "C" int WSAAPI WSARecvFrom(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesRecvd,
                                  LPDWORD lpFlags, struct sockaddr* lpFrom, int* lpFromlen,
                                  LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
    WsaTransfer t{false, s, lpBuffers, dwBufferCount, lpNumberOfBytesRecvd, lpFlags ? *lpFlags : 0, lpOverlapped,
                  lpCompletionRoutine};
    t.api = "WSARecvFrom";
    t.from = lpFrom;
    t.from_length = lpFromlen;
    if (tracing() && lpCompletionRoutine) t.routine_name = ovlab::callsite_argument(8);
    ApiCall call("WSARecvFrom", [&] {
        const std::string shown = pointer_argument("lpFlags", 4, lpFlags);
        const std::string flags = lpFlags ? fmt::format("{} ({})", shown, message_flags(*lpFlags)) : shown;
        return wsa_arguments(t, "lpNumberOfBytesRecvd", flags, from_argument(5, lpFrom, lpFromlen));
    });
    if (!lpFlags) return call.returns_int(wsa_fail(WSAEFAULT));
    const int result = wsa_transfer(t, call.tracing());
    // A whole datagram: nothing partial or out-of-band to report.
    if (result == 0) *lpFlags = 0;
    return call.returns_int(wsa_result(result));
}

extern "C" int WSAAPI sendto(SOCKET s, const char* buf, int len, int flags, const struct sockaddr* to, int tolen) {
    ApiCall call("sendto", [&] {
        return fmt::format("{}, {}, len={}, flags={}, {}", socket_argument("s", 0, s), pointer_argument("buf", 1, buf), len,
                           message_flags(static_cast<DWORD>(flags)), address_argument("to", 4, to, tolen));
    });
    WsaTransfer t{true, s};
    t.flags = static_cast<DWORD>(flags);
    t.api = "sendto";
    t.to = to;
    t.to_length = tolen;
    // The kernel only reads the buffer of a send; the transfer type is shared with receives.
    return call.returns_int(wsa_result(simple_transfer(t, const_cast<char*>(buf), len, call.tracing())));
}

extern "C" int WSAAPI recvfrom(SOCKET s, char* buf, int len, int flags, struct sockaddr* from, int* fromlen) {
    ApiCall call("recvfrom", [&] {
        return fmt::format("{}, {}, len={}, flags={}, {}, {}", socket_argument("s", 0, s), pointer_argument("buf", 1, buf),
                           len, message_flags(static_cast<DWORD>(flags)), pointer_argument("from", 4, from),
                           pointer_argument("fromlen", 5, fromlen));
    });
    WsaTransfer t{false, s};
    t.flags = static_cast<DWORD>(flags);
    t.api = "recvfrom";
    t.from = from;
    t.from_length = fromlen;
    return call.returns_int(wsa_result(simple_transfer(t, buf, len, call.tracing())));
}
