// docs/windows-rules.md section 7: a synchronous handle. ReadFile blocks; with an OVERLAPPED it reads at
// the OVERLAPPED's offset and moves the file pointer to offset + bytes. An overlapped handle has no
// usable file pointer.
#include "conformance.h"

static LONGLONG file_pointer(HANDLE h)
{
    LARGE_INTEGER zero, position;
    zero.QuadPart = 0;
    position.QuadPart = -1;
    SetFilePointerEx(h, zero, &position, FILE_CURRENT);
    return position.QuadPart;
}

int main()
{
    char path[MAX_PATH + 64];
    temp_file_path(path, sizeof path, "sync");
    write_sample(path, 12);
    HANDLE h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    char buffer[16];

    DWORD got = 0xDEAD;
    BOOL ok = ReadFile(h, buffer, 4, &got, NULL);
    printf("read 4 at the file pointer: %s got %lu data %.4s pointer %lld\n", ok ? "TRUE" : "FALSE",
           (unsigned long)got, buffer, (long long)file_pointer(h));

    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.Offset = 6;
    got = 0xDEAD;
    ok = ReadFile(h, buffer, 4, &got, &ov);
    DWORD error = GetLastError();
    printf("read 4 at Offset 6: %s error %lu got %lu data %.4s pointer %lld\n", ok ? "TRUE" : "FALSE",
           ok ? 0ul : (unsigned long)error, (unsigned long)got, buffer, (long long)file_pointer(h));
    show_fields("after the read at 6", &ov);

    got = 0xDEAD;
    ok = ReadFile(h, buffer, 4, &got, NULL);
    printf("read 4 at the file pointer again: %s got %lu data %.2s pointer %lld\n", ok ? "TRUE" : "FALSE",
           (unsigned long)got, buffer, (long long)file_pointer(h));

    got = 0xDEAD;
    ok = ReadFile(h, buffer, 4, &got, NULL);
    error = GetLastError();
    printf("read at the end, no OVERLAPPED: %s error %lu got %lu\n", ok ? "TRUE" : "FALSE",
           ok ? 0ul : (unsigned long)error, (unsigned long)got);

    memset(&ov, 0, sizeof ov);
    ov.Offset = 12;
    got = 0xDEAD;
    ok = ReadFile(h, buffer, 4, &got, &ov);
    error = GetLastError();
    printf("read at the end, with an OVERLAPPED: %s error %lu got %lu\n", ok ? "TRUE" : "FALSE",
           ok ? 0ul : (unsigned long)error, (unsigned long)got);
    show_fields("after the read at the end", &ov);
    CloseHandle(h);

    // An overlapped handle: its file pointer is not used, and stays 0.
    h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
    memset(&ov, 0, sizeof ov);
    ov.Offset = 4;
    ok = ReadFile(h, buffer, 4, NULL, &ov);
    error = GetLastError();
    if (ok || error == ERROR_IO_PENDING) {
        finish("overlapped handle, read 4 at 4", h, &ov);
    }
    printf("overlapped handle, file pointer: %lld\n", (long long)file_pointer(h));
    CloseHandle(h);
    DeleteFileA(path);
    return 0;
}
