// The Microsoft CRT's thread start, as <process.h> declares it: a thread made by CreateThread (so
// inside a lesson it is a lesson thread), whose handle is the uintptr_t returned.
#pragma once
#pragma GCC system_header

#include <stdint.h>

#include "windows.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned(__stdcall* _beginthreadex_proc_type)(void*);

// 0 on failure (errno set, and the Win32 error as GetLastError gives it); otherwise the HANDLE,
// to be closed with CloseHandle.
uintptr_t __cdecl _beginthreadex(void* _Security, unsigned _StackSize, _beginthreadex_proc_type _StartAddress,
                                 void* _ArgList, unsigned _InitFlag, unsigned* _ThrdAddr);
// ExitThread; a thread started by _beginthreadex may also just return.
__attribute__((noreturn)) void __cdecl _endthreadex(unsigned _Retval);

#ifdef __cplusplus
}
#endif
