// What send, recv, WSASend, WSARecv and their datagram forms (sendto, recvfrom, WSASendTo,
// WSARecvFrom) share: one request description and the call that runs it (winsock_transfer.cpp).
#pragma once

#include <winsock2.h>

#include <memory>
#include <string>

namespace ovlab::posix {

struct WsaTransfer {
    bool send = false;
    SOCKET s = INVALID_SOCKET;
    LPWSABUF buffers = nullptr;
    DWORD count = 0;
    LPDWORD transferred = nullptr;
    DWORD flags = 0;
    LPWSAOVERLAPPED overlapped = nullptr;
    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine = nullptr;
    std::string routine_name;
    const char* api = "WSARecv";
    // UDP only (a TCP socket ignores them, as on Windows): where a send goes (NULL: the connected
    // peer), and where a receive writes its sender, at completion.
    const sockaddr* to = nullptr;
    int to_length = 0;
    sockaddr* from = nullptr;
    int* from_length = nullptr;
    // TransmitFile: memory the buffers point into that the request owns, and an overlapped
    // request that always pends (StreamTransfer).
    std::shared_ptr<const void> keep_alive;
    bool always_pends = false;
};

// Runs the request: overlapped on an overlapped socket given an OVERLAPPED, blocking otherwise.
// 0, or SOCKET_ERROR with the Winsock error set (WSA_IO_PENDING: it goes on).
int wsa_transfer(const WsaTransfer& t, bool tracing);
// send/recv/sendto/recvfrom: one buffer, always blocking (or WSAEWOULDBLOCK on a non-blocking
// socket). The bytes moved, or SOCKET_ERROR.
int simple_transfer(WsaTransfer t, char* buf, int len, bool tracing);
// The trace's argument text of WSASend/WSARecv; `address` is the text of the two address
// parameters of WSASendTo/WSARecvFrom (empty for WSASend/WSARecv).
std::string wsa_arguments(const WsaTransfer& t, const char* count_name, const std::string& flags,
                          const std::string& address = {});

}  // namespace ovlab::posix
