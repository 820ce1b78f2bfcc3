#include "last_error.h"

#include <cerrno>

namespace ovlab::posix {
namespace {

thread_local DWORD t_last_error = ERROR_SUCCESS;

}  // namespace

DWORD last_error() { return t_last_error; }

void set_last_error(DWORD error) { t_last_error = error; }

BOOL fail(DWORD error) {
    t_last_error = error;
    return FALSE;
}

DWORD win32_error_from_errno(int error) {
    switch (error) {
        case 0: return ERROR_SUCCESS;
        case ENOENT: return ERROR_FILE_NOT_FOUND;
        case ENOTDIR: return ERROR_PATH_NOT_FOUND;
        case ENAMETOOLONG: return ERROR_PATH_NOT_FOUND;
        case EACCES:
        case EPERM:
        case EROFS:
        case EISDIR: return ERROR_ACCESS_DENIED;  // Windows refuses to open a folder as a file the same way
        case EEXIST: return ERROR_FILE_EXISTS;
        case EMFILE:
        case ENFILE: return ERROR_TOO_MANY_OPEN_FILES;
        case ENOMEM: return ERROR_NOT_ENOUGH_MEMORY;
        case ENOSPC:
        case EDQUOT: return ERROR_DISK_FULL;
        case EBADF: return ERROR_INVALID_HANDLE;
        case EINVAL: return ERROR_INVALID_PARAMETER;
        case ETXTBSY:
        case EBUSY: return ERROR_SHARING_VIOLATION;
        case ECANCELED: return ERROR_OPERATION_ABORTED;
        default: return ERROR_GEN_FAILURE;
    }
}

uint32_t ntstatus_from_errno(int error) {
    switch (error) {
        case 0: return 0x00000000u;          // STATUS_SUCCESS
        case ECANCELED:
        case EINTR: return 0xC0000120u;      // STATUS_CANCELLED
        case ENOSPC:
        case EDQUOT: return 0xC000007Fu;     // STATUS_DISK_FULL
        case EBADF: return 0xC0000008u;      // STATUS_INVALID_HANDLE
        case EMFILE:
        case ENFILE: return 0xC000011Fu;     // STATUS_TOO_MANY_OPENED_FILES
        case EINVAL: return 0xC000000Du;     // STATUS_INVALID_PARAMETER
        case EACCES:
        case EPERM: return 0xC0000022u;      // STATUS_ACCESS_DENIED
        default: return 0xC0000001u;         // STATUS_UNSUCCESSFUL
    }
}

}  // namespace ovlab::posix

extern "C" {

DWORD WINAPI GetLastError(VOID) { return ovlab::posix::last_error(); }

VOID WINAPI SetLastError(DWORD dwErrCode) { ovlab::posix::set_last_error(dwErrCode); }

}  // extern "C"
