// A work queue on a completion port, as Win32 tutorials write one before they touch any I/O:
// CreateThread workers with DWORD WINAPI procedures, work items posted with
// PostQueuedCompletionStatus and found again with CONTAINING_RECORD, a _beginthreadex thread that
// ends with _endthreadex, a VOID CALLBACK APC, a __cdecl qsort comparator, FIELD_OFFSET, the
// Interlocked family and the timing calls. It prints only what every run prints.
#include <windows.h>
#include <process.h>
#include <stdio.h>
#include <stdlib.h>

#define WORKERS 2
#define ITEMS 8

typedef struct _WORK_ITEM {
    DWORD Number;
    OVERLAPPED Overlapped;  // the packet carries this; CONTAINING_RECORD gives the item back
    DWORD Square;
} WORK_ITEM;

static HANDLE g_queue = NULL;
static volatile LONG g_done = 0;
static volatile LONG g_sum = 0;
static DWORD g_results[ITEMS];
static volatile LONG g_next_result = 0;

static DWORD WINAPI WorkerProc(LPVOID lpParam)
{
    (void)lpParam;
    for (;;) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        LPOVERLAPPED overlapped = NULL;
        if (!GetQueuedCompletionStatus(g_queue, &bytes, &key, &overlapped, INFINITE)) {
            return 1;
        }
        if (key == 0) {  // the stop packet
            return 0;
        }
        WORK_ITEM* item = CONTAINING_RECORD(overlapped, WORK_ITEM, Overlapped);
        item->Square = item->Number * item->Number;
        InterlockedExchangeAdd(&g_sum, (LONG)item->Square);
        g_results[InterlockedIncrement(&g_next_result) - 1] = item->Square;
        InterlockedIncrement(&g_done);
    }
}

static unsigned __stdcall OneShot(void* argument)
{
    LONG* flag = (LONG*)argument;
    LONG before = InterlockedCompareExchange(flag, 1, 0);
    _endthreadex(before == 0 ? 7 : 8);
}

static VOID CALLBACK CountApc(ULONG_PTR parameter)
{
    InterlockedIncrement((LONG*)parameter);
}

static int __cdecl CompareDwords(const void* a, const void* b)
{
    DWORD x = *(const DWORD*)a, y = *(const DWORD*)b;
    return x < y ? -1 : x > y ? 1 : 0;
}

int main(void)
{
    SYSTEM_INFO info;
    ZeroMemory(&info, sizeof(info));
    GetSystemInfo(&info);
    printf("processors: %s\n", info.dwNumberOfProcessors > 0 ? "at least one" : "none");
    printf("FIELD_OFFSET(WORK_ITEM, Overlapped) = %u\n", (unsigned)FIELD_OFFSET(WORK_ITEM, Overlapped));

    g_queue = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, WORKERS);
    HANDLE workers[WORKERS];
    for (int i = 0; i < WORKERS; ++i) {
        workers[i] = CreateThread(NULL, 0, WorkerProc, NULL, 0, NULL);
    }
    static WORK_ITEM items[ITEMS];
    for (DWORD i = 0; i < _countof(items); ++i) {
        ZeroMemory(&items[i], sizeof(items[i]));
        items[i].Number = i + 1;
        PostQueuedCompletionStatus(g_queue, 0, 1, &items[i].Overlapped);
    }
    ULONGLONG start = GetTickCount64();
    while (InterlockedCompareExchange(&g_done, 0, 0) < ITEMS) {
        Sleep(1);
    }
    printf("items done: %ld, sum of squares: %ld\n", (long)g_done, (long)g_sum);
    for (int i = 0; i < WORKERS; ++i) {
        PostQueuedCompletionStatus(g_queue, 0, 0, NULL);
    }
    printf("workers ended: 0x%lX\n", (unsigned long)WaitForMultipleObjects(WORKERS, workers, TRUE, INFINITE));
    for (int i = 0; i < WORKERS; ++i) {
        DWORD code = 0xDEAD;
        GetExitCodeThread(workers[i], &code);
        printf("worker %d exit code %lu\n", i, (unsigned long)code);
        CloseHandle(workers[i]);
    }
    DWORD sorted[ITEMS];
    CopyMemory(sorted, g_results, sizeof(sorted));
    qsort(sorted, _countof(sorted), sizeof(sorted[0]), CompareDwords);
    printf("squares in order:");
    for (DWORD i = 0; i < _countof(sorted); ++i) {
        printf(" %lu", (unsigned long)sorted[i]);
    }
    printf("\n");

    LONG flag = 0;
    HANDLE one_shot = (HANDLE)_beginthreadex(NULL, 0, OneShot, &flag, 0, NULL);
    WaitForSingleObject(one_shot, INFINITE);
    DWORD code = 0;
    GetExitCodeThread(one_shot, &code);
    printf("_endthreadex code %lu, flag %ld\n", (unsigned long)code, (long)flag);
    CloseHandle(one_shot);

    LONG apcs = 0;
    QueueUserAPC(CountApc, GetCurrentThread(), (ULONG_PTR)&apcs);
    DWORD slept = SleepEx(0, TRUE);
    printf("SleepEx(0, TRUE): 0x%lX, APCs run %ld\n", (unsigned long)slept, (long)apcs);

    LARGE_INTEGER frequency, before, after;
    QueryPerformanceFrequency(&frequency);
    QueryPerformanceCounter(&before);
    Sleep(5);
    QueryPerformanceCounter(&after);
    printf("time moves forward: %s\n",
           after.QuadPart > before.QuadPart && GetTickCount64() >= start && frequency.QuadPart > 0 ? "yes" : "no");
    printf("MAKEWORD(2, 2) = 0x%X\n", (unsigned)MAKEWORD(2, 2));
    CloseHandle(g_queue);
    return 0;
}
