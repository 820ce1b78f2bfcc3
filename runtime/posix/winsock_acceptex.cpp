// AcceptEx, GetAcceptExSockaddrs, ConnectEx: the overlapped connection calls of mswsock.
//
// AcceptEx's output buffer holds, in order, the first data received (dwReceiveDataLength bytes),
// then the local and the remote address blocks. Each block is an int (the address length) followed
// by the address; only GetAcceptExSockaddrs reads them, as on Windows, where the layout is
// private too.
#include <winsock2.h>
#include <mswsock.h>
#include <ws2ipdef.h>

#include <cstring>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "api_call.h"
#include "handle_table.h"
#include "io_request.h"
#include "last_error.h"
#include "network_events.h"
#include "ovlab/status_codes.h"
#include "socket.h"
#include "trace_hooks.h"
#include "winsock_arguments.h"
#include "winsock_extensions.h"

namespace ovlab::posix {
namespace {

using trace::OverlappedField;

void write_address_block(char* block, const net::Address& address) {
    const int length = net::windows_address_length(address);
    std::memcpy(block, &length, sizeof length);
    net::write_windows_address(address, block + sizeof length);
}

// mswsock marks the OVERLAPPED pending before it asks the provider anything, so a call that then
// fails at once leaves Internal at STATUS_PENDING (docs/windows-rules.md §13).
void mark_pending(LPOVERLAPPED overlapped) {
    observe_overlapped(overlapped);
    std::lock_guard lock(kernel_mutex());
    write_overlapped_field(overlapped, OverlappedField::Internal, STATUS_PENDING);
}

// What AcceptEx and ConnectEx share: the request on `socket`, through its three outcomes.
BOOL issue_connection_request(const std::shared_ptr<SocketObject>& socket, IoOperation operation,
                              StreamTransfer transfer, LPOVERLAPPED overlapped, LPDWORD bytes_out,
                              const SocketObject* accept_target = nullptr) {
    auto request = std::make_unique<IoRequest>();
    request->operation = operation;
    request->accept_target = accept_target;
    request->file = socket;
    request->overlapped = overlapped;
    if (overlapped->hEvent) {
        const auto event_handle = reinterpret_cast<HANDLE>(handle_value(overlapped->hEvent) & ~uint64_t{1});
        request->event = lookup_handle_as<EventObject>(event_handle);
        if (!request->event) return fail(WSA_INVALID_HANDLE);
    }
    const IssueOutcome outcome = StreamObject::issue(socket, std::move(transfer), std::move(request));
    switch (outcome.kind) {
        case IssueOutcome::Kind::Completed:
            if (bytes_out) *bytes_out = static_cast<DWORD>(outcome.bytes);
            return TRUE;
        case IssueOutcome::Kind::Pending: return fail(ERROR_IO_PENDING);
        case IssueOutcome::Kind::Failed: break;
    }
    return fail(ntstatus_to_wsa_error(outcome.status));
}

BOOL accept_ex(SOCKET listen_socket, SOCKET accept_socket, PVOID buffer, DWORD data_length, DWORD local_length,
               DWORD remote_length, LPDWORD received, LPOVERLAPPED overlapped) {
    if (!winsock_started()) return fail(WSANOTINITIALISED);
    if (!overlapped) return fail(WSA_INVALID_PARAMETER);
    mark_pending(overlapped);
    std::shared_ptr<SocketObject> listener = lookup_socket(listen_socket);
    std::shared_ptr<SocketObject> target = lookup_socket(accept_socket);
    if (!listener || !target) return fail(WSAENOTSOCK);
    if (!listener->state().listening) return fail(WSAEINVAL);
    const SocketObject::State target_state = target->state();
    if (target_state.bound || target_state.connected) return fail(WSAEINVAL);
    if (!buffer || remote_length == 0) return fail(WSAEFAULT);
    char* output = static_cast<char*>(buffer);
    StreamTransfer transfer;
    transfer.kind = StreamOpKind::Accept;
    // Each address block needs 16 bytes more than the largest address of the family; a local
    // block of 0 bytes asks for no local address. A block too small is no reason to fail now:
    // the request pends and fails when a client connects, leaving that connection to the next
    // accept (docs/windows-rules.md §13).
    const DWORD needed = (listener->family() == AF_INET6 ? sizeof(SOCKADDR_IN6) : sizeof(SOCKADDR_IN)) + 16;
    if ((local_length != 0 && local_length < needed) || remote_length < needed) {
        transfer.refuse_when_ready = kStatusBufferTooSmall;
        return issue_connection_request(listener, IoOperation::Accept, std::move(transfer), overlapped, received,
                                        target.get());
    }
    if (data_length > 0) transfer.buffers.push_back({output, data_length});
    // Runs when the connection is taken off the backlog: it becomes sAcceptSocket's connection.
    transfer.established = [target, output, data_length, local_length](int fd, const net::Address& local,
                                                                        const net::Address& peer) {
        target->replace_descriptor(fd);
        target->update([](SocketObject::State& state) {
            state.bound = true;
            state.connected = true;
            state.accept_context_pending = true;
        });
        if (local_length > 0) write_address_block(output + data_length, local);
        write_address_block(output + data_length + local_length, peer);
        return 0u;
    };
    return issue_connection_request(listener, IoOperation::Accept, std::move(transfer), overlapped, received,
                                    target.get());
}

}  // namespace

BOOL PASCAL ConnectEx(SOCKET s, const struct sockaddr* name, int namelen, PVOID lpSendBuffer, DWORD dwSendDataLength,
                      LPDWORD lpdwBytesSent, LPOVERLAPPED lpOverlapped) {
    ApiCall call("ConnectEx", [&] {
        return fmt::format("{}, {}, namelen={}, {}, dwSendDataLength={}, {}, {}", socket_argument("s", 0, s),
                           address_argument("name", 1, name, namelen), namelen,
                           pointer_argument("lpSendBuffer", 3, lpSendBuffer), dwSendDataLength,
                           pointer_argument("lpdwBytesSent", 5, lpdwBytesSent),
                           overlapped_argument("lpOverlapped", 6, lpOverlapped));
    });
    if (!winsock_started()) return call.returns_bool(fail(WSANOTINITIALISED));
    if (!lpOverlapped) return call.returns_bool(fail(WSA_INVALID_PARAMETER));
    mark_pending(lpOverlapped);
    std::shared_ptr<SocketObject> socket = lookup_socket(s);
    if (!socket) return call.returns_bool(fail(WSAENOTSOCK));
    StreamTransfer transfer;
    transfer.kind = StreamOpKind::Connect;
    if (const int error = net::address_from_windows(name, namelen, transfer.address)) return call.returns_bool(fail(error));
    const SocketObject::State state = socket->state();
    if (state.connected) return call.returns_bool(fail(WSAEISCONN));
    if (!state.bound || state.listening) return call.returns_bool(fail(WSAEINVAL));  // ConnectEx needs bind() first
    // The send data is taken before ConnectEx returns: the caller may reuse its buffer at once
    // (docs/windows-rules.md §13). The copy lives as long as the request.
    auto send_data = std::make_shared<std::vector<char>>();
    if (lpSendBuffer && dwSendDataLength > 0) {
        const char* first = static_cast<const char*>(lpSendBuffer);
        send_data->assign(first, first + dwSendDataLength);
        transfer.buffers.push_back({send_data->data(), dwSendDataLength});
    }
    transfer.established = [socket, send_data](int, const net::Address&, const net::Address&) {
        socket->update([](SocketObject::State& connected) { connected.connected = true; });
        return 0u;
    };
    return call.returns_bool(
        issue_connection_request(socket, IoOperation::Connect, std::move(transfer), lpOverlapped, lpdwBytesSent));
}

}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" BOOL PASCAL AcceptEx(SOCKET sListenSocket, SOCKET sAcceptSocket, PVOID lpOutputBuffer,
                                DWORD dwReceiveDataLength, DWORD dwLocalAddressLength, DWORD dwRemoteAddressLength,
                                LPDWORD lpdwBytesReceived, LPOVERLAPPED lpOverlapped) {
    ApiCall call("AcceptEx", [&] {
        return fmt::format("{}, {}, {}, dwReceiveDataLength={}, dwLocalAddressLength={}, dwRemoteAddressLength={}, "
                           "{}, {}",
                           socket_argument("sListenSocket", 0, sListenSocket),
                           socket_argument("sAcceptSocket", 1, sAcceptSocket),
                           pointer_argument("lpOutputBuffer", 2, lpOutputBuffer), dwReceiveDataLength,
                           dwLocalAddressLength, dwRemoteAddressLength,
                           pointer_argument("lpdwBytesReceived", 6, lpdwBytesReceived),
                           overlapped_argument("lpOverlapped", 7, lpOverlapped));
    });
    const BOOL result = accept_ex(sListenSocket, sAcceptSocket, lpOutputBuffer, dwReceiveDataLength,
                                  dwLocalAddressLength, dwRemoteAddressLength, lpdwBytesReceived, lpOverlapped);
    // WSAEventSelect: AcceptEx re-enables FD_ACCEPT like accept (§20).
    if (const std::shared_ptr<SocketObject> listener = lookup_socket(sListenSocket))
        reenable_network_event(*listener, kFdAccept);
    return call.returns_bool(result);
}

// The remote block is the last one: its size is not needed to find it. With no local block
// (dwLocalAddressLength 0) the local outputs are left as they were.
extern "C" VOID PASCAL GetAcceptExSockaddrs(PVOID lpOutputBuffer, DWORD dwReceiveDataLength, DWORD dwLocalAddressLength,
                                            [[maybe_unused]] DWORD dwRemoteAddressLength, struct sockaddr** LocalSockaddr,
                                            LPINT LocalSockaddrLength, struct sockaddr** RemoteSockaddr,
                                            LPINT RemoteSockaddrLength) {
    char* local = static_cast<char*>(lpOutputBuffer) + dwReceiveDataLength;
    char* remote = local + dwLocalAddressLength;
    if (dwLocalAddressLength > 0) {
        std::memcpy(LocalSockaddrLength, local, sizeof(int));
        *LocalSockaddr = reinterpret_cast<struct sockaddr*>(local + sizeof(int));
    }
    std::memcpy(RemoteSockaddrLength, remote, sizeof(int));
    *RemoteSockaddr = reinterpret_cast<struct sockaddr*>(remote + sizeof(int));
}
