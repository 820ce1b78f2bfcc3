// Overlapped Lab - lesson "iocp-echo-server".
//
// A TCP echo server on an I/O completion port:
//
//   - main posts an AcceptEx on the listening socket, associated with the port under its own key.
//     A worker takes the accept's packet, starts the connection (its socket associated with the
//     port, key = the connection's number; the first WSARecv) and posts the next AcceptEx.
//   - Worker threads wait in GetQueuedCompletionStatus. For each connection: a receive completes
//     -> the worker sends the same bytes back with WSASend -> the send completes -> the worker
//     posts the next WSARecv. A receive of 0 bytes means the client closed; a FAILED receive
//     (GetQueuedCompletionStatus FALSE with an OVERLAPPED) means the connection broke (reset).
//   - Built-in clients (threads of this program) connect, send, read their echo and close: clients
//     1 and 3 gracefully, clients 2 and 4 abruptly with a reset, to show both ways a connection ends.
//   - clients=0: no built-in clients. The server accepts whoever connects (in the lab: the Peer
//     client panel, playing another machine) until a client sends the line "stop".
//
// A plain Win32 console program: it builds unchanged on Windows (link ws2_32.lib).
//
//   usage: iocp_echo_server [workers=2] [concurrency=1] [clients=2] [messages=2] [buffer=64] [reset=1] [acceptex=1] [block=0]
//
//   workers      worker threads, 1 to 4          messages     messages each client sends, 1 to 4
//   concurrency  the port's concurrency value, 0 to 4 (0: one per processor)
//   clients      built-in clients, 0 to 4 (0: serve outside clients until one sends "stop")
//   buffer       receive buffer, 8 to 256 bytes  reset        1: clients 2 and 4 close with a reset
//   acceptex     0: main accepts with a blocking accept() instead of AcceptEx
//   block        0 to 1000: ms a worker sleeps before each echo; the clients send at once

#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// LAB_STEP() marks a line without a Win32 call where the lab stops the thread, so a step can show
// that moment (a branch taken, a routine starting). Outside the lab it is nothing.
#ifndef LAB_STEP
#define LAB_STEP()
#endif

#define MAX_WORKERS 4
#define MAX_CLIENTS 4
#define MAX_CONNECTIONS 16  // clients=0: connections per run (each keeps its slot)
#define MAX_BUFFER 256
#define KEY_STOP 0  // our own packet with no OVERLAPPED: the worker that takes it exits
#define KEY_LISTENER (MAX_CONNECTIONS + 1)  // the listening socket's key: its packets are accepts
#define ADDRESS_BLOCK (sizeof(sockaddr_in) + 16)  // AcceptEx: room for one address, 16 bytes more

// One outstanding operation. The OVERLAPPED is the first member, so the OVERLAPPED* a worker
// dequeues is the IoRequest. A receive and a send never share one: each request in flight needs
// its own OVERLAPPED and its own buffer.
struct IoRequest {
    WSAOVERLAPPED ov;
    enum { Receive, Send } kind;
    WSABUF wsaBuf;
    char data[MAX_BUFFER];
};

// The server's side of one connection. The socket's completion key is the connection's number:
// g_connections[key - 1]. (Many servers use the Connection's address as the key; a key is a
// ULONG_PTR, wide enough for a pointer. The numbers keep this lesson's transcript the same in
// every run, where addresses would change.)
struct Connection {
    SOCKET socket;
    int number;
    IoRequest receive;  // acceptex=1: the AcceptEx request too, until the connection starts
    IoRequest send;
    HANDLE idle;    // set when the echo went out and the next receive is posted (see worker-idle)
    HANDLE closed;  // set by the worker that closed the socket
};

// One built-in client, played by a thread. It waits for `cue` before each action main asks for.
struct Client {
    int number;
    unsigned short port;
    enum Action { Send, Read, Close, Reset } action;  // written by main before it sets `cue`
    int message;
    HANDLE connected;
    HANDLE cue;       // auto-reset
    HANDLE actionDone;
    BOOL ok;
};

static Connection g_connections[MAX_CONNECTIONS];
static Client g_clients[MAX_CLIENTS];
static SOCKET g_listener = INVALID_SOCKET;  // clients=0: the worker that reads "stop" closes it
static DWORD g_bufferSize;                  // buffer=N
static DWORD g_blockMilliseconds;           // block=N
// acceptex=1. AcceptEx and GetAcceptExSockaddrs are Microsoft extensions to Windows Sockets: a
// program asks the socket's provider for them with WSAIoctl (see start_accepting).
static LPFN_ACCEPTEX lpfnAcceptEx;
static LPFN_GETACCEPTEXSOCKADDRS lpfnGetAcceptExSockaddrs;
static int g_accepted;         // connections AcceptEx brought; the pending one fills slot g_accepted
static int g_expected;         // built-in clients: how many main waits for (0 with clients=0)
static HANDLE g_allAccepted;   // set once g_expected connections have started
static HANDLE g_acceptsEnded;  // set once no AcceptEx is pending any more

// "name=text" on the command line, or NULL.
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

static DWORD option(int argc, char** argv, const char* name, DWORD fallback, DWORD low, DWORD high)
{
    const char* text = text_option(argc, argv, name);
    if (text == NULL) {
        return fallback;
    }
    DWORD value = (DWORD)strtoul(text, NULL, 10);
    return value < low ? low : value > high ? high : value;
}

// A client typed "stop" (a terminal may add "\r\n"). Other text, however it ends, is echoed.
static BOOL is_stop_line(const char* data, DWORD bytes)
{
    while (bytes > 0 && (data[bytes - 1] == '\n' || data[bytes - 1] == '\r')) {
        --bytes;
    }
    return bytes == 4 && memcmp(data, "stop", 4) == 0;
}

static void message_text(char* text, size_t size, int client, int message)
{
    snprintf(text, size, "hello %d from client %d", message + 1, client);
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

// Posts the connection's receive. FALSE: it did not start, so no packet will come for it.
static BOOL post_receive(Connection* connection)
{
    IoRequest* request = &connection->receive;
    memset(&request->ov, 0, sizeof request->ov);
    request->kind = IoRequest::Receive;
    request->wsaBuf.buf = request->data;
    request->wsaBuf.len = g_bufferSize;
    DWORD flags = 0;
    int result = WSARecv(connection->socket, &request->wsaBuf, 1, NULL, &flags, &request->ov, NULL);  // [step: post-recv]
    if (result == SOCKET_ERROR && WSAGetLastError() != WSA_IO_PENDING) {
        printf("connection %d: WSARecv failed: error %d\n", connection->number, WSAGetLastError());
        return FALSE;
    }
    return TRUE;  // 0 (done at once) or pending: a packet will come either way
}

static BOOL post_echo(Connection* connection, DWORD bytes)
{
    IoRequest* request = &connection->send;
    memset(&request->ov, 0, sizeof request->ov);
    request->kind = IoRequest::Send;
    memcpy(request->data, connection->receive.data, bytes);
    request->wsaBuf.buf = request->data;
    request->wsaBuf.len = bytes;
    int result = WSASend(connection->socket, &request->wsaBuf, 1, NULL, 0, &request->ov, NULL);  // [step: post-send]
    if (result == SOCKET_ERROR && WSAGetLastError() != WSA_IO_PENDING) {
        printf("connection %d: WSASend failed: error %d\n", connection->number, WSAGetLastError());
        return FALSE;
    }
    return TRUE;
}

// Nothing is pending on the connection when this runs: its last request has just completed.
static void close_connection(Connection* connection)
{
    closesocket(connection->socket);  // [step: server-close]
    SetEvent(connection->closed);
}

// An accepted socket becomes connection number slot + 1: its events, the socket associated with
// the port (key = the number), its first receive. FALSE: it did not start, `closed` is set.
static BOOL start_connection(int slot, SOCKET s, HANDLE port)
{
    Connection* connection = &g_connections[slot];
    connection->number = slot + 1;
    connection->socket = s;
    connection->idle = CreateEventA(NULL, FALSE, FALSE, NULL);  // [step: connection-events]
    connection->closed = CreateEventA(NULL, TRUE, FALSE, NULL);
    if (s == INVALID_SOCKET) {
        printf("connection %d: no socket, accept failed\n", connection->number);
        SetEvent(connection->closed);  // [step: connection-events]
        return FALSE;
    }
    if (CreateIoCompletionPort((HANDLE)s, port, connection->number, 0) != port) {  // [step: associate]
        printf("cannot associate connection %d: error %lu\n", connection->number, (unsigned long)GetLastError());
        close_connection(connection);
        return FALSE;
    }
    if (!post_receive(connection)) {
        close_connection(connection);
        return FALSE;
    }
    printf("server: connection %d accepted, key %d, first receive posted\n", connection->number, connection->number);
    return TRUE;
}

// acceptex=1: AcceptEx for the connection in `slot`. Unlike accept, which returns a new socket,
// AcceptEx connects a socket the program made beforehand (not bound, not connected).
static BOOL post_accept(int slot)
{
    Connection* connection = &g_connections[slot];
    IoRequest* request = &connection->receive;
    connection->socket = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);  // [step: accept-socket]
    memset(&request->ov, 0, sizeof request->ov);
    // The output buffer: dwReceiveDataLength bytes of first data (0 here), then the local and the
    // remote address, ADDRESS_BLOCK bytes each.
    DWORD bytes = 0;
    if (connection->socket == INVALID_SOCKET ||
        (!lpfnAcceptEx(g_listener, connection->socket, request->data, 0, ADDRESS_BLOCK, ADDRESS_BLOCK, &bytes, &request->ov) &&  // [step: post-accept]
         WSAGetLastError() != ERROR_IO_PENDING)) {
        printf("server: AcceptEx failed: error %d\n", WSAGetLastError());
        return FALSE;
    }
    return TRUE;  // TRUE at once or pending: a packet with KEY_LISTENER will come either way
}

// No AcceptEx is pending any more. The socket made for the next connection never got one.
static void end_accepts(Connection* unused)
{
    closesocket(unused->socket);  // [step: accepts-ended]
    SetEvent(g_acceptsEnded);
}

// acceptex=1: a packet with the listening socket's key: the AcceptEx of `connection` completed.
static void accept_completed(Connection* connection, BOOL ok, HANDLE port)
{
    if (!ok) {  // 995 (ERROR_OPERATION_ABORTED): the listening socket was closed, or the request cancelled
        printf("server: AcceptEx ended with error %lu: no more connections\n", (unsigned long)GetLastError());
        end_accepts(connection);
        return;
    }
    // Until this option is set, the new socket has not taken the listening socket's properties:
    // getpeername, getsockname, getsockopt and setsockopt do not work on it.
    if (setsockopt(connection->socket, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char*)&g_listener, sizeof g_listener) != 0) {  // [step: update-accept-context]
        printf("server: SO_UPDATE_ACCEPT_CONTEXT failed: error %d\n", WSAGetLastError());
    }
    sockaddr *local, *remote;
    int localLength, remoteLength;
    lpfnGetAcceptExSockaddrs(connection->receive.data, 0, ADDRESS_BLOCK, ADDRESS_BLOCK, &local, &localLength, &remote,
                             &remoteLength);
    printf("server: AcceptEx accepted a client from %s\n", inet_ntoa(((sockaddr_in*)remote)->sin_addr));
    start_connection(g_accepted++, connection->socket, port);
    if (g_accepted == g_expected) {
        SetEvent(g_allAccepted);  // [step: all-accepted]
    }
    if (g_accepted == MAX_CONNECTIONS) {
        printf("server: %d connections already, no more accepts\n", MAX_CONNECTIONS);
        SetEvent(g_acceptsEnded);
    } else if (!post_accept(g_accepted)) {
        end_accepts(&g_connections[g_accepted]);
    }
}

static DWORD WINAPI WorkerThread(LPVOID parameter)
{
    HANDLE port = (HANDLE)parameter;
    for (;;) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        OVERLAPPED* overlapped = NULL;
        BOOL ok = GetQueuedCompletionStatus(port, &bytes, &key, &overlapped, INFINITE);  // [step: worker-wait]
        if (overlapped == NULL) {
            if (ok && key == KEY_STOP) {
                LAB_STEP();  // [step: worker-stop]
                return 0;
            }
            printf("GetQueuedCompletionStatus failed: error %lu\n", (unsigned long)GetLastError());
            return 1;
        }
        IoRequest* request = (IoRequest*)overlapped;
        if (key == KEY_LISTENER) {  // an AcceptEx: its request is the receive of a connection-to-be
            accept_completed(CONTAINING_RECORD(request, Connection, receive), ok, port);
            continue;
        }
        LAB_STEP();  // [step: worker-packet]
        Connection* connection = &g_connections[key - 1];
        if (!ok) {
            // A failed request: 64 (ERROR_NETNAME_DELETED) when the client reset the connection.
            printf("connection %d: %s failed: error %lu, closing\n", connection->number,
                   request->kind == IoRequest::Receive ? "receive" : "send", (unsigned long)GetLastError());
            close_connection(connection);
        } else if (request->kind == IoRequest::Receive && bytes == 0) {
            LAB_STEP();  // [step: worker-eof]
            printf("connection %d: the client closed the connection\n", connection->number);
            close_connection(connection);
        } else if (request->kind == IoRequest::Receive && is_stop_line(request->data, bytes)) {
            // Closing the listening socket ends accepting: main's blocking accept returns
            // INVALID_SOCKET (WSAEINTR); a pending AcceptEx fails (its packet comes with an error).
            printf("connection %d: \"stop\": no more connections\n", connection->number);
            closesocket(g_listener);  // [step: worker-stop-listening]
            close_connection(connection);
        } else if (request->kind == IoRequest::Receive) {
            printf("connection %d: received %lu bytes \"%.*s\", echoing them\n", connection->number,
                   (unsigned long)bytes, (int)bytes, request->data);
            if (g_blockMilliseconds > 0) {
                // A blocking call while the worker holds a packet (a slow disk or database would do
                // the same): the port stops counting this worker as running.
                Sleep(g_blockMilliseconds);  // [step: worker-block]
            }
            if (!post_echo(connection, bytes)) {
                close_connection(connection);
            }
        } else if (post_receive(connection)) {  // the echo went out: wait for the next message
            SetEvent(connection->idle);  // [step: worker-idle]
        } else {
            close_connection(connection);
        }
    }
}

// A built-in client: blocking calls on an ordinary socket, one action per cue.
static DWORD WINAPI ClientThread(LPVOID parameter)
{
    Client* client = (Client*)parameter;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);  // [step: client-connect]
    sockaddr_in server = {};
    server.sin_family = AF_INET;
    server.sin_port = htons(client->port);
    server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    client->ok = s != INVALID_SOCKET && connect(s, (sockaddr*)&server, sizeof server) != SOCKET_ERROR;
    SetEvent(client->connected);  // [step: client-connected]
    while (client->ok) {
        WaitForSingleObject(client->cue, INFINITE);  // [step: client-wait-cue]
        char text[64];
        message_text(text, sizeof text, client->number, client->message);
        int length = (int)strlen(text);
        if (client->action == Client::Send) {
            client->ok = send(s, text, length, 0) == length;  // [step: client-send]
        } else if (client->action == Client::Read) {
            char echo[64];
            int got = 0;
            while (got < length) {  // TCP is a stream: the echo may come in pieces
                int n = recv(s, echo + got, length - got, 0);  // [step: client-recv]
                if (n <= 0) {
                    break;
                }
                got += n;
            }
            client->ok = got == length && memcmp(echo, text, length) == 0;
            printf("client %d: echo \"%.*s\"%s\n", client->number, got, echo, client->ok ? "" : " (wrong)");
        } else {
            if (client->action == Client::Reset) {
                // Linger on, timeout 0: closesocket sends a reset (RST) instead of a normal close.
                linger abort = {1, 0};
                setsockopt(s, SOL_SOCKET, SO_LINGER, (const char*)&abort, sizeof abort);  // [step: client-reset]
            }
            closesocket(s);  // [step: client-close]
            SetEvent(client->actionDone);  // [step: client-done]
            return 0;
        }
        SetEvent(client->actionDone);  // [step: client-done]
    }
    if (s != INVALID_SOCKET) {
        closesocket(s);  // [step: client-close]
    }
    SetEvent(client->actionDone);  // [step: client-done]
    return 1;
}

// main plays the class: it asks one client at a time to act and waits until the action is over.
static BOOL client_acts(Client* client, Client::Action action, int message)
{
    client->action = action;
    client->message = message;
    SetEvent(client->cue);  // [step: cue-client]
    WaitForSingleObject(client->actionDone, INFINITE);  // [step: wait-client]
    return client->ok;
}

// clients=0: says where the server listens, and writes the port to `path` (the lab passes
// portfile=PATH; its Peer client panel reads the port there).
static void publish_port(const char* path, unsigned short listenPort)
{
    printf("server: listening on 127.0.0.1 port %u; a client that sends \"stop\" ends the run\n", listenPort);
    fflush(stdout);  // stdout into a pipe is buffered: whoever reads it needs the port now
    if (path == NULL) {
        return;
    }
    char text[16];
    DWORD length = (DWORD)snprintf(text, sizeof text, "%u\n", listenPort);
    DWORD written = 0;
    HANDLE file = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);  // [step: publish-port]
    if (file == INVALID_HANDLE_VALUE || !WriteFile(file, text, length, &written, NULL)) {  // [step: write-port]
        printf("cannot write the port to %s: error %lu\n", path, (unsigned long)GetLastError());
    }
    if (file != INVALID_HANDLE_VALUE) {
        CloseHandle(file);
    }
}

// clients=0: the server accepts whoever connects until a worker reads "stop" and closes the
// listening socket; then the connections still open end when their clients close or reset them.
// A connection keeps its slot (its key is its number), so at most MAX_CONNECTIONS per run.
static BOOL serve_peers(HANDLE port, BOOL acceptEx)
{
    int accepted = 0;
    BOOL ok = TRUE;
    if (acceptEx) {  // the workers accept: main only waits until they stop
        WaitForSingleObject(g_acceptsEnded, INFINITE);  // [step: wait-accepts-ended]
        accepted = g_accepted;
    }
    while (!acceptEx) {
        SOCKET s = accept(g_listener, NULL, NULL);  // [step: accept-peer]
        if (s == INVALID_SOCKET) {
            printf("server: accept failed with error %d: no more connections\n", WSAGetLastError());
            break;
        }
        if (accepted == MAX_CONNECTIONS) {
            printf("server: %d connections already, refusing this one\n", MAX_CONNECTIONS);
            closesocket(s);  // [step: refuse-peer]
            continue;
        }
        ok = start_connection(accepted++, s, port) && ok;
    }
    for (int i = 0; i < accepted; ++i) {
        WaitForSingleObject(g_connections[i].closed, INFINITE);  // [step: wait-peer-closed]
        CloseHandle(g_connections[i].idle);  // [step: cleanup]
        CloseHandle(g_connections[i].closed);
    }
    if (acceptEx) {
        CloseHandle(g_allAccepted);
        CloseHandle(g_acceptsEnded);
    }
    return ok;
}

// All connections are closed: no packet can come any more except the ones we post. Returns how
// many workers ended by the stop packet.
static DWORD stop_workers(HANDLE port, HANDLE* workers, DWORD workerCount)
{
    for (DWORD i = 0; i < workerCount; ++i) {
        PostQueuedCompletionStatus(port, 0, KEY_STOP, NULL);  // [step: post-stop]
    }
    WaitForMultipleObjects(workerCount, workers, TRUE, INFINITE);  // [step: join-workers]
    DWORD stopped = 0;
    for (DWORD i = 0; i < workerCount; ++i) {
        DWORD exitCode = 1;
        if (GetExitCodeThread(workers[i], &exitCode) && exitCode == 0) {  // [step: exit-code]
            ++stopped;
        }
        CloseHandle(workers[i]);  // [step: cleanup]
    }
    return stopped;
}

// acceptex=1: loads the two extension functions, associates the listening socket with the port
// under its own key and posts the first AcceptEx.
static BOOL start_accepting(HANDLE port)
{
    GUID acceptExId = WSAID_ACCEPTEX, sockaddrsId = WSAID_GETACCEPTEXSOCKADDRS;
    DWORD bytes = 0;
    if (WSAIoctl(g_listener, SIO_GET_EXTENSION_FUNCTION_POINTER, &acceptExId, sizeof acceptExId, &lpfnAcceptEx,  // [step: load-acceptex]
                 sizeof lpfnAcceptEx, &bytes, NULL, NULL) == SOCKET_ERROR ||
        WSAIoctl(g_listener, SIO_GET_EXTENSION_FUNCTION_POINTER, &sockaddrsId, sizeof sockaddrsId,
                 &lpfnGetAcceptExSockaddrs, sizeof lpfnGetAcceptExSockaddrs, &bytes, NULL, NULL) == SOCKET_ERROR) {
        printf("cannot load AcceptEx: error %d\n", WSAGetLastError());
        return FALSE;
    }
    g_allAccepted = CreateEventA(NULL, TRUE, FALSE, NULL);  // [step: accept-events]
    g_acceptsEnded = CreateEventA(NULL, TRUE, FALSE, NULL);
    if (CreateIoCompletionPort((HANDLE)g_listener, port, KEY_LISTENER, 0) != port) {  // [step: associate-listener]
        printf("cannot associate the listening socket: error %lu\n", (unsigned long)GetLastError());
        return FALSE;
    }
    return post_accept(0);
}

int main(int argc, char** argv)
{
    DWORD workerCount = option(argc, argv, "workers", 2, 1, MAX_WORKERS);
    DWORD concurrency = option(argc, argv, "concurrency", 1, 0, MAX_WORKERS);
    int clientCount = (int)option(argc, argv, "clients", 2, 0, MAX_CLIENTS);
    int messages = (int)option(argc, argv, "messages", 2, 1, 4);
    g_bufferSize = option(argc, argv, "buffer", 64, 8, MAX_BUFFER);
    BOOL resetEverySecond = option(argc, argv, "reset", 1, 0, 1) != 0;
    BOOL acceptEx = option(argc, argv, "acceptex", 1, 0, 1) != 0;
    g_blockMilliseconds = option(argc, argv, "block", 0, 0, 1000);
    memset(g_connections, 0, sizeof g_connections);  // the lab may run this program several times
    memset(g_clients, 0, sizeof g_clients);
    g_accepted = 0;
    g_expected = 0;

    WSADATA wsaData;
    if (WSAStartup(MAKEWORD(2, 2), &wsaData) != 0) {  // [step: wsa-startup]
        printf("WSAStartup failed\n");
        return 1;
    }
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, concurrency);  // [step: create-port]
    if (port == NULL) {
        printf("CreateIoCompletionPort failed: error %lu\n", (unsigned long)GetLastError());
        return 1;
    }
    HANDLE workers[MAX_WORKERS];
    for (DWORD i = 0; i < workerCount; ++i) {
        workers[i] = CreateThread(NULL, 0, WorkerThread, port, 0, NULL);  // [step: start-worker]
        if (workers[i] == NULL) {
            printf("CreateThread failed: error %lu\n", (unsigned long)GetLastError());
            return 1;
        }
    }

    unsigned short listenPort = 0;
    g_listener = listen_on_loopback(SOMAXCONN, &listenPort);
    if (g_listener == INVALID_SOCKET || (clientCount == 0 && acceptEx && !start_accepting(port))) {
        return 1;
    }
    if (clientCount == 0) {  // the clients come from outside this program
        publish_port(text_option(argc, argv, "portfile"), listenPort);
        BOOL served = serve_peers(port, acceptEx);
        DWORD stopped = stop_workers(port, workers, workerCount);
        CloseHandle(port);  // [step: cleanup]
        WSACleanup();
        printf("the server stopped on \"stop\"%s; %lu of %lu workers stopped\n", served ? "" : " (a connection failed)",
               (unsigned long)stopped, (unsigned long)workerCount);
        return served && stopped == workerCount ? 0 : 1;
    }

    // The clients connect one after another. Each connection waits in the listening socket's
    // backlog until the server accepts it: connect succeeds before any accept.
    HANDLE clientThreads[MAX_CLIENTS];
    int started = 0;
    BOOL ok = TRUE;
    for (int i = 0; ok && i < clientCount; ++i) {
        Client* client = &g_clients[i];
        client->number = i + 1;
        client->port = listenPort;
        client->connected = CreateEventA(NULL, FALSE, FALSE, NULL);  // [step: create-events]
        client->cue = CreateEventA(NULL, FALSE, FALSE, NULL);
        client->actionDone = CreateEventA(NULL, FALSE, FALSE, NULL);
        clientThreads[i] = CreateThread(NULL, 0, ClientThread, client, 0, NULL);  // [step: start-client]
        if (clientThreads[i] == NULL) {
            printf("CreateThread failed: error %lu\n", (unsigned long)GetLastError());
            return 1;
        }
        WaitForSingleObject(client->connected, INFINITE);  // [step: wait-connected]
        ++started;  // a client thread to join and events to close, even if the rest fails
        ok = client->ok;
    }
    // The server accepts them in the order they connected, so every run numbers them the same.
    g_expected = clientCount;
    ok = ok && (!acceptEx || start_accepting(port));
    if (ok && acceptEx) {  // the workers accept: main waits until every connection has started
        HANDLE allOrEnded[2] = {g_allAccepted, g_acceptsEnded};
        ok = WaitForMultipleObjects(2, allOrEnded, FALSE, INFINITE) == WAIT_OBJECT_0;  // [step: wait-accepted]
    }
    for (int i = 0; ok && !acceptEx && i < clientCount; ++i) {
        ok = start_connection(i, accept(g_listener, NULL, NULL), port);  // [step: accept]
    }

    // The clients talk, one action at a time. Each echo is complete when the connection is idle.
    // block=N: every client sends before main waits for an echo, so receives complete together.
    int batch = g_blockMilliseconds > 0 ? clientCount : 1;
    for (int m = 0; ok && m < messages; ++m) {
        for (int first = 0; ok && first < clientCount; first += batch) {
            for (int i = first; ok && i < first + batch; ++i) {
                ok = client_acts(&g_clients[i], Client::Send, m);
            }
            for (int i = first; ok && i < first + batch; ++i) {
                // Idle: the echo went out. Closed instead: the server gave up on this connection.
                HANDLE idleOrClosed[2] = {g_connections[i].idle, g_connections[i].closed};
                ok = WaitForMultipleObjects(2, idleOrClosed, FALSE, INFINITE) == WAIT_OBJECT_0;  // [step: wait-idle]
                ok = ok && client_acts(&g_clients[i], Client::Read, m);
            }
        }
    }
    // Every client closes (gracefully, or with a reset); the server notices and closes its end.
    for (int i = 0; i < started; ++i) {
        BOOL reset = resetEverySecond && (i % 2) == 1;  // clients 2 and 4
        client_acts(&g_clients[i], reset ? Client::Reset : Client::Close, 0);
        WaitForSingleObject(g_connections[i].closed, INFINITE);  // [step: wait-closed]
    }
    closesocket(g_listener);  // [step: stop-listening]
    if (acceptEx) {  // the AcceptEx posted for a next client ends with the listening socket
        WaitForSingleObject(g_acceptsEnded, INFINITE);  // [step: wait-accepts-ended]
    }

    DWORD stopped = stop_workers(port, workers, workerCount);
    WaitForMultipleObjects((DWORD)started, clientThreads, TRUE, INFINITE);  // [step: join-clients]
    for (int i = 0; i < started; ++i) {
        ok = ok && g_clients[i].ok;
        CloseHandle(clientThreads[i]);  // [step: cleanup]
        CloseHandle(g_clients[i].connected);
        CloseHandle(g_clients[i].cue);
        CloseHandle(g_clients[i].actionDone);
        CloseHandle(g_connections[i].idle);
        CloseHandle(g_connections[i].closed);
    }
    if (acceptEx) {
        CloseHandle(g_allAccepted);
        CloseHandle(g_acceptsEnded);
    }
    CloseHandle(port);
    WSACleanup();
    printf("%d clients, %d messages each: %s; %lu of %lu workers stopped\n", clientCount, messages,
           ok ? "every echo came back intact" : "an echo failed", (unsigned long)stopped, (unsigned long)workerCount);
    return ok && stopped == workerCount ? 0 : 1;
}
