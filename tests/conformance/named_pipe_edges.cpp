// docs/windows-rules.md section 8: the named-pipe cases a program meets beyond one read and one
// write. A pending ConnectNamedPipe has completed when the client's CreateFile returns and when
// the server's CloseHandle returns; the pipe name is free again at once; new handles start
// signalled; ReadFile with no OVERLAPPED on an overlapped pipe waits; CreateNamedPipe(NULL);
// what the client sees after DisconnectNamedPipe; a second ConnectNamedPipe on a listening
// instance, and one after a cancelled one; which of two listening instances a client reaches;
// empty messages read in byte read mode; PeekNamedPipe on a message pipe created in byte read mode.
#include "conformance_pipes.h"

static void show_wait(const char* label, HANDLE h)
{
    printf("%s: 0x%lX\n", label, (unsigned long)WaitForSingleObject(h, 0));
}

// Starts an overlapped ConnectNamedPipe on `server` and prints how the call answered.
static void start_connect(const char* label, HANDLE server, OVERLAPPED* ov, HANDLE event)
{
    memset(ov, 0, sizeof *ov);
    ov->hEvent = event;
    BOOL ok = ConnectNamedPipe(server, ov);
    show_bool(label, ok, GetLastError());
}

static void no_name(void)
{
    HANDLE h = CreateNamedPipeA(NULL, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE, 1, 4096, 4096, 0, NULL);
    show_bool("CreateNamedPipe(NULL)", h != INVALID_HANDLE_VALUE, GetLastError());
    h = CreateNamedPipeA("ovlab-not-a-pipe-path", PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE, 1, 4096, 4096, 0,
                         NULL);
    show_bool("CreateNamedPipe of a name outside \\\\.\\pipe\\", h != INVALID_HANDLE_VALUE, GetLastError());
}

static void new_handles_are_signalled(void)
{
    char name[128];
    pipe_name(name, sizeof name, "signalled");
    HANDLE server = create_server(name);
    show_wait("a new server handle", server);
    HANDLE client = open_client(name);
    show_wait("a new client handle", client);
    CloseHandle(client);
    CloseHandle(server);
}

// The client's CreateFile returns after the server's ConnectNamedPipe completed: its OVERLAPPED
// is final and the server may write at once.
static void connect_done_when_create_file_returns(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "connect-done");
    HANDLE server = create_server(name);
    OVERLAPPED ov;
    start_connect("ConnectNamedPipe, no client yet", server, &ov, event);
    HANDLE client = open_client(name);
    printf("right after the client's CreateFile: Internal 0x%lX, the event 0x%lX\n", (unsigned long)(DWORD)ov.Internal,
           (unsigned long)WaitForSingleObject(event, 0));
    write_text("server WriteFile 4 bytes at once", server, "ping", NULL);
    char buffer[8] = {0};
    DWORD read = 0;
    OVERLAPPED read_ov;
    memset(&read_ov, 0, sizeof read_ov);
    read_ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    BOOL ok = ReadFile(client, buffer, 4, &read, &read_ov);
    printf("[V] client ReadFile: %s\n", ok || GetLastError() == ERROR_IO_PENDING ? "started" : "failed");
    finish("its result", client, &read_ov);
    printf("data \"%s\"\n", buffer);
    CloseHandle(read_ov.hEvent);
    CloseHandle(client);
    CloseHandle(server);
}

// CloseHandle of the server completes its pending ConnectNamedPipe before it returns, and the
// name can be used again at once.
static void close_completes_connect(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "close-connect");
    HANDLE server = create_server(name);
    OVERLAPPED ov;
    start_connect("ConnectNamedPipe, no client yet", server, &ov, event);
    show_bool("CloseHandle of the server", CloseHandle(server), GetLastError());
    printf("right after it: Internal %s, the event 0x%lX\n", ov.Internal == STATUS_PENDING ? "still pending" : "final",
           (unsigned long)WaitForSingleObject(event, 0));
    // NPFS ends the listening instance's request with STATUS_PIPE_BROKEN; Wine 8.0 writes
    // STATUS_HANDLES_CLOSED (0x8000000A), as it does for a closed socket.
    printf("[!W] its status: 0x%lX\n", (unsigned long)(DWORD)ov.Internal);
    HANDLE again = create_server(name);
    show_bool("CreateNamedPipe of the same name (1 instance allowed)", again != INVALID_HANDLE_VALUE, GetLastError());
    CloseHandle(again);
}

struct DelayedWrite {
    HANDLE pipe;
    const char* text;
};

static DWORD WINAPI write_later(LPVOID parameter)
{
    struct DelayedWrite* job = (struct DelayedWrite*)parameter;
    Sleep(200);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    DWORD written = 0;
    if (!WriteFile(job->pipe, job->text, (DWORD)strlen(job->text), NULL, &ov)) {
        GetOverlappedResult(job->pipe, &ov, &written, TRUE);
    }
    CloseHandle(ov.hEvent);
    return 0;
}

static void read_without_overlapped(void)
{
    char name[128];
    pipe_name(name, sizeof name, "no-overlapped");
    HANDLE server = create_server(name);
    HANDLE client = open_client(name);
    struct DelayedWrite job = {client, "late"};
    HANDLE writer = CreateThread(NULL, 0, write_later, &job, 0, NULL);
    char buffer[8] = {0};
    DWORD read = 0xDEAD;
    BOOL ok = ReadFile(server, buffer, sizeof buffer, &read, NULL);
    show_bool("ReadFile with no OVERLAPPED on an overlapped pipe, no data yet", ok, GetLastError());
    printf("bytes read %lu, data \"%s\"\n", (unsigned long)read, buffer);
    WaitForSingleObject(writer, INFINITE);
    CloseHandle(writer);
    CloseHandle(client);
    CloseHandle(server);
}

static void after_disconnect(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "disconnect");
    HANDLE server = create_server(name);
    HANDLE client = open_client(name);
    show_bool("DisconnectNamedPipe", DisconnectNamedPipe(server), GetLastError());
    show_wait("the client handle", client);
    char buffer[8];
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    BOOL ok = ReadFile(client, buffer, sizeof buffer, NULL, &ov);
    show_bool("client ReadFile", ok, GetLastError());
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    ok = WriteFile(client, "x", 1, NULL, &ov);
    show_bool("client WriteFile", ok, GetLastError());
    DWORD available = 0;
    ok = PeekNamedPipe(client, NULL, 0, NULL, &available, NULL);
    show_bool("PeekNamedPipe on the client", ok, GetLastError());
    ok = PeekNamedPipe(server, NULL, 0, NULL, &available, NULL);
    show_bool("PeekNamedPipe on the server", ok, GetLastError());
    CloseHandle(client);
    CloseHandle(server);
}

// The pipe file system queues a second ConnectNamedPipe behind a pending one (in PIPE_WAIT mode)
// and completes both when a client connects.
static void second_connect_queued(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "second-connect");
    HANDLE server = create_server(name);
    HANDLE second_event = CreateEventA(NULL, TRUE, FALSE, NULL);
    OVERLAPPED first, second;
    start_connect("ConnectNamedPipe, no client yet", server, &first, event);
    start_connect("a second ConnectNamedPipe on the same instance", server, &second, second_event);
    show_wait("its event", second_event);
    HANDLE client = open_client(name);
    printf("right after the client's CreateFile: first 0x%lX, second 0x%lX\n", (unsigned long)(DWORD)first.Internal,
           (unsigned long)(DWORD)second.Internal);
    finish("the first", server, &first);
    finish("the second", server, &second);
    show_wait("the second's event", second_event);
    CloseHandle(client);
    CloseHandle(server);
    CloseHandle(second_event);
}

// A cancelled ConnectNamedPipe leaves the instance listening: the next one pends and a client
// completes it.
static void connect_again_after_cancel(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "cancelled-connect");
    HANDLE server = create_server(name);
    OVERLAPPED first, second;
    start_connect("ConnectNamedPipe, no client yet", server, &first, event);
    show_bool("CancelIoEx of it", CancelIoEx(server, &first), GetLastError());
    finish("its result", server, &first);
    start_connect("ConnectNamedPipe again", server, &second, event);
    HANDLE client = open_client(name);
    finish("it, after the client's CreateFile", server, &second);
    write_text("server WriteFile 4 bytes", server, "ping", NULL);
    CloseHandle(client);
    CloseHandle(server);
}

static void show_connected(const char* label, HANDLE server)
{
    DWORD available = 0;
    BOOL ok = PeekNamedPipe(server, NULL, 0, NULL, &available, NULL);
    printf("%s: %s\n", label, ok ? "connected" : "not connected");
}

// Two instances: the first serves a client, disconnects and listens again; the next client goes
// to the second, which has been listening since it was created.
static void longest_listening_instance_first(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "listen-order");
    const DWORD mode = PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED;
    HANDLE first = CreateNamedPipeA(name, mode, PIPE_TYPE_BYTE, 2, 4096, 4096, 0, NULL);
    HANDLE second = CreateNamedPipeA(name, mode, PIPE_TYPE_BYTE, 2, 4096, 4096, 0, NULL);
    HANDLE client = open_client(name);
    show_connected("the first client: the first instance", first);
    show_connected("the first client: the second instance", second);
    show_bool("DisconnectNamedPipe of the first instance", DisconnectNamedPipe(first), GetLastError());
    CloseHandle(client);
    OVERLAPPED ov;
    start_connect("ConnectNamedPipe on the first instance again", first, &ov, event);
    client = open_client(name);
    show_connected("the next client: the second instance", second);
    printf("the first instance's ConnectNamedPipe: %s\n",
           ov.Internal == STATUS_PENDING ? "still pending" : "completed");
    CloseHandle(client);
    CloseHandle(second);
    CloseHandle(first);  // completes the pending ConnectNamedPipe before it returns
}

static void write_message(HANDLE h, const char* text, HANDLE event)
{
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    DWORD bytes = 0;
    if (WriteFile(h, text, (DWORD)strlen(text), NULL, &ov) || GetLastError() == ERROR_IO_PENDING) {
        GetOverlappedResult(h, &ov, &bytes, TRUE);
    }
}

// A read that should pend is given a moment, then cancelled (995); one that completes prints its
// bytes.
static void read_or_cancel(const char* label, HANDLE h, DWORD size, HANDLE event)
{
    char got[16];
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    BOOL ok = ReadFile(h, got, size, NULL, &ov);
    if (!ok && GetLastError() == ERROR_IO_PENDING && WaitForSingleObject(event, 300) == WAIT_TIMEOUT) {
        CancelIoEx(h, &ov);
        finish(label, h, &ov);
        return;
    }
    DWORD bytes = 0xDEAD;
    ok = GetOverlappedResult(h, &ov, &bytes, TRUE);
    printf("%s: %s bytes %lu \"%.*s\"\n", label, ok ? "TRUE" : "FALSE", (unsigned long)bytes,
           (int)(bytes <= sizeof got ? bytes : 0), got);
}

// A message-type pipe read in byte read mode: empty messages before data go with the data; when
// only empty messages wait, a read takes one and completes with 0 bytes.
static void byte_reads_of_empty_messages(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "empty-messages");
    HANDLE server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_MESSAGE | PIPE_WAIT, 1,
                                     4096, 4096, 0, NULL);
    HANDLE client = open_client(name);
    write_message(server, "", event);
    write_message(server, "", event);
    write_message(server, "xy", event);
    read_or_cancel("empty, empty, \"xy\": byte read mode ReadFile 8", client, 8, event);
    read_or_cancel("ReadFile 8 again", client, 8, event);
    write_message(server, "", event);
    write_message(server, "", event);
    read_or_cancel("empty, empty: ReadFile 8", client, 8, event);
    read_or_cancel("ReadFile 8 again", client, 8, event);
    read_or_cancel("and again", client, 8, event);
    write_message(server, "", event);
    read_or_cancel("empty: ReadFile 0", client, 0, event);
    read_or_cancel("ReadFile 8", client, 8, event);
    write_message(server, "ab", event);
    read_or_cancel("\"ab\": ReadFile 0", client, 0, event);
    read_or_cancel("ReadFile 8", client, 8, event);
    CloseHandle(client);
    CloseHandle(server);
}

// "[!W] label: TRUE read ..." as PeekNamedPipe answers.
static void peek_line(const char* label, HANDLE h, DWORD size)
{
    char got[16];
    DWORD read = 0xDEAD, available = 0xDEAD, left = 0xDEAD;
    BOOL ok = PeekNamedPipe(h, got, size, &read, &available, &left);
    if (!ok) {
        printf("[!W] %s: FALSE error %lu\n", label, (unsigned long)GetLastError());
        return;
    }
    printf("[!W] %s: TRUE read %lu \"%.*s\" available %lu left this message 0x%lX\n", label, (unsigned long)read,
           (int)(read <= sizeof got ? read : 0), got, (unsigned long)available, (unsigned long)left);
}

// A message-type pipe created in byte read mode: PeekNamedPipe reads in byte mode, so it copies
// every byte waiting, across messages, up to its buffer (Wine copies one message).
static void peek_in_byte_read_mode(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "peek-bytes");
    HANDLE server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED,
                                     PIPE_TYPE_MESSAGE | PIPE_READMODE_BYTE | PIPE_WAIT, 1, 4096, 4096, 0, NULL);
    HANDLE client = open_client(name);
    write_message(client, "ab", event);
    write_message(client, "cd", event);
    write_message(client, "ef", event);
    peek_line("\"ab\", \"cd\", \"ef\": PeekNamedPipe 16", server, 16);
    peek_line("PeekNamedPipe 3", server, 3);
    read_or_cancel("ReadFile 1", server, 1, event);
    peek_line("PeekNamedPipe 16 after it", server, 16);
    read_or_cancel("ReadFile 16", server, 16, event);
    CloseHandle(client);
    CloseHandle(server);
}

int main()
{
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    no_name();
    new_handles_are_signalled();
    connect_done_when_create_file_returns(event);
    close_completes_connect(event);
    read_without_overlapped();
    after_disconnect(event);
    second_connect_queued(event);
    connect_again_after_cancel(event);
    longest_listening_instance_first(event);
    byte_reads_of_empty_messages(event);
    peek_in_byte_read_mode(event);
    CloseHandle(event);
    return 0;
}
