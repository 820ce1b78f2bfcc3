// docs/windows-rules.md section 14: CancelIo and CancelIoEx on pending named-pipe and socket reads.
// A cancelled request still completes through its normal channel with STATUS_CANCELLED (995):
// GetOverlappedResult, a completion port packet, a completion routine. CancelIoEx with one
// OVERLAPPED or with NULL; ERROR_NOT_FOUND (1168) when there is nothing to cancel; CancelIo only
// for the calling thread's requests.
#include "conformance_sockets.h"
#include "conformance_pipes.h"

static DWORD g_routine_calls = 0, g_routine_error = 0xDEAD, g_routine_bytes = 0xDEAD;

static void CALLBACK read_routine(DWORD error, DWORD bytes, LPOVERLAPPED ov)
{
    (void)ov;
    ++g_routine_calls;
    g_routine_error = error;
    g_routine_bytes = bytes;
}

static void CALLBACK wsa_routine(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)ov;
    (void)flags;
    ++g_routine_calls;
    g_routine_error = error;
    g_routine_bytes = bytes;
}

static void show_routine(const char* label)
{
    printf("%s: calls %lu error %lu bytes %lu\n", label, (unsigned long)g_routine_calls, (unsigned long)g_routine_error,
           (unsigned long)g_routine_bytes);
    g_routine_calls = 0;
    g_routine_error = g_routine_bytes = 0xDEAD;
}

// Starts a read on a pipe end that has no data, so it pends.
static void start_read(const char* label, HANDLE h, char* buffer, DWORD size, OVERLAPPED* ov, HANDLE event)
{
    memset(ov, 0, sizeof *ov);
    ov->hEvent = event;
    BOOL ok = ReadFile(h, buffer, size, NULL, ov);
    show_bool(label, ok, GetLastError());
}

static void still_pending(const char* label, HANDLE h, OVERLAPPED* ov)
{
    DWORD bytes = 0xDEAD;
    BOOL ok = GetOverlappedResult(h, ov, &bytes, FALSE);
    show_bool(label, ok, GetLastError());
}

static void nothing_to_cancel(HANDLE server)
{
    // Windows: nothing found -> FALSE/1168. Wine 8.0 returns TRUE for NULL (section 16 item 5).
    BOOL ok = CancelIoEx(server, NULL);
    show_bool("[!W] CancelIoEx(NULL), nothing pending", ok, GetLastError());
    OVERLAPPED never_issued;
    memset(&never_issued, 0, sizeof never_issued);
    ok = CancelIoEx(server, &never_issued);
    show_bool("CancelIoEx, an OVERLAPPED never issued", ok, GetLastError());
    ok = CancelIo(server);
    show_bool("CancelIo, nothing pending", ok, GetLastError());
    ok = CancelIoEx(NULL, NULL);
    show_bool("CancelIoEx(NULL handle)", ok, GetLastError());
}

static void one_or_all(HANDLE server, HANDLE client, HANDLE event_a, HANDLE event_b)
{
    char a[8], b[8];
    OVERLAPPED ov_a, ov_b;
    start_read("read A", server, a, sizeof a, &ov_a, event_a);
    start_read("read B", server, b, sizeof b, &ov_b, event_b);
    BOOL ok = CancelIoEx(server, &ov_b);
    show_bool("CancelIoEx(B)", ok, GetLastError());
    finish("read B", server, &ov_b);
    show_fields("B's fields", &ov_b);
    still_pending("read A, not named", server, &ov_a);
    ok = CancelIoEx(server, &ov_b);
    show_bool("CancelIoEx(B) again, B finished", ok, GetLastError());
    ok = CancelIoEx(server, NULL);
    show_bool("CancelIoEx(NULL)", ok, GetLastError());
    finish("read A", server, &ov_a);

    // The pipe itself is not harmed: the next read gets the next data.
    start_read("read C", server, a, sizeof a, &ov_a, event_a);
    write_text("client WriteFile 2 bytes", client, "ok", event_b);
    finish("read C", server, &ov_a);
}

static void cancel_io_same_thread(HANDLE server, HANDLE event)
{
    char buffer[8];
    OVERLAPPED ov;
    start_read("read", server, buffer, sizeof buffer, &ov, event);
    BOOL ok = CancelIo(server);
    show_bool("CancelIo", ok, GetLastError());
    finish("read", server, &ov);
}

struct OtherThreadRead {
    HANDLE server;
    OVERLAPPED ov;
    char buffer[8];
    HANDLE issued, quit;
};

static DWORD WINAPI read_then_wait(LPVOID parameter)
{
    struct OtherThreadRead* read = (struct OtherThreadRead*)parameter;
    BOOL ok = ReadFile(read->server, read->buffer, sizeof read->buffer, NULL, &read->ov);
    show_bool("the other thread's read", ok, GetLastError());
    SetEvent(read->issued);
    // Stays alive: a thread that ends may cancel what it issued (section 14).
    WaitForSingleObject(read->quit, INFINITE);
    return 0;
}

static void another_threads_request(HANDLE server, HANDLE event)
{
    struct OtherThreadRead read;
    memset(&read, 0, sizeof read);
    read.server = server;
    read.ov.hEvent = event;
    read.issued = CreateEventA(NULL, TRUE, FALSE, NULL);
    read.quit = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE thread = CreateThread(NULL, 0, read_then_wait, &read, 0, NULL);
    WaitForSingleObject(read.issued, INFINITE);
    BOOL ok = CancelIo(server);
    show_bool("CancelIo on this thread", ok, GetLastError());
    still_pending("the other thread's read", server, &read.ov);
    ok = CancelIoEx(server, &read.ov);
    show_bool("CancelIoEx of the other thread's read", ok, GetLastError());
    finish("the other thread's read", server, &read.ov);
    SetEvent(read.quit);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    CloseHandle(read.issued);
    CloseHandle(read.quit);
}

static void completion_routine(HANDLE server)
{
    char buffer[8];
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    BOOL ok = ReadFileEx(server, buffer, sizeof buffer, &ov, read_routine);
    show_bool("ReadFileEx", ok, GetLastError());
    ok = CancelIoEx(server, &ov);
    show_bool("CancelIoEx", ok, GetLastError());
    Sleep(10);  // not alertable: the routine must wait
    show_routine("after a non-alertable Sleep");
    printf("SleepEx(5000, TRUE): 0x%lX\n", (unsigned long)SleepEx(5000, TRUE));
    show_routine("the routine");
}

static void pipe_cases(void)
{
    char name[128];
    pipe_name(name, sizeof name, "cancel");
    HANDLE server = create_server(name);
    HANDLE client = open_client(name);
    HANDLE event_a = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE event_b = CreateEventA(NULL, TRUE, FALSE, NULL);
    nothing_to_cancel(server);
    one_or_all(server, client, event_a, event_b);
    cancel_io_same_thread(server, event_a);
    another_threads_request(server, event_a);
    completion_routine(server);
    CloseHandle(event_a);
    CloseHandle(event_b);
    CloseHandle(client);
    CloseHandle(server);
}

static void socket_cases(void)
{
    SOCKET client, server;
    if (!connect_pair(&client, &server)) {
        return;
    }
    WSAEVENT event = WSACreateEvent();
    char data[16] = {0};
    WSABUF buffer = {sizeof data - 1, data};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    DWORD flags = 0;
    int result = WSARecv(server, &buffer, 1, NULL, &flags, &ov, NULL);
    show_wsa("WSARecv", result, WSAGetLastError());
    BOOL ok = CancelIoEx((HANDLE)server, &ov);
    show_bool("CancelIoEx on the socket", ok, GetLastError());
    wsa_finish("WSAGetOverlappedResult", server, &ov, TRUE);
    finish("GetOverlappedResult", (HANDLE)server, &ov);
    show_fields("fields", &ov);
    // A cancelled receive leaves the connection usable.
    printf("send from the peer: %d\n", send(client, "after", 5, 0));
    wait_readable(server, 5);
    printf("recv: %d \"%s\"\n", recv(server, data, 5, 0), data);

    memset(&ov, 0, sizeof ov);
    flags = 0;
    result = WSARecv(server, &buffer, 1, NULL, &flags, &ov, wsa_routine);
    show_wsa("WSARecv with a routine", result, WSAGetLastError());
    ok = CancelIoEx((HANDLE)server, &ov);
    show_bool("CancelIoEx", ok, GetLastError());
    printf("SleepEx(5000, TRUE): 0x%lX\n", (unsigned long)SleepEx(5000, TRUE));
    show_routine("the routine");

    // Through a completion port: the packet reports the cancellation like any failed request.
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    HANDLE associated = CreateIoCompletionPort((HANDLE)server, port, 0x10, 0);
    printf("associate the socket: %s\n", associated == port ? "returns the port" : "something else");
    memset(&ov, 0, sizeof ov);
    flags = 0;
    result = WSARecv(server, &buffer, 1, NULL, &flags, &ov, NULL);
    show_wsa("WSARecv", result, WSAGetLastError());
    ok = CancelIoEx((HANDLE)server, &ov);
    show_bool("CancelIoEx", ok, GetLastError());
    DWORD bytes = 0xDEAD;
    ULONG_PTR key = 0;
    LPOVERLAPPED dequeued = NULL;
    ok = GetQueuedCompletionStatus(port, &bytes, &key, &dequeued, 5000);
    DWORD error = GetLastError();
    printf("GetQueuedCompletionStatus: %s error %lu bytes %lu key 0x%lX overlapped %s\n", ok ? "TRUE" : "FALSE",
           ok ? 0ul : (unsigned long)error, (unsigned long)bytes, (unsigned long)key,
           dequeued == &ov ? "the request's" : dequeued ? "other" : "NULL");
    ok = CancelIoEx((HANDLE)server, NULL);
    show_bool("[!W] CancelIoEx(NULL), nothing pending", ok, GetLastError());

    closesocket(client);
    closesocket(server);
    CloseHandle(port);
    WSACloseEvent(event);
}

int main()
{
    WSADATA data;
    printf("WSAStartup: %d\n", WSAStartup(MAKEWORD(2, 2), &data));
    pipe_cases();
    socket_cases();
    printf("WSACleanup: %d\n", WSACleanup());
    return 0;
}
