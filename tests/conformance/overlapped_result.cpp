// docs/windows-rules.md sections 1 and 6: GetOverlappedResult(Ex) turns the NTSTATUS in Internal into
// a return value and a Win32 error, takes the byte count from InternalHigh, and waits only while
// Internal is STATUS_PENDING. The OVERLAPPEDs here are filled by hand: no request is involved.
#include "conformance.h"

static void result_for(HANDLE file, const char* label, DWORD status, DWORD bytes)
{
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.Internal = status;
    ov.InternalHigh = bytes;
    DWORD got = 0xDEAD;
    BOOL ok = GetOverlappedResult(file, &ov, &got, FALSE);
    DWORD error = GetLastError();
    printf("%s (Internal 0x%08lX, InternalHigh %lu): %s error %lu bytes 0x%lX\n", label, (unsigned long)status,
           (unsigned long)bytes, ok ? "TRUE" : "FALSE", ok ? 0ul : (unsigned long)error, (unsigned long)got);
}

int main()
{
    char path[MAX_PATH + 64];
    temp_file_path(path, sizeof path, "result");
    write_sample(path, 4);
    HANDLE file = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);

    result_for(file, "success", 0x00000000, 7);
    result_for(file, "pending, bWait FALSE", 0x00000103, 7);  // the byte count is not written
    result_for(file, "end of file", 0xC0000011, 0);
    result_for(file, "cancelled", 0xC0000120, 0);
    result_for(file, "pipe broken", 0xC000014B, 0);
    result_for(file, "connection reset", 0xC000020D, 0);
    result_for(file, "local disconnect", 0xC000013B, 0);
    result_for(file, "connection aborted", 0xC0000241, 0);
    result_for(file, "buffer overflow (a warning)", 0x80000005, 12);
    result_for(file, "handles closed (a warning)", 0x8000000A, 0);

    // Internal final: bWait TRUE does not wait, even on an auto-reset event nobody will set.
    HANDLE never = CreateEventA(NULL, FALSE, FALSE, NULL);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = never;
    ov.InternalHigh = 3;
    finish("bWait TRUE on a finished request", file, &ov);

    // Internal pending: GetOverlappedResultEx gives up after its time-out.
    ov.Internal = STATUS_PENDING;
    DWORD got = 0xDEAD;
    BOOL ok = GetOverlappedResultEx(file, &ov, &got, 0, FALSE);
    DWORD error = GetLastError();
    printf("GetOverlappedResultEx pending, time-out 0: %s error %lu bytes 0x%lX\n", ok ? "TRUE" : "FALSE",
           ok ? 0ul : (unsigned long)error, (unsigned long)got);
    ok = GetOverlappedResultEx(file, &ov, &got, 20, FALSE);
    error = GetLastError();
    printf("GetOverlappedResultEx pending, time-out 20 ms: %s error %lu bytes 0x%lX\n", ok ? "TRUE" : "FALSE",
           ok ? 0ul : (unsigned long)error, (unsigned long)got);
    // The event is set by someone else while the request is still pending: the wait ends and the
    // request counts as a success with InternalHigh bytes (the auto-reset pitfall).
    SetEvent(never);
    ok = GetOverlappedResult(file, &ov, &got, TRUE);
    error = GetLastError();
    printf("pending, event set by someone else: %s bytes %lu, Internal still 0x%lX\n", ok ? "TRUE" : "FALSE",
           (unsigned long)got, (unsigned long)(DWORD)ov.Internal);

    CloseHandle(never);
    CloseHandle(file);
    DeleteFileA(path);
    return 0;
}
