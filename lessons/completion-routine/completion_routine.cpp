// Overlapped Lab - lesson "completion-routine".
//
// The third way to learn that a request finished: give the call a completion routine. When the
// request completes, the system queues the routine to the thread that issued it (an APC), and
// the thread runs it only when it enters an ALERTABLE wait: SleepEx, WaitForSingleObjectEx,
// WaitForMultipleObjectsEx or WSAWaitForMultipleEvents with TRUE as the last argument. Such a wait
// then returns WAIT_IO_COMPLETION instead of waiting on. A non-alertable wait leaves the routine queued.
//
//   1  ReadFileEx on a file, then SleepEx.
//   2  WSARecv with a routine on a TCP connection; a built-in peer thread sends three messages.
//      The first is waited for with WaitForSingleObjectEx, the second with WSAWaitForMultipleEvents,
//      the third with WaitForMultipleObjectsEx.
//      With peer=1 there is no built-in peer: main accepts one connection from outside (in the
//      lab, the student in the Peer client panel) and receives with a routine until it closes or resets.
//
// A plain Win32 console program: it builds unchanged on Windows (link ws2_32.lib).
//
//   usage: completion_routine <file> [alertable=1] [wait=1000] [peer=0] [portfile=PATH]
//
// Parameters a teacher may change:
//   alertable=0|1   1: wait alertably and the routines run at once (default).
//                   0: wait non-alertably: each wait times out with the routine still queued;
//                      the program then runs the queued routines with SleepEx(0, TRUE).
//   wait=N          milliseconds each wait may last, 100 to 10000 (default 1000)
//   peer=1          the peer is outside the program: main writes its port to PATH and accepts one
//                   connection from 127.0.0.1 (default 0: a built-in peer thread)

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// LAB_STEP() marks a line without a Win32 call where the lab stops the thread, so a step can show
// that moment (a branch taken, a routine starting). Outside the lab it is nothing.
#ifndef LAB_STEP
#define LAB_STEP()
#endif

#define MESSAGES 3
#define MAX_STRANGERS 3  // connections from other programs that main closes before it gives up

// A request and its result. The routine receives only the OVERLAPPED*; the OVERLAPPED is the first
// member, so that pointer is the request. (Keeping the result in globals instead
// would break as soon as two requests are in flight.)
struct FileRead {
    OVERLAPPED ov;
    char data[4096];
    DWORD error;
    DWORD bytes;
    BOOL done;
};

struct SocketRead {
    WSAOVERLAPPED ov;
    WSABUF wsaBuf;
    DWORD flags;
    char data[128];
    DWORD error;
    DWORD bytes;
    BOOL done;
};

// The built-in peer: connects, then sends one message each time `cue` is set, then closes. With
// peer=1 the student sends instead (in the lab, the Peer client panel's Send button); the cue keeps
// the order the same in every run.
struct Peer {
    unsigned short port;
    HANDLE connected;  // set by the peer once it has tried to connect
    BOOL connectedOk;  // written before `connected` is set
    sockaddr_in local;  // the peer socket's own address, also written before `connected`
    HANDLE cue;        // set by main: "send your next message" (auto-reset)
    LONG quit;         // set by main before a cue: "close instead of sending" (shared: Interlocked calls)
    HANDLE done;       // set by the peer when it has closed: nothing more will come
};

static const char* const kMessages[MESSAGES] = {"first message, received by a routine",
                                                "second message, received by a routine",
                                                "third message, received by a routine"};

static DWORD option(int argc, char** argv, const char* name, DWORD fallback, DWORD low, DWORD high)
{
    size_t length = strlen(name);
    for (int i = 2; i < argc; ++i) {
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
    for (int i = 2; i < argc; ++i) {
        if (strncmp(argv[i], name, length) == 0 && argv[i][length] == '=') {
            return argv[i] + length + 1;
        }
    }
    return NULL;
}

// Runs on the thread that called ReadFileEx, inside one of its alertable waits. CALLBACK is the
// calling convention the system calls it with: __stdcall on 32-bit x86 (x64 has only one). On x86 a
// routine declared without it compiles only with a cast, then corrupts the stack when it is called.
static VOID CALLBACK OnFileRead(DWORD dwErrorCode, DWORD dwNumberOfBytesTransfered, LPOVERLAPPED lpOverlapped)
{
    LAB_STEP();  // [step: file-routine]
    FileRead* read = (FileRead*)lpOverlapped;
    read->error = dwErrorCode;
    read->bytes = dwNumberOfBytesTransfered;
    read->done = TRUE;
    printf("OnFileRead: error %lu, %lu bytes\n", (unsigned long)dwErrorCode, (unsigned long)dwNumberOfBytesTransfered);
}

// Runs on the thread that called WSARecv, inside one of its alertable waits.
static void CALLBACK OnSocketRecv(DWORD dwError, DWORD cbTransferred, LPWSAOVERLAPPED lpOverlapped, DWORD dwFlags)
{
    LAB_STEP();  // [step: socket-routine]
    SocketRead* read = (SocketRead*)lpOverlapped;
    read->error = dwError;
    read->bytes = cbTransferred;
    read->done = TRUE;
    printf("OnSocketRecv: error %lu, %lu bytes, flags %lu: \"%.*s\"\n", (unsigned long)dwError,
           (unsigned long)cbTransferred, (unsigned long)dwFlags, (int)cbTransferred, read->data);
}

static DWORD WINAPI PeerThread(LPVOID parameter)
{
    Peer* peer = (Peer*)parameter;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);  // [step: peer-socket]
    sockaddr_in server = {};
    server.sin_family = AF_INET;
    server.sin_port = htons(peer->port);
    server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int length = sizeof peer->local;
    peer->connectedOk = s != INVALID_SOCKET &&
                        connect(s, (sockaddr*)&server, sizeof server) != SOCKET_ERROR &&  // [step: peer-connect]
                        getsockname(s, (sockaddr*)&peer->local, &length) != SOCKET_ERROR;  // [step: peer-getsockname]
    if (!peer->connectedOk) {
        printf("peer: cannot connect: error %d\n", WSAGetLastError());
    }
    SetEvent(peer->connected);  // [step: peer-connected]
    DWORD exitCode = peer->connectedOk ? 0 : 1;
    for (int m = 0; peer->connectedOk; ++m) {
        WaitForSingleObject(peer->cue, INFINITE);  // [step: peer-wait-cue]
        if (InterlockedCompareExchange(&peer->quit, 0, 0) || m == MESSAGES) {
            break;
        }
        if (send(s, kMessages[m], (int)strlen(kMessages[m]), 0) == SOCKET_ERROR) {  // [step: peer-send]
            printf("peer: send failed: error %d\n", WSAGetLastError());
            exitCode = 1;
        }
    }
    if (s != INVALID_SOCKET) {
        closesocket(s);  // [step: peer-close]
    }
    SetEvent(peer->done);  // [step: peer-done]
    return exitCode;
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

// Accepts the peer's connection. Any program on this machine may connect to 127.0.0.1: a
// connection from another address or port is closed.
static SOCKET accept_peer(SOCKET listener, const Peer* peer)
{
    for (int strangers = 0; strangers < MAX_STRANGERS; ++strangers) {
        sockaddr_in from;
        int fromLength = sizeof from;
        SOCKET conn = accept(listener, (sockaddr*)&from, &fromLength);  // [step: accept]
        if (conn == INVALID_SOCKET) {
            printf("no connection from the peer: error %d\n", WSAGetLastError());
            return INVALID_SOCKET;
        }
        if (from.sin_addr.s_addr == peer->local.sin_addr.s_addr && from.sin_port == peer->local.sin_port) {
            return conn;
        }
        char host[INET_ADDRSTRLEN] = "?";
        inet_ntop(AF_INET, &from.sin_addr, host, sizeof host);
        printf("a connection from %s:%u is not the lesson's peer: closed\n", host, ntohs(from.sin_port));
        closesocket(conn);
    }
    printf("%d connections were not the lesson's peer: giving up\n", MAX_STRANGERS);
    return INVALID_SOCKET;
}

// Part 1: ReadFileEx. Returns FALSE when the read failed or never reported back.
static BOOL read_file_with_routine(const char* path, BOOL alertable, DWORD waitMs)
{
    static FileRead read;  // outlives this function even if we give up waiting for the routine
    memset(&read, 0, sizeof read);
    HANDLE hFile = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,  // [step: open-file]
                               FILE_FLAG_OVERLAPPED, NULL);
    if (hFile == INVALID_HANDLE_VALUE) {
        printf("cannot open %s: error %lu\n", path, (unsigned long)GetLastError());
        return FALSE;
    }
    // TRUE means "started": exactly one routine call will follow. hEvent is not used by
    // ReadFileEx; it is free for the program's own use.
    if (!ReadFileEx(hFile, read.data, sizeof read.data, &read.ov, OnFileRead)) {  // [step: read-ex]
        printf("ReadFileEx failed: error %lu (no routine will run)\n", (unsigned long)GetLastError());
        CloseHandle(hFile);
        return FALSE;
    }
    DWORD result = SleepEx(waitMs, alertable);  // [step: sleep-ex]
    printf("SleepEx returned 0x%lX; routine ran: %s\n", (unsigned long)result, read.done ? "yes" : "no");
    if (!read.done) {
        // The routine is still queued to this thread. Run it now: while it is queued, `read` and
        // the handle are still in use.
        SleepEx(0, TRUE);  // [step: drain]
    }
    CloseHandle(hFile);  // [step: close-file]
    return read.done && read.error == 0 && read.bytes > 0;
}

// Part 2: WSARecv with a routine. The peer sends a message each time main sets the cue.
static BOOL receive_with_routine(BOOL alertable, DWORD waitMs)
{
    static SocketRead reads[MESSAGES];  // one per request: a queued routine still refers to its own
    static Peer peer;
    memset(reads, 0, sizeof reads);
    memset(&peer, 0, sizeof peer);
    WSADATA wsaData;
    if (WSAStartup(MAKEWORD(2, 2), &wsaData) != 0) {  // [step: wsa-startup]
        printf("WSAStartup failed\n");
        return FALSE;
    }
    // The backlog leaves room for the peer even when other programs connect first.
    SOCKET listener = listen_on_loopback(1 + MAX_STRANGERS, &peer.port);
    if (listener == INVALID_SOCKET) {
        WSACleanup();
        return FALSE;
    }
    peer.connected = CreateEventA(NULL, FALSE, FALSE, NULL);  // [step: create-events]
    peer.cue = CreateEventA(NULL, FALSE, FALSE, NULL);
    peer.done = WSACreateEvent();
    HANDLE hPeer = CreateThread(NULL, 0, PeerThread, &peer, 0, NULL);  // [step: start-peer]
    if (hPeer == NULL) {
        printf("CreateThread failed: error %lu\n", (unsigned long)GetLastError());
        return FALSE;
    }
    WaitForSingleObject(peer.connected, INFINITE);  // [step: wait-connected]
    // The peer is connected, so accept returns at once.
    SOCKET conn = peer.connectedOk ? accept_peer(listener, &peer) : INVALID_SOCKET;

    BOOL ok = conn != INVALID_SOCKET;
    for (int m = 0; m < MESSAGES && ok; ++m) {
        SocketRead* read = &reads[m];
        read->wsaBuf.buf = read->data;
        read->wsaBuf.len = sizeof read->data;
        int posted = WSARecv(conn, &read->wsaBuf, 1, NULL, &read->flags, &read->ov, OnSocketRecv);  // [step: recv-routine]
        if (posted == SOCKET_ERROR && WSAGetLastError() != WSA_IO_PENDING) {
            printf("WSARecv failed: error %d (no routine will run)\n", WSAGetLastError());
            ok = FALSE;
            break;
        }
        SetEvent(peer.cue);  // [step: cue-peer]
        // Wait until the peer is done, alertably (or not). While waiting, the routine runs and the
        // wait returns WAIT_IO_COMPLETION; the peer is not done yet, so we stop waiting there.
        DWORD result;
        if (m == 0) {
            result = WaitForSingleObjectEx(peer.done, waitMs, alertable);  // [step: wait-single-ex]
        } else if (m == 1) {
            result = WSAWaitForMultipleEvents(1, &peer.done, FALSE, waitMs, alertable);  // [step: wsa-wait]
        } else {
            HANDLE peerEnds[2] = {peer.done, hPeer};  // its "done" event, or its thread ending
            result = WaitForMultipleObjectsEx(2, peerEnds, FALSE, waitMs, alertable);  // [step: wait-multiple-ex]
        }
        printf("wait returned 0x%lX; routine for message %d ran: %s\n", (unsigned long)result, m + 1,
               read->done ? "yes" : "no");
    }
    InterlockedExchange(&peer.quit, !ok);  // after a failure the peer may wait for a cue: let it close
    SetEvent(peer.cue);  // [step: cue-peer]
    WaitForSingleObject(hPeer, INFINITE);  // [step: join-peer]
    SleepEx(0, TRUE);  // [step: drain]

    for (int m = 0; m < MESSAGES; ++m) {
        ok = ok && reads[m].done && reads[m].error == 0 && reads[m].bytes == strlen(kMessages[m]) &&
             memcmp(reads[m].data, kMessages[m], reads[m].bytes) == 0;
    }
    DWORD peerExit = 1;
    GetExitCodeThread(hPeer, &peerExit);  // [step: peer-exit]
    closesocket(conn);  // [step: cleanup]
    closesocket(listener);
    CloseHandle(hPeer);
    CloseHandle(peer.connected);
    CloseHandle(peer.cue);
    WSACloseEvent(peer.done);
    WSACleanup();
    return ok && peerExit == 0;
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

// Posts one WSARecv with a routine and waits until the routine has run. Alertable, the wait lasts
// as long as the peer takes; not alertable, each wait times out with the routine still queued
// once the data is there, and SleepEx(0, TRUE) runs it.
static BOOL receive_once(SOCKET conn, SocketRead* read, BOOL alertable, DWORD waitMs)
{
    memset(read, 0, sizeof *read);
    read->wsaBuf.buf = read->data;
    read->wsaBuf.len = sizeof read->data;
    int posted = WSARecv(conn, &read->wsaBuf, 1, NULL, &read->flags, &read->ov, OnSocketRecv);  // [step: recv-outside]
    if (posted == SOCKET_ERROR && WSAGetLastError() != WSA_IO_PENDING) {
        printf("WSARecv failed: error %d (no routine will run)\n", WSAGetLastError());
        return FALSE;
    }
    DWORD result = 0;
    while (!read->done) {
        result = SleepEx(alertable ? INFINITE : waitMs, alertable);  // [step: wait-outside]
        if (!read->done && !alertable) {
            SleepEx(0, TRUE);  // [step: drain-outside]
        }
    }
    printf("SleepEx returned 0x%lX; routine ran: yes\n", (unsigned long)result);
    return TRUE;
}

// Part 2 with peer=1: one connection from outside, received with routines until its peer closes
// (the routine reports 0 bytes) or resets it (the routine reports an error).
static BOOL receive_from_outside(const char* portFile, BOOL alertable, DWORD waitMs)
{
    static SocketRead read;  // a queued routine still refers to it
    WSADATA wsaData;
    if (WSAStartup(MAKEWORD(2, 2), &wsaData) != 0) {  // [step: wsa-startup]
        printf("WSAStartup failed\n");
        return FALSE;
    }
    unsigned short port = 0;
    SOCKET listener = listen_on_loopback(1, &port);
    if (listener == INVALID_SOCKET) {
        WSACleanup();
        return FALSE;
    }
    publish_port(portFile, port);
    SOCKET conn = accept(listener, NULL, NULL);  // [step: accept-outside]
    closesocket(listener);  // [step: stop-listening]
    BOOL ok = conn != INVALID_SOCKET;
    if (!ok) {
        printf("no connection from the peer: error %d\n", WSAGetLastError());
    }
    while (ok && receive_once(conn, &read, alertable, waitMs) && read.error == 0 && read.bytes > 0) {
        LAB_STEP();  // [step: received-outside]
    }
    if (ok && read.done && read.error == 0 && read.bytes == 0) {
        printf("the peer closed the connection: the routine got 0 bytes\n");
    } else if (ok && read.done) {
        printf("the peer's connection failed: the routine got error %lu\n", (unsigned long)read.error);
    }
    ok = ok && read.done;
    if (conn != INVALID_SOCKET) {
        closesocket(conn);  // [step: cleanup-outside]
    }
    WSACleanup();
    return ok;
}

int main(int argc, char** argv)
{
    if (argc < 2) {
        printf("usage: completion_routine <file> [alertable=1] [wait=1000] [peer=0] [portfile=PATH]\n"
               "Reads a file with ReadFileEx and a TCP connection with WSARecv, both with completion\n"
               "routines that run in alertable waits.\n");
        return 2;
    }
    BOOL alertable = option(argc, argv, "alertable", 1, 0, 1) != 0;
    DWORD waitMs = option(argc, argv, "wait", 1000, 100, 10000);
    printf("waits are %s, %lu ms at most\n", alertable ? "alertable" : "NOT alertable", (unsigned long)waitMs);

    BOOL fileOk = read_file_with_routine(argv[1], alertable, waitMs);
    BOOL outside = option(argc, argv, "peer", 0, 0, 1) != 0;
    BOOL socketOk = fileOk && (outside ? receive_from_outside(text_option(argc, argv, "portfile"), alertable, waitMs)
                                       : receive_with_routine(alertable, waitMs));
    printf("%s\n", fileOk && socketOk ? "done: every routine ran, on main, inside an alertable wait"
                                      : "a request or its routine failed");
    return fileOk && socketOk ? 0 : 1;
}
