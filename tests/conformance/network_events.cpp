// docs/windows-rules.md section 20: WSAEventSelect's network events. The event object is set when
// a selected event is recorded; WSAEnumNetworkEvents returns the record, clears it and resets the
// event; an event is recorded again only after its re-enabling call (recv for FD_READ, accept for
// FD_ACCEPT), and then at once if its condition still holds; the socket is non-blocking; FD_CLOSE
// carries 0 for a graceful close and WSAECONNRESET for a reset; FD_WRITE is recorded once a
// connection exists; the accepted socket has the listening socket's selection.
#include "conformance_sockets.h"

// "label: wait 0x0" when the event is set within 5 s, "label: wait 0x102" when it is not set
// (`patience` ms, kept short where nothing is expected).
static void show_wait(const char* label, WSAEVENT event, DWORD patience)
{
    printf("%s: wait 0x%lX\n", label, (unsigned long)WaitForSingleObject(event, patience));
}

// "label: events 0x.., FD_CLOSE error e" and whether the event is still set afterwards.
static void show_enum(const char* label, SOCKET s, WSAEVENT event)
{
    WSANETWORKEVENTS record;
    memset(&record, 0xAB, sizeof record);
    int result = WSAEnumNetworkEvents(s, event, &record);
    if (result != 0) {
        printf("%s: SOCKET_ERROR error %d\n", label, WSAGetLastError());
        return;
    }
    printf("%s: events 0x%lX", label, (unsigned long)record.lNetworkEvents);
    if (record.lNetworkEvents & FD_CLOSE) {
        printf(", FD_CLOSE error %d", record.iErrorCode[FD_CLOSE_BIT]);
    }
    printf(", event afterwards 0x%lX\n", (unsigned long)WaitForSingleObject(event, 0));
}

static void show_recv(const char* label, SOCKET s, int length)
{
    char data[64];
    int result = recv(s, data, length, 0);
    if (result == SOCKET_ERROR) {
        printf("%s: SOCKET_ERROR error %d\n", label, WSAGetLastError());
    } else {
        printf("%s: %d\n", label, result);
    }
}

static SOCKET connect_to(unsigned short port)
{
    SOCKET client = overlapped_socket();
    struct sockaddr_in address = loopback_address(port);
    if (connect(client, (struct sockaddr*)&address, sizeof address) != 0) {
        printf("connect failed: error %d\n", WSAGetLastError());
    }
    return client;
}

static void accept_events(void)
{
    unsigned short port = 0;
    SOCKET listener = listen_on_loopback(&port);
    WSAEVENT event = WSACreateEvent();
    printf("WSAEventSelect(FD_ACCEPT): %d\n", WSAEventSelect(listener, event, FD_ACCEPT));
    show_wait("no client yet", event, 100);
    SOCKET first = connect_to(port);
    show_wait("a client connected", event, 5000);
    show_enum("enum", listener, event);
    SOCKET second = connect_to(port);
    Sleep(100);
    // Not recorded again before accept re-enables it, although a second client waits.
    show_wait("second client, no accept yet", event, 100);
    SOCKET accepted = accept(listener, NULL, NULL);
    printf("accept: %s\n", accepted == INVALID_SOCKET ? "INVALID_SOCKET" : "a socket");
    show_wait("after accept, the second client still waits", event, 5000);
    show_enum("enum", listener, event);
    // The accepted socket has the listener's selection, so it is non-blocking too.
    show_recv("recv on the accepted socket, no data", accepted, 8);
    closesocket(accepted);
    closesocket(first);
    closesocket(second);
    closesocket(listener);
    WSACloseEvent(event);
}

static void read_and_close_events(void)
{
    SOCKET client, server;
    if (!connect_pair(&client, &server)) {
        return;
    }
    WSAEVENT event = WSACreateEvent();
    printf("WSAEventSelect(FD_READ | FD_CLOSE): %d\n", WSAEventSelect(server, event, FD_READ | FD_CLOSE));
    show_recv("recv, no data: the socket is non-blocking", server, 8);
    u_long blocking = 0;
    int result = ioctlsocket(server, FIONBIO, &blocking);
    show_wsa("FIONBIO 0 while selected", result, WSAGetLastError());
    show_wait("no data yet", event, 100);
    send(client, "0123456789", 10, 0);
    show_wait("10 bytes sent", event, 5000);
    show_enum("enum", server, event);
    show_recv("recv 4 of 10", server, 4);
    // recv re-enabled FD_READ and 6 bytes remain: recorded again at once.
    show_wait("6 bytes remain", event, 5000);
    show_enum("enum", server, event);
    show_recv("recv the rest", server, 64);
    show_wait("nothing left", event, 100);
    shutdown(client, SD_SEND);
    show_wait("the peer shut down its sending side", event, 5000);
    show_enum("enum", server, event);
    show_recv("recv after the close", server, 8);
    printf("WSAEventSelect(0): %d\n", WSAEventSelect(server, event, 0));
    result = ioctlsocket(server, FIONBIO, &blocking);
    show_wsa("FIONBIO 0 once no longer selected", result, WSAGetLastError());
    closesocket(server);
    closesocket(client);
    WSACloseEvent(event);
}

static void reset_and_write_events(void)
{
    SOCKET client, server;
    if (!connect_pair(&client, &server)) {
        return;
    }
    WSAEVENT write_event = WSACreateEvent();
    WSAEVENT close_event = WSACreateEvent();
    printf("WSAEventSelect(FD_WRITE) on a connected socket: %d\n", WSAEventSelect(client, write_event, FD_WRITE));
    show_wait("room to send", write_event, 5000);
    show_enum("enum", client, write_event);
    printf("send: %d\n", send(client, "abc", 3, 0));
    // A send that succeeded does not re-enable FD_WRITE: only one that met WSAEWOULDBLOCK does.
    show_wait("after a send that succeeded", write_event, 100);
    printf("WSAEventSelect(FD_CLOSE): %d\n", WSAEventSelect(server, close_event, FD_CLOSE));
    wait_readable(server, 3);
    show_recv("recv the 3 bytes", server, 8);
    struct linger abortive = {1, 0};
    setsockopt(client, SOL_SOCKET, SO_LINGER, (char*)&abortive, sizeof abortive);
    printf("closesocket of the peer (reset): %d\n", closesocket(client));
    show_wait("reset", close_event, 5000);
    // Windows gives WSAECONNRESET (10054), Wine 8.0 gives 0 (docs/windows-rules.md section 16).
    show_enum("[!W] enum after the reset", server, close_event);
    closesocket(server);
    WSACloseEvent(write_event);
    WSACloseEvent(close_event);
}

int main()
{
    WSADATA data;
    printf("WSAStartup: %d\n", WSAStartup(MAKEWORD(2, 2), &data));
    accept_events();
    read_and_close_events();
    reset_and_write_events();
    printf("WSACleanup: %d\n", WSACleanup());
    return 0;
}
