// The echo server as a Win32 program writes it: a completion port, worker threads blocked in
// GetQueuedCompletionStatus, one WSARecv or WSASend in flight per connection, accept() on main.
// Built against the lab's runtime; echo-compare measures it against raw io_uring and epoll servers.
// With "skip", each connection sets FILE_SKIP_COMPLETION_PORT_ON_SUCCESS and the thread that
// issued a request handles its immediate success itself: no packet, no trip through the port.
//
//   usage: echo-server-iocp [workers=2] [skip]   prints "port N" once it listens on 127.0.0.1
#include <winsock2.h>
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUFFER_SIZE 65536

typedef struct {
    OVERLAPPED ov;
    SOCKET socket;
    WSABUF wsabuf;
    BOOL sending;
    DWORD to_send;
    DWORD sent;
    char data[BUFFER_SIZE];
} Connection;

static HANDLE g_port;
static BOOL g_skip;

typedef enum { POSTED, COMPLETED, BROKEN } Posted;

// COMPLETED only with g_skip: the request succeeded at once and no packet will come for it.
static Posted posted(int result, DWORD bytes, DWORD* done)
{
    if (result == 0) {
        *done = bytes;
        return g_skip ? COMPLETED : POSTED;
    }
    return WSAGetLastError() == WSA_IO_PENDING ? POSTED : BROKEN;
}

static Posted post_recv(Connection* c, DWORD* done)
{
    DWORD flags = 0, bytes = 0;
    ZeroMemory(&c->ov, sizeof c->ov);
    c->sending = FALSE;
    c->wsabuf.buf = c->data;
    c->wsabuf.len = BUFFER_SIZE;
    int result = WSARecv(c->socket, &c->wsabuf, 1, &bytes, &flags, &c->ov, NULL);
    return posted(result, bytes, done);
}

static Posted post_send(Connection* c, DWORD* done)
{
    DWORD bytes = 0;
    ZeroMemory(&c->ov, sizeof c->ov);
    c->sending = TRUE;
    c->wsabuf.buf = c->data + c->sent;
    c->wsabuf.len = c->to_send - c->sent;
    int result = WSASend(c->socket, &c->wsabuf, 1, &bytes, 0, &c->ov, NULL);
    return posted(result, bytes, done);
}

static void close_connection(Connection* c)
{
    closesocket(c->socket);
    HeapFree(GetProcessHeap(), 0, c);
}

// Carries the connection on from a request that moved `bytes`, and from every following one that
// completes at once (with g_skip), until one is pending.
static void carry_on(Connection* c, DWORD bytes)
{
    for (;;) {
        if (bytes == 0) {  // the client closed its side
            close_connection(c);
            return;
        }
        Posted next;
        if (!c->sending) {
            c->to_send = bytes;
            c->sent = 0;
            next = post_send(c, &bytes);
        } else {
            c->sent += bytes;
            next = c->sent < c->to_send ? post_send(c, &bytes) : post_recv(c, &bytes);
        }
        if (next == POSTED) return;
        if (next == BROKEN) {
            close_connection(c);
            return;
        }
    }
}

static DWORD WINAPI worker(LPVOID unused)
{
    (void)unused;
    for (;;) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        OVERLAPPED* ov = NULL;
        BOOL ok = GetQueuedCompletionStatus(g_port, &bytes, &key, &ov, INFINITE);
        if (ov == NULL) return 0;  // the port was closed, or a stop packet
        Connection* c = CONTAINING_RECORD(ov, Connection, ov);
        if (!ok) {  // reset
            close_connection(c);
            continue;
        }
        carry_on(c, bytes);
    }
}

static SOCKET listen_on_loopback(void)
{
    SOCKET listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    SOCKADDR_IN address;
    ZeroMemory(&address, sizeof address);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int length = sizeof address;
    if (listener == INVALID_SOCKET || bind(listener, (SOCKADDR*)&address, sizeof address) != 0 ||
        listen(listener, SOMAXCONN) != 0 || getsockname(listener, (SOCKADDR*)&address, &length) != 0) {
        fprintf(stderr, "cannot listen on 127.0.0.1: error %d\n", WSAGetLastError());
        exit(1);
    }
    printf("port %u\n", ntohs(address.sin_port));
    fflush(stdout);
    return listener;
}

int main(int argc, char** argv)
{
    WSADATA wsa;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) return 1;
    int workers = argc > 1 ? atoi(argv[1]) : 2;
    if (workers < 1 || workers > 64) workers = 2;
    g_skip = argc > 2 && strcmp(argv[2], "skip") == 0;
    g_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    for (int i = 0; i < workers; ++i) CloseHandle(CreateThread(NULL, 0, worker, NULL, 0, NULL));
    SOCKET listener = listen_on_loopback();
    for (;;) {
        SOCKET client = accept(listener, NULL, NULL);
        if (client == INVALID_SOCKET) break;
        BOOL no_delay = TRUE;
        setsockopt(client, IPPROTO_TCP, TCP_NODELAY, (const char*)&no_delay, sizeof no_delay);
        Connection* c = (Connection*)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(Connection));
        c->socket = client;
        if (CreateIoCompletionPort((HANDLE)client, g_port, 0, 0) == NULL ||
            (g_skip && !SetFileCompletionNotificationModes((HANDLE)client, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS))) {
            close_connection(c);
            continue;
        }
        DWORD bytes = 0;
        Posted first = post_recv(c, &bytes);
        if (first == COMPLETED) carry_on(c, bytes);
        else if (first == BROKEN) close_connection(c);
    }
    closesocket(listener);
    WSACleanup();
    return 0;
}
