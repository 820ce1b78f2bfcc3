// Overlapped Lab - lesson "blocking-vs-overlapped".
//
// Reads the start of one file twice:
//
//   1  through a handle opened WITHOUT FILE_FLAG_OVERLAPPED. ReadFile returns only when the data
//      is in the buffer; until then the thread can do nothing else.
//   2  through a handle opened WITH FILE_FLAG_OVERLAPPED. ReadFile only starts each request and
//      returns at once (ERROR_IO_PENDING), so one thread starts several reads, does other work
//      while they run, and then waits for all of them together.
//
// Both parts must read the same bytes. A plain Win32 console program: it builds unchanged on Windows.
//
//   usage: blocking_vs_overlapped <file> [chunk=4096] [reads=3]
//
// Parameters a teacher may change:
//   chunk=N   bytes per ReadFile, 512 to 65536 (default 4096)
//   reads=N   reads per part; in part 2 they are all in flight at once, 1 to 8 (default 3)

#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// LAB_STEP() marks a line without a Win32 call where the lab stops the thread, so a step can show
// that moment (a branch taken, a routine starting). Outside the lab it is nothing.
#ifndef LAB_STEP
#define LAB_STEP()
#endif

#define MAX_CHUNK 65536
#define MAX_READS 8

// Buffers and OVERLAPPEDs live outside any stack frame: the system writes into them until each
// request completes, so they must outlive every function that could return early.
static char g_blockingData[MAX_READS * MAX_CHUNK];
static char g_overlappedData[MAX_READS * MAX_CHUNK];
static OVERLAPPED g_ov[MAX_READS];
static HANDLE g_events[MAX_READS];

// "name=value" from the command line, or `fallback` when absent; clamped to [low, high].
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

// Prints the first line of a chunk: the sample file labels each 4 KB block with its offset.
static void print_first_line(const char* who, DWORD index, const char* data, DWORD bytes)
{
    DWORD length = 0;
    while (length < bytes && length < 60 && data[length] != '\n') {
        ++length;
    }
    printf("%s read %lu: %lu bytes, starting \"%.*s\"\n", who, (unsigned long)index, (unsigned long)bytes,
           (int)length, data);
}

// Part 1. ReadFile on a synchronous handle does the whole job before it returns: the calling
// thread is blocked inside it. The handle has a file pointer, which each read moves forward.
static BOOL read_blocking(const char* path, DWORD chunk, DWORD reads, DWORD* total)
{
    HANDLE hFile = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,  // [step: open-blocking]
                               FILE_ATTRIBUTE_NORMAL, NULL);
    if (hFile == INVALID_HANDLE_VALUE) {
        printf("cannot open %s: error %lu\n", path, (unsigned long)GetLastError());
        return FALSE;
    }
    *total = 0;
    for (DWORD i = 0; i < reads; ++i) {
        DWORD got = 0;
        if (!ReadFile(hFile, g_blockingData + *total, chunk, &got, NULL)) {  // [step: read-blocking]
            printf("blocking ReadFile failed: error %lu\n", (unsigned long)GetLastError());
            CloseHandle(hFile);  // [step: close-blocking]
            return FALSE;
        }
        if (got == 0) {
            break;  // a synchronous read at the end of the file succeeds with 0 bytes
        }
        print_first_line("blocking", i, g_blockingData + *total, got);
        *total += got;
    }
    if (!CloseHandle(hFile)) {  // [step: close-blocking]
        printf("CloseHandle failed: error %lu\n", (unsigned long)GetLastError());
        return FALSE;
    }
    return TRUE;
}

// Waits until every started request has finished, so that no request still writes into
// g_overlappedData or into an OVERLAPPED after we stop looking at them.
static BOOL wait_for_all(HANDLE* events, DWORD count)
{
    if (count == 0) {
        return TRUE;
    }
    DWORD result = WaitForMultipleObjects(count, events, TRUE, INFINITE);  // [step: wait-all]
    if (result >= WAIT_OBJECT_0 + count) {
        printf("WaitForMultipleObjects failed: %lu, error %lu\n", (unsigned long)result, (unsigned long)GetLastError());
        return FALSE;
    }
    return TRUE;
}

// Part 2. Several reads in flight from one thread: each request has its own OVERLAPPED (with its
// own offset and its own event) and its own part of the buffer.
static BOOL read_overlapped(const char* path, DWORD chunk, DWORD reads, DWORD* total)
{
    HANDLE hFile = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,  // [step: open-overlapped]
                               FILE_FLAG_OVERLAPPED, NULL);
    if (hFile == INVALID_HANDLE_VALUE) {
        printf("cannot open %s: error %lu\n", path, (unsigned long)GetLastError());
        return FALSE;
    }
    OVERLAPPED* ov = g_ov;
    HANDLE* events = g_events;
    DWORD started = 0;  // requests that are in flight (or finished) and must be waited for
    BOOL ok = TRUE;
    *total = 0;

    for (DWORD i = 0; i < reads && ok; ++i) {
        events[i] = CreateEventA(NULL, TRUE, FALSE, NULL);  // [step: create-event]
        if (events[i] == NULL) {
            printf("CreateEvent failed: error %lu\n", (unsigned long)GetLastError());
            ok = FALSE;
            break;
        }
        memset(&ov[i], 0, sizeof ov[i]);
        ov[i].Offset = i * chunk;  // at most 8 x 64 KB: OffsetHigh stays 0
        ov[i].hEvent = events[i];
        if (!ReadFile(hFile, g_overlappedData + i * chunk, chunk, NULL, &ov[i])) {  // [step: issue-read]
            DWORD error = GetLastError();
            if (error != ERROR_IO_PENDING) {
                printf("overlapped read %lu did not start: error %lu\n", (unsigned long)i, (unsigned long)error);
                CloseHandle(events[i]);  // [step: close-overlapped]
                ok = FALSE;
                break;
            }
        }
        ++started;  // TRUE and FALSE + ERROR_IO_PENDING alike: the event will be set
    }

    // The thread is free while the reads run. The lab delivers a completion when the thread next
    // waits, so here they all still read as pending; on Windows a cached read may be done already.
    LAB_STEP();  // [step: other-work]
    for (DWORD i = 0; i < started; ++i) {
        printf("main is free: read %lu is %s\n", (unsigned long)i,
               HasOverlappedIoCompleted(&ov[i]) ? "already complete" : "still pending");
    }

    if (!wait_for_all(events, started)) {
        return FALSE;  // requests may still be in flight: leave their events and the handle alone
    }
    for (DWORD i = 0; i < started; ++i) {
        DWORD got = 0;
        if (!GetOverlappedResult(hFile, &ov[i], &got, FALSE)) {  // [step: get-result]
            DWORD error = GetLastError();
            if (error != ERROR_HANDLE_EOF) {
                printf("overlapped read %lu failed: error %lu\n", (unsigned long)i, (unsigned long)error);
                ok = FALSE;
            }
        } else if (ok) {
            print_first_line("overlapped", i, g_overlappedData + i * chunk, got);
            if (i * chunk == *total) {
                *total += got;  // count only bytes that follow on from the reads before
            }
        }
        CloseHandle(events[i]);  // [step: close-overlapped]
    }
    if (!CloseHandle(hFile)) {
        printf("CloseHandle failed: error %lu\n", (unsigned long)GetLastError());
        ok = FALSE;
    }
    return ok;
}

int main(int argc, char** argv)
{
    if (argc < 2) {
        printf("usage: blocking_vs_overlapped <file> [chunk=4096] [reads=3]\n"
               "Reads the start of <file> twice: with blocking ReadFile calls, then with overlapped\n"
               "reads that are all in flight at once, and checks that both read the same bytes.\n");
        return 2;
    }
    DWORD chunk = option(argc, argv, "chunk", 4096, 512, MAX_CHUNK);
    DWORD reads = option(argc, argv, "reads", 3, 1, MAX_READS);
    printf("%lu reads of %lu bytes each way\n", (unsigned long)reads, (unsigned long)chunk);

    DWORD blockingTotal = 0;
    DWORD overlappedTotal = 0;
    if (!read_blocking(argv[1], chunk, reads, &blockingTotal)) {
        return 1;
    }
    if (!read_overlapped(argv[1], chunk, reads, &overlappedTotal)) {
        return 1;
    }
    if (blockingTotal != overlappedTotal || memcmp(g_blockingData, g_overlappedData, blockingTotal) != 0) {
        printf("the two parts read different data (%lu and %lu bytes)\n", (unsigned long)blockingTotal,
               (unsigned long)overlappedTotal);
        return 1;
    }
    printf("done: both parts read the same %lu bytes\n", (unsigned long)blockingTotal);
    return 0;
}
