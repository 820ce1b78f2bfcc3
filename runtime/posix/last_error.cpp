#include "last_error.h"

#include <cerrno>

#include "ovlab/status_codes.h"

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
        case EIO: return ERROR_IO_DEVICE;
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
        case 0: return kStatusSuccess;
        case ECANCELED:
        case EINTR: return kStatusCancelled;
        case ENOSPC:
        case EDQUOT: return kStatusDiskFull;
        case EIO: return kStatusIoDeviceError;
        case ENOMEM:
        case EAGAIN: return kStatusInsufficientResources;
        case EBADF: return kStatusInvalidHandle;
        case EMFILE:
        case ENFILE: return kStatusTooManyOpenedFiles;
        case EINVAL: return kStatusInvalidParameter;
        case EACCES:
        case EPERM: return kStatusAccessDenied;
        default: return kStatusUnsuccessful;
    }
}

}  // namespace ovlab::posix

extern "C" {

DWORD WINAPI GetLastError(VOID) { return ovlab::posix::last_error(); }

VOID WINAPI SetLastError(DWORD dwErrCode) { ovlab::posix::set_last_error(dwErrCode); }

}  // extern "C"
