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
constexpr Row kNtStatus[] = {OVLAB_NTSTATUS_TABLE(OVLAB_CODE_ROW)};
constexpr Row kWin32Errors[] = {OVLAB_WIN32_ERROR_TABLE(OVLAB_CODE_ROW)};
constexpr Row kWaitResults[] = {OVLAB_WAIT_RESULT_TABLE(OVLAB_CODE_ROW)};
#undef OVLAB_CODE_ROW

template <size_t N>
CodeInfo find(const Row (&rows)[N], uint32_t value) {
    for (const Row& row : rows)
        if (row.value == value) return {row.name, row.meaning, row.meaning_ko};
    return {};
}

}  // namespace

CodeInfo ntstatus_info(uint32_t status) { return find(kNtStatus, status); }
CodeInfo win32_error_info(uint32_t error) { return find(kWin32Errors, error); }

uint32_t ntstatus_to_win32_error(uint32_t status) {
    switch (status) {
        case 0x00000000u: return 0;
        case 0x00000103u: return 997;   // ERROR_IO_PENDING
        case 0x80000005u: return 234;   // ERROR_MORE_DATA
        case 0x8000000Au: return 676;   // ERROR_HANDLES_CLOSED
        case 0xC0000011u: return 38;    // ERROR_HANDLE_EOF
        case 0xC0000120u: return 995;   // ERROR_OPERATION_ABORTED
        case 0xC000013Bu: return 64;    // ERROR_NETNAME_DELETED
        case 0xC000014Bu: return 109;   // ERROR_BROKEN_PIPE
        case 0xC000020Du: return 64;    // ERROR_NETNAME_DELETED
        case 0xC0000241u: return 1236;  // ERROR_CONNECTION_ABORTED
        case 0xC0000008u: return 6;     // ERROR_INVALID_HANDLE
        case 0xC000000Du: return 87;    // ERROR_INVALID_PARAMETER
        case 0xC0000022u: return 5;     // ERROR_ACCESS_DENIED
        case 0xC0000034u: return 2;     // ERROR_FILE_NOT_FOUND
        case 0xC000007Fu: return 112;   // ERROR_DISK_FULL
        case 0xC0000010u: return 1;     // ERROR_INVALID_FUNCTION
        case 0xC000009Au: return 1450;  // ERROR_NO_SYSTEM_RESOURCES
        case 0xC000011Fu: return 4;     // ERROR_TOO_MANY_OPEN_FILES
        case 0xC00000A3u: return 21;    // ERROR_NOT_READY
        case 0xC00000B0u: return 233;   // ERROR_PIPE_NOT_CONNECTED
        case 0xC00000B1u: return 232;   // ERROR_NO_DATA
        case 0xC00000B2u: return 535;   // ERROR_PIPE_CONNECTED
        case 0xC00000B3u: return 536;   // ERROR_PIPE_LISTENING
        case 0xC00000B5u: return 121;   // ERROR_SEM_TIMEOUT
        case 0xC0000140u: return 1229;  // ERROR_CONNECTION_INVALID
        case 0xC000020Au: return 52;    // ERROR_DUP_NAME
        case 0xC0000236u: return 1225;  // ERROR_CONNECTION_REFUSED
        case 0xC000023Cu: return 1231;  // ERROR_NETWORK_UNREACHABLE
        case 0xC000023Du: return 1232;  // ERROR_HOST_UNREACHABLE
        default: return 31;             // ERROR_GEN_FAILURE: RtlNtStatusToDosError's catch-all
    }
}

uint32_t ntstatus_to_wsa_error(uint32_t status) {
    // Winsock maps the network statuses to its own numbers; the rest stay Win32 codes.
    switch (status) {
        case 0xC000020Du: return 10054;  // WSAECONNRESET
        case 0xC000013Bu: return 10053;  // WSAECONNABORTED
        case 0xC0000241u: return 10053;  // WSAECONNABORTED
        case 0xC000000Du: return 10022;  // WSAEINVAL
        case 0xC000009Au: return 10055;  // WSAENOBUFS
        case 0xC000011Fu: return 10024;  // WSAEMFILE: accept() with no descriptor left
        case 0xC00000A3u: return 10035;  // WSAEWOULDBLOCK
        case 0xC00000B0u: return 10058;  // WSAESHUTDOWN (AFD reports a shut-down socket so)
        case 0xC00000B5u: return 10060;  // WSAETIMEDOUT
        case 0xC0000140u: return 10057;  // WSAENOTCONN
        case 0xC000020Au: return 10048;  // WSAEADDRINUSE
        case 0xC0000236u: return 10061;  // WSAECONNREFUSED
        case 0xC000023Cu: return 10051;  // WSAENETUNREACH
        case 0xC000023Du: return 10065;  // WSAEHOSTUNREACH
        default: return ntstatus_to_win32_error(status);
    }
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
    const CodeInfo info = find(kWaitResults, result);
    return info.name.empty() ? fmt::format("0x{:X}", result) : fmt::format("{} (0x{:X})", info.name, result);
}

}  // namespace ovlab
