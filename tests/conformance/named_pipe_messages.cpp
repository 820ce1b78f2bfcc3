// docs/windows-rules.md section 8: message-type pipes. Each WriteFile is one message; a read in
// message read mode takes at most one message, and one longer than the buffer gives the part that
// fits with ERROR_MORE_DATA (234, STATUS_BUFFER_OVERFLOW: a warning, so the request completed and
// every notification happened: event, completion routine, port packet); the next read gets the
// rest. Byte read mode reads across messages.
#include "conformance_pipes.h"

static HANDLE create_message_server(const char* name, DWORD read_mode)
{
    return CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_MESSAGE | read_mode | PIPE_WAIT,
                            1, 4096, 4096, 0, NULL);
}

static void set_read_mode(const char* label, HANDLE h, DWORD mode)
{
    BOOL ok = SetNamedPipeHandleState(h, &mode, NULL, NULL);
    show_bool(label, ok, GetLastError());
}

static void send_message(HANDLE h, const char* text, HANDLE event)
{
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    if (!WriteFile(h, text, (DWORD)strlen(text), NULL, &ov) && GetLastError() != ERROR_IO_PENDING) {
        printf("WriteFile \"%s\" failed: error %lu\n", text, (unsigned long)GetLastError());
        return;
    }
    DWORD bytes = 0;
    GetOverlappedResult(h, &ov, &bytes, TRUE);
}

// An overlapped ReadFile of `size` bytes: what the call said, what GetOverlappedResult says, the
// OVERLAPPED's fields and the bytes read.
static void read_message(const char* label, HANDLE h, DWORD size, HANDLE event)
{
    char got[64];
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    BOOL ok = ReadFile(h, got, size, NULL, &ov);
    show_bool(label, ok, GetLastError());
    DWORD bytes = 0xDEAD;
    ok = GetOverlappedResult(h, &ov, &bytes, TRUE);
    DWORD error = GetLastError();
    printf("  GetOverlappedResult: %s error %lu bytes %lu \"%.*s\"\n", ok ? "TRUE" : "FALSE", ok ? 0ul : (unsigned long)error,
           (unsigned long)bytes, (int)(bytes <= sizeof got ? bytes : 0), got);
    show_fields("  fields", &ov);
    printf("  event signalled: %s\n", WaitForSingleObject(event, 0) == WAIT_OBJECT_0 ? "yes" : "no");
}

static void peek(const char* label, HANDLE h, DWORD size)
{
    char got[64];
    DWORD read = 0xDEAD, available = 0xDEAD, left = 0xDEAD;
    BOOL ok = PeekNamedPipe(h, got, size, &read, &available, &left);
    if (!ok) {
        show_bool(label, ok, GetLastError());
        return;
    }
    printf("%s: TRUE read %lu \"%.*s\" available %lu left this message %lu\n", label, (unsigned long)read,
           (int)(read <= sizeof got ? read : 0), got, (unsigned long)available, (unsigned long)left);
}

static void read_modes_need_a_message_pipe(void)
{
    char name[128];
    pipe_name(name, sizeof name, "msg-modes");
    HANDLE bad = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE | PIPE_READMODE_MESSAGE,
                                  1, 4096, 4096, 0, NULL);
    show_bool("CreateNamedPipe PIPE_TYPE_BYTE | PIPE_READMODE_MESSAGE", bad != INVALID_HANDLE_VALUE, GetLastError());
    if (bad != INVALID_HANDLE_VALUE) {
        CloseHandle(bad);
    }
    HANDLE server = create_server(name);
    HANDLE client = open_client(name);
    set_read_mode("byte pipe: client SetNamedPipeHandleState(PIPE_READMODE_MESSAGE)", client, PIPE_READMODE_MESSAGE);
    set_read_mode("byte pipe: client SetNamedPipeHandleState(PIPE_READMODE_BYTE)", client, PIPE_READMODE_BYTE);
    CloseHandle(client);
    CloseHandle(server);
}

static void message_read_mode(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "msg-read");
    HANDLE server = create_message_server(name, PIPE_READMODE_MESSAGE);
    printf("CreateNamedPipe PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE: %s\n",
           server != INVALID_HANDLE_VALUE ? "a handle" : "failed");
    HANDLE client = open_client(name);
    set_read_mode("client SetNamedPipeHandleState(PIPE_READMODE_MESSAGE)", client, PIPE_READMODE_MESSAGE);

    send_message(server, "hello", event);
    send_message(server, "world!", event);
    read_message("two messages waiting, ReadFile 64", client, 64, event);
    read_message("ReadFile 64 again", client, 64, event);

    send_message(server, "abcdefghij", event);
    read_message("a 10-byte message, ReadFile 4", client, 4, event);
    peek("PeekNamedPipe 64 after part of the message", client, 64);
    read_message("ReadFile 4 again", client, 4, event);
    read_message("ReadFile 4 a third time", client, 4, event);

    // The server end reads the client's messages in its own read mode.
    send_message(client, "0123456789", event);
    read_message("server ReadFile 6 of a 10-byte message", server, 6, event);
    read_message("server ReadFile 64", server, 64, event);
    CloseHandle(client);
    CloseHandle(server);
}

// A read waiting for data that a longer message then completes.
static void pending_read_gets_part(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "msg-pending");
    HANDLE server = create_message_server(name, PIPE_READMODE_MESSAGE);
    HANDLE client = open_client(name);
    set_read_mode("client SetNamedPipeHandleState(PIPE_READMODE_MESSAGE)", client, PIPE_READMODE_MESSAGE);
    char got[8];
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    BOOL ok = ReadFile(client, got, 3, NULL, &ov);
    show_bool("ReadFile 3 with no data", ok, GetLastError());
    HANDLE writer_event = CreateEventA(NULL, TRUE, FALSE, NULL);
    send_message(server, "pending", writer_event);
    finish("after a 7-byte message", client, &ov);
    show_fields("  fields", &ov);
    read_message("ReadFile 64 for the rest", client, 64, event);

    // Two reads wait; one message answers both: the part that fits, then the rest.
    char second_got[64];
    OVERLAPPED second;
    HANDLE second_event = CreateEventA(NULL, TRUE, FALSE, NULL);
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    memset(&second, 0, sizeof second);
    second.hEvent = second_event;
    ok = ReadFile(client, got, 4, NULL, &ov);
    show_bool("ReadFile 4 with no data", ok, GetLastError());
    ok = ReadFile(client, second_got, sizeof second_got, NULL, &second);
    show_bool("a second ReadFile 64 behind it", ok, GetLastError());
    send_message(server, "both-reads", writer_event);
    finish("the first, after a 10-byte message", client, &ov);
    finish("the second", client, &second);
    printf("  they read \"%.4s\" and \"%.*s\"\n", got, (int)(second.InternalHigh <= 64 ? second.InternalHigh : 0),
           second_got);
    CloseHandle(second_event);
    CloseHandle(writer_event);
    CloseHandle(client);
    CloseHandle(server);
}

static void completion_port_gets_the_warning(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "msg-port");
    HANDLE server = create_message_server(name, PIPE_READMODE_MESSAGE);
    HANDLE client = open_client(name);
    set_read_mode("client SetNamedPipeHandleState(PIPE_READMODE_MESSAGE)", client, PIPE_READMODE_MESSAGE);
    HANDLE port = CreateIoCompletionPort(client, NULL, 7, 0);
    send_message(server, "12345678", event);
    char got[8];
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    BOOL ok = ReadFile(client, got, 3, NULL, &ov);
    show_bool("port: ReadFile 3 of an 8-byte message", ok, GetLastError());
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    OVERLAPPED* done = NULL;
    ok = GetQueuedCompletionStatus(port, &bytes, &key, &done, 1000);
    printf("GetQueuedCompletionStatus: %s error %lu bytes %lu key %lu overlapped %s\n", ok ? "TRUE" : "FALSE",
           ok ? 0ul : (unsigned long)GetLastError(), (unsigned long)bytes, (unsigned long)key,
           done == &ov ? "ours" : "NULL");
    ok = GetQueuedCompletionStatus(port, &bytes, &key, &done, 0);
    printf("again: %s error %lu (the packet was dequeued)\n", ok ? "TRUE" : "FALSE", ok ? 0ul : (unsigned long)GetLastError());
    memset(&ov, 0, sizeof ov);
    ok = ReadFile(client, got, sizeof got, NULL, &ov);
    show_bool("port: ReadFile 8 for the rest", ok, GetLastError());
    ok = GetQueuedCompletionStatus(port, &bytes, &key, &done, 1000);
    printf("GetQueuedCompletionStatus: %s bytes %lu \"%.*s\"\n", ok ? "TRUE" : "FALSE", (unsigned long)bytes,
           (int)(bytes <= sizeof got ? bytes : 0), got);
    CloseHandle(client);
    CloseHandle(port);
    CloseHandle(server);
}

static DWORD routine_error, routine_bytes;
static int routine_runs;

static void CALLBACK on_read(DWORD error, DWORD bytes, LPOVERLAPPED ov)
{
    (void)ov;
    routine_error = error;
    routine_bytes = bytes;
    ++routine_runs;
}

// Runs the queued completion routines and prints what the last one was given.
static void run_routines(const char* label, DWORD wait_ms, const char* got)
{
    routine_runs = 0;
    DWORD woke = SleepEx(wait_ms, TRUE);
    printf("%s: SleepEx 0x%lX, %d routine(s), error %lu bytes %lu \"%.*s\"\n", label, (unsigned long)woke, routine_runs,
           (unsigned long)routine_error, (unsigned long)routine_bytes, (int)(routine_bytes <= 64 ? routine_bytes : 0),
           got);
}

// ReadFileEx: the part of a message that fits completes the request, so the routine runs with 234
// and the bytes copied. ReadFileEx itself succeeds, and GetLastError tells of the overflow.
static void completion_routine_gets_the_warning(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "msg-routine");
    HANDLE server = create_message_server(name, PIPE_READMODE_MESSAGE);
    HANDLE client = open_client(name);
    set_read_mode("client SetNamedPipeHandleState(PIPE_READMODE_MESSAGE)", client, PIPE_READMODE_MESSAGE);
    send_message(server, "routine!", event);
    char got[64];
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    SetLastError(ERROR_SUCCESS);
    BOOL ok = ReadFileEx(client, got, 3, &ov, on_read);
    DWORD error = GetLastError();
    printf("[!W] ReadFileEx 3 of an 8-byte message: %s, last error %lu\n", ok ? "TRUE" : "FALSE", (unsigned long)error);
    run_routines("  its routine", 0, got);
    show_fields("  fields", &ov);
    memset(&ov, 0, sizeof ov);
    ok = ReadFileEx(client, got, sizeof got, &ov, on_read);
    show_bool("ReadFileEx 64 for the rest", ok, GetLastError());
    run_routines("  its routine", 0, got);

    // A read waiting for data: the routine reports the overflow when the message comes.
    memset(&ov, 0, sizeof ov);
    ok = ReadFileEx(client, got, 4, &ov, on_read);
    show_bool("ReadFileEx 4 with no data", ok, GetLastError());
    HANDLE writer_event = CreateEventA(NULL, TRUE, FALSE, NULL);
    send_message(server, "late-message", writer_event);
    run_routines("  after a 12-byte message", 5000, got);
    show_fields("  fields", &ov);
    memset(&ov, 0, sizeof ov);
    ok = ReadFileEx(client, got, sizeof got, &ov, on_read);
    show_bool("ReadFileEx 64 for the rest", ok, GetLastError());
    run_routines("  its routine", 0, got);
    CloseHandle(writer_event);
    CloseHandle(client);
    CloseHandle(server);
}

// A client starts in byte read mode: its reads go across message boundaries.
static void byte_read_mode_on_a_message_pipe(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "msg-bytes");
    HANDLE server = create_message_server(name, PIPE_READMODE_BYTE);
    printf("CreateNamedPipe PIPE_TYPE_MESSAGE | PIPE_READMODE_BYTE: %s\n",
           server != INVALID_HANDLE_VALUE ? "a handle" : "failed");
    HANDLE client = open_client(name);
    send_message(server, "one", event);
    send_message(server, "two", event);
    send_message(server, "three", event);
    read_message("client in byte read mode, three messages, ReadFile 64", client, 64, event);
    send_message(server, "abcdef", event);
    send_message(server, "gh", event);
    read_message("two messages, ReadFile 4", client, 4, event);
    read_message("ReadFile 64", client, 64, event);
    // Part of a message in message read mode, the rest in byte read mode.
    send_message(server, "split-me", event);
    set_read_mode("client SetNamedPipeHandleState(PIPE_READMODE_MESSAGE)", client, PIPE_READMODE_MESSAGE);
    read_message("message read mode, ReadFile 5", client, 5, event);
    set_read_mode("client SetNamedPipeHandleState(PIPE_READMODE_BYTE)", client, PIPE_READMODE_BYTE);
    read_message("byte read mode, ReadFile 64", client, 64, event);
    CloseHandle(client);
    CloseHandle(server);
}

static void peek_at_messages(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "msg-peek");
    HANDLE server = create_message_server(name, PIPE_READMODE_MESSAGE);
    HANDLE client = open_client(name);
    peek("PeekNamedPipe with nothing waiting", client, 64);
    send_message(server, "first!", event);
    send_message(server, "second", event);
    peek("two 6-byte messages, PeekNamedPipe 4", client, 4);
    peek("PeekNamedPipe 64", client, 64);
    peek("PeekNamedPipe with no buffer", client, 0);
    CloseHandle(client);
    CloseHandle(server);
}

static void empty_messages(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "msg-empty");
    HANDLE server = create_message_server(name, PIPE_READMODE_MESSAGE);
    HANDLE client = open_client(name);
    set_read_mode("client SetNamedPipeHandleState(PIPE_READMODE_MESSAGE)", client, PIPE_READMODE_MESSAGE);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    BOOL ok = WriteFile(server, "", 0, NULL, &ov);
    show_bool("server WriteFile of 0 bytes", ok, GetLastError());
    finish("  its result", server, &ov);
    send_message(server, "x", event);
    read_message("an empty message then \"x\", ReadFile 64", client, 64, event);
    read_message("ReadFile 64 again", client, 64, event);
    CloseHandle(client);
    CloseHandle(server);
}

// A synchronous client end: ReadFile returns FALSE with 234 and the bytes it read.
static void synchronous_handle(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "msg-sync");
    HANDLE server = create_message_server(name, PIPE_READMODE_MESSAGE);
    HANDLE client = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    set_read_mode("synchronous client SetNamedPipeHandleState(PIPE_READMODE_MESSAGE)", client, PIPE_READMODE_MESSAGE);
    send_message(server, "sync!", event);
    char got[8];
    DWORD bytes = 0xDEAD;
    BOOL ok = ReadFile(client, got, 3, &bytes, NULL);
    DWORD error = GetLastError();
    printf("synchronous ReadFile 3 of a 5-byte message: %s error %lu bytes %lu \"%.*s\"\n", ok ? "TRUE" : "FALSE",
           ok ? 0ul : (unsigned long)error, (unsigned long)bytes, (int)(bytes <= sizeof got ? bytes : 0), got);
    bytes = 0xDEAD;
    ok = ReadFile(client, got, sizeof got, &bytes, NULL);
    printf("synchronous ReadFile 8: %s bytes %lu \"%.*s\"\n", ok ? "TRUE" : "FALSE", (unsigned long)bytes,
           (int)(bytes <= sizeof got ? bytes : 0), got);
    CloseHandle(client);
    CloseHandle(server);
}

// Unread data goes with the connection: the next client's messages come alone.
static void disconnect_drops_the_rest(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "msg-disconnect");
    HANDLE server = create_message_server(name, PIPE_READMODE_MESSAGE);
    HANDLE client = open_client(name);
    send_message(client, "0123456789", event);
    read_message("server ReadFile 4 of a 10-byte message", server, 4, event);
    show_bool("DisconnectNamedPipe", DisconnectNamedPipe(server), GetLastError());
    CloseHandle(client);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    BOOL ok = ConnectNamedPipe(server, &ov);
    show_bool("ConnectNamedPipe", ok, GetLastError());
    client = open_client(name);
    finish("  its result", server, &ov);
    send_message(client, "new", event);
    read_message("server ReadFile 64 from the new client", server, 64, event);
    CloseHandle(client);
    CloseHandle(server);
}

int main()
{
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    read_modes_need_a_message_pipe();
    message_read_mode(event);
    pending_read_gets_part(event);
    completion_port_gets_the_warning(event);
    completion_routine_gets_the_warning(event);
    byte_read_mode_on_a_message_pipe(event);
    peek_at_messages(event);
    empty_messages(event);
    synchronous_handle(event);
    disconnect_drops_the_rest(event);
    CloseHandle(event);
    return 0;
}
