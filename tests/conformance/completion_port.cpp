// docs/windows-rules.md section 12: I/O completion ports with one thread: creating and associating,
// the FIFO packet queue, 64-bit completion keys, time-outs, packets for file requests, the hEvent
// low bit that suppresses a packet, and bad handles.
#include "conformance.h"

static void dequeue(HANDLE port, const char* label, DWORD timeout, const OVERLAPPED* expected)
{
    DWORD bytes = 0xDEAD;
    ULONG_PTR key = 0xBEEF;
    LPOVERLAPPED ov = (LPOVERLAPPED)1;
    BOOL ok = GetQueuedCompletionStatus(port, &bytes, &key, &ov, timeout);
    DWORD error = GetLastError();
    printf("%s: %s error %lu bytes 0x%lX key 0x%llX overlapped %s\n", label, ok ? "TRUE" : "FALSE",
           ok ? 0ul : (unsigned long)error, (unsigned long)bytes, (unsigned long long)key,
           ov == NULL ? "NULL" : ov == expected ? "the request's" : "other");
}

int main()
{
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    printf("create port: %s\n", port ? "a handle" : "NULL");

    // Posted packets come out first in, first out; their values are never interpreted.
    PostQueuedCompletionStatus(port, 10, 1, NULL);
    PostQueuedCompletionStatus(port, 20, 2, NULL);
    PostQueuedCompletionStatus(port, 30, ((ULONG_PTR)1 << 40) | 3, NULL);
    dequeue(port, "posted 1", 0, NULL);
    dequeue(port, "posted 2", 0, NULL);
    dequeue(port, "posted 3 (64-bit key)", 0, NULL);
    dequeue(port, "empty, time-out 0", 0, NULL);
    dequeue(port, "empty, time-out 20 ms", 20, NULL);

    char path[MAX_PATH + 64];
    temp_file_path(path, sizeof path, "port");
    write_sample(path, 16);
    HANDLE file = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
    const ULONG_PTR file_key = ((ULONG_PTR)1 << 32) | 5;  // a DWORD would lose the high half
    HANDLE associated = CreateIoCompletionPort(file, port, file_key, 0);
    printf("associate the file: %s\n", associated == port ? "returns the port" : "something else");
    associated = CreateIoCompletionPort(file, port, 7, 0);
    DWORD error = GetLastError();
    printf("associate it again: %s error %lu\n", associated ? "a handle" : "NULL", (unsigned long)error);

    char buffer[32];
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    BOOL ok = ReadFile(file, buffer, 8, NULL, &ov);
    error = GetLastError();
    printf("[V] read 8 at 0: %s error %lu\n", ok ? "TRUE" : "FALSE", ok ? 0ul : (unsigned long)error);
    dequeue(port, "packet for the read", INFINITE, &ov);  // immediate success queues a packet too

    memset(&ov, 0, sizeof ov);
    ov.Offset = 16;
    ok = ReadFile(file, buffer, 8, NULL, &ov);
    error = GetLastError();
    printf("[V] read at the end: %s error %lu\n", ok ? "TRUE" : "FALSE", ok ? 0ul : (unsigned long)error);
    // Found at issue (FALSE 38): no packet. Found later (997): a packet that reports 38.
    if (!ok && error == ERROR_IO_PENDING) {
        dequeue(port, "[V] packet for the read at the end", INFINITE, &ov);
    } else {
        dequeue(port, "[V] packet for the read at the end", 0, &ov);
    }

    // hEvent with its low bit set: the event is signalled, no packet is queued.
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    memset(&ov, 0, sizeof ov);
    ov.Offset = 8;
    ov.hEvent = (HANDLE)((ULONG_PTR)event | 1);
    ok = ReadFile(file, buffer, 8, NULL, &ov);
    error = GetLastError();
    printf("[V] read with hEvent | 1: %s error %lu\n", ok ? "TRUE" : "FALSE", ok ? 0ul : (unsigned long)error);
    DWORD waited = WaitForSingleObject(event, INFINITE);
    printf("its event: 0x%lX\n", (unsigned long)waited);
    dequeue(port, "no packet for it", 0, NULL);

    ok = PostQueuedCompletionStatus(NULL, 0, 0, NULL);
    show_bool("PostQueuedCompletionStatus NULL", ok, GetLastError());
    dequeue(NULL, "GetQueuedCompletionStatus NULL", 0, NULL);

    CloseHandle(event);
    CloseHandle(file);
    ok = CloseHandle(port);
    show_bool("CloseHandle port", ok, GetLastError());
    DeleteFileA(path);
    return 0;
}
