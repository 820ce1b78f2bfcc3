// docs/windows-rules.md sections 2 and 7: where overlapped writes land. Offset/OffsetHigh are a 64-bit
// position the system never changes; 0xFFFFFFFF in both means "append at the end".
#include "conformance.h"

static void write_at(HANDLE h, const char* label, DWORD offset_high, DWORD offset, const char* text)
{
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.Offset = offset;
    ov.OffsetHigh = offset_high;
    BOOL ok = WriteFile(h, text, (DWORD)strlen(text), NULL, &ov);
    DWORD error = GetLastError();
    // Windows often finishes a write that extends the file at once; Wine and our runtime pend.
    printf("[V] %s issue: %s error %lu\n", label, ok ? "TRUE" : "FALSE", ok ? 0ul : (unsigned long)error);
    if (ok || error == ERROR_IO_PENDING) {
        finish(label, h, &ov);
    } else {
        printf("%s: refused with error %lu\n", label, (unsigned long)error);
    }
    show_fields(label, &ov);
    LARGE_INTEGER size;
    size.QuadPart = -1;
    ok = GetFileSizeEx(h, &size);
    printf("%s size: %s 0x%llX\n", label, ok ? "TRUE" : "FALSE", (unsigned long long)size.QuadPart);
}

int main()
{
    char path[MAX_PATH + 64];
    temp_file_path(path, sizeof path, "write");
    HANDLE h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);
    DWORD error = GetLastError();
    show_bool("CreateFileA CREATE_ALWAYS (new file)", h != INVALID_HANDLE_VALUE, error);
    printf("GetLastError after creating: %lu\n", (unsigned long)error);

    write_at(h, "write 10 at 0", 0, 0, "0123456789");
    write_at(h, "write 4 at 3", 0, 3, "abcd");
    write_at(h, "append 5", 0xFFFFFFFF, 0xFFFFFFFF, "APPND");
    write_at(h, "append 2 more", 0xFFFFFFFF, 0xFFFFFFFF, "!!");
    write_at(h, "write 8 at 4 GiB + 0x10", 1, 0x10, "far away");

    // Read back the start: the first writes and the appends, in place.
    char buffer[32];
    memset(buffer, 0, sizeof buffer);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    BOOL ok = ReadFile(h, buffer, 17, NULL, &ov);
    error = GetLastError();
    if (ok || error == ERROR_IO_PENDING) {
        finish("read back 17 at 0", h, &ov);
    }
    printf("read back: %.17s\n", buffer);
    CloseHandle(h);

    // Opening the existing file again with CREATE_ALWAYS truncates it and says it existed.
    h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);
    error = GetLastError();
    show_bool("CreateFileA CREATE_ALWAYS (existing file)", h != INVALID_HANDLE_VALUE, error);
    printf("GetLastError after re-creating: %lu\n", (unsigned long)error);
    LARGE_INTEGER size;
    size.QuadPart = -1;
    GetFileSizeEx(h, &size);
    printf("size after re-creating: %lld\n", (long long)size.QuadPart);
    CloseHandle(h);

    h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, CREATE_NEW, 0, NULL);
    error = GetLastError();
    show_bool("CreateFileA CREATE_NEW (existing file)", h != INVALID_HANDLE_VALUE, error);
    if (h != INVALID_HANDLE_VALUE) {
        CloseHandle(h);
    }
    DeleteFileA(path);
    h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    error = GetLastError();
    show_bool("CreateFileA OPEN_EXISTING (deleted file)", h != INVALID_HANDLE_VALUE, error);
    return 0;
}
