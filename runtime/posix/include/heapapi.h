// The process heap, as the SDK's <heapapi.h> declares it (windows.h includes this file).
//
// Windows frees a process's heap when the process ends. A lesson run shares the lab's process, so
// GetProcessHeap gives the run a heap of its own, and the lab frees every block still in it when
// the run ends or is reset: what a lesson allocated is never leaked by a Reset.
#pragma once
#pragma GCC system_header

#include "windows.h"

#define HEAP_NO_SERIALIZE 0x00000001
#define HEAP_GENERATE_EXCEPTIONS 0x00000004
#define HEAP_ZERO_MEMORY 0x00000008

#ifdef __cplusplus
extern "C" {
#endif

HANDLE WINAPI GetProcessHeap(VOID);
// NULL when the memory cannot be had (without setting the last error, as on Windows).
LPVOID WINAPI HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes);
BOOL WINAPI HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem);
SIZE_T WINAPI HeapSize(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem);

#ifdef __cplusplus
}
#endif
