#include "call_arguments.h"

#include <initializer_list>
#include <utility>

#include <fmt/format.h>

#include "ovlab/callsite.h"
#include "ovlab/session.h"
#include "ovlab/status_codes.h"

namespace ovlab {
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

}  // namespace

std::string handle_argument(std::string_view parameter, size_t index, HANDLE handle) {
    const uint64_t value = reinterpret_cast<uint64_t>(handle);
    name_argument(index, value, false);
    if (handle == nullptr) return fmt::format("{}=NULL", parameter);
    if (handle == INVALID_HANDLE_VALUE) return fmt::format("{}=INVALID_HANDLE_VALUE", parameter);
    const std::string text = callsite_argument(index);
    if (text.empty()) return fmt::format("{}=0x{:X}", parameter, value);
    return fmt::format("{}={} (0x{:X})", parameter, text, value);
}

std::string overlapped_argument(std::string_view parameter, size_t index, const OVERLAPPED* overlapped) {
    name_argument(index, reinterpret_cast<uint64_t>(overlapped), true);
    return pointer_argument(parameter, index, overlapped);
}

std::string pointer_argument(std::string_view parameter, size_t index, const void* pointer) {
    if (pointer == nullptr) return fmt::format("{}=NULL", parameter);
    const std::string text = callsite_argument(index);
    if (text.empty()) return std::string(parameter);
    return fmt::format("{}={}", parameter, text);
}

std::string path_argument(std::string_view parameter, const char* path) {
    if (path == nullptr) return fmt::format("{}=NULL", parameter);
    std::string shown = path;
    if (Session* session = Session::current()) {
        const std::string folder = session->workdir().string();
        if (shown.size() > folder.size() && shown.compare(0, folder.size(), folder) == 0 &&
            (shown[folder.size()] == '\\' || shown[folder.size()] == '/'))
            shown.erase(0, folder.size() + 1);
    }
    return fmt::format("{}=\"{}\"", parameter, shown);
}

std::string bool_argument(std::string_view parameter, BOOL value) {
    return fmt::format("{}={}", parameter, value ? "TRUE" : "FALSE");
}

std::string timeout_argument(std::string_view parameter, DWORD milliseconds) {
    if (milliseconds == INFINITE) return fmt::format("{}=INFINITE", parameter);
    return fmt::format("{}={}", parameter, milliseconds);
}

std::string error_text(DWORD error) {
    const CodeInfo info = win32_error_info(error);
    return info.name.empty() ? fmt::format("{}", error) : fmt::format("{} {}", error, info.name);
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

}  // namespace ovlab
