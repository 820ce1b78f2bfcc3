// System information, tick counts and the performance counter, as the SDK's <sysinfoapi.h> declares them (windows.h
// includes it).
#pragma once
#pragma GCC system_header

#include "windows.h"

#define PROCESSOR_ARCHITECTURE_AMD64 9
#define PROCESSOR_AMD_X8664 8664

typedef struct _SYSTEM_INFO {
    union {
        DWORD dwOemId;
        struct {
            WORD wProcessorArchitecture;
            WORD wReserved;
        };
    };
    DWORD dwPageSize;
    LPVOID lpMinimumApplicationAddress;
    LPVOID lpMaximumApplicationAddress;
    DWORD_PTR dwActiveProcessorMask;
    DWORD dwNumberOfProcessors;  // what CreateIoCompletionPort's concurrency value 0 means
    DWORD dwProcessorType;
    DWORD dwAllocationGranularity;
    WORD wProcessorLevel;
    WORD wProcessorRevision;
} SYSTEM_INFO, *LPSYSTEM_INFO;

#ifdef __cplusplus
static_assert(sizeof(SYSTEM_INFO) == 48, "SYSTEM_INFO is 48 bytes on x64");
extern "C" {
#endif

VOID WINAPI GetSystemInfo(LPSYSTEM_INFO lpSystemInfo);
// Milliseconds since the system started. The 32-bit count wraps around after 49.7 days.
DWORD WINAPI GetTickCount(VOID);
ULONGLONG WINAPI GetTickCount64(VOID);
// <profileapi.h>: a monotonic counter and its fixed frequency (10 MHz, as on current Windows).
BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER* lpPerformanceCount);
BOOL WINAPI QueryPerformanceFrequency(LARGE_INTEGER* lpFrequency);

#ifdef __cplusplus
}
#endif
