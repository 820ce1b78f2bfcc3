// CreateFileA/W, GetFileSizeEx and CloseHandle: the real calls, with the handle's birth and death
// recorded and its signalled state observed from then on.
#include <filesystem>
#include <string>

#include <fmt/format.h>

#include "api_call.h"
#include "handle_watch.h"
#include "ovlab/win32_traced.h"
#include "text_encoding.h"

namespace ovlab::win32 {
namespace {


HANDLE opened(ApiCall& call, HANDLE handle, DWORD error, const char* path, DWORD flags) {
    if (handle != INVALID_HANDLE_VALUE && call.tracing()) {
        const std::string name = path ? std::filesystem::path(path).filename().string() : std::string();
        handle_created(handle, trace::HandleKind::File,
                       fmt::format("file {}{}", name, (flags & FILE_FLAG_OVERLAPPED) ? " (overlapped)" : ""),
                       (flags & FILE_FLAG_OVERLAPPED) != 0);
    }
    return call.returns_handle(handle, error);
}

}  // namespace

HANDLE Traced<"CreateFileA">::call(decltype(&::CreateFileA), LPCSTR lpFileName, DWORD dwDesiredAccess,
                                   DWORD dwShareMode, LPSECURITY_ATTRIBUTES lpSecurityAttributes,
                                   DWORD dwCreationDisposition, DWORD dwFlagsAndAttributes, HANDLE hTemplateFile) {
    ApiCall call("CreateFileA", [&] {
        return create_file_arguments(lpFileName, dwDesiredAccess, dwShareMode, lpSecurityAttributes,
                                     dwCreationDisposition, dwFlagsAndAttributes, hTemplateFile);
    });
    HANDLE handle = ::CreateFileA(lpFileName, dwDesiredAccess, dwShareMode, lpSecurityAttributes,
                                  dwCreationDisposition, dwFlagsAndAttributes, hTemplateFile);
    const DWORD error = GetLastError();
    return opened(call, handle, error, lpFileName, dwFlagsAndAttributes);
}

HANDLE Traced<"CreateFileW">::call(decltype(&::CreateFileW), LPCWSTR lpFileName, DWORD dwDesiredAccess,
                                   DWORD dwShareMode, LPSECURITY_ATTRIBUTES lpSecurityAttributes,
                                   DWORD dwCreationDisposition, DWORD dwFlagsAndAttributes, HANDLE hTemplateFile) {
    const std::string path = lpFileName ? utf8_from_wide(lpFileName) : std::string();
    const char* path_or_null = lpFileName ? path.c_str() : nullptr;
    ApiCall call("CreateFileW", [&] {
        return create_file_arguments(path_or_null, dwDesiredAccess, dwShareMode, lpSecurityAttributes,
                                     dwCreationDisposition, dwFlagsAndAttributes, hTemplateFile);
    });
    HANDLE handle = ::CreateFileW(lpFileName, dwDesiredAccess, dwShareMode, lpSecurityAttributes,
                                  dwCreationDisposition, dwFlagsAndAttributes, hTemplateFile);
    const DWORD error = GetLastError();
    return opened(call, handle, error, path_or_null, dwFlagsAndAttributes);
}

BOOL Traced<"GetFileSizeEx">::call(decltype(&::GetFileSizeEx), HANDLE hFile, PLARGE_INTEGER lpFileSize) {
    ApiCall call("GetFileSizeEx", [&] {
        return fmt::format("{}, {}", handle_argument("hFile", 0, hFile), pointer_argument("lpFileSize", 1, lpFileSize));
    });
    const BOOL ok = ::GetFileSizeEx(hFile, lpFileSize);
    return call.returns_bool(ok, GetLastError());
}

BOOL Traced<"CloseHandle">::call(decltype(&::CloseHandle), HANDLE hObject) {
    ApiCall call("CloseHandle", [&] { return handle_argument("hObject", 0, hObject); });
    const BOOL ok = ::CloseHandle(hObject);
    const DWORD error = GetLastError();
    if (ok) handle_closed(hObject);
    return call.returns_bool(ok, error);
}

}  // namespace ovlab::win32
