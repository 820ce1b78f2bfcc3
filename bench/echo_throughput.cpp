// Loopback echo throughput of one Win32 program, built natively against the portable runtime and
// cross-built with mingw-w64 to run under Wine: the same source measures both.
//
//   usage: echo_throughput [size=4096] [count=20000]
//
// A completion-port server (one worker: WSARecv, then WSASend of what arrived, then WSARecv again)
// echoes for one client thread that sends `count` messages of `size` bytes with blocking calls and
// reads each echo back whole before sending the next. Prints round trips per second and MB/s.
#include <winsock2.h>
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SIZE 65536

typedef struct {
    OVERLAPPED ov;
    SOCKET socket;
    char buffer[MAX_SIZE];
    WSABUF wsabuf;
    DWORD pending_send;  // bytes of the current echo not yet sent; 0 while receiving
    DWORD sent;
} Connection;

typedef struct {
    USHORT port;
    DWORD size;
    DWORD count;
    BOOL ok;
    ULONGLONG elapsed_ms;
} ClientRun;

static DWORD option(int argc, char** argv, const char* name, DWORD fallback, DWORD low, DWORD high)
{
    size_t length = strlen(name);
    for (int i = 1; i < argc; ++i) {
        if (strncmp(argv[i], name, length) == 0 && argv[i][length] == '=') {
            DWORD value = (DWORD)strtoul(argv[i] + length + 1, NULL, 10);
            return value < low ? low : value > high ? high : value;
        }
    }
    return fallback;
}

static BOOL post_recv(Connection* c)
{
    DWORD flags = 0;
    memset(&c->ov, 0, sizeof c->ov);
    c->wsabuf.buf = c->buffer;
    c->wsabuf.len = MAX_SIZE;
    c->pending_send = 0;
    return WSARecv(c->socket, &c->wsabuf, 1, NULL, &flags, &c->ov, NULL) == 0 || WSAGetLastError() == WSA_IO_PENDING;
}

static BOOL post_send(Connection* c)
{
    memset(&c->ov, 0, sizeof c->ov);
    c->wsabuf.buf = c->buffer + c->sent;
    c->wsabuf.len = c->pending_send - c->sent;
    return WSASend(c->socket, &c->wsabuf, 1, NULL, 0, &c->ov, NULL) == 0 || WSAGetLastError() == WSA_IO_PENDING;
}

// The worker: every completion is either "data arrived" (echo it) or "echo sent" (maybe partly).
static DWORD WINAPI echo_worker(LPVOID parameter)
{
    HANDLE port = (HANDLE)parameter;
    for (;;) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        OVERLAPPED* ov = NULL;
        BOOL ok = GetQueuedCompletionStatus(port, &bytes, &key, &ov, INFINITE);
        Connection* c = (Connection*)key;
        if (c == NULL || !ok || bytes == 0) {
            return 0;  // stop packet, reset or the client closed
        }
        if (c->pending_send == 0) {
            c->pending_send = bytes;
            c->sent = 0;
        } else {
            c->sent += bytes;
        }
        BOOL posted = c->sent < c->pending_send ? post_send(c) : post_recv(c);
        if (!posted) {
            return 1;
        }
    }
}

static DWORD WINAPI client_thread(LPVOID parameter)
{
    ClientRun* run = (ClientRun*)parameter;
    static char out[MAX_SIZE];
    static char in[MAX_SIZE];
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in server;
    memset(&server, 0, sizeof server);
    server.sin_family = AF_INET;
    server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    server.sin_port = run->port;
    if (s == INVALID_SOCKET || connect(s, (struct sockaddr*)&server, sizeof server) != 0) {
        return 1;
    }
    run->ok = TRUE;
    ULONGLONG start = GetTickCount64();
    for (DWORD i = 0; i < run->count && run->ok; ++i) {
        memset(out, 'a' + (int)(i % 26), run->size);
        run->ok = send(s, out, (int)run->size, 0) == (int)run->size;
        DWORD got = 0;
        while (run->ok && got < run->size) {
            int n = recv(s, in + got, (int)(run->size - got), 0);
            run->ok = n > 0;
            got += n > 0 ? (DWORD)n : 0;
        }
        run->ok = run->ok && memcmp(in, out, run->size) == 0;
    }
    run->elapsed_ms = GetTickCount64() - start;
    closesocket(s);
    return 0;
}

static BOOL run_echo(SOCKET listener, ClientRun* run)
{
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    HANDLE client = CreateThread(NULL, 0, client_thread, run, 0, NULL);
    SOCKET accepted = client == NULL ? INVALID_SOCKET : accept(listener, NULL, NULL);
    static Connection connection;
    connection.socket = accepted;
    HANDLE worker = NULL;
    if (port != NULL && accepted != INVALID_SOCKET &&
        CreateIoCompletionPort((HANDLE)accepted, port, (ULONG_PTR)&connection, 0) != NULL && post_recv(&connection)) {
        worker = CreateThread(NULL, 0, echo_worker, port, 0, NULL);
    }
    if (client != NULL) {
        WaitForSingleObject(client, INFINITE);
        CloseHandle(client);
    }
    if (worker != NULL) {
        WaitForSingleObject(worker, INFINITE);  // it ends on the client's close (a 0-byte receive)
        CloseHandle(worker);
    }
    if (accepted != INVALID_SOCKET) closesocket(accepted);
    if (port != NULL) CloseHandle(port);
    return worker != NULL && run->ok;
}

int main(int argc, char** argv)
{
    ClientRun run;
    memset(&run, 0, sizeof run);
    run.size = option(argc, argv, "size", 4096, 1, MAX_SIZE);
    run.count = option(argc, argv, "count", 20000, 1, 10000000);
    WSADATA wsa;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) {
        printf("WSAStartup failed\n");
        return 1;
    }
    SOCKET listener = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int length = sizeof address;
    if (listener == INVALID_SOCKET || bind(listener, (struct sockaddr*)&address, sizeof address) != 0 ||
        listen(listener, 1) != 0 || getsockname(listener, (struct sockaddr*)&address, &length) != 0) {
        printf("cannot listen on 127.0.0.1: error %d\n", WSAGetLastError());
        return 1;
    }
    run.port = address.sin_port;
    BOOL ok = run_echo(listener, &run);
    closesocket(listener);
    WSACleanup();
    if (!ok) {
        printf("echo failed: an echo was lost or wrong\n");
        return 1;
    }
    double seconds = run.elapsed_ms > 0 ? (double)run.elapsed_ms / 1000.0 : 0.001;
    printf("%lu round trips of %lu bytes in %llu ms: %.0f round trips/s, %.1f MB/s each way\n",
           (unsigned long)run.count, (unsigned long)run.size, (unsigned long long)run.elapsed_ms, run.count / seconds,
           (double)run.count * run.size / seconds / 1e6);
    return 0;
}
