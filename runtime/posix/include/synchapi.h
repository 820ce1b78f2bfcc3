// Alertable waits, as the SDK's <synchapi.h> declares them (windows.h includes it). The plain
// waits (WaitForSingleObject, Sleep, ...) are declared in windows.h.
#pragma once
#pragma GCC system_header

#include "windows.h"

#ifdef __cplusplus
extern "C" {
#endif

// bAlertable TRUE: queued APCs (QueueUserAPC, ReadFileEx/WriteFileEx completion routines) run
// inside the wait, which then returns WAIT_IO_COMPLETION instead of waiting on.
DWORD WINAPI SleepEx(DWORD dwMilliseconds, BOOL bAlertable);
DWORD WINAPI WaitForSingleObjectEx(HANDLE hHandle, DWORD dwMilliseconds, BOOL bAlertable);
DWORD WINAPI WaitForMultipleObjectsEx(DWORD nCount, CONST HANDLE* lpHandles, BOOL bWaitAll, DWORD dwMilliseconds,
                                      BOOL bAlertable);
DWORD WINAPI SignalObjectAndWait(HANDLE hObjectToSignal, HANDLE hObjectToWaitOn, DWORD dwMilliseconds,
                                 BOOL bAlertable);

#ifdef __cplusplus
}
#endif
