// Shared fixture for the Winsock and named-pipe tests: Winsock started for each test, sockets on
// 127.0.0.1 only, and the common leak check at the end (handles, requests, stream operations).
#pragma once

#include <winsock2.h>
#include <mswsock.h>
#include <ws2tcpip.h>
#include <windows.h>

#include "runtime_test_support.h"

namespace ovlab::testing {


class SocketTest : public RuntimeTest {
protected:
    void SetUp() override;
    void TearDown() override;

    static sockaddr_in loopback(unsigned short port);
    // A listening socket on 127.0.0.1 at a free port (returned in *port).
    SOCKET listen_on_loopback(unsigned short* port, DWORD flags = WSA_FLAG_OVERLAPPED);
    // A connected pair on 127.0.0.1: `client` made by connect(), `server` by accept().
    void connect_pair(SOCKET* client, SOCKET* server, DWORD flags = WSA_FLAG_OVERLAPPED);
    // Waits up to 5 s until `bytes` can be read from `s` (FIONREAD), so that whether the next
    // receive completes at once does not depend on timing.
    static bool wait_readable(SOCKET s, u_long bytes);
    // Sends all of `text` with blocking send().
    static void send_text(SOCKET s, const char* text);
    // A manual-reset WSAEVENT-based OVERLAPPED.
    static WSAOVERLAPPED overlapped_with_event(WSAEVENT event);
};

}  // namespace ovlab::testing
