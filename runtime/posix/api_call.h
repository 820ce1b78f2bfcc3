// One traced Win32 call: ApiEnter + checkpoint when constructed, ApiLeave + checkpoint when the
// call returns its value through one of the returns_* functions. Outside a session nothing is
// formatted or recorded.
//
//   ApiCall call("SetEvent", [&] { return handle_argument("hEvent", 0, hEvent); });
//   ...
//   return call.returns_bool(TRUE);
//
// A lesson reset may throw LessonAborted out of either checkpoint; no lock may be held then.
#pragma once

#include <windows.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "call_arguments.h"

namespace ovlab::posix {

class ApiCall {
public:
    template <class FormatArguments>
    ApiCall(std::string_view api, FormatArguments&& format_arguments) : api_(api), tracing_(is_tracing()) {
        if (tracing_) enter(format_arguments());
    }
    ApiCall(const ApiCall&) = delete;
    ApiCall& operator=(const ApiCall&) = delete;

    bool tracing() const { return tracing_; }

    // "TRUE", or "FALSE (GetLastError 997 ERROR_IO_PENDING)".
    BOOL returns_bool(BOOL result);
    // "0x8", or "INVALID_HANDLE_VALUE (GetLastError 2 ERROR_FILE_NOT_FOUND)" / "NULL (...)".
    HANDLE returns_handle(HANDLE result);
    // "WAIT_OBJECT_0", "WAIT_TIMEOUT (0x102)", "WAIT_FAILED (GetLastError 6 ...)".
    DWORD returns_wait(DWORD result, DWORD object_count);
    // "2", or "0xFFFFFFFF (GetLastError 6 ERROR_INVALID_HANDLE)" when `failed`.
    DWORD returns_dword(DWORD result, bool failed);
    void returns_void();
    // Winsock's int results: "0", "5", or "SOCKET_ERROR (WSAGetLastError 10057 WSAENOTCONN)" for -1.
    int returns_int(int result);
    // A SOCKET: "0x10", or "INVALID_SOCKET (WSAGetLastError 10047 WSAEAFNOSUPPORT)".
    UINT_PTR returns_socket(UINT_PTR result);

private:
    static bool is_tracing();
    void enter(const std::string& arguments);
    void leave(uint64_t value, bool failed, const std::string& formatted);

    std::string_view api_;
    bool tracing_;
};

// Argument formatting is shared with the Windows layer: call_arguments.h (named here too, for
// code that reaches this layer through a using-directive).
using ovlab::handle_argument;
using ovlab::overlapped_argument;
using ovlab::pointer_argument;
using ovlab::path_argument;
using ovlab::bool_argument;
using ovlab::timeout_argument;
using ovlab::error_text;
using ovlab::create_file_arguments;
using ovlab::name_argument;

}  // namespace ovlab::posix
