// docs/windows-rules.md sections 2, 3, 6 and 7: overlapped reads of a regular file. A read may finish
// at once or pend ([V] lines); once it has finished, the fields and GetOverlappedResult agree.
#include "conformance.h"

static void read_at(HANDLE h, HANDLE event, const char* label, DWORD offset_high, DWORD offset, DWORD length)
{
    char buffer[64];
    memset(buffer, '.', sizeof buffer);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.Offset = offset;
    ov.OffsetHigh = offset_high;
    ov.hEvent = event;
    ov.InternalHigh = 0x5E5E;  // sentinel: ReadFile leaves InternalHigh alone until completion
    DWORD got = 0xDEAD;
    BOOL ok = ReadFile(h, buffer, length, &got, &ov);
    DWORD error = GetLastError();
    // Regular files: Windows may finish at once (TRUE, or FALSE 38 at the end) or pend (FALSE 997).
    printf("[V] %s issue: %s error %lu got %lu\n", label, ok ? "TRUE" : "FALSE", ok ? 0ul : (unsigned long)error,
           (unsigned long)got);
    const char* loose = "";  // fields and data are not meaningful after an immediate failure
    if (ok || error == ERROR_IO_PENDING) {
        finish(label, h, &ov);
    } else if (error == ERROR_HANDLE_EOF) {
        printf("%s: FALSE error 38 bytes 0\n", label);  // what the pending path reports too
        loose = "[V] ";
    } else {
        printf("%s: refused with error %lu\n", label, (unsigned long)error);
        return;
    }
    printf("%s", loose);
    show_fields(label, &ov);
    DWORD shown = (DWORD)ov.InternalHigh < sizeof buffer ? (DWORD)ov.InternalHigh : 0;
    printf("%s%s data: %.*s\n", loose, label, (int)shown, buffer);
    // Idempotent: asking again gives the same answer.
    DWORD again = 0;
    BOOL ok_again = GetOverlappedResult(h, &ov, &again, FALSE);
    DWORD error_again = GetLastError();
    printf("%s%s again: %s error %lu bytes %lu\n", loose, label, ok_again ? "TRUE" : "FALSE",
           ok_again ? 0ul : (unsigned long)error_again, (unsigned long)again);
}

int main()
{
    char path[MAX_PATH + 64];
    temp_file_path(path, sizeof path, "read");
    if (!write_sample(path, 20)) {
        return 1;
    }
    HANDLE h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
    DWORD error = GetLastError();
    show_bool("CreateFileA overlapped", h != INVALID_HANDLE_VALUE, error);
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);

    read_at(h, event, "read 8 at 0", 0, 0, 8);
    read_at(h, event, "read 8 at 16 (crosses the end)", 0, 16, 8);
    read_at(h, event, "read 8 at 20 (the end)", 0, 20, 8);
    read_at(h, event, "read 8 at 4 GiB (OffsetHigh 1)", 1, 0, 8);
    read_at(h, NULL, "read 4 at 2, hEvent NULL", 0, 2, 4);

    // An overlapped handle needs an OVERLAPPED.
    char buffer[8];
    DWORD got = 0;
    BOOL ok = ReadFile(h, buffer, sizeof buffer, &got, NULL);
    error = GetLastError();
    show_bool("ReadFile overlapped handle, no OVERLAPPED", ok, error);

    // Bad handles.
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ok = ReadFile(INVALID_HANDLE_VALUE, buffer, sizeof buffer, NULL, &ov);
    error = GetLastError();
    show_bool("ReadFile INVALID_HANDLE_VALUE", ok, error);

    CloseHandle(event);
    ok = CloseHandle(h);
    error = GetLastError();
    show_bool("CloseHandle", ok, error);
    ok = CloseHandle(h);
    error = GetLastError();
    show_bool("CloseHandle again", ok, error);
    DeleteFileA(path);
    return 0;
}
