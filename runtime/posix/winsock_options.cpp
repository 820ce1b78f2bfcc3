// setsockopt, getsockopt, ioctlsocket, WSAIoctl.
#include <winsock2.h>
#include <mswsock.h>

#include <cstring>
#include <chrono>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "api_call.h"
#include "last_error.h"
#include "network_events.h"
#include "ovlab/status_codes.h"
#include "socket.h"
#include "winsock_arguments.h"
#include "winsock_extensions.h"

namespace ovlab::posix {
namespace {

// SO_ERROR: a failed non-blocking connect's error (the runtime's connect consumed the kernel's),
// otherwise the kernel's pending error. Reading it clears it, as on Windows.
int socket_error(SocketObject& socket) {
    // select() may see the connect fail a moment before the runtime's connect has reported it.
    for (int i = 0; i < 1000; ++i) {
        const SocketObject::State state = socket.state();
        if (!state.connecting || state.connected || state.connect_settled) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    int error = 0;
    socket.update([&error](SocketObject::State& state) { std::swap(error, state.connect_error); });
    return error != 0 ? error : net::wsa_error_from_errno(net::take_pending_error(socket.fd()));
}

std::shared_ptr<SocketObject> usable_socket(SOCKET s) {
    if (!winsock_started()) {
        wsa_fail(WSANOTINITIALISED);
        return nullptr;
    }
    std::shared_ptr<SocketObject> socket = lookup_socket(s);
    if (!socket) wsa_fail(WSAENOTSOCK);
    return socket;
}

int linux_result(int result) { return result < 0 ? wsa_fail(net::wsa_error_from_errno(-result)) : 0; }

// The Linux option behind a Winsock one that maps one to one, if any.
bool plain_option(int level, int name, net::Option* option) {
    if (level == IPPROTO_TCP && name == TCP_NODELAY) return *option = net::Option::NoDelay, true;
    if (level != SOL_SOCKET) return false;
    switch (name) {
        case SO_KEEPALIVE: *option = net::Option::KeepAlive; return true;
        case SO_BROADCAST: *option = net::Option::Broadcast; return true;
        case SO_OOBINLINE: *option = net::Option::OobInline; return true;
        case SO_DONTROUTE: *option = net::Option::DontRoute; return true;
        case SO_RCVBUF: *option = net::Option::ReceiveBuffer; return true;
        case SO_SNDBUF: *option = net::Option::SendBuffer; return true;
        default: return false;
    }
}

int set_option(SOCKET s, int level, int name, const char* value, int length) {
    std::shared_ptr<SocketObject> socket = usable_socket(s);
    if (!socket) return SOCKET_ERROR;
    if (level != SOL_SOCKET && level != IPPROTO_TCP) return wsa_fail(WSAEINVAL);
    if (name == SO_UPDATE_CONNECT_CONTEXT && level == SOL_SOCKET) return 0;  // ConnectEx: nothing to copy here
    if (!value || length < static_cast<int>(sizeof(int))) {
        // linger is the one 4-byte structure; everything else is at least an int (BOOL, DWORD).
        if (!(name == SO_LINGER && value && length >= static_cast<int>(sizeof(linger)))) return wsa_fail(WSAEFAULT);
    }
    int number = 0;
    if (length >= static_cast<int>(sizeof(int))) std::memcpy(&number, value, sizeof number);
    net::Option option;
    if (plain_option(level, name, &option)) return linux_result(net::set_option(socket->fd(), option, number));
    if (level != SOL_SOCKET) return wsa_fail(WSAENOPROTOOPT);
    switch (name) {
        case SO_REUSEADDR:
            // Recorded for getsockopt; the Linux socket has SO_REUSEADDR on from the start (socket.h).
            socket->update([&](SocketObject::State& state) { state.reuse_address = number != 0; });
            return 0;
        case SO_EXCLUSIVEADDRUSE:
            socket->update([&](SocketObject::State& state) { state.exclusive_address = number != 0; });
            return 0;
        case SO_LINGER: {
            linger wanted;
            std::memcpy(&wanted, value, sizeof wanted);
            return linux_result(net::set_linger(socket->fd(), wanted.l_onoff != 0, wanted.l_linger));
        }
        case SO_DONTLINGER: {
            bool on = false;
            int seconds = 0;
            net::get_linger(socket->fd(), &on, &seconds);
            return linux_result(net::set_linger(socket->fd(), number == 0, seconds));
        }
        case SO_RCVTIMEO:
            socket->update([&](SocketObject::State& state) { state.receive_timeout = static_cast<DWORD>(number); });
            return 0;
        case SO_SNDTIMEO:
            socket->update([&](SocketObject::State& state) { state.send_timeout = static_cast<DWORD>(number); });
            return 0;
        case SO_UPDATE_ACCEPT_CONTEXT: {
            // The value is the listening socket AcceptEx took the connection from.
            if (length < static_cast<int>(sizeof(SOCKET))) return wsa_fail(WSAEFAULT);
            SOCKET listener;
            std::memcpy(&listener, value, sizeof listener);
            if (!lookup_socket(listener)) return wsa_fail(WSAENOTSOCK);
            socket->update([](SocketObject::State& state) { state.accept_context_pending = false; });
            return 0;
        }
        default: return wsa_fail(WSAENOPROTOOPT);
    }
}

int get_option(SOCKET s, int level, int name, char* value, int* length) {
    std::shared_ptr<SocketObject> socket = usable_socket(s);
    if (!socket) return SOCKET_ERROR;
    if (!value || !length) return wsa_fail(WSAEFAULT);
    if (level != SOL_SOCKET && level != IPPROTO_TCP) return wsa_fail(WSAEINVAL);
    if (level == SOL_SOCKET && name == SO_LINGER) {
        if (*length < static_cast<int>(sizeof(linger))) return wsa_fail(WSAEFAULT);
        bool on = false;
        int seconds = 0;
        if (const int result = net::get_linger(socket->fd(), &on, &seconds); result < 0) return linux_result(result);
        const linger current{static_cast<u_short>(on), static_cast<u_short>(seconds)};
        std::memcpy(value, &current, sizeof current);
        *length = sizeof current;
        return 0;
    }
    if (*length < static_cast<int>(sizeof(int))) return wsa_fail(WSAEFAULT);
    int number = 0;
    const SocketObject::State state = socket->state();
    net::Option option;
    if (plain_option(level, name, &option)) {
        if (const int result = net::get_option(socket->fd(), option, &number); result < 0) return linux_result(result);
    } else if (level != SOL_SOCKET) {
        return wsa_fail(WSAENOPROTOOPT);
    } else {
        switch (name) {
            case SO_REUSEADDR: number = state.reuse_address; break;
            case SO_EXCLUSIVEADDRUSE: number = state.exclusive_address; break;
            case SO_DONTLINGER: {
                bool on = false;
                int seconds = 0;
                net::get_linger(socket->fd(), &on, &seconds);
                number = !on;
                break;
            }
            case SO_RCVTIMEO: number = static_cast<int>(state.receive_timeout); break;
            case SO_SNDTIMEO: number = static_cast<int>(state.send_timeout); break;
            case SO_ERROR: number = socket_error(*socket); break;
            case SO_TYPE: number = socket->datagram() ? SOCK_DGRAM : SOCK_STREAM; break;
            case SO_ACCEPTCONN: number = state.listening; break;
            default: return wsa_fail(WSAENOPROTOOPT);
        }
    }
    std::memcpy(value, &number, sizeof number);
    *length = sizeof number;
    return 0;
}

// FIONBIO, FIONREAD, SIOCATMARK: ioctlsocket's commands, also reachable through WSAIoctl.
int socket_control(const std::shared_ptr<SocketObject>& socket, DWORD command, u_long* argument) {
    if (!argument) return wsa_fail(WSAEFAULT);
    switch (command) {
        case FIONBIO:
            // A socket with a WSAEventSelect selection stays non-blocking (§20).
            if (*argument == 0 && network_events_selected(*socket)) return wsa_fail(WSAEINVAL);
            socket->update([&](SocketObject::State& state) { state.nonblocking = *argument != 0; });
            return 0;
        case FIONREAD: {
            const int readable = socket->state().listening ? 0 : net::bytes_readable(socket->fd());
            if (readable < 0) return linux_result(readable);
            *argument = static_cast<u_long>(readable);
            return 0;
        }
        case SIOCATMARK: *argument = TRUE; return 0;  // no urgent data is ever pending here
        default: return wsa_fail(WSAEINVAL);
    }
}

// The Microsoft extensions programs fetch by GUID (mswsock.h).
void* extension_function(const GUID& id) {
    static const GUID accept_ex = WSAID_ACCEPTEX, sockaddrs = WSAID_GETACCEPTEXSOCKADDRS, connect_ex = WSAID_CONNECTEX,
                      transmit_file = WSAID_TRANSMITFILE;
    if (id == accept_ex) return reinterpret_cast<void*>(&AcceptEx);
    if (id == transmit_file) return reinterpret_cast<void*>(&TransmitFile);
    if (id == sockaddrs) return reinterpret_cast<void*>(&GetAcceptExSockaddrs);
    if (id == connect_ex) return reinterpret_cast<void*>(&ConnectEx);
    return nullptr;
}

int control(SOCKET s, DWORD code, LPVOID in, DWORD in_size, LPVOID out, DWORD out_size, LPDWORD returned) {
    std::shared_ptr<SocketObject> socket = usable_socket(s);
    if (!socket) return SOCKET_ERROR;
    if (code == SIO_GET_EXTENSION_FUNCTION_POINTER) {
        if (!in || in_size < sizeof(GUID) || !out || out_size < sizeof(void*) || !returned) return wsa_fail(WSAEFAULT);
        GUID id;
        std::memcpy(&id, in, sizeof id);
        void* function = extension_function(id);
        if (!function) return wsa_fail(WSAEINVAL);
        std::memcpy(out, &function, sizeof function);
        *returned = sizeof function;
        return 0;
    }
    if (code == SIO_UDP_CONNRESET) {
        // FALSE: later receives wait on past an ICMP "port unreachable" (§21).
        if (!in || in_size < sizeof(BOOL)) return wsa_fail(WSAEFAULT);
        BOOL report = FALSE;
        std::memcpy(&report, in, sizeof report);
        socket->update([report](SocketObject::State& state) { state.report_port_unreachable = report != FALSE; });
        if (returned) *returned = 0;
        return 0;
    }
    if (code != FIONBIO && code != FIONREAD && code != SIOCATMARK) return wsa_fail(WSAEINVAL);
    // The program's u_long may be 4 bytes (code written for Windows) or 8 (this platform's).
    u_long argument = 0;
    void* buffer = code == FIONBIO ? in : out;
    const DWORD size = code == FIONBIO ? in_size : out_size;
    if (!buffer || size < sizeof(DWORD)) return wsa_fail(WSAEFAULT);
    if (code == FIONBIO) std::memcpy(&argument, buffer, std::min<size_t>(size, sizeof argument));
    if (const int result = socket_control(socket, code, &argument); result != 0) return result;
    if (code != FIONBIO) std::memcpy(buffer, &argument, std::min<size_t>(size, sizeof argument));
    if (returned) *returned = code == FIONBIO ? 0 : std::min<DWORD>(size, sizeof argument);
    return 0;
}

}  // namespace
}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" int WSAAPI setsockopt(SOCKET s, int level, int optname, const char* optval, int optlen) {
    ApiCall call("setsockopt", [&] {
        return fmt::format("{}, {}, {}, optlen={}", socket_argument("s", 0, s), option_name(level, optname),
                           pointer_argument("optval", 3, optval), optlen);
    });
    return call.returns_int(wsa_result(set_option(s, level, optname, optval, optlen)));
}

extern "C" int WSAAPI getsockopt(SOCKET s, int level, int optname, char* optval, int* optlen) {
    ApiCall call("getsockopt", [&] {
        return fmt::format("{}, {}, {}, {}", socket_argument("s", 0, s), option_name(level, optname),
                           pointer_argument("optval", 3, optval), pointer_argument("optlen", 4, optlen));
    });
    return call.returns_int(wsa_result(get_option(s, level, optname, optval, optlen)));
}

extern "C" int WSAAPI ioctlsocket(SOCKET s, long cmd, u_long* argp) {
    const auto command = static_cast<DWORD>(cmd);  // the SDK's codes do not fit a 32-bit long
    ApiCall call("ioctlsocket", [&] {
        const char* name = command == FIONBIO ? "FIONBIO" : command == FIONREAD ? "FIONREAD"
                         : command == SIOCATMARK ? "SIOCATMARK" : nullptr;
        return fmt::format("{}, cmd={}, {}", socket_argument("s", 0, s),
                           name ? std::string(name) : fmt::format("0x{:X}", command), pointer_argument("argp", 2, argp));
    });
    std::shared_ptr<SocketObject> socket = usable_socket(s);
    if (!socket) return call.returns_int(SOCKET_ERROR);
    return call.returns_int(wsa_result(socket_control(socket, command, argp)));
}

// Only synchronous controls exist here: lpOverlapped and lpCompletionRoutine are not used, and
// the call completes before it returns, as these controls do on Windows.
extern "C" int WSAAPI WSAIoctl(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer,
                               LPVOID lpvOutBuffer, DWORD cbOutBuffer, LPDWORD lpcbBytesReturned,
                               LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
    ApiCall call("WSAIoctl", [&] {
        const std::string code = dwIoControlCode == SIO_GET_EXTENSION_FUNCTION_POINTER ? std::string("SIO_GET_EXTENSION_FUNCTION_POINTER")
                                 : dwIoControlCode == SIO_UDP_CONNRESET                ? std::string("SIO_UDP_CONNRESET")
                                                                                       : fmt::format("0x{:X}", dwIoControlCode);
        return fmt::format("{}, dwIoControlCode={}, {}, cbInBuffer={}, {}, cbOutBuffer={}, {}, {}, {}",
                           socket_argument("s", 0, s), code, pointer_argument("lpvInBuffer", 2, lpvInBuffer), cbInBuffer,
                           pointer_argument("lpvOutBuffer", 4, lpvOutBuffer), cbOutBuffer,
                           pointer_argument("lpcbBytesReturned", 6, lpcbBytesReturned),
                           overlapped_argument("lpOverlapped", 7, lpOverlapped),
                           lpCompletionRoutine ? "lpCompletionRoutine" : "lpCompletionRoutine=NULL");
    });
    return call.returns_int(control(s, dwIoControlCode, lpvInBuffer, cbInBuffer, lpvOutBuffer, cbOutBuffer,
                                    lpcbBytesReturned));
}
