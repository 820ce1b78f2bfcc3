#include "api_call.h"

#include <filesystem>

#include <fmt/format.h>

#include "last_error.h"
#include "ovlab/callsite.h"
#include "ovlab/session.h"
#include "ovlab/status_codes.h"
#include "trace_hooks.h"

namespace ovlab::posix {

using trace::EventKind;

bool ApiCall::is_tracing() { return recording(); }

void ApiCall::enter(const std::string& arguments) {
    record({EventKind::ApiEnter, 0, 0, 0, 0, api_, arguments});
    checkpoint();
}

void ApiCall::leave(uint64_t value, bool failed, const std::string& formatted) {
    record({EventKind::ApiLeave, 0, value, last_error(), failed ? 1u : 0u, api_, formatted});
    checkpoint();
}

BOOL ApiCall::returns_bool(BOOL result) {
    if (tracing_)
        leave(static_cast<uint64_t>(result), !result,
              result ? std::string("TRUE") : fmt::format("FALSE (GetLastError {})", error_text(last_error())));
    return result;
}

HANDLE ApiCall::returns_handle(HANDLE result) {
    if (!tracing_) return result;
    const uint64_t value = reinterpret_cast<uint64_t>(result);
    if (result == INVALID_HANDLE_VALUE)
        leave(value, true, fmt::format("INVALID_HANDLE_VALUE (GetLastError {})", error_text(last_error())));
    else if (result == nullptr)
        leave(value, true, fmt::format("NULL (GetLastError {})", error_text(last_error())));
    else if (last_error() == ERROR_ALREADY_EXISTS)  // the one code a successful creator sets on purpose
        leave(value, false, fmt::format("0x{:X} (GetLastError {})", value, error_text(last_error())));
    else
        leave(value, false, fmt::format("0x{:X}", value));
    return result;
}

DWORD ApiCall::returns_wait(DWORD result, DWORD object_count) {
    if (!tracing_) return result;
    std::string text = format_wait_result(result, object_count);
    if (result == WAIT_FAILED) text += fmt::format(" (GetLastError {})", error_text(last_error()));
    leave(result, result == WAIT_FAILED, text);
    return result;
}

DWORD ApiCall::returns_dword(DWORD result, bool failed) {
    if (!tracing_) return result;
    const std::string number = result > 0xFFFF ? fmt::format("0x{:X}", result) : fmt::format("{}", result);
    leave(result, failed, failed ? fmt::format("{} (GetLastError {})", number, error_text(last_error())) : number);
    return result;
}

int ApiCall::returns_int(int result) {
    if (!tracing_) return result;
    if (result == -1)
        leave(static_cast<uint64_t>(result), true, fmt::format("SOCKET_ERROR (WSAGetLastError {})", error_text(last_error())));
    else
        leave(static_cast<uint64_t>(result), false, fmt::format("{}", result));
    return result;
}

UINT_PTR ApiCall::returns_socket(UINT_PTR result) {
    if (!tracing_) return result;
    if (result == ~UINT_PTR{0})
        leave(result, true, fmt::format("INVALID_SOCKET (WSAGetLastError {})", error_text(last_error())));
    else
        leave(result, false, fmt::format("0x{:X}", result));
    return result;
}

void ApiCall::returns_void() {
    if (tracing_) leave(0, false, "");
}


}  // namespace ovlab::posix
