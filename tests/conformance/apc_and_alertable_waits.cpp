// docs/windows-rules.md sections 9, 10 and 11: the APC queue, alertable and non-alertable waits,
// completion routines (ReadFileEx), and an APC queued to a thread that has not started.
#include "conformance.h"

static char g_order[64];
static int g_count = 0;

static void note(char what)
{
    if (g_count < (int)sizeof g_order - 1) {
        g_order[g_count++] = what;
        g_order[g_count] = '\0';
    }
}

static void CALLBACK apc(ULONG_PTR parameter) { note((char)parameter); }

static void CALLBACK apc_that_queues_another(ULONG_PTR parameter)
{
    note((char)parameter);
    QueueUserAPC(apc, GetCurrentThread(), 'z');
}

static DWORD g_routine_error = 0xDEAD, g_routine_bytes = 0xDEAD;

static void CALLBACK routine(DWORD error, DWORD bytes, LPOVERLAPPED ov)
{
    (void)ov;
    g_routine_error = error;
    g_routine_bytes = bytes;
    note('R');
}

static DWORD WINAPI thread_routine(LPVOID parameter)
{
    (void)parameter;
    note('T');
    return 7;
}

static void show_order(const char* label)
{
    printf("%s: \"%s\"\n", label, g_order);
    g_count = 0;
    g_order[0] = '\0';
}

int main()
{
    printf("SleepEx(0, TRUE), nothing queued: 0x%lX\n", (unsigned long)SleepEx(0, TRUE));

    QueueUserAPC(apc, GetCurrentThread(), 'a');
    QueueUserAPC(apc, GetCurrentThread(), 'b');
    Sleep(10);  // not alertable: the APCs wait
    show_order("after a non-alertable Sleep");
    printf("SleepEx(0, TRUE): 0x%lX\n", (unsigned long)SleepEx(0, TRUE));
    show_order("ran, first queued first");

    // An object already signalled wins; the APC stays queued.
    HANDLE event = CreateEventA(NULL, TRUE, TRUE, NULL);
    QueueUserAPC(apc, GetCurrentThread(), 'c');
    printf("WaitForSingleObjectEx(signalled, 0, TRUE): 0x%lX\n", (unsigned long)WaitForSingleObjectEx(event, 0, TRUE));
    show_order("not run by it");
    ResetEvent(event);
    printf("WaitForSingleObjectEx(not signalled, 1000, TRUE): 0x%lX\n",
           (unsigned long)WaitForSingleObjectEx(event, 1000, TRUE));
    show_order("run by it");

    // One alertable wait drains the queue, including APCs queued while it runs.
    QueueUserAPC(apc_that_queues_another, GetCurrentThread(), 'd');
    QueueUserAPC(apc, GetCurrentThread(), 'e');
    printf("SleepEx(0, TRUE): 0x%lX\n", (unsigned long)SleepEx(0, TRUE));
    show_order("the whole queue");

    // ReadFileEx: the routine runs only in an alertable wait of the issuing thread.
    char path[MAX_PATH + 64];
    temp_file_path(path, sizeof path, "apc");
    write_sample(path, 12);
    HANDLE file = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
    char buffer[16];
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    BOOL ok = ReadFileEx(file, buffer, 8, &ov, routine);
    show_bool("ReadFileEx 8 at 0", ok, GetLastError());
    Sleep(20);
    show_order("after a non-alertable Sleep");
    printf("SleepEx(INFINITE, TRUE): 0x%lX\n", (unsigned long)SleepEx(INFINITE, TRUE));
    printf("routine: error %lu bytes %lu\n", (unsigned long)g_routine_error, (unsigned long)g_routine_bytes);
    show_order("ran");

    memset(&ov, 0, sizeof ov);
    ov.Offset = 12;
    ok = ReadFileEx(file, buffer, 8, &ov, routine);
    DWORD error = GetLastError();
    printf("[V] ReadFileEx at the end: %s error %lu\n", ok ? "TRUE" : "FALSE", ok ? 0ul : (unsigned long)error);
    if (ok) {
        SleepEx(INFINITE, TRUE);
        printf("[V] routine at the end: error %lu bytes %lu\n", (unsigned long)g_routine_error,
               (unsigned long)g_routine_bytes);
    } else {
        printf("[V] routine at the end: not called\n");
    }
    show_order("[V] at the end");

    // An APC queued to a thread created suspended runs before the thread's routine.
    HANDLE thread = CreateThread(NULL, 0, thread_routine, NULL, CREATE_SUSPENDED, NULL);
    QueueUserAPC(apc, thread, 'S');
    ResumeThread(thread);
    printf("wait for the thread: 0x%lX\n", (unsigned long)WaitForSingleObject(thread, INFINITE));
    DWORD code = 0;
    GetExitCodeThread(thread, &code);
    printf("exit code %lu\n", (unsigned long)code);
    show_order("on the new thread");

    CloseHandle(thread);
    CloseHandle(event);
    CloseHandle(file);
    DeleteFileA(path);
    return 0;
}
