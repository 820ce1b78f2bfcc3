// An IOCP echo server written the way ordinary Win32 programs write one, so it must
// compile unchanged: _beginthreadex workers with __stdcall procedures, a per-I/O structure found
// again with CONTAINING_RECORD, GetSystemInfo for the worker count. To run alone it connects to
// itself on 127.0.0.1 (port from bind(0) + getsockname) and prints only what every run prints.
#include <winsock2.h>
#include <windows.h>
#include <process.h>
#include <stdio.h>

#define BUFFER_SIZE 64
#define MAX_WORKERS 2

enum IO_OPERATION { IO_RECV, IO_SEND };

typedef struct _PER_IO_DATA {
    OVERLAPPED Overlapped;  // not first on purpose: CONTAINING_RECORD finds the structure anyway
    WSABUF WsaBuf;
    char Buffer[BUFFER_SIZE];
    enum IO_OPERATION Operation;
    SOCKET Socket;
} PER_IO_DATA;

static volatile LONG g_echoed = 0;
static HANDLE g_closed = NULL;

static void Fatal(const char* what)
{
    printf("%s failed: error %d\n", what, WSAGetLastError());
    ExitProcess(1);
}

static void PostReceive(PER_IO_DATA* io)
{
    DWORD flags = 0;
    ZeroMemory(&io->Overlapped, sizeof(io->Overlapped));
    io->Operation = IO_RECV;
    io->WsaBuf.buf = io->Buffer;
    io->WsaBuf.len = sizeof(io->Buffer);
    if (WSARecv(io->Socket, &io->WsaBuf, 1, NULL, &flags, &io->Overlapped, NULL) == SOCKET_ERROR &&
        WSAGetLastError() != WSA_IO_PENDING) {
        Fatal("WSARecv");
    }
}

static void PostEcho(PER_IO_DATA* io, DWORD bytes)
{
    ZeroMemory(&io->Overlapped, sizeof(io->Overlapped));
    io->Operation = IO_SEND;
    io->WsaBuf.len = bytes;
    if (WSASend(io->Socket, &io->WsaBuf, 1, NULL, 0, &io->Overlapped, NULL) == SOCKET_ERROR &&
        WSAGetLastError() != WSA_IO_PENDING) {
        Fatal("WSASend");
    }
}

static unsigned __stdcall WorkerThread(void* param)
{
    HANDLE port = (HANDLE)param;
    for (;;) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        LPOVERLAPPED overlapped = NULL;
        BOOL ok = GetQueuedCompletionStatus(port, &bytes, &key, &overlapped, INFINITE);
        if (overlapped == NULL) {
            break;  // the shutdown packet
        }
        PER_IO_DATA* io = CONTAINING_RECORD(overlapped, PER_IO_DATA, Overlapped);
        if (io->Operation == IO_SEND) {
            PostReceive(io);
        } else if (ok && bytes > 0) {
            InterlockedIncrement(&g_echoed);
            PostEcho(io, bytes);
        } else {  // the client closed its side
            closesocket(io->Socket);
            HeapFree(GetProcessHeap(), 0, io);
            SetEvent(g_closed);
        }
    }
    return 0;
}

static SOCKET Listen(unsigned short* port)
{
    SOCKET listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in address;
    int length = sizeof(address);
    ZeroMemory(&address, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    if (listener == INVALID_SOCKET || bind(listener, (struct sockaddr*)&address, sizeof(address)) == SOCKET_ERROR ||
        listen(listener, SOMAXCONN) == SOCKET_ERROR ||
        getsockname(listener, (struct sockaddr*)&address, &length) == SOCKET_ERROR) {
        Fatal("listen");
    }
    *port = ntohs(address.sin_port);
    return listener;
}

static void Exchange(SOCKET client, const char* text)
{
    char reply[BUFFER_SIZE];
    int length = (int)strlen(text);
    int received = 0;
    if (send(client, text, length, 0) != length) {
        Fatal("send");
    }
    while (received < length) {
        int got = recv(client, reply + received, length - received, 0);
        if (got <= 0) {
            Fatal("recv");
        }
        received += got;
    }
    printf("sent \"%s\", echoed \"%.*s\"\n", text, received, reply);
}

int main(void)
{
    WSADATA wsaData;
    SYSTEM_INFO info;
    HANDLE workers[MAX_WORKERS];
    DWORD workerCount, i;
    unsigned short port = 0;
    const char* messages[] = {"hello", "overlapped", "world"};

    if (WSAStartup(MAKEWORD(2, 2), &wsaData) != 0) {
        Fatal("WSAStartup");
    }
    printf("Winsock %d.%d\n", LOBYTE(wsaData.wVersion), HIBYTE(wsaData.wVersion));
    GetSystemInfo(&info);
    workerCount = info.dwNumberOfProcessors < MAX_WORKERS ? info.dwNumberOfProcessors : MAX_WORKERS;
    HANDLE port_handle = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    g_closed = CreateEvent(NULL, FALSE, FALSE, NULL);
    for (i = 0; i < workerCount; ++i) {
        workers[i] = (HANDLE)_beginthreadex(NULL, 0, WorkerThread, port_handle, 0, NULL);
        if (workers[i] == NULL) {
            Fatal("_beginthreadex");
        }
    }

    SOCKET listener = Listen(&port);
    SOCKET client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in address;
    ZeroMemory(&address, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    if (connect(client, (struct sockaddr*)&address, sizeof(address)) == SOCKET_ERROR) {
        Fatal("connect");
    }
    PER_IO_DATA* io = (PER_IO_DATA*)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(PER_IO_DATA));
    io->Socket = accept(listener, NULL, NULL);
    if (io->Socket == INVALID_SOCKET || CreateIoCompletionPort((HANDLE)io->Socket, port_handle, 0, 0) == NULL) {
        Fatal("accept");
    }
    closesocket(listener);
    PostReceive(io);

    for (i = 0; i < _countof(messages); ++i) {
        Exchange(client, messages[i]);
    }
    shutdown(client, SD_SEND);
    printf("server closed the connection: %s\n", WaitForSingleObject(g_closed, 10000) == WAIT_OBJECT_0 ? "yes" : "no");
    printf("messages echoed: %ld\n", (long)g_echoed);

    for (i = 0; i < workerCount; ++i) {
        PostQueuedCompletionStatus(port_handle, 0, 0, NULL);
    }
    WaitForMultipleObjects(workerCount, workers, TRUE, INFINITE);
    for (i = 0; i < workerCount; ++i) {
        CloseHandle(workers[i]);
    }
    closesocket(client);
    CloseHandle(g_closed);
    CloseHandle(port_handle);
    WSACleanup();
    return 0;
}
