// The echo server as a Win32 program writes it: a completion port, worker threads blocked in
// GetQueuedCompletionStatus, one WSARecv or WSASend in flight per connection, accept() on main.
// Built against the lab's runtime; echo-compare measures it against raw io_uring and epoll servers.
//
//   usage: echo-server-iocp [workers=2]   prints "port N" once it listens on 127.0.0.1
#include <winsock2.h>
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>

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

static BOOL post_recv(Connection* c)
{
    DWORD flags = 0;
    ZeroMemory(&c->ov, sizeof c->ov);
    c->sending = FALSE;
    c->wsabuf.buf = c->data;
    c->wsabuf.len = BUFFER_SIZE;
    return WSARecv(c->socket, &c->wsabuf, 1, NULL, &flags, &c->ov, NULL) == 0 || WSAGetLastError() == WSA_IO_PENDING;
}

static BOOL post_send(Connection* c)
{
    ZeroMemory(&c->ov, sizeof c->ov);
    c->sending = TRUE;
    c->wsabuf.buf = c->data + c->sent;
    c->wsabuf.len = c->to_send - c->sent;
    return WSASend(c->socket, &c->wsabuf, 1, NULL, 0, &c->ov, NULL) == 0 || WSAGetLastError() == WSA_IO_PENDING;
}

static void close_connection(Connection* c)
{
    closesocket(c->socket);
    HeapFree(GetProcessHeap(), 0, c);
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
        if (!ok || bytes == 0) {  // reset, or the client closed its side
            close_connection(c);
            continue;
        }
        BOOL posted;
        if (!c->sending) {
            c->to_send = bytes;
            c->sent = 0;
            posted = post_send(c);
        } else {
            c->sent += bytes;
            posted = c->sent < c->to_send ? post_send(c) : post_recv(c);
        }
        if (!posted) close_connection(c);
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
        if (CreateIoCompletionPort((HANDLE)client, g_port, 0, 0) == NULL || !post_recv(c)) close_connection(c);
    }
    closesocket(listener);
    WSACleanup();
    return 0;
}
