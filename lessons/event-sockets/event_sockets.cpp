// Overlapped Lab - lesson "event-sockets".
//
// Overlapped sockets with event objects:
//
//   - main is the receiver: it accepts one connection per sender socket and posts a WSARecv on
//     each. Nothing has been sent yet, so each WSARecv PENDS (SOCKET_ERROR + WSA_IO_PENDING).
//   - Each receive SCATTERS into two WSABUFs: an 8-byte header ("len=0034") and the body.
//   - WSAWaitForMultipleEvents waits for all the receives at once and returns the index of the
//     connection whose data arrived; WSAGetOverlappedResult gives that request's byte count.
//   - The sender thread GATHERS a header and a body into one WSASend. A small send on an idle
//     connection usually COMPLETES AT ONCE (returns 0); its event is set all the same.
//
//   - The sender PEEKS at main's reply with a WSARecv that has no OVERLAPPED: synchronous.
//   - Main posts one more receive that nobody answers, polls it (WSA_IO_INCOMPLETE) and
//     cancels it with CancelIoEx (WSA_OPERATION_ABORTED).
//
//   - The last part compares asynchronous NOTIFICATION with asynchronous I/O: WSAEventSelect
//     sets an event when data CAN be read (FD_READ) and when the peer closed (FD_CLOSE); main
//     then calls recv itself. An overlapped WSARecv's event says the data IS in the buffer.
//
//   - peer=1: no built-in sender. main accepts one connection from outside (in the lab, the
//     student in the Peer client panel) and receives on it with overlapped WSARecv and an event
//     until the peer closes (0 bytes) or resets (the receive fails).
//
// A plain Win32 console program: it builds unchanged on Windows (link ws2_32.lib).
//
//   usage: event_sockets [connections=2] [peer=0] [portfile=PATH]
//
// Parameters a teacher may change:
//   connections=N   sender sockets, and receives waited for together, 1 to 4 (default 2)
//   peer=1          the peer is outside the program: main writes its port to PATH and accepts one
//                   connection from 127.0.0.1 (default 0: the built-in sender)

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CONNECTIONS 4
#define HEADER_SIZE 8  // "len=NNNN": the length of the body that follows
#define BODY_SIZE 64
#define MAX_STRANGERS 3  // connections from other programs that main closes before it gives up

// One receive: its own OVERLAPPED, its own event, its own two buffers.
struct Receive {
    WSAOVERLAPPED ov;
    WSABUF parts[2];  // scatter: parts[0] gets the first 8 bytes, parts[1] the rest
    char header[HEADER_SIZE];
    char body[BODY_SIZE];
    DWORD flags;
};

// The built-in sender. Each time main sets `cue` it sends on its next socket, last one first.
struct Sender {
    unsigned short port;
    int connections;
    HANDLE connected;  // set once every socket has tried to connect
    BOOL connectedOk;
    sockaddr_in local[MAX_CONNECTIONS];  // each socket's own address, written before `connected`
    HANDLE cue;        // auto-reset, set by main
    // Auto-reset too, set by main once it watches connection 1 with WSAEventSelect. An event of its
    // own: main may set it before the sender has taken the previous cue, and two SetEvent calls on
    // one auto-reset event before a wait release only one wait.
    HANDLE watching;
    LONG quit;         // set by main before a cue: close now (shared: Interlocked calls)
};

static const char kReply[] = "got every message";
static const char kLast[] = "last words";  // the message of the WSAEventSelect part

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

static const char* text_option(int argc, char** argv, const char* name)
{
    size_t length = strlen(name);
    for (int i = 1; i < argc; ++i) {
        if (strncmp(argv[i], name, length) == 0 && argv[i][length] == '=') {
            return argv[i] + length + 1;
        }
    }
    return NULL;
}

// Listens on 127.0.0.1 at a port the system picks (port 0) and says which port that is.
static SOCKET listen_on_loopback(int backlog, unsigned short* port)
{
    // WSA_FLAG_OVERLAPPED: sockets made without it (and the sockets accept makes from them)
    // cannot do overlapped I/O.
    SOCKET listener = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);  // [step: listen-socket]
    if (listener == INVALID_SOCKET) {
        printf("WSASocket failed: error %d\n", WSAGetLastError());
        return INVALID_SOCKET;
    }
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // 127.0.0.1 only (INADDR_ANY would accept any network)
    address.sin_port = 0;                              // 0: any free port
    int length = sizeof address;
    if (bind(listener, (sockaddr*)&address, sizeof address) == SOCKET_ERROR ||  // [step: bind]
        listen(listener, backlog) == SOCKET_ERROR ||                           // [step: listen]
        getsockname(listener, (sockaddr*)&address, &length) == SOCKET_ERROR) {  // [step: getsockname]
        printf("cannot listen on 127.0.0.1: error %d\n", WSAGetLastError());
        closesocket(listener);
        return INVALID_SOCKET;
    }
    *port = ntohs(address.sin_port);
    return listener;
}

// Sends header + body with one gathering WSASend and reports how it completed.
static BOOL send_message(SOCKET s, WSAEVENT sendEvent, int connection)
{
    char body[BODY_SIZE];
    char header[HEADER_SIZE + 1];
    int bodyLength = snprintf(body, sizeof body, "Network is Computer (connection %d)", connection);
    snprintf(header, sizeof header, "len=%04d", bodyLength);
    WSABUF parts[2];  // gather: both buffers go out as one stream of bytes, in this order
    parts[0].buf = header;
    parts[0].len = HEADER_SIZE;
    parts[1].buf = body;
    parts[1].len = (ULONG)bodyLength;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = sendEvent;
    DWORD sent = 0;
    if (WSASend(s, parts, 2, &sent, 0, &ov, NULL) == 0) {  // [step: send-gather]
        printf("sender: WSASend completed at once: %lu bytes\n", (unsigned long)sent);
    } else if (WSAGetLastError() != WSA_IO_PENDING) {
        printf("sender: WSASend failed: error %d\n", WSAGetLastError());
        return FALSE;
    }
    // Immediate or not, the event is set when the send is done, and the result is read the same
    // way. `ov` and the buffers are on this stack: we must not return before the send is done.
    DWORD flags = 0;
    if (!WSAGetOverlappedResult(s, &ov, &sent, TRUE, &flags)) {  // [step: send-result]
        printf("sender: send failed: error %d\n", WSAGetLastError());
        return FALSE;
    }
    return sent == HEADER_SIZE + (DWORD)bodyLength;
}

static DWORD WINAPI SenderThread(LPVOID parameter)
{
    Sender* sender = (Sender*)parameter;
    SOCKET sockets[MAX_CONNECTIONS];
    sockaddr_in server = {};
    server.sin_family = AF_INET;
    server.sin_port = htons(sender->port);
    server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sender->connectedOk = TRUE;
    for (int i = 0; i < sender->connections; ++i) {
        sockets[i] = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);  // [step: sender-socket]
        int length = sizeof sender->local[i];
        if (sockets[i] == INVALID_SOCKET ||
            connect(sockets[i], (sockaddr*)&server, sizeof server) == SOCKET_ERROR ||  // [step: sender-connect]
            getsockname(sockets[i], (sockaddr*)&sender->local[i], &length) == SOCKET_ERROR) {  // [step: sender-getsockname]
            printf("sender: cannot connect: error %d\n", WSAGetLastError());
            sender->connectedOk = FALSE;
        }
    }
    SetEvent(sender->connected);  // [step: sender-connected]

    WSAEVENT sendEvent = WSACreateEvent();  // [step: sender-event]
    DWORD exitCode = sender->connectedOk && sendEvent != WSA_INVALID_EVENT ? 0 : 1;
    for (int k = 0; exitCode == 0 && k < sender->connections; ++k) {
        WaitForSingleObject(sender->cue, INFINITE);  // [step: sender-wait-cue]
        int i = sender->connections - 1 - k;  // last connection first
        if (InterlockedCompareExchange(&sender->quit, 0, 0) || !send_message(sockets[i], sendEvent, i + 1)) {
            exitCode = 1;
        }
    }
    if (exitCode == 0) {
        // The next cue: read main's reply on the first connection. Main sends it after the cue.
        WaitForSingleObject(sender->cue, INFINITE);  // [step: sender-wait-cue]
        exitCode = InterlockedCompareExchange(&sender->quit, 0, 0) ? 1 : 0;
    }
    char reply[64];
    WSABUF part = {sizeof reply, reply};
    DWORD got = 0;
    DWORD flags = MSG_PEEK;  // lpFlags is in and out: MSG_PEEK goes in, the result's flags come back
    if (exitCode == 0) {
        // No OVERLAPPED and no routine: this WSARecv is synchronous even on an overlapped socket.
        // It returns only with data (or an error): the sender waits inside it until the reply
        // comes, and MSG_PEEK leaves that data queued.
        if (WSARecv(sockets[0], &part, 1, &got, &flags, NULL, NULL) == SOCKET_ERROR) {  // [step: sender-peek]
            exitCode = 1;
        } else {
            printf("sender: peeked %lu bytes, still queued; lpFlags went in as MSG_PEEK, came back %lu\n",
                   (unsigned long)got, (unsigned long)flags);
        }
    }
    if (exitCode == 0) {
        WSAOVERLAPPED ov;
        memset(&ov, 0, sizeof ov);
        ov.hEvent = sendEvent;
        flags = 0;
        if (WSARecv(sockets[0], &part, 1, NULL, &flags, &ov, NULL) == SOCKET_ERROR &&  // [step: sender-recv]
            WSAGetLastError() != WSA_IO_PENDING) {
            exitCode = 1;
        } else if (!WSAGetOverlappedResult(sockets[0], &ov, &got, TRUE, &flags)) {  // [step: sender-recv-result]
            exitCode = 1;
        } else {
            printf("sender: reply \"%.*s\"\n", (int)got, reply);
            exitCode = got == strlen(kReply) && memcmp(reply, kReply, got) == 0 ? 0 : 1;
        }
    }
    if (exitCode == 0) {
        // The last cue: main now watches connection 1 with WSAEventSelect.
        WaitForSingleObject(sender->watching, INFINITE);  // [step: sender-wait-cue]
        exitCode = InterlockedCompareExchange(&sender->quit, 0, 0) ? 1 : 0;
    }
    // One more message, then the sockets close (FD_READ, then FD_CLOSE for main).
    if (exitCode == 0 && send(sockets[0], kLast, (int)strlen(kLast), 0) == SOCKET_ERROR) {  // [step: sender-last]
        exitCode = 1;
    }
    for (int i = 0; i < sender->connections; ++i) {
        if (sockets[i] != INVALID_SOCKET) {
            closesocket(sockets[i]);  // [step: sender-close]
        }
    }
    if (sendEvent != WSA_INVALID_EVENT) {
        WSACloseEvent(sendEvent);
    }
    return exitCode;
}

// Accepts the next connection that comes from one of the sender's sockets. Any program on this
// machine may connect to 127.0.0.1: a connection from another address or port is closed.
static SOCKET accept_sender(SOCKET listener, const Sender* sender)
{
    for (int strangers = 0; strangers < MAX_STRANGERS; ++strangers) {
        sockaddr_in from;
        int fromLength = sizeof from;
        SOCKET conn = accept(listener, (sockaddr*)&from, &fromLength);  // [step: accept]
        if (conn == INVALID_SOCKET) {
            printf("accept failed: error %d\n", WSAGetLastError());
            return INVALID_SOCKET;
        }
        for (int i = 0; i < sender->connections; ++i) {
            const sockaddr_in* own = &sender->local[i];
            if (from.sin_addr.s_addr == own->sin_addr.s_addr && from.sin_port == own->sin_port) {
                return conn;
            }
        }
        char host[INET_ADDRSTRLEN] = "?";
        inet_ntop(AF_INET, &from.sin_addr, host, sizeof host);
        printf("a connection from %s:%u is not the lesson's peer: closed\n", host, ntohs(from.sin_port));
        closesocket(conn);
    }
    printf("%d connections were not the lesson's peer: giving up\n", MAX_STRANGERS);
    return INVALID_SOCKET;
}

// A receive nobody will answer (the sender sends nothing more): polled while pending, then
// cancelled. Returns TRUE when the poll said "incomplete" and the cancelled receive said "aborted".
static BOOL cancel_unanswered_receive(SOCKET s, WSAEVENT event)
{
    char byte;
    WSABUF part = {1, &byte};
    WSAOVERLAPPED idleOv;
    memset(&idleOv, 0, sizeof idleOv);
    idleOv.hEvent = event;
    DWORD bytes = 0;
    DWORD flags = 0;
    WSAResetEvent(event);  // reused for this request: no earlier signal may be left on it
    if (WSARecv(s, &part, 1, NULL, &flags, &idleOv, NULL) == 0 || WSAGetLastError() != WSA_IO_PENDING) {  // [step: idle-recv]
        return FALSE;  // data or an error, where nothing should have come
    }
    BOOL polled = WSAGetOverlappedResult(s, &idleOv, &bytes, FALSE, &flags);  // [step: poll-pending]
    int pollError = polled ? 0 : WSAGetLastError();
    if (!CancelIoEx((HANDLE)s, &idleOv)) {  // [step: cancel]
        printf("CancelIoEx failed: error %lu\n", (unsigned long)GetLastError());
    }
    // Cancelling only asks: the request still completes, and the OVERLAPPED stays in use until then.
    BOOL finished = WSAGetOverlappedResult(s, &idleOv, &bytes, TRUE, &flags);  // [step: cancel-result]
    int finishError = finished ? 0 : WSAGetLastError();
    printf("idle receive: polled while pending: error %d; after CancelIoEx: error %d\n", pollError, finishError);
    return pollError == WSA_IO_INCOMPLETE && finishError == WSA_OPERATION_ABORTED;
}

// Asynchronous notification: the event says what CAN be done now, and the program does it. The
// sender's last message comes first (FD_READ), its close after it (FD_CLOSE). Returns TRUE when the
// message arrived whole and the close was graceful.
static BOOL notified_receive(SOCKET s, WSAEVENT notice)
{
    char data[BODY_SIZE];
    int total = 0;
    for (;;) {
        if (WSAWaitForMultipleEvents(1, &notice, FALSE, WSA_INFINITE, FALSE) != WSA_WAIT_EVENT_0) {  // [step: notify-wait]
            return FALSE;
        }
        WSANETWORKEVENTS happened;
        if (WSAEnumNetworkEvents(s, notice, &happened) == SOCKET_ERROR) {  // [step: notify-enum]
            return FALSE;
        }
        if (happened.lNetworkEvents & FD_READ) {
            // Nothing is in `data` yet: this recv copies what the event announced.
            int got = recv(s, data + total, (int)sizeof data - total, 0);  // [step: notify-recv]
            if (got > 0) {
                total += got;
                printf("FD_READ, then recv copied %d %s\n", got, got == 1 ? "byte" : "bytes");
            }
        }
        if (happened.lNetworkEvents & FD_CLOSE) {
            int error = happened.iErrorCode[FD_CLOSE_BIT];
            printf("FD_CLOSE, error %d: \"%.*s\" arrived before the close\n", error, total, data);
            return error == 0 && total == (int)strlen(kLast) && memcmp(data, kLast, (size_t)total) == 0;
        }
    }
}

// Checks one scattered message: the header names the body's length.
static BOOL check_message(int index, const Receive* receive, DWORD bytes)
{
    char header[HEADER_SIZE + 1];
    memcpy(header, receive->header, HEADER_SIZE);
    header[HEADER_SIZE] = '\0';
    DWORD bodyLength = bytes > HEADER_SIZE ? bytes - HEADER_SIZE : 0;
    printf("connection %d: %lu bytes: header \"%s\", body \"%.*s\"\n", index + 1, (unsigned long)bytes, header,
           (int)bodyLength, receive->body);
    // TCP is a stream: a receive may return less than was sent. A real protocol posts another
    // WSARecv for the rest; this one-message lesson reports it instead.
    return strncmp(header, "len=", 4) == 0 && strtoul(header + 4, NULL, 10) == bodyLength;
}

// peer=1: says where main listens, and writes the port to `path` (the lab passes portfile=PATH;
// its Peer client panel reads the port there). Each lesson stands alone: the echo server has a copy.
static void publish_port(const char* path, unsigned short port)
{
    printf("listening on 127.0.0.1 port %u for one peer\n", port);
    fflush(stdout);  // stdout into a pipe is buffered: whoever reads it needs the port now
    if (path == NULL) {
        return;
    }
    char text[16];
    DWORD length = (DWORD)snprintf(text, sizeof text, "%u\n", port);
    DWORD written = 0;
    HANDLE file = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);  // [step: publish-port]
    if (file == INVALID_HANDLE_VALUE || !WriteFile(file, text, length, &written, NULL)) {  // [step: write-port]
        printf("cannot write the port to %s: error %lu\n", path, (unsigned long)GetLastError());
    }
    if (file != INVALID_HANDLE_VALUE) {
        CloseHandle(file);
    }
}

// peer=1: overlapped receives, scattered into a header and a body as the sender's are, on one
// connection from outside until its peer closes (0 bytes) or resets it (the receive fails).
// Returns TRUE when the connection ended either way.
static BOOL receive_from_outside(SOCKET conn, WSAEVENT event)
{
    static Receive receive;  // a pending receive still refers to it
    for (;;) {
        memset(&receive, 0, sizeof receive);
        receive.ov.hEvent = event;
        receive.parts[0].buf = receive.header;
        receive.parts[0].len = HEADER_SIZE;
        receive.parts[1].buf = receive.body;
        receive.parts[1].len = BODY_SIZE;
        int result = WSARecv(conn, receive.parts, 2, NULL, &receive.flags, &receive.ov, NULL);  // [step: recv-outside]
        if (result == SOCKET_ERROR && WSAGetLastError() != WSA_IO_PENDING) {
            printf("WSARecv failed: error %d\n", WSAGetLastError());
            return FALSE;
        }
        if (WSAWaitForMultipleEvents(1, &event, FALSE, WSA_INFINITE, FALSE) != WSA_WAIT_EVENT_0) {  // [step: wait-outside]
            printf("WSAWaitForMultipleEvents failed: error %d\n", WSAGetLastError());
            return FALSE;
        }
        DWORD bytes = 0;
        DWORD flags = 0;
        BOOL got = WSAGetOverlappedResult(conn, &receive.ov, &bytes, FALSE, &flags);  // [step: result-outside]
        WSAResetEvent(event);  // [step: reset-event]
        if (!got) {
            printf("the peer's connection failed: the receive got error %d\n", WSAGetLastError());
            return TRUE;
        }
        if (bytes == 0) {
            printf("the peer closed the connection: the receive got 0 bytes\n");
            return TRUE;
        }
        DWORD inHeader = bytes < HEADER_SIZE ? bytes : HEADER_SIZE;
        printf("from the peer: %lu bytes: first buffer \"%.*s\", second buffer \"%.*s\"\n", (unsigned long)bytes,
               (int)inHeader, receive.header, (int)(bytes - inHeader), receive.body);
    }
}

// peer=1: one connection from outside instead of the sender's.
static int serve_outside_peer(const char* portFile)
{
    WSADATA wsaData;
    if (WSAStartup(MAKEWORD(2, 2), &wsaData) != 0) {  // [step: wsa-startup]
        printf("WSAStartup failed\n");
        return 1;
    }
    unsigned short port = 0;
    SOCKET listener = listen_on_loopback(1, &port);
    if (listener == INVALID_SOCKET) {
        WSACleanup();
        return 1;
    }
    publish_port(portFile, port);
    SOCKET conn = accept(listener, NULL, NULL);  // [step: accept-outside]
    closesocket(listener);  // [step: stop-listening]
    WSAEVENT event = WSACreateEvent();  // [step: recv-event]
    BOOL ok = conn != INVALID_SOCKET && event != WSA_INVALID_EVENT;
    if (conn == INVALID_SOCKET) {
        printf("no connection from the peer: error %d\n", WSAGetLastError());
    }
    ok = ok && receive_from_outside(conn, event);
    if (conn != INVALID_SOCKET) {
        closesocket(conn);  // [step: cleanup-outside]
    }
    if (event != WSA_INVALID_EVENT) {
        WSACloseEvent(event);
    }
    WSACleanup();
    printf("%s\n", ok ? "done: every receive from the peer completed, up to the end of its connection"
                      : "the exchange failed");
    return ok ? 0 : 1;
}

int main(int argc, char** argv)
{
    if (option(argc, argv, "peer", 0, 0, 1) != 0) {
        return serve_outside_peer(text_option(argc, argv, "portfile"));
    }
    static Receive receives[MAX_CONNECTIONS];
    static Sender sender;
    memset(receives, 0, sizeof receives);  // static: the lab may run this program several times
    memset(&sender, 0, sizeof sender);
    int connections = (int)option(argc, argv, "connections", 2, 1, MAX_CONNECTIONS);

    WSADATA wsaData;
    if (WSAStartup(MAKEWORD(2, 2), &wsaData) != 0) {  // [step: wsa-startup]
        printf("WSAStartup failed\n");
        return 1;
    }
    // The backlog leaves room for every sender socket even when other programs connect first.
    SOCKET listener = listen_on_loopback(MAX_CONNECTIONS + MAX_STRANGERS, &sender.port);
    if (listener == INVALID_SOCKET) {
        return 1;
    }
    sender.connections = connections;
    sender.connected = CreateEventA(NULL, FALSE, FALSE, NULL);  // [step: create-events]
    sender.cue = CreateEventA(NULL, FALSE, FALSE, NULL);
    sender.watching = CreateEventA(NULL, FALSE, FALSE, NULL);
    HANDLE hSender = CreateThread(NULL, 0, SenderThread, &sender, 0, NULL);  // [step: start-sender]
    if (hSender == NULL) {
        printf("CreateThread failed: error %lu\n", (unsigned long)GetLastError());
        return 1;
    }
    WaitForSingleObject(sender.connected, INFINITE);  // [step: wait-connected]

    SOCKET conns[MAX_CONNECTIONS];
    WSAEVENT events[MAX_CONNECTIONS];
    int posted = 0;
    BOOL ok = sender.connectedOk;
    for (int i = 0; ok && i < connections; ++i) {
        conns[i] = accept_sender(listener, &sender);
        if (conns[i] == INVALID_SOCKET) {
            ok = FALSE;
            break;
        }
        events[i] = WSACreateEvent();  // [step: recv-event]
        if (events[i] == WSA_INVALID_EVENT) {
            printf("WSACreateEvent failed: error %d\n", WSAGetLastError());
            closesocket(conns[i]);  // [step: cleanup]
            ok = FALSE;
            break;
        }
        Receive* receive = &receives[i];
        receive->ov.hEvent = events[i];
        receive->parts[0].buf = receive->header;
        receive->parts[0].len = HEADER_SIZE;
        receive->parts[1].buf = receive->body;
        receive->parts[1].len = BODY_SIZE;
        int result = WSARecv(conns[i], receive->parts, 2, NULL, &receive->flags, &receive->ov, NULL);  // [step: recv-scatter]
        if (result == SOCKET_ERROR && WSAGetLastError() != WSA_IO_PENDING) {
            printf("WSARecv failed: error %d\n", WSAGetLastError());
            closesocket(conns[i]);  // [step: cleanup]
            WSACloseEvent(events[i]);
            ok = FALSE;
            break;
        }
        ++posted;
    }

    // One message per cue; WSAWaitForMultipleEvents says which connection it arrived on.
    for (int k = 0; ok && k < connections; ++k) {
        SetEvent(sender.cue);  // [step: cue-sender]
        DWORD result = WSAWaitForMultipleEvents((DWORD)posted, events, FALSE, WSA_INFINITE, FALSE);  // [step: wait-any]
        if (result >= WSA_WAIT_EVENT_0 + (DWORD)posted) {
            printf("WSAWaitForMultipleEvents failed: error %d\n", WSAGetLastError());
            ok = FALSE;
            break;
        }
        int index = (int)(result - WSA_WAIT_EVENT_0);
        DWORD bytes = 0;
        DWORD flags = 0;
        if (!WSAGetOverlappedResult(conns[index], &receives[index].ov, &bytes, FALSE, &flags)) {  // [step: recv-result]
            printf("receive on connection %d failed: error %d\n", index + 1, WSAGetLastError());
            ok = FALSE;
            break;
        }
        ok = check_message(index, &receives[index], bytes);
        // WSACreateEvent makes MANUAL-reset events: this one stays set until reset, and the next
        // wait would report the same connection again.
        WSAResetEvent(events[index]);  // [step: reset-event]
    }

    // The sender now calls a synchronous WSARecv and waits inside it until the reply comes. It
    // sends nothing before the last cue, so nothing can answer the receive main posts first.
    InterlockedExchange(&sender.quit, !ok);
    SetEvent(sender.cue);  // [step: cue-sender]
    ok = ok && cancel_unanswered_receive(conns[0], events[0]);
    if (ok) {
        // Gather the reply from two buffers. The connection is idle, so this usually completes at once.
        WSABUF parts[2] = {{8, (char*)kReply}, {(ULONG)strlen(kReply) - 8, (char*)kReply + 8}};
        WSAOVERLAPPED replyOv;
        memset(&replyOv, 0, sizeof replyOv);
        replyOv.hEvent = events[0];  // receive 1 is finished with this event: it is free again
        DWORD sent = 0;
        DWORD flags = 0;
        if (WSASend(conns[0], parts, 2, &sent, 0, &replyOv, NULL) == SOCKET_ERROR &&  // [step: reply]
            WSAGetLastError() != WSA_IO_PENDING) {
            ok = FALSE;
        } else if (!WSAGetOverlappedResult(conns[0], &replyOv, &sent, TRUE, &flags)) {  // [step: reply-result]
            ok = FALSE;
        }
    }
    // The last part: no request at all on connection 1, only a notice when it can be read or closes.
    WSAEVENT notice = WSACreateEvent();  // [step: notify-event]
    ok = ok && notice != WSA_INVALID_EVENT &&
         WSAEventSelect(conns[0], notice, FD_READ | FD_CLOSE) == 0;  // [step: event-select]
    InterlockedExchange(&sender.quit, !ok);
    SetEvent(sender.watching);  // [step: cue-sender]
    ok = ok && notified_receive(conns[0], notice);
    if (!ok && posted > 0) {
        shutdown(conns[0], SD_BOTH);  // [step: cleanup]  a sender still waiting for the reply gets 0 bytes
    }
    WaitForSingleObject(hSender, INFINITE);  // [step: join-sender]
    DWORD senderExit = 1;
    GetExitCodeThread(hSender, &senderExit);  // [step: sender-exit]

    for (int i = 0; i < posted; ++i) {
        closesocket(conns[i]);  // [step: cleanup]
        WSACloseEvent(events[i]);
    }
    closesocket(listener);
    if (notice != WSA_INVALID_EVENT) {
        WSACloseEvent(notice);
    }
    CloseHandle(hSender);
    CloseHandle(sender.connected);
    CloseHandle(sender.cue);
    CloseHandle(sender.watching);
    WSACleanup();
    ok = ok && senderExit == 0;
    printf("%s\n", ok ? "done: every message arrived whole, in two buffers, the reply came back, "
                        "and the notified recv got the last words"
                      : "the exchange failed");
    return ok ? 0 : 1;
}
