// Socket objects: a TCP or UDP socket is a stream handle (stream.h) in the handle table, so SOCKET values
// are HANDLE values and ReadFile, WriteFile, ReadFileEx, CancelIoEx and GetOverlappedResult work on
// them, as on Windows.
//
// Known divergences from Windows (docs/windows-rules.md §17 collects them all):
// - Only TCP and UDP over IPv4/IPv6. WSAAsyncSelect is not provided; TransmitFile reads the whole
//   file part when it is called and refuses TF_DISCONNECT/TF_REUSE_SOCKET (winsock_transmit_file.cpp);
//   WSAEventSelect records FD_READ, FD_WRITE, FD_ACCEPT and FD_CLOSE only (network_events.h).
// - UDP: an ICMP "port unreachable" reaches a later receive (WSAECONNRESET) only on a connected
//   socket, and a send made before any receive saw it may fail with it instead; no WSARecvMsg or multicast options; select() and WSAEventSelect not compared with
//   Windows on UDP.
// - Closing a socket whose requests are being cancelled closes the Linux socket a moment later,
//   once the kernel has let go of the requests (microseconds; the peer sees the FIN or RST then).
// - SO_REUSEADDR is always on underneath: Windows lets a server bind a port still in TIME_WAIT,
//   Linux only with it. Two sockets may therefore bind one port as long as neither listens;
//   Windows refuses the second bind, here the second listen fails (WSAEADDRINUSE).
// - ReadFile/WriteFile with no OVERLAPPED on an overlapped socket fail with 87 (an overlapped pipe
//   end waits instead); this case has not been compared with Windows.
#pragma once

#include <windows.h>

#include <memory>
#include <mutex>
#include <string>

#include "stream.h"

namespace ovlab::posix {

class SocketObject : public StreamObject {
public:
    SocketObject(int fd, int windows_family, bool overlapped, bool datagram = false)
        : StreamObject(trace::HandleKind::Socket, fd, overlapped), family_(windows_family), datagram_(datagram) {}

    int family() const { return family_; }
    // SOCK_DGRAM (UDP): messages keep their boundaries, there is no connection (§21).
    bool datagram() const { return datagram_; }
    std::string describe() const override;
    // The socket's view of a finished op: the end of the stream is a successful 0-byte receive;
    // errors map as AFD maps them (a reset is STATUS_CONNECTION_RESET).
    uint32_t completion_status(StreamOpKind kind, int64_t result, uint64_t requested) const override;
    uint32_t refuses_transfer(bool read) const override;
    // closesocket, or CloseHandle of the last handle: pending requests end with
    // STATUS_CONNECTION_ABORTED (Windows Vista and later; XP gave STATUS_LOCAL_DISCONNECT and Wine
    // 8 gives STATUS_HANDLES_CLOSED), then the Linux socket is closed (FIN, or RST with linger 0).
    void last_handle_closed() override;

    // What Winsock remembers about the socket, beyond the Linux socket's own state.
    struct State {
        bool bound = false;
        bool listening = false;
        bool connected = false;
        bool connecting = false;              // a non-blocking connect was started (select's stage)
        bool accept_context_pending = false;  // filled by AcceptEx, SO_UPDATE_ACCEPT_CONTEXT not set yet
        bool receive_shut = false;            // shutdown(SD_RECEIVE)
        bool send_shut = false;               // shutdown(SD_SEND)
        bool nonblocking = false;             // ioctlsocket(FIONBIO)
        bool reuse_address = false;           // SO_REUSEADDR as the program set it
        bool exclusive_address = false;       // SO_EXCLUSIVEADDRUSE
        DWORD receive_timeout = 0;            // SO_RCVTIMEO, milliseconds, 0 = none
        DWORD send_timeout = 0;               // SO_SNDTIMEO
        int connect_error = 0;                // a non-blocking connect's failure, for SO_ERROR (Winsock number)
        bool connect_settled = false;         // the non-blocking connect has reported its outcome
        bool report_port_unreachable = true;  // UDP: SIO_UDP_CONNRESET (§21)
    };
    State state() const;
    template <class Change>
    void update(Change&& change) {
        std::lock_guard lock(state_mutex_);
        change(state_);
    }

private:
    int family_;
    bool datagram_;
    mutable std::mutex state_mutex_;
    State state_;
};

// The socket a SOCKET names, or null (the caller reports WSAENOTSOCK).
std::shared_ptr<SocketObject> lookup_socket(UINT_PTR socket);
// Winsock knows the SOCKET values it handed out (socket, WSASocket, accept); a DuplicateHandle
// copy names the same socket as a handle, but WSAGetOverlappedResult refuses it with WSAENOTSOCK.
void remember_socket_value(UINT_PTR socket);
void forget_socket_value(UINT_PTR socket);
bool is_socket_value(UINT_PTR socket);

// Sets the thread's last error (WSAGetLastError) and returns SOCKET_ERROR (-1).
int wsa_fail(int error);
// A Winsock call's result; a success also sets the last error to 0, as ws2_32 does (§13).
int wsa_result(int result);
// The Winsock error of a blocking call (recv, send, accept, connect) that ended with `status`: a
// call cut short because another thread closed the socket fails with WSAEINTR, as on Windows.
int blocking_call_error(const SocketObject& socket, uint32_t status);

// WSAStartup's count: socket calls fail with WSANOTINITIALISED while it is 0.
bool winsock_started();
void winsock_startup();
bool winsock_cleanup();  // false when it was not started
// The next lesson session starts with Winsock not started, as a new process does.
void reset_winsock();

}  // namespace ovlab::posix
