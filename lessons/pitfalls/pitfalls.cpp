// Overlapped Lab - lesson "pitfalls".
//
// The classic mistakes of overlapped I/O, each one made for real and then fixed. Every bug is
// reproduced so that it cannot hang the program or damage memory: loops are bounded, waits have
// time-outs, and memory the system writes into after "it was given up" stays ours.
//
//   1  Offset not set per read: the same block, again and again.
//   2  STATUS_END_OF_FILE written as 0xc000001 (a digit short): the loop never sees the end.
//   3  The completion key stored in a DWORD: a 64-bit key loses its upper half, and the call
//      writes 4 bytes past the DWORD.
//   4  One OVERLAPPED reused while its first request is still pending: two completions, one record.
//   5  A function returns while its read is pending: the system writes into memory that now
//      belongs to someone else.
//   6  A non-alertable wait: the completion routine that would end the wait never runs.
//
// A plain Win32 console program: it builds unchanged on Windows.
//
//   usage: pitfalls <file> [part=0] [loops=3] [wait=500]
//
// Parameters a teacher may change:
//   part=N    0 runs every part (default); 1 to 6 runs just that one
//   loops=N   rounds a buggy loop may go before the lesson stops it, 1 to 10 (default 3)
//   wait=N    milliseconds the non-alertable wait of part 6 lasts, 100 to 5000 (default 500)

#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// LAB_STEP() marks a line without a Win32 call where the lab stops the thread, so a step can show
// that moment (a branch taken, a routine starting). Outside the lab it is nothing.
#ifndef LAB_STEP
#define LAB_STEP()
#endif

#define BLOCK 4096
#define WRONG_STATUS_END_OF_FILE 0xc000001  // one digit short of 0xC0000011
#define KEY_B 0x100000064ULL  // a key above 4 GB, as pointers on x64 usually are
#define KEY_OTHER_FILE 100    // what KEY_B becomes in a DWORD: it could be another file's key

static char g_buffers[2][BLOCK];

// A request with a record of what the program thinks it is.
struct Request {
    OVERLAPPED ov;  // first member: the OVERLAPPED* a routine gets is the Request*
    DWORD offset;   // the offset this request was started at, as the program remembers it
    char* buffer;
    int calls;      // completion routine calls for this record
    HANDLE done;    // part 6: set by the routine
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

// The first line of what was read ("blocks.txt block 1 at offset 4096"), for printing.
static const char* first_line(const char* data, DWORD bytes)
{
    static char line[64];
    DWORD length = 0;
    while (length < bytes && length < sizeof line - 1 && data[length] != '\n') {
        line[length] = data[length];
        ++length;
    }
    line[length] = '\0';
    return line;
}

static void set_offset(OVERLAPPED* ov, ULONGLONG offset)
{
    ov->Offset = (DWORD)offset;
    ov->OffsetHigh = (DWORD)(offset >> 32);
}

// 1. Offset/OffsetHigh are read by the system, never advanced by it.
// Each part returns TRUE when its fix worked.
static BOOL part_offset(HANDLE hFile, HANDLE event, DWORD loops)
{
    printf("-- 1. Offset not set per read\n");
    OVERLAPPED ov = {};
    ov.hEvent = event;
    for (DWORD i = 0; i < loops; ++i) {
        DWORD bytes = 0;
        if (!ReadFile(hFile, g_buffers[0], BLOCK, NULL, &ov) && GetLastError() != ERROR_IO_PENDING) {  // [step: offset-bug]
            break;  // not started: nothing to wait for
        }
        if (!GetOverlappedResult(hFile, &ov, &bytes, TRUE)) {  // [step: offset-bug-result]
            break;
        }
        printf("bug: read %lu asked for Offset %lu and got \"%s\"\n", (unsigned long)i, (unsigned long)ov.Offset,
               first_line(g_buffers[0], bytes));
    }
    for (DWORD i = 0; i < loops; ++i) {
        DWORD bytes = 0;
        set_offset(&ov, (ULONGLONG)i * BLOCK);  // the fix: a new offset before every request
        if (!ReadFile(hFile, g_buffers[0], BLOCK, NULL, &ov) && GetLastError() != ERROR_IO_PENDING) {  // [step: offset-fix]
            break;
        }
        if (!GetOverlappedResult(hFile, &ov, &bytes, TRUE)) {  // [step: offset-fix-result]
            break;
        }
        printf("fix: read %lu asked for Offset %lu and got \"%s\"\n", (unsigned long)i, (unsigned long)ov.Offset,
               first_line(g_buffers[0], bytes));
        if (i + 1 == loops) {
            return TRUE;
        }
    }
    return FALSE;
}

// 2. Reads from the last block on; the end of the file is a completion with 0xC0000011.
static BOOL part_end_of_file(HANDLE hFile, HANDLE event, DWORD loops, ULONGLONG size)
{
    printf("-- 2. STATUS_END_OF_FILE written as 0xc000001\n");
    OVERLAPPED ov = {};
    ov.hEvent = event;
    ULONGLONG offset = size - BLOCK;
    for (DWORD atEnd = 0; atEnd < loops;) {
        set_offset(&ov, offset);
        if (!ReadFile(hFile, g_buffers[0], BLOCK, NULL, &ov) && GetLastError() != ERROR_IO_PENDING) {  // [step: eof-bug]
            printf("bug: ReadFile failed at once (error %lu): this loop stops by luck\n", (unsigned long)GetLastError());
            break;  // Windows may report the end this way (38); no completion follows then
        }
        WaitForSingleObject(ov.hEvent, INFINITE);  // [step: eof-bug-wait]
        LAB_STEP();  // [step: eof-bug-compare]
        if ((DWORD)ov.Internal == WRONG_STATUS_END_OF_FILE) {
            break;  // never taken: Internal is 0xC0000011 at the end, not 0x0C000001
        }
        printf("bug: offset %llu: Internal 0x%08lX, %llu bytes\n", (unsigned long long)offset,
               (unsigned long)(DWORD)ov.Internal, (unsigned long long)ov.InternalHigh);
        offset += ov.InternalHigh;  // 0 at the end: the next round reads at the same place
        if (ov.InternalHigh == 0 && ++atEnd == loops) {
            printf("bug: stopped by the lesson after %lu rounds at the end; left alone it never stops\n",
                   (unsigned long)loops);
        }
    }
    offset = size - BLOCK;
    for (;;) {
        DWORD bytes = 0;
        set_offset(&ov, offset);
        BOOL started = ReadFile(hFile, g_buffers[0], BLOCK, NULL, &ov);  // [step: eof-fix]
        if (started || GetLastError() == ERROR_IO_PENDING) {
            started = GetOverlappedResult(hFile, &ov, &bytes, TRUE);  // [step: eof-fix-result]
        }
        if (!started) {
            DWORD error = GetLastError();
            printf("fix: offset %llu: error %lu%s\n", (unsigned long long)offset, (unsigned long)error,
                   error == ERROR_HANDLE_EOF ? " = ERROR_HANDLE_EOF: the end, the loop stops" : "");
            return error == ERROR_HANDLE_EOF && offset == size;
        }
        printf("fix: offset %llu: %lu bytes\n", (unsigned long long)offset, (unsigned long)bytes);
        offset += bytes;
        if (bytes == 0) {
            return offset == size;  // a successful read of 0 bytes is the end too
        }
    }
}

// 3. A worker that declares `DWORD key;` and passes its address where a ULONG_PTR* belongs.
static BOOL part_key(const char* path)
{
    printf("-- 3. The completion key in a DWORD\n");
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);  // [step: key-port]
    HANDLE hFile = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,  // [step: key-open]
                               FILE_FLAG_OVERLAPPED, NULL);
    if (port == NULL || hFile == INVALID_HANDLE_VALUE ||
        CreateIoCompletionPort(hFile, port, KEY_B, 0) != port) {  // [step: key-associate]
        printf("cannot set up the port: error %lu\n", (unsigned long)GetLastError());
        if (hFile != INVALID_HANDLE_VALUE) {
            CloseHandle(hFile);  // [step: key-close]
        }
        if (port != NULL) {
            CloseHandle(port);
        }
        return FALSE;
    }
    // The worker's locals, reproduced safely: the DWORD is the first half of an 8-byte struct, so
    // the 4 bytes the call writes past it land in `next` (in a real worker: whatever lay next to `key`).
    struct WorkerLocals {
        DWORD key;
        DWORD next;
    };
    BOOL fixed = FALSE;
    for (int round = 0; round < 2; ++round) {
        OVERLAPPED ov = {};
        DWORD bytes = 0;
        OVERLAPPED* done = NULL;
        if (!ReadFile(hFile, g_buffers[0], BLOCK, NULL, &ov) && GetLastError() != ERROR_IO_PENDING) {  // [step: key-read]
            break;
        }
        if (round == 0) {
            alignas(8) WorkerLocals locals = {0, 0xCAFEF00D};
            GetQueuedCompletionStatus(port, &bytes, (PULONG_PTR)&locals, &done, INFINITE);  // [step: key-bug]
            printf("bug: DWORD key = %lu (another file's key is %d!); the DWORD after it went 0xCAFEF00D -> 0x%08lX\n",
                   (unsigned long)locals.key, KEY_OTHER_FILE, (unsigned long)locals.next);
        } else {
            ULONG_PTR key = 0;
            GetQueuedCompletionStatus(port, &bytes, &key, &done, INFINITE);  // [step: key-fix]
            printf("fix: ULONG_PTR key = 0x%llX: the file's key, whole\n", (unsigned long long)key);
            fixed = key == KEY_B;
        }
    }
    CloseHandle(hFile);  // [step: key-close]
    CloseHandle(port);
    return fixed;
}

static VOID CALLBACK OnRead(DWORD error, DWORD bytes, LPOVERLAPPED overlapped)
{
    LAB_STEP();  // [step: routine]
    Request* request = (Request*)overlapped;
    ++request->calls;
    printf("routine: error %lu, %lu bytes, for the record of the read at offset %lu\n", (unsigned long)error,
           (unsigned long)bytes, (unsigned long)request->offset);
    if (request->done != NULL) {
        SetEvent(request->done);  // [step: routine-done]
    }
}

// Starts a ReadFileEx of one block with `request`; TRUE means one routine call will follow.
static BOOL start_read_ex(HANDLE hFile, Request* request, DWORD offset, char* buffer)
{
    request->offset = offset;
    request->buffer = buffer;
    set_offset(&request->ov, offset);
    return ReadFileEx(hFile, buffer, BLOCK, &request->ov, OnRead);  // [step: read-ex]
}

// 4. One OVERLAPPED (and its record) for two requests in flight.
static BOOL part_reuse(HANDLE hFile)
{
    printf("-- 4. One OVERLAPPED for two requests in flight\n");
    static Request shared;
    static Request requests[2];
    memset(&shared, 0, sizeof shared);
    memset(requests, 0, sizeof requests);
    int expected = start_read_ex(hFile, &shared, 0, g_buffers[0]) ? 1 : 0;
    printf("bug: before reusing it, HasOverlappedIoCompleted says %s\n",
           HasOverlappedIoCompleted(&shared.ov) ? "complete" : "PENDING: it must not be reused yet");
    expected += start_read_ex(hFile, &shared, BLOCK, g_buffers[1]) ? 1 : 0;  // the bug: still in use
    while (shared.calls < expected) {
        SleepEx(INFINITE, TRUE);  // [step: reuse-wait]
    }
    printf("bug: 2 completions, 1 record: it says offset %lu twice; block 0 arrived unnoticed:\n",
           (unsigned long)shared.offset);
    printf("     \"%s\" in the buffer the record forgot\n", first_line(g_buffers[0], BLOCK));
    // The fix: one record per request in flight.
    expected = 0;
    for (int i = 0; i < 2; ++i) {
        expected += start_read_ex(hFile, &requests[i], (DWORD)i * BLOCK, g_buffers[i]) ? 1 : 0;
    }
    while (requests[0].calls + requests[1].calls < expected) {
        SleepEx(INFINITE, TRUE);  // [step: reuse-fix-wait]
    }
    for (int i = 0; i < 2; ++i) {
        printf("fix: record %d: offset %lu, %d call, \"%s\"\n", i, (unsigned long)requests[i].offset,
               requests[i].calls, first_line(requests[i].buffer, BLOCK));
    }
    return expected == 2 && requests[0].calls == 1 && requests[1].calls == 1;
}

// 5. The pattern "start a read with locals, return": the memory stays in use by the system.
// Here the function's "stack frame" is static memory, so we can safely look at it afterwards.
static struct {
    OVERLAPPED ov;
    char buffer[BLOCK];
} g_frame;

static BOOL start_read_and_return(HANDLE hFile)
{
    memset(&g_frame, 0, sizeof g_frame);
    return ReadFile(hFile, g_frame.buffer, BLOCK, NULL, &g_frame.ov) ||  // [step: stale-read]
           GetLastError() == ERROR_IO_PENDING;
}  // returns while the read is pending: as locals, the OVERLAPPED and buffer would die here

static BOOL part_stale(HANDLE hFile)
{
    printf("-- 5. Returning while a read is pending\n");
    if (!start_read_and_return(hFile)) {
        return FALSE;  // nothing in flight
    }
    // The next function call reuses that stack memory for its own variables (here: all 'x').
    memset(&g_frame.ov, 'x', sizeof g_frame.ov);
    printf("bug: the next function's variables hold 0x%llX\n", (unsigned long long)g_frame.ov.InternalHigh);
    if (WaitForSingleObject(hFile, INFINITE) != WAIT_OBJECT_0) {  // [step: stale-wait]
        return FALSE;
    }
    printf("bug: after the read completed they hold 0x%llX and 0x%llX, and the old buffer \"%s\"\n",
           (unsigned long long)g_frame.ov.Internal, (unsigned long long)g_frame.ov.InternalHigh,
           first_line(g_frame.buffer, BLOCK));
    if (g_frame.ov.InternalHigh != BLOCK) {
        // Free-running, the read may finish before the next function runs: then that function
        // overwrites the results instead. Either way, two users for one piece of memory.
        printf("bug: this time the read finished first, and the next function wrote over its results\n");
    }
    // The fix is what every other part does: keep the OVERLAPPED and the buffer alive until the
    // completion has been seen. The program only survives this part because the "frame" is static.
    return TRUE;
}

// 6. The routine sets `done`; a non-alertable wait for `done` can never let it run.
static BOOL part_alertable(HANDLE hFile, DWORD waitMs)
{
    printf("-- 6. Waiting for a completion routine without being alertable\n");
    static Request request;
    memset(&request, 0, sizeof request);
    request.done = CreateEventA(NULL, TRUE, FALSE, NULL);  // [step: starve-event]
    if (request.done == NULL || !start_read_ex(hFile, &request, 0, g_buffers[0])) {
        return FALSE;
    }
    DWORD result = WaitForSingleObject(request.done, waitMs);  // [step: starve-bug]
    printf("bug: WaitForSingleObject returned %lu after %lu ms; the routine ran %d times\n", (unsigned long)result,
           (unsigned long)waitMs, request.calls);
    do {
        result = WaitForSingleObjectEx(request.done, INFINITE, TRUE);  // [step: starve-fix]
    } while (result == WAIT_IO_COMPLETION);
    printf("fix: WaitForSingleObjectEx returned %lu; the routine ran %d time(s)\n", (unsigned long)result,
           request.calls);
    CloseHandle(request.done);  // [step: starve-close]
    return result == WAIT_OBJECT_0 && request.calls == 1;
}

int main(int argc, char** argv)
{
    if (argc < 2) {
        printf("usage: pitfalls <file> [part=0] [loops=3] [wait=500]\n"
               "Makes the classic overlapped-I/O mistakes on <file> (at least 4 blocks of %d bytes),\n"
               "each safely, next to its fix.\n",
               BLOCK);
        return 2;
    }
    DWORD part = option(argc, argv, "part", 0, 0, 6);
    DWORD loops = option(argc, argv, "loops", 3, 1, 10);
    DWORD waitMs = option(argc, argv, "wait", 500, 100, 5000);

    HANDLE hFile = CreateFileA(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,  // [step: open]
                               FILE_FLAG_OVERLAPPED, NULL);
    LARGE_INTEGER size;
    if (hFile == INVALID_HANDLE_VALUE || !GetFileSizeEx(hFile, &size) || size.QuadPart < 4 * BLOCK) {  // [step: open-size]
        printf("cannot use %s: error %lu (it must exist and hold at least %d bytes)\n", argv[1],
               (unsigned long)GetLastError(), 4 * BLOCK);
        return 1;
    }
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);  // [step: create-event]
    if (event == NULL) {
        return 1;
    }
    BOOL ok = TRUE;
    if (part == 0 || part == 1) ok = part_offset(hFile, event, loops) && ok;
    if (part == 0 || part == 2) ok = part_end_of_file(hFile, event, loops, (ULONGLONG)size.QuadPart) && ok;
    if (part == 0 || part == 3) ok = part_key(argv[1]) && ok;
    if (part == 0 || part == 4) ok = part_reuse(hFile) && ok;
    if (part == 0 || part == 5) ok = part_stale(hFile) && ok;
    if (part == 0 || part == 6) ok = part_alertable(hFile, waitMs) && ok;
    CloseHandle(event);  // [step: close]
    CloseHandle(hFile);
    printf("%s\n", ok ? "done: every mistake was made, stopped in time, and fixed" : "a fix did not work");
    return ok ? 0 : 1;
}
