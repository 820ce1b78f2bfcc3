// Reads a file in four requests through an I/O completion port served by two worker threads, each
// taking completion packets with GetQueuedCompletionStatus. Usage: iocp_workers FILE
#include <windows.h>
#include <stdio.h>

#define REQUESTS 4
#define CHUNK 1024

static HANDLE port;
static char buffers[REQUESTS][CHUNK];
static OVERLAPPED requests[REQUESTS];
static volatile LONG bytes_read;
static HANDLE all_read;  // set by the worker that counts the last byte

static DWORD WINAPI worker(LPVOID name)
{
    for (;;) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        OVERLAPPED* ov = NULL;
        BOOL ok = GetQueuedCompletionStatus(port, &bytes, &key, &ov, INFINITE);
        if (ov == NULL) break;  // the packet main posts to stop
        printf("%s: request %d %s, %lu bytes\n", (const char*)name, (int)(ov - requests), ok ? "done" : "failed",
               (unsigned long)bytes);
        if (InterlockedExchangeAdd(&bytes_read, (LONG)bytes) + (LONG)bytes == REQUESTS * CHUNK) SetEvent(all_read);
    }
    return 0;
}

int main(int argc, char** argv)
{
    if (argc != 2) {
        printf("usage: iocp_workers FILE\n");
        return 2;
    }
    HANDLE file = CreateFileA(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
    if (file == INVALID_HANDLE_VALUE) return 1;
    all_read = CreateEventA(NULL, TRUE, FALSE, NULL);
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 2);
    CreateIoCompletionPort(file, port, 1, 0);
    HANDLE workers[2];
    workers[0] = CreateThread(NULL, 0, worker, (LPVOID) "first", 0, NULL);
    workers[1] = CreateThread(NULL, 0, worker, (LPVOID) "second", 0, NULL);
    for (int i = 0; i < REQUESTS; ++i) {
        requests[i].Offset = i * CHUNK;
        if (!ReadFile(file, buffers[i], CHUNK, NULL, &requests[i]) && GetLastError() != ERROR_IO_PENDING) return 1;
    }
    WaitForSingleObject(all_read, INFINITE);
    PostQueuedCompletionStatus(port, 0, 0, NULL);
    PostQueuedCompletionStatus(port, 0, 0, NULL);
    WaitForMultipleObjects(2, workers, TRUE, INFINITE);
    printf("read %ld bytes with two workers\n", (long)bytes_read);
    CloseHandle(workers[0]);
    CloseHandle(workers[1]);
    CloseHandle(port);
    CloseHandle(all_read);
    CloseHandle(file);
    return 0;
}
