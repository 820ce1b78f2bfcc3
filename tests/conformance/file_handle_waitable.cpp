// docs/windows-rules.md section 5: the file handle as a waitable. With hEvent NULL the system signals
// the handle itself when the request finishes, and it stays signalled (manual-reset behaviour).
#include "conformance.h"

#define WAIT1(label, h)                                                     \
    do {                                                                    \
        DWORD result_ = WaitForSingleObject((h), 0);                        \
        printf("%s: 0x%lX\n", (label), (unsigned long)result_);             \
    } while (0)

int main()
{
    char path[MAX_PATH + 64];
    temp_file_path(path, sizeof path, "waitable");
    write_sample(path, 16);
    HANDLE file = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
    char buffer[8];

    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    BOOL ok = ReadFile(file, buffer, 8, NULL, &ov);
    DWORD error = GetLastError();
    printf("[V] read with hEvent NULL: %s error %lu\n", ok ? "TRUE" : "FALSE", ok ? 0ul : (unsigned long)error);
    DWORD result = WaitForSingleObject(file, INFINITE);
    printf("wait on the file handle: 0x%lX\n", (unsigned long)result);
    show_fields("after the wait", &ov);
    WAIT1("the handle stays signalled", file);
    WAIT1("and again", file);

    // With an event the event is signalled, and the handle is not (it was reset when the request
    // started). Wine keeps a regular file's handle signalled all the time (section 16).
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    ov.Offset = 8;
    ok = ReadFile(file, buffer, 8, NULL, &ov);
    error = GetLastError();
    printf("[V] read with an event: %s error %lu\n", ok ? "TRUE" : "FALSE", ok ? 0ul : (unsigned long)error);
    result = WaitForSingleObject(event, INFINITE);
    printf("wait on the event: 0x%lX\n", (unsigned long)result);
    result = WaitForSingleObject(file, 0);
    printf("[!W] the file handle after a request with an event: 0x%lX\n", (unsigned long)result);
    finish("GetOverlappedResult", file, &ov);

    CloseHandle(event);
    CloseHandle(file);
    DeleteFileA(path);
    return 0;
}
