// Socket helpers shared by the conformance programs that use Winsock (docs/windows-rules.md section 13).
// TCP on 127.0.0.1 only, with port 0 so the system picks a free port (read back with getsockname).
#pragma once

// <winsock2.h> must come before <windows.h>: the SDK's <windows.h> pulls in the old <winsock.h>.
#include <winsock2.h>
#include <mswsock.h>

#include "conformance.h"

static inline struct sockaddr_in loopback_address(unsigned short port)
{
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

static inline SOCKET overlapped_socket(void)
{
    return WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
}

// A socket listening on 127.0.0.1 at a port the system chose; the port goes to *port.
static inline SOCKET listen_on_loopback(unsigned short* port)
{
    SOCKET listener = overlapped_socket();
    struct sockaddr_in address = loopback_address(0);
    int length = sizeof address;
    if (listener == INVALID_SOCKET || bind(listener, (struct sockaddr*)&address, sizeof address) != 0 ||
        listen(listener, SOMAXCONN) != 0 || getsockname(listener, (struct sockaddr*)&address, &length) != 0) {
        printf("cannot listen on 127.0.0.1: error %d\n", WSAGetLastError());
        return INVALID_SOCKET;
    }
    *port = ntohs(address.sin_port);
    return listener;
}

// A connected pair: *client made by connect(), *server by accept(). FALSE (and a line saying
// why) if the loopback connection could not be made.
static inline BOOL connect_pair(SOCKET* client, SOCKET* server)
{
    unsigned short port = 0;
    SOCKET listener = listen_on_loopback(&port);
    if (listener == INVALID_SOCKET) {
        return FALSE;
    }
    *client = overlapped_socket();
    struct sockaddr_in address = loopback_address(port);
    BOOL ok = *client != INVALID_SOCKET && connect(*client, (struct sockaddr*)&address, sizeof address) == 0;
    *server = ok ? accept(listener, NULL, NULL) : INVALID_SOCKET;
    if (*server == INVALID_SOCKET) {
        printf("cannot connect on 127.0.0.1: error %d\n", WSAGetLastError());
        ok = FALSE;
    }
    closesocket(listener);
    return ok;
}

// Waits (up to 5 s) until `bytes` bytes can be read from `s`, so that whether the next receive
// completes at once never depends on how fast loopback delivers.
static inline BOOL wait_readable(SOCKET s, u_long bytes)
{
    for (int i = 0; i < 5000; ++i) {
        u_long available = 0;
        if (ioctlsocket(s, FIONREAD, &available) != 0) {
            return FALSE;
        }
        if (available >= bytes) {
            return TRUE;
        }
        Sleep(1);
    }
    return FALSE;
}

// "label: TRUE bytes n flags f" / "label: FALSE error e" after WSAGetOverlappedResult.
static inline void wsa_finish(const char* label, SOCKET s, WSAOVERLAPPED* ov, BOOL wait)
{
    DWORD bytes = 0xDEAD, flags = 0xDEAD;
    BOOL ok = WSAGetOverlappedResult(s, ov, &bytes, wait, &flags);
    int error = WSAGetLastError();
    if (ok) {
        printf("%s: TRUE bytes %lu flags %lu\n", label, (unsigned long)bytes, (unsigned long)flags);
    } else {
        printf("%s: FALSE error %d\n", label, error);
    }
}

// "label: 0" / "label: SOCKET_ERROR error e" for WSARecv/WSASend, whose result is an int.
static inline void show_wsa(const char* label, int result, int error)
{
    if (result == 0) {
        printf("%s: 0\n", label);
    } else {
        printf("%s: SOCKET_ERROR error %d\n", label, error);
    }
}
