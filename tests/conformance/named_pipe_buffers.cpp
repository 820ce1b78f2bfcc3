// docs/windows-rules.md section 8: the buffer sizes given to CreateNamedPipe are a quota. A write
// completes once everything unread, up to its own last byte, fits in the reading end's buffer
// (nOutBufferSize for what the server writes, nInBufferSize for what the client writes); a bigger
// write pends until the reader has taken enough, and CancelIoEx can end it meanwhile.
#include "conformance_pipes.h"

#define QUOTA 4096
#define BIG 10000

static char data[BIG];
static char buffer[BIG];
static volatile LONG reader_started;

static HANDLE create_server_with(const char* name, DWORD out_size, DWORD in_size)
{
    return CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE, 1, out_size, in_size, 0,
                            NULL);
}

static void start_write(const char* label, HANDLE h, DWORD size, OVERLAPPED* ov, HANDLE event)
{
    memset(ov, 0, sizeof *ov);
    ov->hEvent = event;
    BOOL ok = WriteFile(h, data, size, NULL, ov);
    show_bool(label, ok, GetLastError());
}

static void show_done(const char* label, OVERLAPPED* ov)
{
    Sleep(100);
    printf("%s: %s\n", label, HasOverlappedIoCompleted(ov) ? "completed" : "pending");
}

// Reads until `total` bytes have arrived (in as many reads as it takes) and counts them.
static DWORD drain(HANDLE h, DWORD total)
{
    OVERLAPPED ov;
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    DWORD got = 0;
    while (got < total) {
        memset(&ov, 0, sizeof ov);
        ov.hEvent = event;
        DWORD n = 0;
        if (!ReadFile(h, buffer, total - got, NULL, &ov) && GetLastError() != ERROR_IO_PENDING) {
            break;
        }
        if (!GetOverlappedResult(h, &ov, &n, TRUE)) {
            break;
        }
        got += n;
    }
    CloseHandle(event);
    return got;
}

static void write_beyond_the_buffer(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "quota");
    HANDLE server = create_server_with(name, QUOTA, QUOTA);
    HANDLE client = open_client(name);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    BOOL ok = WriteFile(server, data, 3000, NULL, &ov);
    printf("[V] server WriteFile 3000 bytes, buffer 4096: %s\n",
           ok || GetLastError() == ERROR_IO_PENDING ? "started" : "failed");
    show_done("with nobody reading", &ov);
    finish("its result", server, &ov);
    OVERLAPPED second;
    start_write("a second WriteFile of 3000 bytes (6000 unread)", server, 3000, &second, event);
    show_done("with nobody reading", &second);
    printf("the client read %lu bytes\n", (unsigned long)drain(client, 6000));
    finish("the second write", server, &second);

    start_write("server WriteFile 10000 bytes, buffer 4096", server, BIG, &ov, event);
    show_done("with nobody reading", &ov);
    printf("the client read %lu bytes\n", (unsigned long)drain(client, BIG));
    finish("the write", server, &ov);
    CloseHandle(client);
    CloseHandle(server);
}

// The client's writes count against the server's input buffer, nInBufferSize.
static void client_writes_use_the_input_buffer(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "quota-in");
    HANDLE server = create_server_with(name, QUOTA, 65536);
    HANDLE client = open_client(name);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    BOOL ok = WriteFile(client, data, BIG, NULL, &ov);
    printf("[V] client WriteFile 10000 bytes, input buffer 65536: %s\n",
           ok || GetLastError() == ERROR_IO_PENDING ? "started" : "failed");
    show_done("with nobody reading", &ov);
    finish("its result", client, &ov);
    printf("the server read %lu bytes\n", (unsigned long)drain(server, BIG));
    CloseHandle(client);
    CloseHandle(server);
}

static void cancel_a_waiting_write(HANDLE event)
{
    char name[128];
    pipe_name(name, sizeof name, "quota-cancel");
    HANDLE server = create_server_with(name, QUOTA, QUOTA);
    HANDLE client = open_client(name);
    OVERLAPPED ov;
    start_write("server WriteFile 10000 bytes, buffer 4096", server, BIG, &ov, event);
    show_bool("CancelIoEx", CancelIoEx(server, &ov), GetLastError());
    DWORD bytes = 0;
    BOOL ok = GetOverlappedResult(server, &ov, &bytes, TRUE);
    show_bool("the write", ok, GetLastError());
    CloseHandle(client);
    CloseHandle(server);
}

struct Drainer {
    HANDLE pipe;
    DWORD total;
};

static DWORD WINAPI drain_later(LPVOID parameter)
{
    struct Drainer* job = (struct Drainer*)parameter;
    Sleep(200);
    InterlockedExchange(&reader_started, 1);
    drain(job->pipe, job->total);
    return 0;
}

// A synchronous client end: WriteFile returns only once the reader has made room.
static void synchronous_write_waits(void)
{
    char name[128];
    pipe_name(name, sizeof name, "quota-sync");
    HANDLE server = create_server_with(name, QUOTA, QUOTA);
    HANDLE client = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    struct Drainer job = {server, BIG};
    HANDLE reader = CreateThread(NULL, 0, drain_later, &job, 0, NULL);
    DWORD written = 0;
    BOOL ok = WriteFile(client, data, BIG, &written, NULL);
    LONG started = InterlockedCompareExchange(&reader_started, 0, 0);
    printf("synchronous WriteFile 10000 bytes, buffer 4096: %s written %lu\n", ok ? "TRUE" : "FALSE",
           (unsigned long)written);
    printf("it returned after the reader started reading: %s\n", started ? "yes" : "no");
    WaitForSingleObject(reader, INFINITE);
    CloseHandle(reader);
    CloseHandle(client);
    CloseHandle(server);
}

int main()
{
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    memset(data, 'q', sizeof data);
    write_beyond_the_buffer(event);
    client_writes_use_the_input_buffer(event);
    cancel_a_waiting_write(event);
    synchronous_write_waits();
    CloseHandle(event);
    return 0;
}
