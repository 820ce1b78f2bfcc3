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

const char* disposition_name(DWORD disposition) {
    switch (disposition) {
        case CREATE_NEW: return "CREATE_NEW";
        case CREATE_ALWAYS: return "CREATE_ALWAYS";
        case OPEN_EXISTING: return "OPEN_EXISTING";
        case OPEN_ALWAYS: return "OPEN_ALWAYS";
        case TRUNCATE_EXISTING: return "TRUNCATE_EXISTING";
        default: return nullptr;
    }
}

std::string flag_names(DWORD value, std::initializer_list<std::pair<DWORD, const char*>> names) {
    std::string text;
    for (const auto& [bit, name] : names) {
        if ((value & bit) != bit) continue;
        text += text.empty() ? "" : " | ";
        text += name;
        value &= ~bit;
    }
    if (value != 0 || text.empty()) text += fmt::format("{}0x{:X}", text.empty() ? "" : " | ", value);
    return text;
}

std::string create_file_arguments(const char* path, DWORD access, DWORD share, LPSECURITY_ATTRIBUTES security,
                                   DWORD disposition, DWORD flags, HANDLE template_file) {
    const char* disposition_text = disposition_name(disposition);
    return fmt::format(
        "{}, dwDesiredAccess={}, dwShareMode={}, {}, dwCreationDisposition={}, dwFlagsAndAttributes={}, {}",
        path_argument("lpFileName", path),
        flag_names(access, {{GENERIC_READ, "GENERIC_READ"}, {GENERIC_WRITE, "GENERIC_WRITE"}, {GENERIC_ALL, "GENERIC_ALL"}}),
        share == 0 ? std::string("0")
                   : flag_names(share, {{FILE_SHARE_READ, "FILE_SHARE_READ"},
                                        {FILE_SHARE_WRITE, "FILE_SHARE_WRITE"},
                                        {FILE_SHARE_DELETE, "FILE_SHARE_DELETE"}}),
        pointer_argument("lpSecurityAttributes", 3, security),
        disposition_text ? std::string(disposition_text) : fmt::format("{}", disposition),
        flag_names(flags, {{FILE_FLAG_OVERLAPPED, "FILE_FLAG_OVERLAPPED"},
                           {FILE_FLAG_NO_BUFFERING, "FILE_FLAG_NO_BUFFERING"},
                           {FILE_FLAG_WRITE_THROUGH, "FILE_FLAG_WRITE_THROUGH"},
                           {FILE_FLAG_SEQUENTIAL_SCAN, "FILE_FLAG_SEQUENTIAL_SCAN"},
                           {FILE_FLAG_RANDOM_ACCESS, "FILE_FLAG_RANDOM_ACCESS"},
                           {FILE_ATTRIBUTE_NORMAL, "FILE_ATTRIBUTE_NORMAL"}}),
        handle_argument("hTemplateFile", 6, template_file));
}

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
