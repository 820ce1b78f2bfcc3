// File copy with event-signalled overlapped I/O: copy_main.cpp opens the files and loops,
// copy_io.cpp moves one chunk. Usage: file_copy SOURCE DESTINATION
#include <windows.h>
#include <stdio.h>

#include "copy_io.h"

int main(int argc, char** argv)
{
    if (argc != 3) {
        printf("usage: file_copy SOURCE DESTINATION\n");
        return 2;
    }
    HANDLE source = CreateFileA(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);  // [step: open]
    if (source == INVALID_HANDLE_VALUE) {
        printf("cannot open %s: error %lu\n", argv[1], (unsigned long)GetLastError());
        return 1;
    }
    HANDLE target = CreateFileA(argv[2], GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);
    if (target == INVALID_HANDLE_VALUE) {
        printf("cannot create %s: error %lu\n", argv[2], (unsigned long)GetLastError());
        CloseHandle(source);
        return 1;
    }
    HANDLE done = CreateEventA(NULL, TRUE, FALSE, NULL);
    ULONGLONG offset = 0;
    DWORD copied = 0;
    while ((copied = copy_chunk(source, target, done, offset)) > 0) offset += copied;
    printf("copied %llu bytes\n", (unsigned long long)offset);
    close_all(done, target, source);
    return 0;
}
