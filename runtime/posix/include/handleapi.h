// Handle duplication, as the SDK's <handleapi.h> declares it (windows.h includes it; CloseHandle
// is declared in windows.h).
#pragma once
#pragma GCC system_header

#include "windows.h"

#define DUPLICATE_CLOSE_SOURCE 0x00000001
#define DUPLICATE_SAME_ACCESS 0x00000002

#ifdef __cplusplus
extern "C" {
#endif

BOOL WINAPI DuplicateHandle(HANDLE hSourceProcessHandle, HANDLE hSourceHandle, HANDLE hTargetProcessHandle,
                            LPHANDLE lpTargetHandle, DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwOptions);

#ifdef __cplusplus
}
#endif
