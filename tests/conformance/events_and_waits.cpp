// docs/windows-rules.md sections 5 and 9: events, waits, and what ReadFile does to hEvent.
#include "conformance.h"

static void show_wait(const char* label, DWORD result, DWORD error)
{
    if (result == WAIT_FAILED) {
        printf("%s: WAIT_FAILED error %lu\n", label, (unsigned long)error);
    } else {
        printf("%s: 0x%lX\n", label, (unsigned long)result);
    }
}

#define WAIT1(label, h, ms)                                  \
    do {                                                     \
        DWORD result_ = WaitForSingleObject((h), (ms));      \
        DWORD error_ = GetLastError();                       \
        show_wait((label), result_, error_);                 \
    } while (0)

int main()
{
    HANDLE manual = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE automatic = CreateEventA(NULL, FALSE, TRUE, NULL);
    printf("CreateEventA: %s, GetLastError %lu\n", manual && automatic ? "two events" : "failed",
           (unsigned long)GetLastError());

    WAIT1("manual, not set, wait 0", manual, 0);
    SetEvent(manual);
    WAIT1("manual, set, wait 0", manual, 0);
    WAIT1("manual, still set, wait 0", manual, 0);
    ResetEvent(manual);
    WAIT1("manual, reset, wait 10", manual, 10);

    WAIT1("auto, initially set, wait 0", automatic, 0);
    WAIT1("auto, consumed, wait 0", automatic, 0);

    // Wait-any: the lowest signalled index wins; only the satisfied auto-reset event is consumed.
    HANDLE both[2] = {manual, automatic};
    SetEvent(manual);
    SetEvent(automatic);
    DWORD result = WaitForMultipleObjects(2, both, FALSE, 0);
    show_wait("any of (manual set, auto set)", result, GetLastError());
    WAIT1("auto after a wait-any satisfied by manual", automatic, 0);
    result = WaitForMultipleObjects(2, both, TRUE, 0);
    show_wait("all of (manual set, auto consumed)", result, GetLastError());
    SetEvent(automatic);
    result = WaitForMultipleObjects(2, both, TRUE, 0);
    show_wait("all of (manual set, auto set)", result, GetLastError());
    WAIT1("auto after the wait-all", automatic, 0);
    ResetEvent(manual);
    SetEvent(automatic);
    result = WaitForMultipleObjects(2, both, FALSE, 0);
    show_wait("any of (manual reset, auto set)", result, GetLastError());

    // Named events: the second CreateEvent opens the first one. The name carries the process id:
    // the same program runs once per backend at the same time, and names are shared between processes.
    char name[64];
    snprintf(name, sizeof name, "ovlab-conformance-named-event-%lu", (unsigned long)GetCurrentProcessId());
    HANDLE named = CreateEventA(NULL, TRUE, FALSE, name);
    printf("named, first: GetLastError %lu\n", (unsigned long)GetLastError());
    HANDLE again = CreateEventA(NULL, FALSE, TRUE, name);
    printf("named, second: GetLastError %lu\n", (unsigned long)GetLastError());
    SetEvent(named);
    WAIT1("named, set through the first handle, wait on the second", again, 0);
    WAIT1("named keeps its manual-reset mode", again, 0);
    CloseHandle(again);
    CloseHandle(named);

    // Bad input.
    result = WaitForMultipleObjects(0, both, FALSE, 0);
    show_wait("WaitForMultipleObjects nCount 0", result, GetLastError());
    result = WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS + 1, both, FALSE, 0);
    show_wait("WaitForMultipleObjects nCount 65", result, GetLastError());
    WAIT1("WaitForSingleObject NULL", NULL, 0);
    BOOL ok = SetEvent(NULL);
    show_bool("SetEvent NULL", ok, GetLastError());

    // ReadFile resets hEvent when the request starts and sets it when it finishes.
    char path[MAX_PATH + 64];
    temp_file_path(path, sizeof path, "events");
    write_sample(path, 16);
    HANDLE file = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
    char buffer[8];
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = automatic;
    SetEvent(automatic);
    ok = ReadFile(file, buffer, 8, NULL, &ov);
    DWORD error = GetLastError();
    printf("[V] read with an auto-reset hEvent: %s error %lu\n", ok ? "TRUE" : "FALSE", ok ? 0ul : (unsigned long)error);
    WAIT1("auto-reset hEvent after the read finished, wait INFINITE", automatic, INFINITE);
    WAIT1("auto-reset hEvent consumed by that wait", automatic, 0);
    // GetOverlappedResult looks at Internal first: the request is done, so it does not wait on the
    // (now reset) event.
    finish("GetOverlappedResult after the event was consumed", file, &ov);
    CloseHandle(file);
    DeleteFileA(path);

    ok = CloseHandle(manual);
    show_bool("CloseHandle manual", ok, GetLastError());
    ok = CloseHandle(automatic);
    show_bool("CloseHandle auto", ok, GetLastError());
    WAIT1("WaitForSingleObject on a closed handle", manual, 0);
    return 0;
}
