// Copies a file of its own making with overlapped reads and writes, waiting for each on an event.
// Usage: copy_with_event chunk=N (the bytes each request moves).
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FILE_BYTES 10000

static char data[FILE_BYTES];
static char buffer[8192];
static char copied[FILE_BYTES + 1];

// Waits for the request on its event, then asks how it ended; the bytes it moved, or -1.
static long finish(HANDLE file, OVERLAPPED* ov, BOOL started)
{
    if (!started && GetLastError() != ERROR_IO_PENDING) return -1;
    WaitForSingleObject(ov->hEvent, INFINITE);  // [step: wait]
    DWORD moved = 0;
    if (!GetOverlappedResult(file, ov, &moved, FALSE)) return -1;  // [step: result]
    return (long)moved;
}

int main(int argc, char** argv)
{
    DWORD chunk = argc > 1 && strncmp(argv[1], "chunk=", 6) == 0 ? (DWORD)atoi(argv[1] + 6) : 4096;
    if (chunk == 0 || chunk > sizeof buffer) return 2;
    char source_path[MAX_PATH], copy_path[MAX_PATH];
    DWORD folder = GetTempPathA(MAX_PATH - 40, source_path);  // [step: setup]
    if (folder == 0) return 2;
    snprintf(source_path + folder, 40, "own-lesson-%lu.src", (unsigned long)GetCurrentProcessId());
    snprintf(copy_path, sizeof copy_path, "%s.copy", source_path);
    for (int i = 0; i < FILE_BYTES; ++i) data[i] = (char)('a' + i % 26);

    HANDLE make = CreateFileA(source_path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    DWORD written = 0;
    BOOL made = make != INVALID_HANDLE_VALUE && WriteFile(make, data, FILE_BYTES, &written, NULL);
    if (make != INVALID_HANDLE_VALUE) CloseHandle(make);
    if (!made || written != FILE_BYTES) return 3;

    HANDLE source = CreateFileA(source_path, GENERIC_READ, 0, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);  // [step: open]
    HANDLE copy = CreateFileA(copy_path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);
    HANDLE done = CreateEventA(NULL, TRUE, FALSE, NULL);  // [step: event]
    if (source == INVALID_HANDLE_VALUE || copy == INVALID_HANDLE_VALUE || done == NULL) return 3;

    DWORD offset = 0;
    int result = 0;
    while (offset < FILE_BYTES && result == 0) {
        OVERLAPPED ov;
        memset(&ov, 0, sizeof ov);
        ov.Offset = offset;
        ov.hEvent = done;
        DWORD want = FILE_BYTES - offset < chunk ? FILE_BYTES - offset : chunk;
        long got = finish(source, &ov, ReadFile(source, buffer, want, NULL, &ov));  // [step: read]
        if (got <= 0) {
            result = 4;
            break;
        }
        long put = finish(copy, &ov, WriteFile(copy, buffer, (DWORD)got, NULL, &ov));  // [step: write]
        if (put != got) result = 4;
        offset += (DWORD)got;
    }
    CloseHandle(source);
    CloseHandle(copy);
    CloseHandle(done);

    // The check: the copy holds the same bytes, no more, no fewer.
    FILE* check = fopen(copy_path, "rb");
    size_t length = check ? fread(copied, 1, sizeof copied, check) : 0;
    if (check) fclose(check);
    if (result == 0 && (length != FILE_BYTES || memcmp(copied, data, FILE_BYTES) != 0)) result = 5;
    DeleteFileA(source_path);
    DeleteFileA(copy_path);
    if (result == 0) printf("copied %lu bytes in %lu-byte pieces\n", (unsigned long)offset, (unsigned long)chunk);
    return result;
}
