// A socket's life: socket, WSASocketA/W, bind, listen, accept, connect, shutdown, closesocket,
// getsockname, getpeername.
#include <winsock2.h>
#include <ws2tcpip.h>

#include <fmt/format.h>

#include "api_call.h"
#include "handle_table.h"
#include "last_error.h"
#include "network_events.h"
#include "ovlab/status_codes.h"
#include "socket.h"
#include "trace_hooks.h"
#include "winsock_arguments.h"

namespace ovlab::posix {
namespace {

SOCKET socket_fail(int error) {
    wsa_fail(error);
    return INVALID_SOCKET;
}

SOCKET create_socket(int af, int type, int protocol, GROUP group, bool overlapped) {
    if (!winsock_started()) return socket_fail(WSANOTINITIALISED);
    if (af != AF_INET && af != AF_INET6) return socket_fail(WSAEAFNOSUPPORT);
    if (type != SOCK_STREAM && type != SOCK_DGRAM) return socket_fail(WSAESOCKTNOSUPPORT);  // TCP and UDP only
    const bool datagram = type == SOCK_DGRAM;
    if (protocol != 0 && protocol != (datagram ? IPPROTO_UDP : IPPROTO_TCP)) return socket_fail(WSAEPROTONOSUPPORT);
    if (group != 0) return socket_fail(WSAEINVAL);  // socket groups are reserved
    const int fd = datagram ? net::create_datagram_socket(af) : net::create_stream_socket(af);
    if (fd < 0) return socket_fail(net::wsa_error_from_errno(-fd));
    const HANDLE handle = insert_handle(std::make_shared<SocketObject>(fd, af, overlapped, datagram));
    remember_socket_value(reinterpret_cast<SOCKET>(handle));
    return reinterpret_cast<SOCKET>(handle);
}

std::string socket_arguments(int af, int type, int protocol) {
    return fmt::format("af={}, type={}, protocol={}", family_name(af), socket_type_name(type), protocol_name(protocol));
}

std::string wsa_socket_arguments(int af, int type, int protocol, const void* info, GROUP g, DWORD flags) {
    return fmt::format("{}, {}, g={}, dwFlags={}", socket_arguments(af, type, protocol),
                       pointer_argument("lpProtocolInfo", 3, info), g,
                       flags == WSA_FLAG_OVERLAPPED ? std::string("WSA_FLAG_OVERLAPPED") : fmt::format("0x{:X}", flags));
}

// The socket a call is about, or null with the Winsock error set.
std::shared_ptr<SocketObject> usable_socket(SOCKET s) {
    if (!winsock_started()) {
        wsa_fail(WSANOTINITIALISED);
        return nullptr;
    }
    std::shared_ptr<SocketObject> socket = lookup_socket(s);
    if (!socket) wsa_fail(WSAENOTSOCK);
    return socket;
}

// Copies an address out to the program: WSAEFAULT when its buffer is too small.
int write_address(const net::Address& address, sockaddr* name, int* namelen) {
    const int needed = net::windows_address_length(address);
    if (!name || !namelen || *namelen < needed) return wsa_fail(WSAEFAULT);
    net::write_windows_address(address, name);
    *namelen = needed;
    return 0;
}

int bind_socket(SOCKET s, const sockaddr* name, int namelen) {
    std::shared_ptr<SocketObject> socket = usable_socket(s);
    if (!socket) return SOCKET_ERROR;
    net::Address address;
    if (const int error = net::address_from_windows(name, namelen, address)) return wsa_fail(error);
    if (net::windows_family(address) != socket->family()) return wsa_fail(WSAEFAULT);
    if (socket->state().bound) return wsa_fail(WSAEINVAL);
    if (const int result = net::bind(socket->fd(), address); result < 0)
        return wsa_fail(net::wsa_error_from_errno(-result));
    socket->update([](SocketObject::State& state) { state.bound = true; });
    return 0;
}

int listen_socket(SOCKET s, int backlog) {
    std::shared_ptr<SocketObject> socket = usable_socket(s);
    if (!socket) return SOCKET_ERROR;
    if (socket->datagram()) return wsa_fail(WSAEOPNOTSUPP);  // UDP has no connections to wait for
    const SocketObject::State state = socket->state();
    if (state.connected) return wsa_fail(WSAEISCONN);
    if (!state.bound) return wsa_fail(WSAEINVAL);  // Linux would bind a random port; Windows refuses
    // SOMAXCONN asks for the maximum, SOMAXCONN_HINT(n) (negative) for about n.
    const int length = backlog == SOMAXCONN ? 4096 : backlog < 0 ? -backlog : backlog;
    if (const int result = net::listen(socket->fd(), length < 1 ? 1 : length); result < 0)
        return wsa_fail(net::wsa_error_from_errno(-result));
    socket->update([](SocketObject::State& changed) { changed.listening = true; });
    return 0;
}

// A connection accept() took off the backlog, until it becomes a socket handle; closed if the
// lesson is reset before that.
struct AcceptedConnection {
    int fd = -1;
    net::Address peer;
    ~AcceptedConnection() { net::close_descriptor(fd); }
};

// accept() and connect() wait alertably, as Winsock's blocking calls do (docs/windows-rules.md §13).
SOCKET accept_socket(SOCKET s, sockaddr* addr, int* addrlen, bool tracing) {
    std::shared_ptr<SocketObject> socket = usable_socket(s);
    if (!socket) return INVALID_SOCKET;
    if (socket->datagram()) return socket_fail(WSAEOPNOTSUPP);
    const SocketObject::State state = socket->state();
    if (!state.listening) return socket_fail(WSAEINVAL);
    const int needed = socket->family() == AF_INET6 ? sizeof(SOCKADDR_IN6) : sizeof(SOCKADDR_IN);
    if (addr && (!addrlen || *addrlen < needed)) return socket_fail(WSAEFAULT);
    auto connection = std::make_shared<AcceptedConnection>();
    StreamTransfer transfer;
    transfer.kind = StreamOpKind::Accept;
    transfer.established = [connection](int fd, const net::Address&, const net::Address& peer) {
        connection->fd = fd;
        connection->peer = peer;
        return 0u;
    };
    uint32_t status = 0;
    if (state.nonblocking) {
        status = StreamObject::try_now(socket, transfer).status;
    } else {
        const std::string what = tracing ? fmt::format("accept(0x{:X}) waits for a client", s) : "";
        status = StreamObject::run_blocking(socket, transfer, INFINITE, what, true).status;
    }
    if (status != 0) return socket_fail(blocking_call_error(*socket, status));
    // Windows: the new socket has the listening socket's properties, overlapped mode included.
    auto accepted = std::make_shared<SocketObject>(connection->fd, socket->family(), socket->overlapped());
    connection->fd = -1;
    accepted->update([](SocketObject::State& fresh) {
        fresh.bound = true;
        fresh.connected = true;
    });
    const HANDLE handle = insert_handle(accepted);
    remember_socket_value(reinterpret_cast<SOCKET>(handle));
    if (addr) write_address(connection->peer, addr, addrlen);
    return reinterpret_cast<SOCKET>(handle);
}

// connect() on UDP only names the default peer: it is immediate, and may be made again.
int connect_datagram(SocketObject& socket, const net::Address& peer) {
    if (const int result = net::connect_datagram(socket.fd(), peer); result < 0)
        return wsa_fail(net::wsa_error_from_errno(-result));
    socket.update([](SocketObject::State& st) {
        st.bound = true;
        st.connected = true;
    });
    return 0;
}

int connect_socket(SOCKET s, const sockaddr* name, int namelen, bool tracing) {
    std::shared_ptr<SocketObject> socket = usable_socket(s);
    if (!socket) return SOCKET_ERROR;
    StreamTransfer transfer;
    transfer.kind = StreamOpKind::Connect;
    if (const int error = net::address_from_windows(name, namelen, transfer.address)) return wsa_fail(error);
    if (net::windows_family(transfer.address) != socket->family()) return wsa_fail(WSAEFAULT);
    if (socket->datagram()) return connect_datagram(*socket, transfer.address);
    const SocketObject::State state = socket->state();
    if (state.listening) return wsa_fail(WSAEINVAL);
    if (state.connected) return wsa_fail(WSAEISCONN);
    uint32_t status = 0;
    if (state.nonblocking) {
        // It goes on in the background; select() learns its outcome from the socket's state.
        socket->update([](SocketObject::State& st) { st.connecting = true; });
        transfer.established = [weak = std::weak_ptr<SocketObject>(socket)](int, const net::Address&,
                                                                            const net::Address&) {
            if (const std::shared_ptr<SocketObject> connected = weak.lock())
                connected->update([](SocketObject::State& st) { st.connected = true; });
            return 0u;
        };
        // The kernel's own pending error is consumed by the runtime's connect: SO_ERROR reads this.
        transfer.background_finished = [weak = std::weak_ptr<SocketObject>(socket)](uint32_t final_status) {
            const std::shared_ptr<SocketObject> connecting = weak.lock();
            if (!connecting) return;
            const int error = nt_success(final_status) ? 0 : static_cast<int>(ntstatus_to_wsa_error(final_status));
            connecting->update([error](SocketObject::State& st) {
                st.connect_error = error;
                st.connect_settled = true;
            });
        };
        status = StreamObject::try_now(socket, transfer).status;
    } else {
        char target[80] = "";
        if (tracing) net::format_address_and_port(transfer.address, target, sizeof target);
        const std::string what = tracing ? fmt::format("connect(0x{:X}) to {}", s, target) : "";
        status = StreamObject::run_blocking(socket, transfer, INFINITE, what, true).status;
    }
    if (status != 0) return wsa_fail(blocking_call_error(*socket, status));
    socket->update([](SocketObject::State& st) {
        st.bound = true;
        st.connected = true;
    });
    return 0;
}

int shutdown_socket(SOCKET s, int how) {
    std::shared_ptr<SocketObject> socket = usable_socket(s);
    if (!socket) return SOCKET_ERROR;
    if (how != SD_RECEIVE && how != SD_SEND && how != SD_BOTH) return wsa_fail(WSAEINVAL);
    if (socket->state().accept_context_pending) return wsa_fail(WSAENOTCONN);
    if (const int result = net::shutdown(socket->fd(), how); result < 0)
        return wsa_fail(net::wsa_error_from_errno(-result));
    socket->update([how](SocketObject::State& state) {
        if (how != SD_SEND) state.receive_shut = true;
        if (how != SD_RECEIVE) state.send_shut = true;
    });
    return 0;
}

int socket_name(SOCKET s, sockaddr* name, int* namelen, bool peer) {
    std::shared_ptr<SocketObject> socket = usable_socket(s);
    if (!socket) return SOCKET_ERROR;
    if (!name || !namelen) return wsa_fail(WSAEFAULT);
    const SocketObject::State state = socket->state();
    // An AcceptEx socket has no addresses until SO_UPDATE_ACCEPT_CONTEXT is set.
    if (state.accept_context_pending) return wsa_fail(WSAENOTCONN);
    if (!peer && !state.bound) return wsa_fail(WSAEINVAL);
    net::Address address;
    const int result = peer ? net::peer_address(socket->fd(), address) : net::local_address(socket->fd(), address);
    if (result < 0) return wsa_fail(net::wsa_error_from_errno(-result));
    return write_address(address, name, namelen);
}

}  // namespace
}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" SOCKET WSAAPI socket(int af, int type, int protocol) {
    ApiCall call("socket", [&] { return socket_arguments(af, type, protocol); });
    // socket() sockets are overlapped-capable, as on Windows.
    return call.returns_socket(create_socket(af, type, protocol, 0, true));
}

extern "C" SOCKET WSAAPI WSASocketA(int af, int type, int protocol, LPWSAPROTOCOL_INFOA lpProtocolInfo, GROUP g,
                                    DWORD dwFlags) {
    ApiCall call("WSASocketA", [&] { return wsa_socket_arguments(af, type, protocol, lpProtocolInfo, g, dwFlags); });
    if (lpProtocolInfo) {
        af = lpProtocolInfo->iAddressFamily;
        type = lpProtocolInfo->iSocketType;
        protocol = lpProtocolInfo->iProtocol;
    }
    return call.returns_socket(create_socket(af, type, protocol, g, dwFlags & WSA_FLAG_OVERLAPPED));
}

extern "C" SOCKET WSAAPI WSASocketW(int af, int type, int protocol, LPWSAPROTOCOL_INFOW lpProtocolInfo, GROUP g,
                                    DWORD dwFlags) {
    ApiCall call("WSASocketW", [&] { return wsa_socket_arguments(af, type, protocol, lpProtocolInfo, g, dwFlags); });
    if (lpProtocolInfo) {
        af = lpProtocolInfo->iAddressFamily;
        type = lpProtocolInfo->iSocketType;
        protocol = lpProtocolInfo->iProtocol;
    }
    return call.returns_socket(create_socket(af, type, protocol, g, dwFlags & WSA_FLAG_OVERLAPPED));
}

extern "C" int WSAAPI closesocket(SOCKET s) {
    ApiCall call("closesocket", [&] { return socket_argument("s", 0, s); });
    if (!usable_socket(s)) return call.returns_int(SOCKET_ERROR);
    // The last handle's closing aborts the socket's pending requests (SocketObject).
    if (!close_handle(reinterpret_cast<HANDLE>(s))) return call.returns_int(wsa_fail(WSAENOTSOCK));
    forget_socket_value(s);
    return call.returns_int(0);
}

extern "C" int WSAAPI bind(SOCKET s, const struct sockaddr* name, int namelen) {
    ApiCall call("bind", [&] {
        return fmt::format("{}, {}, namelen={}", socket_argument("s", 0, s), address_argument("name", 1, name, namelen),
                           namelen);
    });
    return call.returns_int(wsa_result(bind_socket(s, name, namelen)));
}

extern "C" int WSAAPI listen(SOCKET s, int backlog) {
    ApiCall call("listen", [&] {
        return fmt::format("{}, backlog={}", socket_argument("s", 0, s),
                           backlog == SOMAXCONN ? std::string("SOMAXCONN") : fmt::format("{}", backlog));
    });
    return call.returns_int(wsa_result(listen_socket(s, backlog)));
}

extern "C" SOCKET WSAAPI accept(SOCKET s, struct sockaddr* addr, int* addrlen) {
    ApiCall call("accept", [&] {
        return fmt::format("{}, {}, {}", socket_argument("s", 0, s), pointer_argument("addr", 1, addr),
                           pointer_argument("addrlen", 2, addrlen));
    });
    const SOCKET accepted = accept_socket(s, addr, addrlen, call.tracing());
    // WSAEventSelect: accept re-enables FD_ACCEPT, even when it failed, and the new socket has the
    // listening socket's selection (§20).
    if (const std::shared_ptr<SocketObject> listener = lookup_socket(s)) {
        const std::shared_ptr<SocketObject> connection = lookup_socket(accepted);
        if (connection && inherit_network_events(*listener, connection))
            connection->update([](SocketObject::State& state) { state.nonblocking = true; });
        reenable_network_event(*listener, kFdAccept);
    }
    return call.returns_socket(accepted);
}

extern "C" int WSAAPI connect(SOCKET s, const struct sockaddr* name, int namelen) {
    ApiCall call("connect", [&] {
        return fmt::format("{}, {}, namelen={}", socket_argument("s", 0, s), address_argument("name", 1, name, namelen),
                           namelen);
    });
    return call.returns_int(connect_socket(s, name, namelen, call.tracing()));
}

extern "C" int WSAAPI shutdown(SOCKET s, int how) {
    ApiCall call("shutdown", [&] {
        const char* names[] = {"SD_RECEIVE", "SD_SEND", "SD_BOTH"};
        return fmt::format("{}, how={}", socket_argument("s", 0, s),
                           how >= 0 && how <= 2 ? std::string(names[how]) : fmt::format("{}", how));
    });
    return call.returns_int(wsa_result(shutdown_socket(s, how)));
}

extern "C" int WSAAPI getsockname(SOCKET s, struct sockaddr* name, int* namelen) {
    ApiCall call("getsockname", [&] {
        return fmt::format("{}, {}, {}", socket_argument("s", 0, s), pointer_argument("name", 1, name),
                           pointer_argument("namelen", 2, namelen));
    });
    return call.returns_int(wsa_result(socket_name(s, name, namelen, false)));
}

extern "C" int WSAAPI getpeername(SOCKET s, struct sockaddr* name, int* namelen) {
    ApiCall call("getpeername", [&] {
        return fmt::format("{}, {}, {}", socket_argument("s", 0, s), pointer_argument("name", 1, name),
                           pointer_argument("namelen", 2, namelen));
    });
    return call.returns_int(wsa_result(socket_name(s, name, namelen, true)));
}
