// docs/windows-rules.md section 13: select() with Winsock's fd_set. The sets are counts and arrays
// of SOCKETs; select() keeps the ready sockets in each set and returns how many entries it kept.
// A listening socket with a client waiting is readable; a connection is readable when data or its
// end arrived, writable while there is room to send; a non-blocking connect shows up as writable
// when it succeeds and in the exception set when it fails. The C library's <stdlib.h> comes first
// on purpose: its own select() and fd_set must not get in the way.
#include <stdlib.h>

#include "conformance_sockets.h"

// Not const: mingw-w64 declares the time-out parameter as a pointer to a modifiable timeval.
static struct timeval kNoWait = {0, 0};
static struct timeval kFiveSeconds = {5, 0};

static void show_select(const char* label, int result, const fd_set* set)
{
    if (result == SOCKET_ERROR) {
        printf("%s: SOCKET_ERROR error %d\n", label, WSAGetLastError());
    } else {
        printf("%s: %d, fd_count %u\n", label, result, set ? set->fd_count : 0u);
    }
}

static void the_macros(SOCKET a, SOCKET b)
{
    fd_set set;
    printf("sizeof(fd_set) %u, FD_SETSIZE %d\n", (unsigned)sizeof set, FD_SETSIZE);
    FD_ZERO(&set);
    FD_SET(a, &set);
    FD_SET(b, &set);
    FD_SET(a, &set);
    printf("after FD_SET a, b, a: fd_count %u, first is a %d\n", set.fd_count, set.fd_array[0] == a);
    FD_CLR(a, &set);
    printf("after FD_CLR a: fd_count %u, first is b %d, FD_ISSET a %d b %d\n", set.fd_count, set.fd_array[0] == b,
           FD_ISSET(a, &set) != 0, FD_ISSET(b, &set) != 0);
}

static void refusals(SOCKET s)
{
    fd_set empty;
    FD_ZERO(&empty);
    show_select("select with three NULL sets", select(0, NULL, NULL, NULL, &kNoWait), NULL);
    show_select("select with empty sets", select(0, &empty, &empty, &empty, &kNoWait), &empty);
    SOCKET closed = overlapped_socket();
    closesocket(closed);
    fd_set stale;
    FD_ZERO(&stale);
    FD_SET(s, &stale);
    FD_SET(closed, &stale);
    show_select("select with a closed socket in the set", select(0, &stale, NULL, NULL, &kNoWait), &stale);
}

static DWORD WINAPI send_later(LPVOID parameter)
{
    Sleep(200);
    send(*(SOCKET*)parameter, "late", 4, 0);
    return 0;
}

static void a_connection(SOCKET client, SOCKET server)
{
    fd_set readable, writable;
    FD_ZERO(&readable);
    FD_SET(server, &readable);
    show_select("nothing to read, no wait", select(0, &readable, NULL, NULL, &kNoWait), &readable);
    struct timeval short_wait = {0, 100000};
    FD_SET(server, &readable);
    show_select("nothing to read, 100 ms", select(0, &readable, NULL, NULL, &short_wait), &readable);
    FD_SET(server, &readable);
    FD_ZERO(&writable);
    FD_SET(server, &writable);
    show_select("room to send", select(0, &readable, &writable, NULL, &kNoWait), &writable);
    printf("readable kept %u\n", readable.fd_count);

    HANDLE thread = CreateThread(NULL, 0, send_later, &client, 0, NULL);
    FD_SET(server, &readable);
    show_select("waits without a time-out until data comes", select(0, &readable, NULL, NULL, NULL), &readable);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    FD_SET(server, &readable);
    FD_SET(server, &writable);
    show_select("readable and writable count twice", select(0, &readable, &writable, NULL, &kNoWait), &readable);
    char data[8];
    printf("recv: %d\n", recv(server, data, sizeof data, 0));

    shutdown(client, SD_SEND);
    FD_SET(server, &readable);
    show_select("the peer's end is readable", select(0, &readable, NULL, NULL, &kFiveSeconds), &readable);
    printf("recv at the end: %d\n", recv(server, data, sizeof data, 0));
}

static void a_listener(void)
{
    unsigned short port = 0;
    SOCKET listener = listen_on_loopback(&port);
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(listener, &readable);
    show_select("listener with nobody waiting", select(0, &readable, NULL, NULL, &kNoWait), &readable);
    SOCKET client = overlapped_socket();
    struct sockaddr_in address = loopback_address(port);
    connect(client, (struct sockaddr*)&address, sizeof address);
    FD_SET(listener, &readable);
    show_select("listener with a client waiting", select(0, &readable, NULL, NULL, &kFiveSeconds), &readable);
    SOCKET accepted = accept(listener, NULL, NULL);
    printf("accept after select: %s\n", accepted != INVALID_SOCKET ? "a socket" : "INVALID_SOCKET");

    the_macros(client, accepted);
    refusals(client);
    a_connection(client, accepted);
    closesocket(accepted);
    closesocket(client);
    closesocket(listener);
}

// connect() on a non-blocking socket, then select() for the outcome.
static void non_blocking_connect(unsigned short port, const char* label)
{
    SOCKET s = overlapped_socket();
    u_long on = 1;
    ioctlsocket(s, FIONBIO, &on);
    struct sockaddr_in address = loopback_address(port);
    int result = connect(s, (struct sockaddr*)&address, sizeof address);
    printf("%s: connect %d error %d\n", label, result, WSAGetLastError());
    fd_set writable, failed;
    FD_ZERO(&writable);
    FD_SET(s, &writable);
    FD_ZERO(&failed);
    FD_SET(s, &failed);
    result = select(0, NULL, &writable, &failed, &kFiveSeconds);
    printf("%s: select %d, writable %u, failed %u\n", label, result, writable.fd_count, failed.fd_count);
    int error = 0, length = sizeof error;
    getsockopt(s, SOL_SOCKET, SO_ERROR, (char*)&error, &length);
    printf("%s: SO_ERROR %d\n", label, error);
    closesocket(s);
}

static void non_blocking_connects(void)
{
    unsigned short port = 0;
    SOCKET listener = listen_on_loopback(&port);
    non_blocking_connect(port, "to a listener");
    closesocket(listener);
    // A port that was bound and is free again: nobody listens there.
    SOCKET unused = overlapped_socket();
    struct sockaddr_in address = loopback_address(0);
    int length = sizeof address;
    bind(unused, (struct sockaddr*)&address, sizeof address);
    getsockname(unused, (struct sockaddr*)&address, &length);
    closesocket(unused);
    non_blocking_connect(ntohs(address.sin_port), "to a closed port");
}

int main()
{
    WSADATA data;
    fd_set any;
    FD_ZERO(&any);
    // Windows: every Winsock call fails with WSANOTINITIALISED first; Wine 8.0 checks the sets first.
    show_select("[!W] select before WSAStartup", select(0, &any, NULL, NULL, &kNoWait), NULL);
    printf("WSAStartup: %d\n", WSAStartup(MAKEWORD(2, 2), &data));
    a_listener();
    non_blocking_connects();
    printf("WSACleanup: %d\n", WSACleanup());
    return 0;
}
