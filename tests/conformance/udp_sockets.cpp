// docs/windows-rules.md section 21: overlapped UDP on 127.0.0.1. WSARecvFrom pends until a
// datagram comes and fills lpFrom/lpFromlen when it completes; every datagram is one receive (the
// boundaries stay); a datagram longer than the buffer completes with STATUS_BUFFER_OVERFLOW and
// the bytes that fit (WSAEMSGSIZE through Winsock, ERROR_MORE_DATA through Win32), its rest lost;
// the event, a completion routine and a completion port each report it, with no MSG_PARTIAL flag;
// sendto/recvfrom;
// connect() names the peer for WSASend/WSARecv; receiving before bind and listen are refused; a
// datagram sent where nobody receives fails the sender's next receive with WSAECONNRESET, unless
// SIO_UDP_CONNRESET turned that off.
#include "conformance_sockets.h"

static SOCKET udp_socket(void)
{
    return WSASocketA(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, WSA_FLAG_OVERLAPPED);
}

// A UDP socket bound to 127.0.0.1 at a port the system chose; its address goes to *address.
static SOCKET bound_udp_socket(struct sockaddr_in* address)
{
    SOCKET s = udp_socket();
    *address = loopback_address(0);
    int length = sizeof *address;
    if (s == INVALID_SOCKET || bind(s, (struct sockaddr*)address, sizeof *address) != 0 ||
        getsockname(s, (struct sockaddr*)address, &length) != 0) {
        printf("cannot bind a UDP socket on 127.0.0.1: error %d\n", WSAGetLastError());
        return INVALID_SOCKET;
    }
    return s;
}

static const char* same_address(const struct sockaddr_in* a, const struct sockaddr_in* b)
{
    return a->sin_family == b->sin_family && a->sin_port == b->sin_port && a->sin_addr.s_addr == b->sin_addr.s_addr
               ? "yes"
               : "no";
}

static int send_datagram(SOCKET from, const char* text, int length, const struct sockaddr_in* to)
{
    return sendto(from, text, length, 0, (const struct sockaddr*)to, sizeof *to);
}

struct Receive {
    WSAOVERLAPPED ov;
    char data[32];
    WSABUF buffer;
    struct sockaddr_in from;
    int from_length;
    DWORD flags;
};

// Issues an overlapped WSARecvFrom of `size` bytes and prints how it started.
static void receive_from(const char* label, SOCKET s, struct Receive* r, ULONG size, WSAEVENT event,
                         LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    memset(r, 0, sizeof *r);
    r->ov.hEvent = event;
    r->buffer.len = size;
    r->buffer.buf = r->data;
    r->from_length = sizeof r->from;
    int result = WSARecvFrom(s, &r->buffer, 1, NULL, &r->flags, (struct sockaddr*)&r->from, &r->from_length, &r->ov,
                             routine);
    show_wsa(label, result, WSAGetLastError());
}

static void show_from(const struct Receive* r, const struct sockaddr_in* sender)
{
    printf("lpFromlen %d, lpFrom is the sender: %s, data \"%s\"\n", r->from_length,
           same_address(&r->from, sender), r->data);
}

static void pending_receive(SOCKET a, const struct sockaddr_in* a_address, SOCKET b,
                            const struct sockaddr_in* b_address, WSAEVENT event)
{
    struct Receive r;
    receive_from("WSARecvFrom with no datagram waiting", b, &r, 16, event, NULL);
    printf("Internal 0x%lX\n", (unsigned long)(DWORD)r.ov.Internal);
    printf("the event, reset at issue: 0x%lX\n", (unsigned long)WaitForSingleObject(event, 0));
    wsa_finish("WSAGetOverlappedResult, fWait FALSE", b, &r.ov, FALSE);
    printf("sendto 5 bytes: %d\n", send_datagram(a, "hello", 5, b_address));
    wsa_finish("WSAGetOverlappedResult, fWait TRUE", b, &r.ov, TRUE);
    show_fields("fields", (OVERLAPPED*)&r.ov);
    show_from(&r, a_address);
}

static void boundaries(SOCKET a, const struct sockaddr_in* a_address, SOCKET b,
                       const struct sockaddr_in* b_address, WSAEVENT event)
{
    char first[] = "one", second[] = "two22";
    WSABUF out = {3, first};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    DWORD sent = 0;
    int result = WSASendTo(a, &out, 1, &sent, 0, (const struct sockaddr*)b_address, sizeof *b_address, &ov, NULL);
    show_wsa("[V] WSASendTo of 3 bytes", result, WSAGetLastError());
    wsa_finish("its result", a, &ov, TRUE);
    printf("sendto 5 more bytes: %d\n", send_datagram(a, second, 5, b_address));
    wait_readable(b, 1);
    struct Receive r;
    receive_from("WSARecvFrom into 32 bytes, two datagrams waiting", b, &r, 32, event, NULL);
    wsa_finish("first receive", b, &r.ov, TRUE);
    show_from(&r, a_address);
    wait_readable(b, 1);
    receive_from("WSARecvFrom again", b, &r, 32, event, NULL);
    wsa_finish("second receive", b, &r.ov, TRUE);
    show_from(&r, a_address);
}

static void truncation(SOCKET a, const struct sockaddr_in* a_address, SOCKET b,
                       const struct sockaddr_in* b_address, WSAEVENT event)
{
    struct Receive r;
    receive_from("WSARecvFrom into 4 bytes, nothing waiting", b, &r, 4, event, NULL);
    printf("sendto 10 bytes: %d\n", send_datagram(a, "0123456789", 10, b_address));
    wsa_finish("WSAGetOverlappedResult", b, &r.ov, TRUE);
    show_fields("fields", (OVERLAPPED*)&r.ov);
    DWORD bytes = 0xDEAD;
    BOOL ok = GetOverlappedResult((HANDLE)b, (OVERLAPPED*)&r.ov, &bytes, FALSE);
    DWORD error = GetLastError();
    printf("GetOverlappedResult: %s error %lu bytes %lu\n", ok ? "TRUE" : "FALSE", (unsigned long)(ok ? 0 : error),
           (unsigned long)bytes);
    show_from(&r, a_address);

    printf("sendto 10 bytes: %d\n", send_datagram(a, "abcdefghij", 10, b_address));
    printf("sendto 2 bytes: %d\n", send_datagram(a, "xy", 2, b_address));
    wait_readable(b, 1);
    receive_from("WSARecvFrom into 4 bytes, the datagram already there", b, &r, 4, event, NULL);
    printf("the event: 0x%lX\n", (unsigned long)WaitForSingleObject(event, 0));
    show_fields("fields", (OVERLAPPED*)&r.ov);
    wait_readable(b, 1);
    receive_from("the next WSARecvFrom gets the next datagram (the rest was lost)", b, &r, 4, event, NULL);
    wsa_finish("its result", b, &r.ov, TRUE);
    show_from(&r, a_address);
}

// The flags a datagram cut short reports: none (no MSG_PARTIAL) through WSAGetOverlappedResult, and
// a WSARecv that fails with WSAEMSGSIZE leaves *lpFlags as it was.
static void truncated_flags(SOCKET a, SOCKET b, const struct sockaddr_in* b_address, WSAEVENT event)
{
    struct Receive r;
    receive_from("WSARecvFrom into 4 bytes", b, &r, 4, event, NULL);
    printf("sendto 10 bytes: %d\n", send_datagram(a, "0123456789", 10, b_address));
    WaitForSingleObject(event, 5000);
    DWORD bytes = 0xDEAD, flags = 0xDEAD;
    BOOL ok = WSAGetOverlappedResult(b, &r.ov, &bytes, FALSE, &flags);
    int error = WSAGetLastError();
    printf("WSAGetOverlappedResult: %s error %d bytes %lu flags 0x%lX\n", ok ? "TRUE" : "FALSE", ok ? 0 : error,
           (unsigned long)bytes, (unsigned long)flags);
    printf("sendto 10 bytes: %d\n", send_datagram(a, "abcdefghij", 10, b_address));
    wait_readable(b, 1);
    WSABUF in = {4, r.data};
    DWORD received = 0;
    flags = 0x1234;
    int result = WSARecv(b, &in, 1, &received, &flags, NULL, NULL);
    error = WSAGetLastError();
    printf("WSARecv into 4 bytes, no OVERLAPPED: %d error %d, lpFlags 0x%lX\n", result, error, (unsigned long)flags);
}

static DWORD g_routine_error = 0xDEAD, g_routine_bytes = 0xDEAD;

static void CALLBACK on_received(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)ov;
    (void)flags;
    g_routine_error = error;
    g_routine_bytes = bytes;
}

static void completion_routine(SOCKET a, const struct sockaddr_in* a_address, SOCKET b,
                               const struct sockaddr_in* b_address)
{
    struct Receive r;
    receive_from("WSARecvFrom with a completion routine", b, &r, 16, NULL, on_received);
    printf("sendto 3 bytes: %d\n", send_datagram(a, "abc", 3, b_address));
    printf("SleepEx alertable: 0x%lX\n", (unsigned long)SleepEx(5000, TRUE));
    printf("the routine got error %lu bytes %lu\n", (unsigned long)g_routine_error, (unsigned long)g_routine_bytes);
    show_from(&r, a_address);
    receive_from("WSARecvFrom into 2 bytes with a completion routine", b, &r, 2, NULL, on_received);
    printf("sendto 6 bytes: %d\n", send_datagram(a, "ABCDEF", 6, b_address));
    printf("SleepEx alertable: 0x%lX\n", (unsigned long)SleepEx(5000, TRUE));
    printf("the routine got error %lu bytes %lu\n", (unsigned long)g_routine_error, (unsigned long)g_routine_bytes);
}

// On a socket of its own: a socket on a port reports every request there.
static void completion_port(void)
{
    struct sockaddr_in a_address, b_address;
    SOCKET a = bound_udp_socket(&a_address);
    SOCKET b = bound_udp_socket(&b_address);
    HANDLE port = CreateIoCompletionPort((HANDLE)b, NULL, 7, 0);
    printf("CreateIoCompletionPort: %s\n", port ? "a port" : "NULL");
    struct Receive r;
    for (int round = 0; round < 2; ++round) {
        receive_from(round == 0 ? "WSARecvFrom on the port" : "WSARecvFrom into 4 bytes on the port", b, &r,
                     round == 0 ? 16 : 4, NULL, NULL);
        printf("sendto 8 bytes: %d\n", send_datagram(a, "portdata", 8, &b_address));
        DWORD bytes = 0xDEAD;
        ULONG_PTR key = 0;
        LPOVERLAPPED ov = NULL;
        BOOL ok = GetQueuedCompletionStatus(port, &bytes, &key, &ov, 5000);
        DWORD error = GetLastError();
        printf("GetQueuedCompletionStatus: %s error %lu bytes %lu key %lu, its OVERLAPPED: %s\n", ok ? "TRUE" : "FALSE",
               (unsigned long)(ok ? 0 : error), (unsigned long)bytes, (unsigned long)key,
               ov == (LPOVERLAPPED)&r.ov ? "yes" : "no");
        show_from(&r, &a_address);
    }
    closesocket(a);
    closesocket(b);
    CloseHandle(port);
}

static void plain_calls(SOCKET a, const struct sockaddr_in* a_address, SOCKET b,
                        const struct sockaddr_in* b_address)
{
    printf("sendto 4 bytes: %d\n", send_datagram(a, "ping", 4, b_address));
    struct Receive r;
    memset(&r, 0, sizeof r);
    r.from_length = sizeof r.from;
    printf("recvfrom: %d\n", recvfrom(b, r.data, sizeof r.data, 0, (struct sockaddr*)&r.from, &r.from_length));
    show_from(&r, a_address);
    printf("sendto 0 bytes: %d\n", send_datagram(a, "", 0, b_address));
    printf("recvfrom of the empty datagram: %d\n", recvfrom(b, r.data, sizeof r.data, 0, NULL, NULL));
    printf("sendto 6 bytes: %d\n", send_datagram(a, "abcdef", 6, b_address));
    memset(r.data, 0, sizeof r.data);
    int result = recvfrom(b, r.data, 3, 0, NULL, NULL);
    printf("recvfrom into 3 bytes: %d error %d, buffer \"%s\"\n", result, result == SOCKET_ERROR ? WSAGetLastError() : 0,
           r.data);
}

static void connected(SOCKET a, const struct sockaddr_in* a_address, SOCKET b,
                      const struct sockaddr_in* b_address, WSAEVENT event)
{
    printf("connect a to b: %d\n", connect(a, (const struct sockaddr*)b_address, sizeof *b_address));
    printf("connect b to a: %d\n", connect(b, (const struct sockaddr*)a_address, sizeof *a_address));
    char text[] = "linked";
    WSABUF out = {6, text};
    DWORD sent = 0;
    int result = WSASend(a, &out, 1, &sent, 0, NULL, NULL);
    printf("WSASend with no address: %d, bytes %lu\n", result, (unsigned long)sent);
    wait_readable(b, 1);
    char data[16] = {0};
    WSABUF in = {sizeof data, data};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    DWORD flags = 0;
    show_wsa("WSARecv on b", WSARecv(b, &in, 1, NULL, &flags, &ov, NULL), WSAGetLastError());
    wsa_finish("its result", b, &ov, TRUE);
    printf("data \"%s\"\n", data);
    printf("send from b: %d\n", send(b, "back", 4, 0));
    memset(data, 0, sizeof data);
    result = recv(a, data, sizeof data, 0);
    printf("recv on a: %d, data \"%s\"\n", result, data);
}

static void refusals(WSAEVENT event)
{
    SOCKET s = udp_socket();
    struct Receive r;
    // Wine 8 pends it (docs/windows-rules.md section 16).
    receive_from("[!W] WSARecvFrom before bind", s, &r, 16, event, NULL);
    closesocket(s);
    s = udp_socket();
    WSABUF out = {2, (char*)"hi"};
    DWORD sent = 0;
    int result = WSASend(s, &out, 1, &sent, 0, NULL, NULL);
    printf("WSASend with no address before bind: %d error %d\n", result, WSAGetLastError());
    closesocket(s);
    s = udp_socket();
    struct sockaddr_in address = loopback_address(0);
    printf("bind: %d\n", bind(s, (struct sockaddr*)&address, sizeof address));
    result = listen(s, 1);
    printf("listen: %d error %d\n", result, WSAGetLastError());
    int type = 0, length = sizeof type;
    result = getsockopt(s, SOL_SOCKET, SO_TYPE, (char*)&type, &length);
    printf("getsockopt SO_TYPE: %d, type %d\n", result, type);
    closesocket(s);
}

static void show_receive_result(const char* label, int result)
{
    printf("%s: %d error %d\n", label, result, result == SOCKET_ERROR ? WSAGetLastError() : 0);
}

// The ICMP "port unreachable" that answers a datagram sent where nobody receives fails the next
// receive, once; SIO_UDP_CONNRESET FALSE turns that off (the receive then waits, here until
// SO_RCVTIMEO). The socket is connected: Linux reports the message only to connected sockets.
static void port_unreachable(WSAEVENT event)
{
    struct sockaddr_in a_address, gone_address;
    SOCKET a = bound_udp_socket(&a_address);
    SOCKET gone = bound_udp_socket(&gone_address);
    closesocket(gone);
    DWORD timeout = 500;
    setsockopt(a, SOL_SOCKET, SO_RCVTIMEO, (char*)&timeout, sizeof timeout);
    printf("connect to a port nobody receives at: %d\n", connect(a, (struct sockaddr*)&gone_address, sizeof gone_address));
    char data[8];
    WSABUF in = {sizeof data, data};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    DWORD flags = 0;
    int result = WSARecv(a, &in, 1, NULL, &flags, &ov, NULL);
    show_wsa("WSARecv before sending", result, WSAGetLastError());
    printf("send: %d\n", send(a, "ping", 4, 0));
    printf("the event: 0x%lX\n", (unsigned long)WaitForSingleObject(event, 5000));
    // Wine 8 reports WSAECONNREFUSED (docs/windows-rules.md section 16).
    wsa_finish("[!W] its result", a, &ov, FALSE);
    printf("send: %d\n", send(a, "ping", 4, 0));
    Sleep(200);  // the ICMP message comes back
    show_receive_result("[!W] recv", recv(a, data, sizeof data, 0));
    show_receive_result("recv again (reported once)", recv(a, data, sizeof data, 0));
    BOOL report = FALSE;
    DWORD returned = 0;
    result = WSAIoctl(a, SIO_UDP_CONNRESET, &report, sizeof report, NULL, 0, &returned, NULL, NULL);
    printf("WSAIoctl SIO_UDP_CONNRESET FALSE: %d\n", result);
    printf("send: %d\n", send(a, "ping", 4, 0));
    Sleep(200);
    // Wine 8 accepts the control and still reports the message.
    show_receive_result("[!W] recv, reports off", recv(a, data, sizeof data, 0));
    closesocket(a);
}

int main()
{
    WSADATA data;
    printf("WSAStartup: %d\n", WSAStartup(MAKEWORD(2, 2), &data));
    WSAEVENT event = WSACreateEvent();
    struct sockaddr_in a_address, b_address;
    SOCKET a = bound_udp_socket(&a_address);
    SOCKET b = bound_udp_socket(&b_address);
    if (a == INVALID_SOCKET || b == INVALID_SOCKET) {
        return 1;
    }
    pending_receive(a, &a_address, b, &b_address, event);
    boundaries(a, &a_address, b, &b_address, event);
    truncation(a, &a_address, b, &b_address, event);
    truncated_flags(a, b, &b_address, event);
    completion_routine(a, &a_address, b, &b_address);
    plain_calls(a, &a_address, b, &b_address);
    connected(a, &a_address, b, &b_address, event);
    closesocket(a);
    closesocket(b);
    completion_port();
    refusals(event);
    port_unreachable(event);
    WSACloseEvent(event);
    printf("WSACleanup: %d\n", WSACleanup());
    return 0;
}
