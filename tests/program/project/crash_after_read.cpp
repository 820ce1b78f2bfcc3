// Reads a file with one overlapped ReadFile, and once that request completed, writes through a
// null pointer: the lab must say where the program was when it crashed. Usage: crash_after_read FILE
#include <windows.h>
#include <stdio.h>

int main(int argc, char** argv)
{
    if (argc != 2) return 2;
    HANDLE file = CreateFileA(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
    if (file == INVALID_HANDLE_VALUE) return 1;
    char buffer[256];
    OVERLAPPED ov = {0};
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    if (!ReadFile(file, buffer, sizeof buffer, NULL, &ov) && GetLastError() != ERROR_IO_PENDING) return 1;
    DWORD got = 0;
    GetOverlappedResult(file, &ov, &got, TRUE);
    printf("read %lu bytes, now crashing\n", (unsigned long)got);
    volatile int* nowhere = NULL;
    *nowhere = (int)got;
    return 0;
}
