// The calling thread's last-error value (GetLastError/SetLastError), and errno translations.
#pragma once

#include <windows.h>

#include <cstdint>

namespace ovlab::posix {

DWORD last_error();
void set_last_error(DWORD error);

// Sets the thread's last error and returns FALSE: `return fail(ERROR_INVALID_HANDLE);`
BOOL fail(DWORD error);

// What a Windows call reports for the Linux error a file operation hit (CreateFile, sync I/O).
DWORD win32_error_from_errno(int error);
// What OVERLAPPED.Internal receives for a request the kernel failed with this errno.
uint32_t ntstatus_from_errno(int error);

}  // namespace ovlab::posix
