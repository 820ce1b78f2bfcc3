// docs/windows-rules.md sections 5, 7 and 13: WriteFile from a NULL buffer, handle values whose
// two low bits are set (the tag that keeps a request off the completion port), and the last
// error a successful Winsock call, or a call that creates a handle, leaves behind.
#include "conformance_sockets.h"

// A marker the successful call must overwrite (or, if the rule were wrong, leave in place).
static const DWORD kStale = 12345;

static void write_from_null(void)
{
    char path[MAX_PATH + 64];
    temp_file_path(path, sizeof path, "null-buffer");
    HANDLE h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    DWORD written = 0xDEAD;
    BOOL ok = WriteFile(h, NULL, 10, &written, NULL);
    show_bool("WriteFile(NULL, 10 bytes)", ok, GetLastError());
    printf("bytes written %lu\n", (unsigned long)written);
    ok = WriteFile(h, NULL, 0, &written, NULL);
    show_bool("WriteFile(NULL, 0 bytes)", ok, GetLastError());
    CloseHandle(h);
    DeleteFileA(path);
}

static void tagged_event_handles(void)
{
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE tag1 = (HANDLE)((ULONG_PTR)event | 1);
    HANDLE tag3 = (HANDLE)((ULONG_PTR)event | 3);
    show_bool("SetEvent(hEvent | 1)", SetEvent(tag1), GetLastError());
    printf("WaitForSingleObject(hEvent | 1, 0): 0x%lX\n", (unsigned long)WaitForSingleObject(tag1, 0));
    printf("WaitForSingleObject(hEvent | 3, 0): 0x%lX\n", (unsigned long)WaitForSingleObject(tag3, 0));
    show_bool("ResetEvent(hEvent | 3)", ResetEvent(tag3), GetLastError());
    printf("WaitForSingleObject(hEvent, 0) after it: 0x%lX\n", (unsigned long)WaitForSingleObject(event, 0));

    // The usual use: a request whose hEvent carries the tag, waited for through the same value.
    char path[MAX_PATH + 64];
    temp_file_path(path, sizeof path, "tagged-event");
    HANDLE file = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);
    HANDLE port = CreateIoCompletionPort(file, NULL, 7, 0);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = tag1;
    BOOL ok = WriteFile(file, "tagged", 6, NULL, &ov);
    DWORD error = GetLastError();
    printf("[V] WriteFile with hEvent | 1: %s\n", ok || error == ERROR_IO_PENDING ? "started" : "failed");
    printf("WaitForSingleObject(ov.hEvent, 5000): 0x%lX\n", (unsigned long)WaitForSingleObject(ov.hEvent, 5000));
    finish("GetOverlappedResult", file, &ov);
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    OVERLAPPED* packet = NULL;
    ok = GetQueuedCompletionStatus(port, &bytes, &key, &packet, 0);
    show_bool("GetQueuedCompletionStatus (no packet for a tagged hEvent)", ok, GetLastError());
    CloseHandle(port);
    CloseHandle(file);
    DeleteFileA(path);
    show_bool("CloseHandle(hEvent | 1)", CloseHandle(tag1), GetLastError());
}

static void show_cleared(const char* label, int result)
{
    printf("%s: %d, last error %lu\n", label, result, (unsigned long)GetLastError());
}

static void winsock_success_clears(SOCKET client, SOCKET server)
{
    int value = 1, size = sizeof value;
    SetLastError(kStale);
    show_cleared("setsockopt(SO_KEEPALIVE)", setsockopt(client, SOL_SOCKET, SO_KEEPALIVE, (char*)&value, sizeof value));
    SetLastError(kStale);
    show_cleared("getsockopt(SO_KEEPALIVE)", getsockopt(client, SOL_SOCKET, SO_KEEPALIVE, (char*)&value, &size));
    SetLastError(kStale);
    show_cleared("send", send(client, "abc", 3, 0));
    wait_readable(server, 3);
    char data[8];
    SetLastError(kStale);
    show_cleared("recv", recv(server, data, 2, 0));

    WSABUF buffer = {sizeof data, data};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    DWORD received = 0, flags = 0;
    SetLastError(kStale);
    show_cleared("WSARecv, the byte already there", WSARecv(server, &buffer, 1, &received, &flags, &ov, NULL));
    WSACloseEvent(ov.hEvent);
    DWORD sent = 0;
    buffer.len = 2;
    SetLastError(kStale);
    show_cleared("WSASend, no OVERLAPPED", WSASend(client, &buffer, 1, &sent, 0, NULL, NULL));
    u_long nonblocking = 0;
    SetLastError(kStale);
    show_cleared("ioctlsocket(FIONBIO)", ioctlsocket(client, FIONBIO, &nonblocking));
    struct sockaddr_in name;
    int length = sizeof name;
    SetLastError(kStale);
    show_cleared("getsockname", getsockname(client, (struct sockaddr*)&name, &length));
    SetLastError(kStale);
    show_cleared("getpeername", getpeername(client, (struct sockaddr*)&name, &length));
    SetLastError(kStale);
    show_cleared("shutdown(SD_SEND)", shutdown(client, SD_SEND));

    SOCKET listener = overlapped_socket();
    struct sockaddr_in address = loopback_address(0);
    SetLastError(kStale);
    show_cleared("bind", bind(listener, (struct sockaddr*)&address, sizeof address));
    SetLastError(kStale);
    show_cleared("listen", listen(listener, SOMAXCONN));
    closesocket(listener);
}

// CreateEvent and WSACreateEvent clear the last error when they succeed; CreateIoCompletionPort
// and CreateThread leave it as it was, so a value read after them is stale.
static void creators_and_the_last_error(void)
{
    SetLastError(kStale);
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    printf("CreateEventA: %s, last error %lu\n", event ? "a handle" : "NULL", (unsigned long)GetLastError());
    SetLastError(kStale);
    WSAEVENT wsa_event = WSACreateEvent();
    printf("WSACreateEvent: %s, last error %lu\n", wsa_event ? "a handle" : "NULL", (unsigned long)GetLastError());
    SetLastError(kStale);
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    printf("CreateIoCompletionPort: %s, last error %lu\n", port ? "a handle" : "NULL", (unsigned long)GetLastError());
    CloseHandle(event);
    WSACloseEvent(wsa_event);
    CloseHandle(port);
}

int main()
{
    write_from_null();
    tagged_event_handles();

    WSADATA data;
    printf("WSAStartup: %d\n", WSAStartup(MAKEWORD(2, 2), &data));
    SOCKET client, server;
    if (!connect_pair(&client, &server)) {
        return 1;
    }
    winsock_success_clears(client, server);
    creators_and_the_last_error();
    closesocket(client);
    closesocket(server);
    printf("WSACleanup: %d\n", WSACleanup());
    return 0;
}
