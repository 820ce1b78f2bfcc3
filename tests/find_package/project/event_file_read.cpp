// A Win32 program written for Windows (mixed-case include as MSVC code has it): writes a file,
// reads it back with an overlapped ReadFile and an event, and prints what Windows prints.
#include <Windows.h>
#include <stdio.h>

int main()
{
    char path[MAX_PATH];
    char folder[MAX_PATH];
    GetTempPathA(MAX_PATH, folder);
    snprintf(path, sizeof path, "%sovlab-find-package-%lu.txt", folder, (unsigned long)GetCurrentProcessId());

    HANDLE file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);
    if (file == INVALID_HANDLE_VALUE) {
        printf("CreateFileA failed: %lu\n", (unsigned long)GetLastError());
        return 1;
    }
    HANDLE done = CreateEventA(NULL, TRUE, FALSE, NULL);
    OVERLAPPED ov = {0};
    ov.hEvent = done;
    const char text[] = "hello, overlapped";
    DWORD bytes = 0;
    if (!WriteFile(file, text, sizeof text - 1, NULL, &ov) && GetLastError() != ERROR_IO_PENDING) {
        printf("WriteFile failed: %lu\n", (unsigned long)GetLastError());
        return 1;
    }
    GetOverlappedResult(file, &ov, &bytes, TRUE);
    printf("wrote %lu bytes\n", (unsigned long)bytes);

    char buffer[64] = {0};
    OVERLAPPED ro = {0};
    ro.hEvent = done;
    BOOL ok = ReadFile(file, buffer, sizeof buffer, NULL, &ro);
    DWORD error = GetLastError();
    printf("ReadFile: %s\n", ok ? "finished at once" : error == ERROR_IO_PENDING ? "pending" : "failed");
    DWORD waited = WaitForSingleObject(done, INFINITE);
    printf("WaitForSingleObject: %lu\n", (unsigned long)waited);
    ok = GetOverlappedResult(file, &ro, &bytes, FALSE);
    printf("GetOverlappedResult: %s, %lu bytes: %s\n", ok ? "TRUE" : "FALSE", (unsigned long)bytes, buffer);
    ro.Offset = 100;
    ok = ReadFile(file, buffer, sizeof buffer, NULL, &ro);
    if (!ok && GetLastError() == ERROR_IO_PENDING) ok = GetOverlappedResult(file, &ro, &bytes, TRUE);
    printf("read past the end: %s, error %lu\n", ok ? "TRUE" : "FALSE", ok ? 0ul : (unsigned long)GetLastError());
    CloseHandle(done);
    CloseHandle(file);
    DeleteFileA(path);
    return 0;
}
