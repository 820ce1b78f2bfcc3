#include "file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>

#include <fmt/format.h>

#include "api_call.h"
#include "handle_table.h"
#include "last_error.h"
#include "pipe.h"
#include "text_encoding.h"

namespace ovlab::posix {
namespace {

bool wants_read(DWORD access) {
    return access & (GENERIC_READ | GENERIC_ALL | FILE_READ_DATA);
}

bool wants_write(DWORD access) {
    return access & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA | FILE_APPEND_DATA);
}

// Windows paths may use backslashes ("data\\a.bin"); Linux needs slashes.
std::string linux_path(const char* path) {
    std::string converted = path;
    for (char& ch : converted)
        if (ch == '\\') ch = '/';
    return converted;
}

// ENOENT means ERROR_FILE_NOT_FOUND when the folder exists, ERROR_PATH_NOT_FOUND when it does not.
DWORD open_error(int error, const std::string& path) {
    if (error != ENOENT) return win32_error_from_errno(error);
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ignored;
    if (!parent.empty() && !std::filesystem::is_directory(parent, ignored)) return ERROR_PATH_NOT_FOUND;
    return ERROR_FILE_NOT_FOUND;
}


// open(2) with the flags of one attempt; returns the descriptor or -1 with errno.
int open_file(const std::string& path, int access_flags, int extra_flags) {
    int fd;
    do {
        fd = ::open(path.c_str(), access_flags | extra_flags | O_CLOEXEC, 0666);
    } while (fd < 0 && errno == EINTR);
    return fd;
}

HANDLE create_file(const char* path_text, DWORD access, DWORD disposition, DWORD flags) {
    if (path_text == nullptr || *path_text == '\0') {
        set_last_error(ERROR_PATH_NOT_FOUND);
        return INVALID_HANDLE_VALUE;
    }
    // "\\.\pipe\name": the client end of a named pipe (pipe.h).
    if (const std::string pipe = pipe_name_from_path(path_text); !pipe.empty())
        return create_pipe_client_handle(pipe, access, flags);
    const std::string path = linux_path(path_text);
    const bool can_read = wants_read(access), can_write = wants_write(access);
    // A handle opened for neither (attributes only) still gets a descriptor for GetFileSizeEx.
    int access_flags = can_read && can_write ? O_RDWR : can_write ? O_WRONLY : can_read ? O_RDONLY : O_PATH;
    if (access_flags == O_PATH && (disposition == CREATE_NEW || disposition == OPEN_ALWAYS))
        access_flags = O_RDONLY;  // O_PATH cannot create a file
    if (access_flags == O_PATH && (disposition == CREATE_ALWAYS || disposition == TRUNCATE_EXISTING)) {
        set_last_error(ERROR_INVALID_PARAMETER);  // truncating needs write access, as on Windows
        return INVALID_HANDLE_VALUE;
    }
    int fd = -1;
    DWORD success_error = ERROR_SUCCESS;
    switch (disposition) {
        case CREATE_NEW: fd = open_file(path, access_flags, O_CREAT | O_EXCL); break;
        case OPEN_EXISTING: fd = open_file(path, access_flags, 0); break;
        case TRUNCATE_EXISTING: fd = open_file(path, access_flags, O_TRUNC); break;
        case CREATE_ALWAYS:
        case OPEN_ALWAYS: {
            // Windows reports whether the file already existed through ERROR_ALREADY_EXISTS.
            fd = open_file(path, access_flags, O_CREAT | O_EXCL);
            if (fd < 0 && errno == EEXIST) {
                fd = open_file(path, access_flags, disposition == CREATE_ALWAYS ? O_TRUNC : 0);
                success_error = ERROR_ALREADY_EXISTS;
            }
            break;
        }
        default: set_last_error(ERROR_INVALID_PARAMETER); return INVALID_HANDLE_VALUE;
    }
    if (fd < 0) {
        set_last_error(open_error(errno, path));
        return INVALID_HANDLE_VALUE;
    }
    struct stat info {};
    if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {  // Windows opens folders only with BACKUP_SEMANTICS
        ::close(fd);
        set_last_error(ERROR_ACCESS_DENIED);
        return INVALID_HANDLE_VALUE;
    }
    const std::string name = std::filesystem::path(path).filename().string();
    HANDLE handle =
        insert_handle(std::make_shared<FileObject>(fd, name, (flags & FILE_FLAG_OVERLAPPED) != 0, can_read, can_write));
    set_last_error(success_error);
    return handle;
}

}  // namespace

FileObject::~FileObject() {
    ::close(fd_);
    if (append_fd_ >= 0) ::close(append_fd_);
}

int FileObject::append_fd() {
    std::lock_guard lock(append_mutex_);
    if (append_fd_ < 0) {
        const std::string self = fmt::format("/proc/self/fd/{}", fd_);
        append_fd_ = ::open(self.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    }
    return append_fd_;
}

std::string FileObject::describe() const {
    return fmt::format("file {}{}", display_name_, overlapped() ? " (overlapped)" : "");
}

}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" HANDLE WINAPI CreateFileA(LPCSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
                                     LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
                                     DWORD dwFlagsAndAttributes, HANDLE hTemplateFile) {
    ApiCall call("CreateFileA", [&] {
        return create_file_arguments(lpFileName, dwDesiredAccess, dwShareMode, lpSecurityAttributes,
                                     dwCreationDisposition, dwFlagsAndAttributes, hTemplateFile);
    });
    return call.returns_handle(create_file(lpFileName, dwDesiredAccess, dwCreationDisposition, dwFlagsAndAttributes));
}

extern "C" HANDLE WINAPI CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
                                     LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
                                     DWORD dwFlagsAndAttributes, HANDLE hTemplateFile) {
    const std::string path = lpFileName ? utf8_from_wide(lpFileName) : "";
    const char* path_or_null = lpFileName ? path.c_str() : nullptr;
    ApiCall call("CreateFileW", [&] {
        return create_file_arguments(path_or_null, dwDesiredAccess, dwShareMode, lpSecurityAttributes,
                                     dwCreationDisposition, dwFlagsAndAttributes, hTemplateFile);
    });
    return call.returns_handle(create_file(path_or_null, dwDesiredAccess, dwCreationDisposition, dwFlagsAndAttributes));
}

extern "C" BOOL WINAPI GetFileSizeEx(HANDLE hFile, PLARGE_INTEGER lpFileSize) {
    ApiCall call("GetFileSizeEx", [&] {
        return fmt::format("{}, {}", handle_argument("hFile", 0, hFile), pointer_argument("lpFileSize", 1, lpFileSize));
    });
    std::shared_ptr<FileObject> file = lookup_handle_as<FileObject>(hFile);
    if (!file) return call.returns_bool(fail(ERROR_INVALID_HANDLE));
    if (!lpFileSize) return call.returns_bool(fail(ERROR_INVALID_PARAMETER));
    struct stat info {};
    if (::fstat(file->fd(), &info) != 0) return call.returns_bool(fail(win32_error_from_errno(errno)));
    lpFileSize->QuadPart = info.st_size;
    return call.returns_bool(TRUE);
}
