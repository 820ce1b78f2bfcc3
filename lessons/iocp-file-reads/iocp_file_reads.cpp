// Overlapped Lab - lesson "iocp-file-reads".
//
// Four 4 KB reads from two files, handled by worker threads through one I/O completion port:
//
//   1  CreateIoCompletionPort(INVALID_HANDLE_VALUE, ...) creates the port.
//   2  CreateIoCompletionPort(hFile, port, key, 0) associates each file with it; every request on
//      that file will put a completion packet carrying the file's key (100 or 200) into the port.
//   3  Worker threads block in GetQueuedCompletionStatus. The port wakes the waiter that came
//      LAST (LIFO), and only while fewer than the concurrency value of them are running; a
//      worker that blocks elsewhere stops counting, so more may run once it resumes.
//   4  Each read is a request struct that starts with its OVERLAPPED; the worker gets that
//      OVERLAPPED* back and casts it to the request, which tells it which read finished.
//   5  PostQueuedCompletionStatus sends each worker a packet of our own: "stop".
//   6  A last GetQueuedCompletionStatus with a 100 ms time-out finds the port empty.
//
// A plain Win32 console program: it builds unchanged on Windows.
//
//   usage: iocp_file_reads <file-a> <file-b> [workers=2] [concurrency=2] [reads=2] [size=4096]
//
// Parameters a teacher may change:
//   workers=N       worker threads waiting on the port, 1 to 4 (default 2)
//   concurrency=N   the port's concurrency value: the port releases waiters only while fewer run, 0 to 4
//                   (0 = one per processor; default 2)
//   reads=N         reads per file, 1 to 8 (default 2)
//   size=N          bytes per read, 512 to 65536 (default 4096)

#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// LAB_STEP() marks a line without a Win32 call where the lab stops the thread, so a step can show
// that moment (a branch taken, a routine starting). Outside the lab it is nothing.
#ifndef LAB_STEP
#define LAB_STEP()
#endif

#define KEY_FILE_A 100  // completion keys: which file a packet is about
#define KEY_FILE_B 200
#define KEY_STOP 0      // our own packet (no OVERLAPPED): the worker that takes it exits
#define MAX_WORKERS 4
#define MAX_READS_PER_FILE 8

// One read. The OVERLAPPED comes first, so the OVERLAPPED* a worker dequeues is the request.
// `handled` is set by the worker when it has dealt with the read. It is NOT the OVERLAPPED's hEvent:
// the system sets hEvent itself at completion, before any worker has even seen the packet.
struct ReadRequest {
    OVERLAPPED ov;
    int id;
    char file;      // 'A' or 'B'
    char* buffer;   // `size` bytes from the process heap
    DWORD size;
    HANDLE handled;
    BOOL dataOk;    // written by the worker before it sets `handled`
};

static DWORD option(int argc, char** argv, const char* name, DWORD fallback, DWORD low, DWORD high)
{
    size_t length = strlen(name);
    for (int i = 3; i < argc; ++i) {
        if (strncmp(argv[i], name, length) == 0 && argv[i][length] == '=') {
            DWORD value = (DWORD)strtoul(argv[i] + length + 1, NULL, 10);
            return value < low ? low : value > high ? high : value;
        }
    }
    return fallback;
}

// The sample files label each block "... at offset N"; returns N for the data's first line, or
// (DWORD)-1 when there is no label there.
static DWORD labelled_offset(const char* data, DWORD bytes)
{
    char line[96];
    DWORD length = 0;
    while (length < bytes && length < sizeof line - 1 && data[length] != '\n') {
        line[length] = data[length];
        ++length;
    }
    line[length] = '\0';
    const char* label = strstr(line, " at offset ");
    return label != NULL ? (DWORD)strtoul(label + strlen(" at offset "), NULL, 10) : (DWORD)-1;
}

static DWORD WINAPI WorkerThread(LPVOID parameter)
{
    HANDLE port = (HANDLE)parameter;
    for (;;) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;  // ULONG_PTR, not DWORD: a key is pointer-sized
        OVERLAPPED* overlapped = NULL;
        BOOL ok = GetQueuedCompletionStatus(port, &bytes, &key, &overlapped, INFINITE);  // [step: worker-wait]
        if (overlapped == NULL) {
            if (ok && key == KEY_STOP) {
                LAB_STEP();  // [step: worker-stop]
                printf("worker: stop packet, exiting\n");
                return 0;
            }
            // FALSE and no OVERLAPPED: nothing was dequeued; the port itself failed.
            printf("worker: GetQueuedCompletionStatus failed: error %lu\n", (unsigned long)GetLastError());
            return 1;
        }

        // FALSE with an OVERLAPPED is a read that FAILED: it still must be handled and released.
        LAB_STEP();  // [step: worker-request]
        ReadRequest* request = (ReadRequest*)overlapped;
        if (!ok) {
            printf("worker: read %d failed: error %lu\n", request->id, (unsigned long)GetLastError());
            request->dataOk = FALSE;
        } else {
            DWORD asked = request->ov.Offset;
            DWORD found = labelled_offset(request->buffer, bytes);
            printf("worker: key %llu, read %d (file %c), %lu bytes at offset %lu: block labelled offset %lu\n",
                   (unsigned long long)key, request->id, request->file, (unsigned long)bytes, (unsigned long)asked,
                   (unsigned long)found);
            BOOL keyMatches = key == (request->file == 'A' ? KEY_FILE_A : KEY_FILE_B);
            request->dataOk = keyMatches && bytes == request->size && (found == (DWORD)-1 || found == asked);
        }
        SetEvent(request->handled);  // [step: worker-handled]
    }
}

// Starts one read. Returns FALSE when it did not start: then no packet will ever come for it.
static BOOL start_read(HANDLE hFile, ReadRequest* request)
{
    request->handled = CreateEventA(NULL, TRUE, FALSE, NULL);  // [step: create-handled]
    if (request->handled == NULL) {
        printf("CreateEvent failed: error %lu\n", (unsigned long)GetLastError());
        return FALSE;
    }
    if (!ReadFile(hFile, request->buffer, request->size, NULL, &request->ov)) {  // [step: issue-read]
        if (GetLastError() != ERROR_IO_PENDING) {
            printf("read %d did not start: error %lu\n", request->id, (unsigned long)GetLastError());
            return FALSE;
        }
    }
    // TRUE (finished at once) still queues a packet: the worker handles it like any other.
    return TRUE;
}

int main(int argc, char** argv)
{
    if (argc < 3) {
        printf("usage: iocp_file_reads <file-a> <file-b> [workers=2] [concurrency=2] [reads=2] [size=4096]\n"
               "Reads both files through one I/O completion port served by worker threads.\n");
        return 2;
    }
    DWORD workerCount = option(argc, argv, "workers", 2, 1, MAX_WORKERS);
    DWORD concurrency = option(argc, argv, "concurrency", 2, 0, MAX_WORKERS);
    DWORD readsPerFile = option(argc, argv, "reads", 2, 1, MAX_READS_PER_FILE);
    DWORD size = option(argc, argv, "size", 4096, 512, 65536);

    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, concurrency);  // [step: create-port]
    if (port == NULL) {
        printf("CreateIoCompletionPort failed: error %lu\n", (unsigned long)GetLastError());
        return 1;
    }
    HANDLE hFileA = CreateFileA(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,  // [step: open-files]
                                FILE_FLAG_OVERLAPPED, NULL);
    HANDLE hFileB = CreateFileA(argv[2], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED,
                                NULL);
    if (hFileA == INVALID_HANDLE_VALUE || hFileB == INVALID_HANDLE_VALUE) {
        printf("cannot open the files: error %lu\n", (unsigned long)GetLastError());
        return 1;  // the process ends: the system closes what was opened
    }
    // Associating returns the port again; the key goes into every packet for that file.
    if (CreateIoCompletionPort(hFileA, port, KEY_FILE_A, 0) != port ||  // [step: associate]
        CreateIoCompletionPort(hFileB, port, KEY_FILE_B, 0) != port) {
        printf("cannot associate the files with the port: error %lu\n", (unsigned long)GetLastError());
        return 1;
    }

    HANDLE threads[MAX_WORKERS];
    for (DWORD i = 0; i < workerCount; ++i) {
        threads[i] = CreateThread(NULL, 0, WorkerThread, port, 0, NULL);  // [step: start-worker]
        if (threads[i] == NULL) {
            printf("CreateThread failed: error %lu\n", (unsigned long)GetLastError());
            return 1;
        }
    }

    // The requests live here, in main, until every one of them has been handled.
    ReadRequest* requests[2 * MAX_READS_PER_FILE];
    HANDLE handled[2 * MAX_READS_PER_FILE];
    DWORD started = 0;
    BOOL ok = TRUE;
    for (DWORD f = 0; f < 2 && ok; ++f) {
        for (DWORD r = 0; r < readsPerFile && ok; ++r) {
            // From the process heap, zeroed: an OVERLAPPED must be all zeros before its first use.
            ReadRequest* request = (ReadRequest*)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(ReadRequest));
            char* buffer = request != NULL ? (char*)HeapAlloc(GetProcessHeap(), 0, size) : NULL;
            if (buffer == NULL) {
                printf("out of memory for read %lu\n", (unsigned long)started + 1);
                if (request != NULL) {
                    HeapFree(GetProcessHeap(), 0, request);
                }
                ok = FALSE;
                break;
            }
            request->id = (int)started + 1;
            request->file = f == 0 ? 'A' : 'B';
            request->size = size;
            request->buffer = buffer;
            request->ov.Offset = r * size;  // forget this and every read hits offset 0
            requests[started] = request;
            if (!start_read(f == 0 ? hFileA : hFileB, request)) {
                ok = FALSE;
                if (request->handled != NULL) {
                    CloseHandle(request->handled);  // [step: free-requests]
                }
                HeapFree(GetProcessHeap(), 0, request->buffer);
                HeapFree(GetProcessHeap(), 0, request);
                break;
            }
            handled[started++] = request->handled;
        }
    }
    printf("main: %lu reads started; the workers will handle them\n", (unsigned long)started);

    // Every started read produces exactly one packet; wait until the workers have handled them all.
    if (started > 0 && WaitForMultipleObjects(started, handled, TRUE, INFINITE) != WAIT_OBJECT_0) {  // [step: wait-handled]
        printf("WaitForMultipleObjects failed: error %lu\n", (unsigned long)GetLastError());
        return 1;
    }
    // Only now may the workers stop: a stop packet queued earlier could be taken before a read's
    // packet, and that read would never be handled.
    for (DWORD i = 0; i < workerCount; ++i) {
        if (!PostQueuedCompletionStatus(port, 0, KEY_STOP, NULL)) {  // [step: post-stop]
            printf("PostQueuedCompletionStatus failed: error %lu\n", (unsigned long)GetLastError());
            return 1;
        }
    }
    if (WaitForMultipleObjects(workerCount, threads, TRUE, INFINITE) != WAIT_OBJECT_0) {  // [step: join-workers]
        printf("WaitForMultipleObjects failed: error %lu\n", (unsigned long)GetLastError());
        return 1;
    }
    // Every packet has been taken, so a wait with a time-out now ends empty-handed.
    DWORD leftoverBytes = 0;
    ULONG_PTR leftoverKey = 0;
    OVERLAPPED* leftover = NULL;
    BOOL dequeued = GetQueuedCompletionStatus(port, &leftoverBytes, &leftoverKey, &leftover, 100);  // [step: port-empty]
    DWORD emptyError = dequeued ? 0 : GetLastError();
    printf("main: the port is empty: after 100 ms, error %lu, lpOverlapped %s\n", (unsigned long)emptyError,
           leftover == NULL ? "NULL (no packet)" : "set (a packet was left!)");
    ok = ok && !dequeued && emptyError == WAIT_TIMEOUT && leftover == NULL;
    DWORD stopped = 0;
    for (DWORD i = 0; i < workerCount; ++i) {
        DWORD exitCode = 1;
        if (GetExitCodeThread(threads[i], &exitCode) && exitCode == 0) {  // [step: exit-code]
            ++stopped;
        }
        CloseHandle(threads[i]);  // [step: close-thread]
    }
    for (DWORD i = 0; i < started; ++i) {
        ok = ok && requests[i]->dataOk;
        CloseHandle(requests[i]->handled);  // [step: free-requests]
        HeapFree(GetProcessHeap(), 0, requests[i]->buffer);
        HeapFree(GetProcessHeap(), 0, requests[i]);
    }
    CloseHandle(hFileA);  // [step: close]
    CloseHandle(hFileB);
    CloseHandle(port);
    printf("%lu of %lu workers stopped cleanly; %lu reads %s\n", (unsigned long)stopped, (unsigned long)workerCount,
           (unsigned long)started, ok ? "each returned the block at its offset" : "did not all succeed");
    return ok && stopped == workerCount ? 0 : 1;
}
