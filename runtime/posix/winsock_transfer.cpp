// send, recv, WSASend, WSARecv (docs/windows-rules.md §3-4, §11, §13).
//
// An overlapped WSASend/WSARecv has exactly three outcomes: 0 (completed now: the data moved,
// the fields are final, and every notification still happens), SOCKET_ERROR + WSA_IO_PENDING
// (everything happens later), or SOCKET_ERROR + another error (nothing will happen).
#include <winsock2.h>
#include <ws2tcpip.h>

#include <fmt/format.h>

#include "api_call.h"
#include "handle_table.h"
#include "io_request.h"
#include "last_error.h"
#include "network_events.h"
#include "ovlab/callsite.h"
#include "ovlab/status_codes.h"
#include "socket.h"
#include "trace_hooks.h"
#include "winsock_arguments.h"
#include "winsock_transfer.h"

namespace ovlab::posix {
namespace {

using trace::OverlappedField;

StreamTransfer stream_transfer(const WsaTransfer& t, const SocketObject& socket) {
    StreamTransfer transfer;
    transfer.datagram = socket.datagram();
    for (DWORD i = 0; i < t.count; ++i) transfer.buffers.push_back({t.buffers[i].buf, t.buffers[i].len});
    transfer.peek = !t.send && (t.flags & MSG_PEEK);
    transfer.wait_all = !t.send && (t.flags & MSG_WAITALL);
    transfer.out_of_band = (t.flags & MSG_OOB) != 0;
    transfer.keep_alive = t.keep_alive;
    transfer.always_pends = t.always_pends;
    // A zero-byte receive waits for data and consumes none (the readiness idiom of IOCP servers).
    // On UDP it takes a datagram like any receive.
    if (t.send) transfer.kind = StreamOpKind::Send;
    else if (transfer.total_length() == 0 && !transfer.datagram) transfer.kind = StreamOpKind::WaitReadable;
    else transfer.kind = StreamOpKind::Receive;
    return transfer;
}

// The datagram parts of a UDP request, checked as Windows checks them when it is issued: 0 or a
// Winsock error.
int add_datagram_addresses(const WsaTransfer& t, const SocketObject& socket, StreamTransfer& transfer) {
    const SocketObject::State state = socket.state();
    if (t.send && t.to) {
        if (const int error = net::address_from_windows(t.to, t.to_length, transfer.address)) return error;
        if (net::windows_family(transfer.address) != socket.family()) return WSAEFAULT;
    } else if (t.send && !state.connected) {
        return state.bound ? WSAENOTCONN : WSAEINVAL;
    }
    if (t.send) return 0;
    if (!state.bound) return WSAEINVAL;  // nothing can arrive at a socket with no address
    transfer.ignore_port_unreachable = !state.report_port_unreachable;
    if (!t.from) return 0;
    const int needed = socket.family() == AF_INET6 ? sizeof(SOCKADDR_IN6) : sizeof(SOCKADDR_IN);
    if (!t.from_length || *t.from_length < needed) return WSAEFAULT;
    transfer.received_from = [from = t.from, from_length = t.from_length](const net::Address& sender) {
        net::write_windows_address(sender, from);
        *from_length = net::windows_address_length(sender);
    };
    return 0;
}

// ws2_32's completion routine call: the Winsock error (10054 for a reset), the bytes, the request's
// own OVERLAPPED and the flags (always 0 on a TCP stream).
CompletionRoutineCall routine_call(const WsaTransfer& t) {
    return [routine = t.routine, overlapped = t.overlapped](uint32_t status, uint64_t bytes) {
        routine(ntstatus_to_wsa_error(status), static_cast<DWORD>(bytes), overlapped, 0);
    };
}

int fail_with_status(uint32_t status) { return wsa_fail(static_cast<int>(ntstatus_to_wsa_error(status))); }

int issue_overlapped(const WsaTransfer& t, const std::shared_ptr<SocketObject>& socket, StreamTransfer transfer) {
    auto request = std::make_unique<IoRequest>();
    request->operation = t.send ? IoOperation::Send : IoOperation::Receive;
    request->file = socket;
    request->overlapped = t.overlapped;
    if (t.routine) {
        // A socket bound to a completion port reports there; a routine as well would be two channels.
        std::lock_guard lock(kernel_mutex());
        if (socket->completion_port) return wsa_fail(WSAEINVAL);
    }
    if (t.routine) {
        request->routine = routine_call(t);
        request->routine_text = t.routine_name.empty() ? fmt::format("{} completion routine", t.api)
                                                       : fmt::format("{} completion routine: {}", t.api, t.routine_name);
    } else if (t.overlapped->hEvent) {
        // The low bit of hEvent only says "no completion-port packet"; the event is the rest.
        const auto event_handle = reinterpret_cast<HANDLE>(handle_value(t.overlapped->hEvent) & ~uint64_t{1});
        request->event = lookup_handle_as<EventObject>(event_handle);
        if (!request->event) return wsa_fail(WSA_INVALID_HANDLE);
    }
    // The provider marks the OVERLAPPED pending before the request starts; an immediate failure
    // leaves it so (Internal means nothing then: use the error).
    observe_overlapped(t.overlapped);
    {
        std::lock_guard lock(kernel_mutex());
        write_overlapped_field(t.overlapped, OverlappedField::Internal, STATUS_PENDING);
    }
    const IssueOutcome outcome = StreamObject::issue(socket, std::move(transfer), std::move(request));
    switch (outcome.kind) {
        case IssueOutcome::Kind::Completed:
            // A datagram cut short completed too (every notification happens) but reports WSAEMSGSIZE.
            if (!nt_success(outcome.status)) return fail_with_status(outcome.status);
            if (t.transferred) *t.transferred = static_cast<DWORD>(outcome.bytes);
            return 0;
        case IssueOutcome::Kind::Pending: return wsa_fail(WSA_IO_PENDING);
        case IssueOutcome::Kind::Failed: break;
    }
    return fail_with_status(outcome.status);
}

// A socket made without WSA_FLAG_OVERLAPPED ignores the OVERLAPPED as a way to notify, but the
// provider still uses it as the request's status block: once the blocking call is done it holds
// the status and the byte count (docs/windows-rules.md §13).
void fill_after_blocking(LPWSAOVERLAPPED overlapped, uint32_t status, uint64_t bytes) {
    observe_overlapped(overlapped);
    std::lock_guard lock(kernel_mutex());
    write_overlapped_field(overlapped, OverlappedField::Internal, status);
    write_overlapped_field(overlapped, OverlappedField::InternalHigh, bytes);
}

int transfer_blocking(const WsaTransfer& t, const std::shared_ptr<SocketObject>& socket, const StreamTransfer& transfer,
                      bool tracing) {
    const SocketObject::State state = socket->state();
    uint32_t status = 0;
    uint64_t bytes = 0;
    if (state.nonblocking) {
        const IssueOutcome outcome = StreamObject::try_now(socket, transfer);
        status = outcome.status;
        bytes = outcome.bytes;
    } else {
        const std::string what =
            !tracing ? ""
            : t.send ? fmt::format("{}(0x{:X}) waits for room in the send buffer", t.api, t.s)
                     : fmt::format("{}(0x{:X}) waits for data", t.api, t.s);
        // Winsock waits alertably: an APC queued to the thread runs, and the call goes on (§13).
        const BlockingOutcome outcome = StreamObject::run_blocking(
            socket, transfer, t.send ? (state.send_timeout ? state.send_timeout : INFINITE)
                                     : (state.receive_timeout ? state.receive_timeout : INFINITE),
            what, true);
        status = outcome.status;
        bytes = outcome.bytes;
        if (t.overlapped) fill_after_blocking(t.overlapped, status, bytes);
    }
    if (!nt_success(status)) return wsa_fail(blocking_call_error(*socket, status));
    if (t.transferred) *t.transferred = static_cast<DWORD>(bytes);
    return 0;
}

// WSAEventSelect: any receive re-enables FD_READ, a send refused with WSAEWOULDBLOCK FD_WRITE (§20).
int reenabling(const SocketObject& socket, bool send, int result) {
    if (!send) reenable_network_event(socket, kFdRead);
    else if (result == SOCKET_ERROR && last_error() == WSAEWOULDBLOCK) reenable_network_event(socket, kFdWrite);
    return result;
}

// A UDP socket a datagram was sent from has an address now (the system picked it).
int sent_from(SocketObject& socket, int result) {
    if (socket.datagram() && (result == 0 || last_error() == WSA_IO_PENDING))
        socket.update([](SocketObject::State& state) { state.bound = true; });
    return result;
}

}  // namespace

int wsa_transfer(const WsaTransfer& t, bool tracing) {
    if (!winsock_started()) return wsa_fail(WSANOTINITIALISED);
    std::shared_ptr<SocketObject> socket = lookup_socket(t.s);
    if (!socket) return wsa_fail(WSAENOTSOCK);
    if (!t.buffers) return wsa_fail(WSAEFAULT);
    if (t.count == 0) return wsa_fail(WSAEINVAL);
    const SocketObject::State state = socket->state();
    if (t.send ? state.send_shut : state.receive_shut) return wsa_fail(WSAESHUTDOWN);
    StreamTransfer transfer = stream_transfer(t, *socket);
    if (socket->datagram())
        if (const int error = add_datagram_addresses(t, *socket, transfer)) return wsa_fail(error);
    // Windows: a non-overlapped socket blocks, and never queues the routine or a packet.
    const int result = socket->overlapped() && t.overlapped ? issue_overlapped(t, socket, std::move(transfer))
                                                            : transfer_blocking(t, socket, transfer, tracing);
    return reenabling(*socket, t.send, t.send ? sent_from(*socket, result) : result);
}

std::string wsa_arguments(const WsaTransfer& t, const char* count_name, const std::string& flags,
                          const std::string& address) {
    uint64_t total = 0;
    for (DWORD i = 0; t.buffers && i < t.count; ++i) total += t.buffers[i].len;
    // WSASendTo and WSARecvFrom have two address parameters before lpOverlapped.
    const size_t overlapped_index = address.empty() ? 5 : 7;
    return fmt::format("{}, {}, dwBufferCount={}, {}, {}{}, {}, lpCompletionRoutine={}", socket_argument("s", 0, t.s),
                       buffers_argument(1, t.count, total), t.count, pointer_argument(count_name, 3, t.transferred),
                       flags, address.empty() ? "" : ", " + address,
                       overlapped_argument("lpOverlapped", overlapped_index, t.overlapped),
                       t.routine ? (t.routine_name.empty() ? "routine" : t.routine_name) : "NULL");
}

int simple_transfer(WsaTransfer t, char* buf, int len, bool tracing) {
    if (len < 0) return wsa_fail(WSAEINVAL);
    if (!buf && len > 0) return wsa_fail(WSAEFAULT);
    WSABUF buffer{static_cast<ULONG>(len), buf};
    DWORD done = 0;
    t.buffers = &buffer;
    t.count = 1;
    t.transferred = &done;
    t.overlapped = nullptr;  // never overlapped: wsa_transfer blocks
    if (wsa_transfer(t, tracing) != 0) return SOCKET_ERROR;
    return static_cast<int>(done);
}

}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" int WSAAPI WSARecv(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesRecvd,
                              LPDWORD lpFlags, LPWSAOVERLAPPED lpOverlapped,
                              LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
    WsaTransfer t{false, s, lpBuffers, dwBufferCount, lpNumberOfBytesRecvd, lpFlags ? *lpFlags : 0, lpOverlapped,
                  lpCompletionRoutine};
    if (tracing() && lpCompletionRoutine) t.routine_name = ovlab::callsite_argument(6);
    ApiCall call("WSARecv", [&] {
        const std::string shown = pointer_argument("lpFlags", 4, lpFlags);
        const std::string flags = lpFlags ? fmt::format("{} ({})", shown, message_flags(*lpFlags)) : shown;
        return wsa_arguments(t, "lpNumberOfBytesRecvd", flags);
    });
    if (!lpFlags) return call.returns_int(wsa_fail(WSAEFAULT));
    const int result = wsa_transfer(t, call.tracing());
    // On a stream, nothing is ever partial or out-of-band: the flags come back 0.
    if (result == 0) *lpFlags = 0;
    return call.returns_int(wsa_result(result));
}

extern "C" int WSAAPI WSASend(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent,
                              DWORD dwFlags, LPWSAOVERLAPPED lpOverlapped,
                              LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
    WsaTransfer t{true, s, lpBuffers, dwBufferCount, lpNumberOfBytesSent, dwFlags, lpOverlapped, lpCompletionRoutine};
    t.api = "WSASend";
    if (tracing() && lpCompletionRoutine) t.routine_name = ovlab::callsite_argument(6);
    ApiCall call("WSASend", [&] {
        return wsa_arguments(t, "lpNumberOfBytesSent", fmt::format("dwFlags={}", message_flags(dwFlags)));
    });
    return call.returns_int(wsa_result(wsa_transfer(t, call.tracing())));
}

extern "C" int WSAAPI recv(SOCKET s, char* buf, int len, int flags) {
    ApiCall call("recv", [&] {
        return fmt::format("{}, {}, len={}, flags={}", socket_argument("s", 0, s), pointer_argument("buf", 1, buf), len,
                           message_flags(static_cast<DWORD>(flags)));
    });
    WsaTransfer t{false, s};
    t.flags = static_cast<DWORD>(flags);
    t.api = "recv";
    return call.returns_int(wsa_result(simple_transfer(t, buf, len, call.tracing())));
}

extern "C" int WSAAPI send(SOCKET s, const char* buf, int len, int flags) {
    ApiCall call("send", [&] {
        return fmt::format("{}, {}, len={}, flags={}", socket_argument("s", 0, s), pointer_argument("buf", 1, buf), len,
                           message_flags(static_cast<DWORD>(flags)));
    });
    // The kernel only reads the buffer of a send; the transfer type is shared with receives.
    WsaTransfer t{true, s};
    t.flags = static_cast<DWORD>(flags);
    t.api = "send";
    return call.returns_int(wsa_result(simple_transfer(t, const_cast<char*>(buf), len, call.tracing())));
}
