// SetFilePointerEx, SetEndOfFile, DeleteFile, GetFileAttributes, GetTempPath, GetTempFileName.
//
// Known divergences from Windows: DeleteFile removes a file even while a handle without
// FILE_SHARE_DELETE has it open (Linux has no sharing modes). Inside a lesson, GetTempPath is the
// lesson's working folder (removed with it), so transcripts do not depend on the machine.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>

#include <fmt/format.h>

#include "api_call.h"
#include "file.h"
#include "handle_table.h"
#include "last_error.h"
#include "ovlab/session.h"
#include "text_encoding.h"

namespace ovlab::posix {
namespace {

std::string linux_path(const char* path) {
    std::string converted = path;
    for (char& ch : converted)
        if (ch == '\\') ch = '/';
    return converted;
}

// ENOENT is ERROR_FILE_NOT_FOUND when the folder exists, ERROR_PATH_NOT_FOUND when it does not.
DWORD missing_file_error(const std::string& path) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ignored;
    if (!parent.empty() && !std::filesystem::is_directory(parent, ignored)) return ERROR_PATH_NOT_FOUND;
    return ERROR_FILE_NOT_FOUND;
}

BOOL set_file_pointer(HANDLE handle, LARGE_INTEGER distance, PLARGE_INTEGER new_position, DWORD method) {
    std::shared_ptr<FileObject> file = lookup_handle_as<FileObject>(handle);
    if (!file) return fail(ERROR_INVALID_HANDLE);
    const int whence = method == FILE_BEGIN     ? SEEK_SET
                       : method == FILE_CURRENT ? SEEK_CUR
                       : method == FILE_END     ? SEEK_END
                                                : -1;
    if (whence < 0) return fail(ERROR_INVALID_PARAMETER);
    // Overlapped I/O never uses this position (each request carries its offset); synchronous
    // ReadFile/WriteFile and SetEndOfFile do.
    const off_t position = ::lseek(file->fd(), static_cast<off_t>(distance.QuadPart), whence);
    if (position < 0) return fail(errno == EINVAL ? ERROR_NEGATIVE_SEEK : win32_error_from_errno(errno));
    if (new_position) new_position->QuadPart = position;
    return TRUE;
}

BOOL set_end_of_file(HANDLE handle) {
    std::shared_ptr<FileObject> file = lookup_handle_as<FileObject>(handle);
    if (!file) return fail(ERROR_INVALID_HANDLE);
    if (!file->can_write()) return fail(ERROR_ACCESS_DENIED);
    const off_t position = ::lseek(file->fd(), 0, SEEK_CUR);
    if (position < 0 || ::ftruncate(file->fd(), position) != 0) return fail(win32_error_from_errno(errno));
    return TRUE;
}

BOOL delete_file(const char* path_text) {
    if (!path_text || !*path_text) return fail(ERROR_PATH_NOT_FOUND);
    const std::string path = linux_path(path_text);
    if (::unlink(path.c_str()) == 0) return TRUE;
    if (errno == ENOENT) return fail(missing_file_error(path));
    // Windows refuses DeleteFile on a folder with ERROR_ACCESS_DENIED, as unlink does with EISDIR.
    return fail(win32_error_from_errno(errno));
}

// What NTFS reports for a folder, or for a file created by CreateFile (FILE_ATTRIBUTE_ARCHIVE);
// no write permission at all reads as FILE_ATTRIBUTE_READONLY, as Wine maps it.
DWORD file_attributes(const char* path_text) {
    if (!path_text || !*path_text) {
        set_last_error(ERROR_PATH_NOT_FOUND);
        return INVALID_FILE_ATTRIBUTES;
    }
    const std::string path = linux_path(path_text);
    struct stat info{};
    if (::stat(path.c_str(), &info) != 0) {
        set_last_error(errno == ENOENT ? missing_file_error(path) : win32_error_from_errno(errno));
        return INVALID_FILE_ATTRIBUTES;
    }
    DWORD attributes = S_ISDIR(info.st_mode) ? FILE_ATTRIBUTE_DIRECTORY : FILE_ATTRIBUTE_ARCHIVE;
    if ((info.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0) attributes |= FILE_ATTRIBUTE_READONLY;
    return attributes;
}

std::string temp_folder() {
    std::string folder;
    if (Session* session = Session::current()) {
        folder = session->workdir().string();
    } else {
        std::error_code error;
        folder = std::filesystem::temp_directory_path(error).string();
        if (error) folder = "/tmp";
    }
    while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
    return folder + "/";  // Windows ends it with a separator too
}

// GetTempPath's length rule: the length copied (without the terminating zero), or, when the
// buffer is too small, the size it needs (with the zero).
template <class Char>
DWORD copy_out(const std::basic_string<Char>& text, DWORD buffer_length, Char* buffer) {
    const auto length = static_cast<DWORD>(text.size());
    if (!buffer || buffer_length <= length) return length + 1;
    std::char_traits<Char>::copy(buffer, text.c_str(), text.size() + 1);
    return length;
}

UINT temp_file_name(const char* folder_text, const char* prefix, UINT unique, char* out) {
    if (!folder_text || !out) {
        set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    std::string folder = linux_path(folder_text);
    if (!folder.empty() && folder.back() != '/') folder += '/';
    const std::string start = folder + std::string(prefix ? prefix : "").substr(0, 3);
    auto name_for = [&](UINT number) { return fmt::format("{}{:X}.TMP", start, number & 0xFFFF); };
    if (unique != 0) {  // only makes the name
        const std::string name = name_for(unique);
        if (name.size() >= MAX_PATH) {
            set_last_error(ERROR_INVALID_PARAMETER);
            return 0;
        }
        std::char_traits<char>::copy(out, name.c_str(), name.size() + 1);
        return unique;
    }
    // Windows starts from the tick count; from 1 here, so every run makes the same names.
    for (UINT number = 1; number <= 0xFFFF; ++number) {
        const std::string name = name_for(number);
        if (name.size() >= MAX_PATH) {
            set_last_error(ERROR_INVALID_PARAMETER);
            return 0;
        }
        const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            ::close(fd);
            std::char_traits<char>::copy(out, name.c_str(), name.size() + 1);
            return number;
        }
        if (errno != EEXIST) {
            set_last_error(errno == ENOENT ? ERROR_PATH_NOT_FOUND : win32_error_from_errno(errno));
            return 0;
        }
    }
    set_last_error(ERROR_FILE_EXISTS);
    return 0;
}

}  // namespace
}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" BOOL WINAPI SetFilePointerEx(HANDLE hFile, LARGE_INTEGER liDistanceToMove, PLARGE_INTEGER lpNewFilePointer,
                                        DWORD dwMoveMethod) {
    ApiCall call("SetFilePointerEx", [&] {
        const char* methods[] = {"FILE_BEGIN", "FILE_CURRENT", "FILE_END"};
        return fmt::format("{}, liDistanceToMove={}, {}, dwMoveMethod={}", handle_argument("hFile", 0, hFile),
                           liDistanceToMove.QuadPart, pointer_argument("lpNewFilePointer", 2, lpNewFilePointer),
                           dwMoveMethod <= FILE_END ? std::string(methods[dwMoveMethod]) : fmt::format("{}", dwMoveMethod));
    });
    return call.returns_bool(set_file_pointer(hFile, liDistanceToMove, lpNewFilePointer, dwMoveMethod));
}

extern "C" BOOL WINAPI SetEndOfFile(HANDLE hFile) {
    ApiCall call("SetEndOfFile", [&] { return handle_argument("hFile", 0, hFile); });
    return call.returns_bool(set_end_of_file(hFile));
}

extern "C" BOOL WINAPI DeleteFileA(LPCSTR lpFileName) {
    ApiCall call("DeleteFileA", [&] { return path_argument("lpFileName", lpFileName); });
    return call.returns_bool(delete_file(lpFileName));
}

extern "C" BOOL WINAPI DeleteFileW(LPCWSTR lpFileName) {
    const std::string path = lpFileName ? utf8_from_wide(lpFileName) : "";
    const char* path_or_null = lpFileName ? path.c_str() : nullptr;
    ApiCall call("DeleteFileW", [&] { return path_argument("lpFileName", path_or_null); });
    return call.returns_bool(delete_file(path_or_null));
}

extern "C" DWORD WINAPI GetFileAttributesA(LPCSTR lpFileName) {
    ApiCall call("GetFileAttributesA", [&] { return path_argument("lpFileName", lpFileName); });
    const DWORD attributes = file_attributes(lpFileName);
    return call.returns_dword(attributes, attributes == INVALID_FILE_ATTRIBUTES);
}

extern "C" DWORD WINAPI GetFileAttributesW(LPCWSTR lpFileName) {
    const std::string path = lpFileName ? utf8_from_wide(lpFileName) : "";
    const char* path_or_null = lpFileName ? path.c_str() : nullptr;
    ApiCall call("GetFileAttributesW", [&] { return path_argument("lpFileName", path_or_null); });
    const DWORD attributes = file_attributes(path_or_null);
    return call.returns_dword(attributes, attributes == INVALID_FILE_ATTRIBUTES);
}

extern "C" DWORD WINAPI GetTempPathA(DWORD nBufferLength, LPSTR lpBuffer) {
    ApiCall call("GetTempPathA", [&] {
        return fmt::format("nBufferLength={}, {}", nBufferLength, pointer_argument("lpBuffer", 1, lpBuffer));
    });
    return call.returns_dword(copy_out(temp_folder(), nBufferLength, lpBuffer), false);
}

extern "C" DWORD WINAPI GetTempPathW(DWORD nBufferLength, LPWSTR lpBuffer) {
    ApiCall call("GetTempPathW", [&] {
        return fmt::format("nBufferLength={}, {}", nBufferLength, pointer_argument("lpBuffer", 1, lpBuffer));
    });
    return call.returns_dword(copy_out(wide_from_utf8(temp_folder()), nBufferLength, lpBuffer), false);
}

extern "C" UINT WINAPI GetTempFileNameA(LPCSTR lpPathName, LPCSTR lpPrefixString, UINT uUnique, LPSTR lpTempFileName) {
    ApiCall call("GetTempFileNameA", [&] {
        return fmt::format("{}, lpPrefixString={}, uUnique={}, {}", path_argument("lpPathName", lpPathName),
                           lpPrefixString ? fmt::format("\"{}\"", lpPrefixString) : std::string("NULL"), uUnique,
                           pointer_argument("lpTempFileName", 3, lpTempFileName));
    });
    const UINT number = temp_file_name(lpPathName, lpPrefixString, uUnique, lpTempFileName);
    return call.returns_dword(number, number == 0);
}
