// docs/windows-rules.md sections 13 and 14: Winsock's blocking calls wait alertably (an APC queued
// to the thread runs while it waits in recv, select or accept, or in WSARecv on a socket made without
// WSA_FLAG_OVERLAPPED, and the call goes on waiting), and CancelSynchronousIo from another thread
// ends the blocking call a thread is in: ReadFile fails with ERROR_OPERATION_ABORTED, recv with
// WSA_OPERATION_ABORTED. With no blocking call to cancel it fails with ERROR_NOT_FOUND.
#include "conformance_sockets.h"

static HANDLE g_apc_ran;
static HANDLE g_about_to_block;

static void CALLBACK note_apc(ULONG_PTR parameter)
{
    (void)parameter;
    SetEvent(g_apc_ran);
}

struct Blocked {
    SOCKET s;
    int result;
    int error;
};

static DWORD WINAPI receive_once(LPVOID parameter)
{
    struct Blocked* blocked = (struct Blocked*)parameter;
    char data[16];
    SetEvent(g_about_to_block);
    blocked->result = recv(blocked->s, data, sizeof data, 0);
    blocked->error = blocked->result == SOCKET_ERROR ? WSAGetLastError() : 0;
    return 0;
}

static DWORD WINAPI read_file_once(LPVOID parameter)
{
    struct Blocked* blocked = (struct Blocked*)parameter;
    char data[16];
    DWORD bytes = 0;
    SetEvent(g_about_to_block);
    BOOL ok = ReadFile((HANDLE)blocked->s, data, sizeof data, &bytes, NULL);
    blocked->result = ok ? (int)bytes : -1;
    blocked->error = ok ? 0 : (int)GetLastError();
    return 0;
}

// WSARecv with no OVERLAPPED on a socket made without WSA_FLAG_OVERLAPPED: a blocking call too.
static DWORD WINAPI wsa_receive_once(LPVOID parameter)
{
    struct Blocked* blocked = (struct Blocked*)parameter;
    char data[16];
    WSABUF buffer = {sizeof data, data};
    DWORD bytes = 0, flags = 0;
    SetEvent(g_about_to_block);
    int result = WSARecv(blocked->s, &buffer, 1, &bytes, &flags, NULL, NULL);
    blocked->result = result == 0 ? (int)bytes : result;
    blocked->error = result == SOCKET_ERROR ? WSAGetLastError() : 0;
    return 0;
}

// select with no time-out: its result is the number of sockets ready.
static DWORD WINAPI select_once(LPVOID parameter)
{
    struct Blocked* blocked = (struct Blocked*)parameter;
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(blocked->s, &readable);
    SetEvent(g_about_to_block);
    blocked->result = select(0, &readable, NULL, NULL, NULL);
    blocked->error = blocked->result == SOCKET_ERROR ? WSAGetLastError() : 0;
    return 0;
}

// An APC queued to a thread blocked in `call` runs during the wait; the call then goes on waiting
// and returns the data sent afterwards. `mark` prefixes the line where Wine 8 differs ("[!W] ").
static void apc_during(const char* call, LPTHREAD_START_ROUTINE receive, SOCKET client, SOCKET server,
                       const char* mark)
{
    struct Blocked blocked = {server, 0, 0};
    HANDLE thread = CreateThread(NULL, 0, receive, &blocked, 0, NULL);
    WaitForSingleObject(g_about_to_block, INFINITE);
    Sleep(100);
    printf("QueueUserAPC to the thread in %s: %d\n", call, QueueUserAPC(note_apc, thread, 0) != 0);
    printf("%sthe APC ran while %s waited: 0x%lX\n", mark, call,
           (unsigned long)WaitForSingleObject(g_apc_ran, 5000));
    printf("the thread still waits: 0x%lX\n", (unsigned long)WaitForSingleObject(thread, 100));
    send(client, "abc", 3, 0);
    WaitForSingleObject(thread, INFINITE);
    printf("%s after the APC: %d error %d\n", call, blocked.result, blocked.error);
    CloseHandle(thread);
}

static DWORD WINAPI accept_once(LPVOID parameter)
{
    struct Blocked* blocked = (struct Blocked*)parameter;
    SetEvent(g_about_to_block);
    SOCKET accepted = accept(blocked->s, NULL, NULL);
    blocked->result = accepted != INVALID_SOCKET;
    blocked->error = accepted == INVALID_SOCKET ? WSAGetLastError() : 0;
    closesocket(accepted);
    return 0;
}

// accept waits alertably too: the APC runs, and accept goes on to take the next connection.
static void apc_during_accept(void)
{
    unsigned short port = 0;
    SOCKET listener = listen_on_loopback(&port);
    struct Blocked blocked = {listener, 0, 0};
    HANDLE thread = CreateThread(NULL, 0, accept_once, &blocked, 0, NULL);
    WaitForSingleObject(g_about_to_block, INFINITE);
    Sleep(100);
    printf("QueueUserAPC to the thread in accept: %d\n", QueueUserAPC(note_apc, thread, 0) != 0);
    // Wine 8 waits in accept without alerts: the APC runs later.
    printf("[!W] the APC ran while accept waited: 0x%lX\n", (unsigned long)WaitForSingleObject(g_apc_ran, 5000));
    printf("the thread still waits: 0x%lX\n", (unsigned long)WaitForSingleObject(thread, 100));
    SOCKET client = overlapped_socket();
    struct sockaddr_in address = loopback_address(port);
    printf("connect: %d\n", connect(client, (struct sockaddr*)&address, sizeof address));
    WaitForSingleObject(thread, INFINITE);
    printf("accept after the APC: %s error %d\n", blocked.result ? "a connection" : "none", blocked.error);
    CloseHandle(thread);
    closesocket(client);
    closesocket(listener);
}

// CancelSynchronousIo until the thread is in its blocking call (it answers ERROR_NOT_FOUND before).
static void cancel_when_blocked(HANDLE thread, const char* label)
{
    BOOL ok = FALSE;
    DWORD error = 0;
    for (int i = 0; i < 500 && !ok; ++i) {
        ok = CancelSynchronousIo(thread);
        error = GetLastError();
        if (!ok) {
            Sleep(10);
        }
    }
    show_bool(label, ok, error);
}

// CancelSynchronousIo ends the blocking `call` another thread is in; the connection stays usable.
static void cancel_blocked(const char* call, LPTHREAD_START_ROUTINE receive, SOCKET client, SOCKET server)
{
    struct Blocked blocked = {server, 0, 0};
    HANDLE thread = CreateThread(NULL, 0, receive, &blocked, 0, NULL);
    WaitForSingleObject(g_about_to_block, INFINITE);
    char label[64];
    snprintf(label, sizeof label, "CancelSynchronousIo of the thread in %s", call);
    cancel_when_blocked(thread, label);
    WaitForSingleObject(thread, INFINITE);
    printf("%s after the cancel: %d error %d\n", call, blocked.result, blocked.error);
    CloseHandle(thread);
    send(client, "after", 5, 0);
    char data[8];
    printf("the connection still works: recv %d\n", recv(server, data, sizeof data, 0));
}

static DWORD WINAPI sleep_a_while(LPVOID parameter)
{
    (void)parameter;
    Sleep(300);
    return 0;
}

// A connection between two sockets made without WSA_FLAG_OVERLAPPED: ReadFile without an
// OVERLAPPED blocks on them.
static BOOL synchronous_pair(SOCKET* client, SOCKET* server)
{
    SOCKET listener = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, 0);
    struct sockaddr_in address = loopback_address(0);
    int length = sizeof address;
    bind(listener, (struct sockaddr*)&address, sizeof address);
    listen(listener, 1);
    getsockname(listener, (struct sockaddr*)&address, &length);
    *client = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, 0);
    BOOL ok = connect(*client, (struct sockaddr*)&address, sizeof address) == 0;
    *server = ok ? accept(listener, NULL, NULL) : INVALID_SOCKET;
    closesocket(listener);
    printf("synchronous pair: %s\n", *server != INVALID_SOCKET ? "connected" : "failed");
    return *server != INVALID_SOCKET;
}

static void cancel_blocking_calls(void)
{
    HANDLE idle = CreateThread(NULL, 0, sleep_a_while, NULL, 0, NULL);
    BOOL ok = CancelSynchronousIo(idle);
    show_bool("CancelSynchronousIo of a thread in no I/O", ok, GetLastError());
    WaitForSingleObject(idle, INFINITE);
    CloseHandle(idle);

    SOCKET client, server;
    if (!synchronous_pair(&client, &server)) {
        return;
    }
    cancel_blocked("ReadFile", read_file_once, client, server);
    cancel_blocked("recv", receive_once, client, server);
    closesocket(client);
    closesocket(server);
}

int main()
{
    WSADATA data;
    printf("WSAStartup: %d\n", WSAStartup(MAKEWORD(2, 2), &data));
    g_apc_ran = CreateEventA(NULL, FALSE, FALSE, NULL);
    g_about_to_block = CreateEventA(NULL, FALSE, FALSE, NULL);
    SOCKET client, server;
    if (!connect_pair(&client, &server)) {
        return 1;
    }
    apc_during("recv", receive_once, client, server, "");
    apc_during("select", select_once, client, server, "");
    apc_during_accept();
    closesocket(client);
    closesocket(server);
    if (!synchronous_pair(&client, &server)) {
        return 1;
    }
    // Wine 8 waits without alerts on a socket made without WSA_FLAG_OVERLAPPED: the APC runs later.
    apc_during("WSARecv", wsa_receive_once, client, server, "[!W] ");
    cancel_blocking_calls();
    closesocket(client);
    closesocket(server);
    CloseHandle(g_apc_ran);
    CloseHandle(g_about_to_block);
    printf("WSACleanup: %d\n", WSACleanup());
    return 0;
}
