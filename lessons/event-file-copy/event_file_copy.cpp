// Overlapped Lab - lesson "event-file-copy".
//
// Copies a file with overlapped ReadFile/WriteFile, 4096 bytes per request, three times over.
// Each copy learns in a different way that a request has finished:
//
//   A  hEvent = NULL         wait on the FILE HANDLE, then read OVERLAPPED.Internal/InternalHigh
//   B  hEvent = an event     wait on the event, then read Internal/InternalHigh
//   C  GetOverlappedResult   let the API wait and turn Internal into a Win32 error code
//
// A plain Win32 console program (Win32 + C runtime only): it builds unchanged on Windows.
//
//   usage: event_file_copy <source> <copy-A> <copy-B> <copy-C>

#include <windows.h>
#include <stdio.h>

// LAB_STEP() marks a line without a Win32 call where the lab stops the thread, so a step can show
// that moment (a branch taken, a routine starting). Outside the lab it is nothing.
#ifndef LAB_STEP
#define LAB_STEP()
#endif

// The NTSTATUS that OVERLAPPED.Internal holds when a read starts at or past the end of the file.
// It lives in <ntstatus.h>, which clashes with <windows.h> unless WIN32_NO_STATUS tricks are used,
// so programs usually define the one value they need. It is 0xC0000011; 0xc000001 (a digit short)
// never matches anything.
#ifndef STATUS_END_OF_FILE
#define STATUS_END_OF_FILE ((DWORD)0xC0000011L)
#endif

#define CHUNK_SIZE 4096  // small on purpose: several requests per copy

// Offset/OffsetHigh are the two 32-bit halves of one 64-bit file position. The system reads them
// at every request and never advances them, so we keep the position in a 64-bit variable and
// store both halves before each request. (Adding to Offset alone would wrap around at 4 GB.)
static void set_offset(OVERLAPPED* ov, ULONGLONG offset)
{
    ULARGE_INTEGER position;
    position.QuadPart = offset;
    ov->Offset = position.LowPart;
    ov->OffsetHigh = position.HighPart;
}

// Part A: hEvent = NULL. Without an event the system signals the file handle itself when a request
// on it finishes. Good for one request at a time per handle only: a signalled handle cannot say
// WHICH of several requests finished.
static BOOL copy_waiting_on_handle(HANDLE hSrc, HANDLE hDst, ULONGLONG* copied)
{
    BYTE buffer[CHUNK_SIZE];
    OVERLAPPED ro = {0};   // the read request; hEvent stays NULL
    OVERLAPPED wo = {0};   // the write request; hEvent stays NULL
    ULONGLONG offset = 0;  // where the next request starts

    for (;;) {
        set_offset(&ro, offset);
        if (!ReadFile(hSrc, buffer, CHUNK_SIZE, NULL, &ro)) {  // [step: issue-read]
            DWORD error = GetLastError();
            if (error == ERROR_HANDLE_EOF) {
                LAB_STEP();  // [step: eof]
                break;  // end found at once: nothing will be signalled, so do not wait
            }
            if (error != ERROR_IO_PENDING) {
                printf("A: ReadFile failed: error %lu\n", (unsigned long)error);
                return FALSE;
            }
        }
        // TRUE (finished at once) and FALSE + ERROR_IO_PENDING both signal the handle at completion.
        if (WaitForSingleObject(hSrc, INFINITE) != WAIT_OBJECT_0) {  // [step: wait-handle]
            printf("A: WaitForSingleObject failed: error %lu\n", (unsigned long)GetLastError());
            return FALSE;
        }
        // Internal is an NTSTATUS; only its low 32 bits count. InternalHigh is the byte count.
        LAB_STEP();  // [step: read-result]
        DWORD status = (DWORD)ro.Internal;
        DWORD bytesRead = (DWORD)ro.InternalHigh;
        if (status == STATUS_END_OF_FILE || (status == 0 && bytesRead == 0)) {
            LAB_STEP();  // [step: eof]
            break;
        }
        if (status != 0) {
            printf("A: read failed: status 0x%08lX\n", (unsigned long)status);
            return FALSE;
        }

        set_offset(&wo, offset);
        if (!WriteFile(hDst, buffer, bytesRead, NULL, &wo)) {  // [step: issue-write]
            DWORD error = GetLastError();
            if (error != ERROR_IO_PENDING) {
                printf("A: WriteFile failed: error %lu\n", (unsigned long)error);
                return FALSE;
            }
        }
        if (WaitForSingleObject(hDst, INFINITE) != WAIT_OBJECT_0) {  // [step: wait-write]
            printf("A: WaitForSingleObject failed: error %lu\n", (unsigned long)GetLastError());
            return FALSE;
        }
        if ((DWORD)wo.Internal != 0 || (DWORD)wo.InternalHigh != bytesRead) {
            printf("A: write failed: status 0x%08lX\n", (unsigned long)(DWORD)wo.Internal);
            return FALSE;
        }
        printf("A: offset %5llu: read %4lu bytes, wrote them\n", (unsigned long long)offset, (unsigned long)bytesRead);
        offset += bytesRead;  // 64-bit: past 4 GB the carry goes into OffsetHigh
    }
    *copied = offset;
    return TRUE;
}

// Part B: an event in hEvent. ReadFile/WriteFile reset it when the request starts and the system
// sets it when the request finishes. One event per OVERLAPPED, so each request can be told apart
// (and many could be waited on at once with WaitForMultipleObjects).
static BOOL copy_waiting_on_event(HANDLE hSrc, HANDLE hDst, HANDLE readDone, HANDLE writeDone, ULONGLONG* copied)
{
    BYTE buffer[CHUNK_SIZE];
    OVERLAPPED ro = {0};
    OVERLAPPED wo = {0};
    ro.hEvent = readDone;
    wo.hEvent = writeDone;
    ULONGLONG offset = 0;

    for (;;) {
        set_offset(&ro, offset);
        if (!ReadFile(hSrc, buffer, CHUNK_SIZE, NULL, &ro)) {  // [step: issue-read]
            DWORD error = GetLastError();
            if (error == ERROR_HANDLE_EOF) {
                LAB_STEP();  // [step: eof]
                break;  // end found at once: the event stays reset, waiting would hang
            }
            if (error != ERROR_IO_PENDING) {
                printf("B: ReadFile failed: error %lu\n", (unsigned long)error);
                return FALSE;
            }
        }
        if (WaitForSingleObject(ro.hEvent, INFINITE) != WAIT_OBJECT_0) {  // [step: wait-event]
            printf("B: WaitForSingleObject failed: error %lu\n", (unsigned long)GetLastError());
            return FALSE;
        }
        LAB_STEP();  // [step: read-result]
        DWORD status = (DWORD)ro.Internal;
        DWORD bytesRead = (DWORD)ro.InternalHigh;
        if (status == STATUS_END_OF_FILE || (status == 0 && bytesRead == 0)) {
            LAB_STEP();  // [step: eof]
            break;
        }
        if (status != 0) {
            printf("B: read failed: status 0x%08lX\n", (unsigned long)status);
            return FALSE;
        }

        set_offset(&wo, offset);
        if (!WriteFile(hDst, buffer, bytesRead, NULL, &wo)) {  // [step: issue-write]
            DWORD error = GetLastError();
            if (error != ERROR_IO_PENDING) {
                printf("B: WriteFile failed: error %lu\n", (unsigned long)error);
                return FALSE;
            }
        }
        if (WaitForSingleObject(wo.hEvent, INFINITE) != WAIT_OBJECT_0) {  // [step: wait-write-event]
            printf("B: WaitForSingleObject failed: error %lu\n", (unsigned long)GetLastError());
            return FALSE;
        }
        if ((DWORD)wo.Internal != 0 || (DWORD)wo.InternalHigh != bytesRead) {
            printf("B: write failed: status 0x%08lX\n", (unsigned long)(DWORD)wo.Internal);
            return FALSE;
        }
        printf("B: offset %5llu: read %4lu bytes, wrote them\n", (unsigned long long)offset, (unsigned long)bytesRead);
        offset += bytesRead;
    }
    *copied = offset;
    return TRUE;
}

// Part C: GetOverlappedResult(bWait = TRUE) waits on hEvent (on the file handle when hEvent is
// NULL), then returns InternalHigh as the byte count and turns Internal into TRUE, or FALSE plus a
// Win32 error: the end of the file becomes ERROR_HANDLE_EOF (38). It waits for one request only.
static BOOL copy_with_overlapped_result(HANDLE hSrc, HANDLE hDst, HANDLE readDone, HANDLE writeDone,
                                        ULONGLONG* copied)
{
    BYTE buffer[CHUNK_SIZE];
    OVERLAPPED ro = {0};
    OVERLAPPED wo = {0};
    ro.hEvent = readDone;
    wo.hEvent = writeDone;
    ULONGLONG offset = 0;

    for (;;) {
        set_offset(&ro, offset);
        if (!ReadFile(hSrc, buffer, CHUNK_SIZE, NULL, &ro)) {  // [step: issue-read]
            DWORD error = GetLastError();
            if (error == ERROR_HANDLE_EOF) {
                LAB_STEP();  // [step: eof]
                break;
            }
            if (error != ERROR_IO_PENDING) {
                printf("C: ReadFile failed: error %lu\n", (unsigned long)error);
                return FALSE;
            }
        }
        DWORD bytesRead = 0;
        if (!GetOverlappedResult(hSrc, &ro, &bytesRead, TRUE)) {  // [step: get-result]
            DWORD error = GetLastError();
            if (error == ERROR_HANDLE_EOF) {
                LAB_STEP();  // [step: eof]
                break;
            }
            printf("C: read failed: error %lu\n", (unsigned long)error);
            return FALSE;
        }
        if (bytesRead == 0) {
            break;
        }

        set_offset(&wo, offset);
        if (!WriteFile(hDst, buffer, bytesRead, NULL, &wo)) {  // [step: issue-write]
            DWORD error = GetLastError();
            if (error != ERROR_IO_PENDING) {
                printf("C: WriteFile failed: error %lu\n", (unsigned long)error);
                return FALSE;
            }
        }
        DWORD bytesWritten = 0;
        if (!GetOverlappedResult(hDst, &wo, &bytesWritten, TRUE)) {  // [step: get-write-result]
            printf("C: write failed: error %lu\n", (unsigned long)GetLastError());
            return FALSE;
        }
        if (bytesWritten != bytesRead) {
            printf("C: short write: %lu of %lu bytes\n", (unsigned long)bytesWritten, (unsigned long)bytesRead);
            return FALSE;
        }
        printf("C: offset %5llu: read %4lu bytes, wrote them\n", (unsigned long long)offset, (unsigned long)bytesRead);
        offset += bytesRead;
    }
    *copied = offset;
    return TRUE;
}

// Creates one copy with the given part's method and checks it has the source's length.
static BOOL copy_part(char part, HANDLE hSrc, const char* dstPath, HANDLE readDone, HANDLE writeDone,
                      ULONGLONG expected)
{
    HANDLE hDst = CreateFileA(dstPath, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,  // [step: open-dest]
                              FILE_FLAG_OVERLAPPED, NULL);
    if (hDst == INVALID_HANDLE_VALUE) {
        printf("%c: cannot create %s: error %lu\n", part, dstPath, (unsigned long)GetLastError());
        return FALSE;
    }
    ULONGLONG copied = 0;
    BOOL ok;
    if (part == 'A') {
        ok = copy_waiting_on_handle(hSrc, hDst, &copied);
    } else if (part == 'B') {
        ok = copy_waiting_on_event(hSrc, hDst, readDone, writeDone, &copied);
    } else {
        ok = copy_with_overlapped_result(hSrc, hDst, readDone, writeDone, &copied);
    }
    if (!CloseHandle(hDst)) {  // [step: close-dest]
        printf("%c: CloseHandle failed: error %lu\n", part, (unsigned long)GetLastError());
        ok = FALSE;
    }
    if (ok && copied != expected) {
        printf("%c: copied %llu bytes, expected %llu\n", part, (unsigned long long)copied,
               (unsigned long long)expected);
        ok = FALSE;
    }
    if (ok) {
        printf("%c: end of file, %llu bytes copied\n", part, (unsigned long long)copied);
    }
    return ok;
}

int main(int argc, char** argv)
{
    if (argc != 5) {
        printf("usage: event_file_copy <source> <copy-A> <copy-B> <copy-C>\n"
               "Copies <source> three times with overlapped I/O, %d bytes per request. The copies\n"
               "learn that a request finished by waiting on the file handle (A), on an event (B)\n"
               "and with GetOverlappedResult (C).\n",
               CHUNK_SIZE);
        return 2;
    }

    HANDLE hSrc = CreateFileA(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,  // [step: open-source]
                              FILE_FLAG_OVERLAPPED, NULL);
    if (hSrc == INVALID_HANDLE_VALUE) {
        printf("cannot open %s: error %lu\n", argv[1], (unsigned long)GetLastError());
        return 1;
    }
    LARGE_INTEGER size;
    if (!GetFileSizeEx(hSrc, &size)) {  // [step: file-size]
        printf("GetFileSizeEx failed: error %lu\n", (unsigned long)GetLastError());
        CloseHandle(hSrc);  // [step: close]
        return 1;
    }
    printf("source: %lld bytes, %d bytes per request\n", (long long)size.QuadPart, CHUNK_SIZE);

    BOOL ok = copy_part('A', hSrc, argv[2], NULL, NULL, (ULONGLONG)size.QuadPart);

    // Parts B and C use these two events. Manual-reset (2nd argument TRUE): a successful wait
    // leaves them set, so GetOverlappedResult can still see the completion after any other wait.
    HANDLE readDone = CreateEventA(NULL, TRUE, FALSE, NULL);  // [step: create-events]
    HANDLE writeDone = CreateEventA(NULL, TRUE, FALSE, NULL);
    if (readDone == NULL || writeDone == NULL) {
        printf("CreateEvent failed: error %lu\n", (unsigned long)GetLastError());
        ok = FALSE;
    }
    ok = ok && copy_part('B', hSrc, argv[3], readDone, writeDone, (ULONGLONG)size.QuadPart);
    ok = ok && copy_part('C', hSrc, argv[4], readDone, writeDone, (ULONGLONG)size.QuadPart);

    if (readDone != NULL && !CloseHandle(readDone)) {  // [step: close]
        printf("CloseHandle failed: error %lu\n", (unsigned long)GetLastError());
        ok = FALSE;
    }
    if (writeDone != NULL && !CloseHandle(writeDone)) {
        printf("CloseHandle failed: error %lu\n", (unsigned long)GetLastError());
        ok = FALSE;
    }
    if (!CloseHandle(hSrc)) {
        printf("CloseHandle failed: error %lu\n", (unsigned long)GetLastError());
        ok = FALSE;
    }
    printf("%s\n", ok ? "done: three copies written" : "copy failed");
    return ok ? 0 : 1;
}
