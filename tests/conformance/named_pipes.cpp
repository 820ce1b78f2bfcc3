// docs/windows-rules.md section 8: byte-mode named pipes with overlapped ends. ConnectNamedPipe
// pending until a client opens \\.\pipe\name, or ERROR_PIPE_CONNECTED (535) when the client came
// first; a read that pends until the peer writes; PeekNamedPipe; a peer that closes (109).
#include "conformance_pipes.h"

static void show_handle(const char* label, HANDLE h, DWORD error)
{
    if (h == INVALID_HANDLE_VALUE) {
        printf("%s: INVALID_HANDLE_VALUE error %lu\n", label, (unsigned long)error);
    } else {
        printf("%s: a handle\n", label);
    }
}

static void show_wait(const char* label, HANDLE h, DWORD timeout)
{
    printf("%s: 0x%lX\n", label, (unsigned long)WaitForSingleObject(h, timeout));
}

static void connect_pending_then_client(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "connect");
    HANDLE server = create_server(name);
    show_handle("CreateNamedPipe", server, GetLastError());
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    SetEvent(event);
    BOOL ok = ConnectNamedPipe(server, &ov);
    show_bool("ConnectNamedPipe, no client yet", ok, GetLastError());
    printf("Internal 0x%lX\n", (unsigned long)(DWORD)ov.Internal);
    show_wait("the event, reset at issue", event, 0);
    DWORD bytes = 0xDEAD;
    ok = GetOverlappedResult(server, &ov, &bytes, FALSE);
    show_bool("GetOverlappedResult, bWait FALSE", ok, GetLastError());
    HANDLE client = open_client(name);
    show_handle("client CreateFile", client, GetLastError());
    show_wait("the event", event, 5000);
    finish("GetOverlappedResult", server, &ov);
    CloseHandle(client);
    CloseHandle(server);
}

static void client_first(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "client-first");
    HANDLE client = open_client(name);
    show_handle("client CreateFile, no server", client, GetLastError());
    HANDLE server = create_server(name);
    client = open_client(name);
    show_handle("client CreateFile before ConnectNamedPipe", client, GetLastError());
    HANDLE second = open_client(name);
    show_handle("a second client, the only instance taken", second, GetLastError());
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    SetEvent(event);
    BOOL ok = ConnectNamedPipe(server, &ov);
    show_bool("ConnectNamedPipe", ok, GetLastError());
    // 535 is a failure return: nothing is signalled for it (the event was reset at issue).
    show_wait("the event", event, 0);
    if (second != INVALID_HANDLE_VALUE) {
        CloseHandle(second);
    }
    CloseHandle(client);
    CloseHandle(server);
}

static void read_pends_and_peek(HANDLE event, HANDLE write_event)
{
    char name[128];
    pipe_name(name, sizeof name, "read");
    HANDLE server = create_server(name);
    HANDLE client = open_client(name);
    char buffer[16] = {0};
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    ov.InternalHigh = 0xDEAD;  // ReadFile leaves it alone while the request pends
    BOOL ok = ReadFile(server, buffer, sizeof buffer - 1, NULL, &ov);
    show_bool("ReadFile, no data", ok, GetLastError());
    show_fields("fields", &ov);
    DWORD available = 0xDEAD;
    ok = PeekNamedPipe(server, NULL, 0, NULL, &available, NULL);
    printf("PeekNamedPipe, nothing written: %s available %lu\n", ok ? "TRUE" : "FALSE", (unsigned long)available);
    write_text("client WriteFile 5 bytes", client, "hello", write_event);
    finish("the read", server, &ov);
    show_fields("fields", &ov);
    printf("data \"%s\"\n", buffer);

    write_text("client WriteFile 6 bytes", client, "abcdef", write_event);
    char peeked[3] = {0};
    DWORD read = 0xDEAD, left = 0xDEAD;
    available = 0xDEAD;
    ok = PeekNamedPipe(server, peeked, 2, &read, &available, &left);
    printf("PeekNamedPipe 2: %s read %lu available %lu \"%s\"\n", ok ? "TRUE" : "FALSE", (unsigned long)read,
           (unsigned long)available, peeked);
    // Documented as 0 for byte-mode pipes; kernel32 stores the message length (0) minus the bytes
    // peeked, so 0xFFFFFFFE here.
    printf("bytes left this message (byte mode): 0x%lX\n", (unsigned long)left);
    memset(buffer, 0, sizeof buffer);
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    ok = ReadFile(server, buffer, 4, NULL, &ov);
    DWORD error = GetLastError();
    // Data already in the pipe: Windows completes at once; a pending start is allowed too.
    printf("[V] ReadFile 4, data waiting: %s error %lu\n", ok ? "TRUE" : "FALSE", ok ? 0ul : (unsigned long)error);
    finish("its result", server, &ov);
    printf("data \"%s\"\n", buffer);
    ok = PeekNamedPipe(server, NULL, 0, NULL, &available, NULL);
    printf("PeekNamedPipe after reading 4: %s available %lu\n", ok ? "TRUE" : "FALSE", (unsigned long)available);
    CloseHandle(client);
    CloseHandle(server);
}

static void broken_pipe(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "broken");
    HANDLE server = create_server(name);
    HANDLE client = open_client(name);
    char buffer[8];
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    BOOL ok = ReadFile(server, buffer, sizeof buffer, NULL, &ov);
    show_bool("server ReadFile", ok, GetLastError());
    ok = CloseHandle(client);
    show_bool("CloseHandle the client", ok, GetLastError());
    show_wait("the event", event, 5000);
    finish("the pending read", server, &ov);
    show_fields("fields", &ov);

    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    ok = ReadFile(server, buffer, sizeof buffer, NULL, &ov);
    show_bool("a later ReadFile", ok, GetLastError());
    // An immediate failure: the event, reset at issue, is not set again.
    show_wait("its event", event, 0);
    DWORD available = 0;
    ok = PeekNamedPipe(server, NULL, 0, NULL, &available, NULL);
    show_bool("PeekNamedPipe", ok, GetLastError());
    CloseHandle(server);

    // The other way round: the server end goes away under a client's read.
    pipe_name(name, sizeof name, "broken-server");
    server = create_server(name);
    client = open_client(name);
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    ok = ReadFile(client, buffer, sizeof buffer, NULL, &ov);
    show_bool("client ReadFile", ok, GetLastError());
    ok = CloseHandle(server);
    show_bool("CloseHandle the server", ok, GetLastError());
    finish("the pending read", client, &ov);
    CloseHandle(client);
}

int main()
{
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE write_event = CreateEventA(NULL, TRUE, FALSE, NULL);
    connect_pending_then_client(event);
    client_first(event);
    read_pends_and_peek(event, write_event);
    broken_pipe(event);
    CloseHandle(write_event);
    CloseHandle(event);
    return 0;
}
