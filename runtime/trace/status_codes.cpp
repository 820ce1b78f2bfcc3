#include "ovlab/status_codes.h"

#include <fmt/format.h>

namespace ovlab {
namespace {

struct Row {
    uint32_t value;
    std::string_view name;
    std::string_view meaning;
    std::string_view meaning_ko;
};

#define OVLAB_CODE_ROW(name, value, meaning, meaning_ko) Row{value, #name, meaning, meaning_ko},
constexpr Row kWin32Errors[] = {OVLAB_WIN32_ERROR_TABLE(OVLAB_CODE_ROW)};
constexpr Row kWaitResults[] = {OVLAB_WAIT_RESULT_TABLE(OVLAB_CODE_ROW)};
#undef OVLAB_CODE_ROW

// The value of a Win32 error the NTSTATUS table names; a name missing from the error table stops
// the build here.
consteval uint32_t win32_error_named(std::string_view name) {
    for (const Row& row : kWin32Errors)
        if (row.name == name) return row.value;
    throw "an NTSTATUS row names an error OVLAB_WIN32_ERROR_TABLE lacks";
}

struct StatusRow {
    Row status;
    uint32_t win32_error;
    uint32_t winsock_error;
};

#define OVLAB_STATUS_ROW(name, constant, value, win32_error, winsock_error, meaning, meaning_ko) \
    StatusRow{{value, #name, meaning, meaning_ko}, win32_error_named(#win32_error), win32_error_named(#winsock_error)},
constexpr StatusRow kNtStatus[] = {OVLAB_NTSTATUS_TABLE(OVLAB_STATUS_ROW)};
#undef OVLAB_STATUS_ROW

// RtlNtStatusToDosError's answer for a status it has no row for.
constexpr uint32_t kUnknownStatusError = win32_error_named("ERROR_GEN_FAILURE");

template <size_t N>
CodeInfo find(const Row (&rows)[N], uint32_t value) {
    for (const Row& row : rows)
        if (row.value == value) return {row.name, row.meaning, row.meaning_ko};
    return {};
}

const StatusRow* status_row(uint32_t status) {
    for (const StatusRow& row : kNtStatus)
        if (row.status.value == status) return &row;
    return nullptr;
}

}  // namespace

CodeInfo ntstatus_info(uint32_t status) {
    const StatusRow* row = status_row(status);
    return row ? CodeInfo{row->status.name, row->status.meaning, row->status.meaning_ko} : CodeInfo{};
}

CodeInfo win32_error_info(uint32_t error) { return find(kWin32Errors, error); }

CodeInfo wait_result_info(uint32_t result) { return find(kWaitResults, result); }

uint32_t ntstatus_to_win32_error(uint32_t status) {
    const StatusRow* row = status_row(status);
    return row ? row->win32_error : kUnknownStatusError;
}

uint32_t ntstatus_to_wsa_error(uint32_t status) {
    const StatusRow* row = status_row(status);
    return row ? row->winsock_error : kUnknownStatusError;
}

std::string format_ntstatus(uint32_t status) {
    const CodeInfo info = ntstatus_info(status);
    return info.name.empty() ? fmt::format("0x{:X}", status) : fmt::format("0x{:X} ({})", status, info.name);
}

std::string format_win32_error(uint32_t error) {
    const CodeInfo info = win32_error_info(error);
    return info.name.empty() ? fmt::format("{}", error) : fmt::format("{} ({})", error, info.name);
}

std::string format_wait_result(uint32_t result, uint32_t object_count) {
    if (result > 0 && result < object_count && result < 64) return fmt::format("WAIT_OBJECT_0 + {}", result);
    const CodeInfo info = wait_result_info(result);
    return info.name.empty() ? fmt::format("0x{:X}", result) : fmt::format("{} (0x{:X})", info.name, result);
}

}  // namespace ovlab
