// Overlapped Lab - lesson "wait-on-another-thread".
//
// A thread that starts a read and then waits for it is blocked just as with a synchronous read: a
// window run by that thread would freeze. Here the main thread only STARTS the reads and hands each
// one to a waiter thread. Everything a waiter needs travels in one request struct that begins with
// the OVERLAPPED: the handle, the buffer, the size. The waiter owns the request from then on and
// frees it when it is done with the data.
//
// A plain Win32 console program: it builds unchanged on Windows.
//
//   usage: wait_on_another_thread <file> [requests=2] [size=4096]
//
// Parameters a teacher may change:
//   requests=N   reads started, each with its own waiter thread, 1 to 4 (default 2)
//   size=N       bytes per read, 512 to 65536 (default 4096)

#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_REQUESTS 4

// One read and everything that belongs to it. The OVERLAPPED is the FIRST member, so the address
// of the request is the address of its OVERLAPPED: code that only gets the OVERLAPPED* back (a
// completion routine, a completion port) can cast it to the request. Deriving from OVERLAPPED
// (struct ReadRequest : OVERLAPPED) gives the same layout in C++.
struct ReadRequest {
    OVERLAPPED ov;
    int id;
    HANDLE hFile;  // shared by all requests: main closes it after every waiter has finished
    char* buffer;  // `size` bytes from the process heap; the waiter frees it with the request
    DWORD size;
};

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

// The sample file labels each block "... at offset N"; returns N for the data's first line, or
// (DWORD)-1 when the data starts elsewhere (a size that is not a multiple of the block size).
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

static void free_request(ReadRequest* request)
{
    CloseHandle(request->ov.hEvent);  // [step: free-request]
    HeapFree(GetProcessHeap(), 0, request->buffer);
    HeapFree(GetProcessHeap(), 0, request);
}

// A waiter thread: the only thread that blocks on this request. Its exit code says whether the
// read delivered the part of the file it asked for.
static DWORD WINAPI WaitForRead(LPVOID parameter)
{
    ReadRequest* request = (ReadRequest*)parameter;
    if (WaitForSingleObject(request->ov.hEvent, INFINITE) != WAIT_OBJECT_0) {  // [step: waiter-wait]
        printf("request %d: wait failed: error %lu\n", request->id, (unsigned long)GetLastError());
        return 1;  // the read may still be running: its memory must not be freed
    }
    // The event is set, so the request is complete. GetOverlappedResult turns Internal (an
    // NTSTATUS) into TRUE or a Win32 error code; it needs no wait now (bWait FALSE).
    DWORD bytes = 0;
    DWORD exitCode = 0;
    if (!GetOverlappedResult(request->hFile, &request->ov, &bytes, FALSE)) {  // [step: waiter-result]
        printf("request %d failed: error %lu\n", request->id, (unsigned long)GetLastError());
        exitCode = 1;
    } else {
        DWORD asked = request->ov.Offset;
        DWORD found = labelled_offset(request->buffer, bytes);
        printf("request %d: %lu bytes at offset %lu, the block labelled offset %lu\n", request->id,
               (unsigned long)bytes, (unsigned long)asked, (unsigned long)found);
        if (bytes != request->size || (found != (DWORD)-1 && found != asked)) {
            exitCode = 1;
        }
    }
    free_request(request);  // the data has been used; nobody else refers to this request
    return exitCode;
}

int main(int argc, char** argv)
{
    if (argc < 2) {
        printf("usage: wait_on_another_thread <file> [requests=2] [size=4096]\n"
               "Starts overlapped reads of <file> and lets one waiter thread per read wait for it.\n");
        return 2;
    }
    DWORD count = option(argc, argv, "requests", 2, 1, MAX_REQUESTS);
    DWORD size = option(argc, argv, "size", 4096, 512, 65536);

    HANDLE hFile = CreateFileA(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,  // [step: open-file]
                               FILE_FLAG_OVERLAPPED, NULL);
    if (hFile == INVALID_HANDLE_VALUE) {
        printf("cannot open %s: error %lu\n", argv[1], (unsigned long)GetLastError());
        return 1;
    }

    HANDLE waiters[MAX_REQUESTS];
    DWORD started = 0;
    BOOL ok = TRUE;
    for (DWORD i = 0; i < count; ++i) {
        // HEAP_ZERO_MEMORY zeroes every field, the OVERLAPPED included.
        ReadRequest* request = (ReadRequest*)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(ReadRequest));
        char* buffer = request != NULL ? (char*)HeapAlloc(GetProcessHeap(), 0, size) : NULL;
        if (buffer == NULL) {
            printf("out of memory for request %lu\n", (unsigned long)i + 1);
            if (request != NULL) {
                HeapFree(GetProcessHeap(), 0, request);
            }
            ok = FALSE;
            break;
        }
        request->id = (int)i + 1;
        request->hFile = hFile;
        request->size = size;
        request->buffer = buffer;
        request->ov.Offset = i * size;  // each request reads its own part of the file
        request->ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);  // [step: create-event]
        if (request->ov.hEvent == NULL) {
            printf("CreateEvent failed: error %lu\n", (unsigned long)GetLastError());
            HeapFree(GetProcessHeap(), 0, request->buffer);
            HeapFree(GetProcessHeap(), 0, request);
            ok = FALSE;
            break;
        }

        BOOL done = ReadFile(hFile, request->buffer, size, NULL, &request->ov);  // [step: issue-read]
        if (!done && GetLastError() != ERROR_IO_PENDING) {
            printf("request %d did not start: error %lu\n", request->id, (unsigned long)GetLastError());
            free_request(request);  // nothing is in flight, so it is ours to free
            ok = FALSE;
            break;
        }
        // TRUE is not an error (a common mistake prints "Read Error" here): the read finished at once, and
        // the event is set all the same. Either way the waiter finds out through the event.

        waiters[started] = CreateThread(NULL, 0, WaitForRead, request, 0, NULL);  // [step: hand-off]
        if (waiters[started] == NULL) {
            // No waiter: wait here, or the read would write into freed memory later.
            printf("CreateThread failed: error %lu\n", (unsigned long)GetLastError());
            WaitForSingleObject(request->ov.hEvent, INFINITE);
            free_request(request);
            ok = FALSE;
            break;
        }
        ++started;
        // From here on the request belongs to the waiter, which may already have freed it: main
        // must not touch `request` again (not even request->id).
        printf("main: request %lu handed to a waiter thread; main does not wait for it\n", (unsigned long)i + 1);
    }

    // Main is free here. A window's thread would go back to its message loop; this program has
    // nothing else to do, so it waits for the waiters to finish before it closes the file.
    printf("main: %lu reads in flight, main still running\n", (unsigned long)started);
    if (started > 0 && WaitForMultipleObjects(started, waiters, TRUE, INFINITE) != WAIT_OBJECT_0) {  // [step: join]
        printf("WaitForMultipleObjects failed: error %lu\n", (unsigned long)GetLastError());
        return 1;  // waiters may still use the file: leave everything as it is
    }
    for (DWORD i = 0; i < started; ++i) {
        DWORD exitCode = 1;
        if (!GetExitCodeThread(waiters[i], &exitCode) || exitCode != 0) {  // [step: exit-code]
            ok = FALSE;
        }
        CloseHandle(waiters[i]);  // [step: close-thread]
    }
    if (!CloseHandle(hFile)) {  // [step: close-file]
        ok = FALSE;
    }
    printf("%s\n", ok ? "done: every waiter got the part of the file its request asked for" : "a read failed");
    return ok ? 0 : 1;
}
