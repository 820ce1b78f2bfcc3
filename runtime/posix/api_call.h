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

// ---- argument formatting (only called while tracing) ----
// "hFile=hSrc (0x8)"; also names the handle after the lesson's identifier for it.
std::string handle_argument(std::string_view parameter, size_t index, HANDLE handle);
// "lpOverlapped=&ro" / "lpOverlapped=NULL"; also names the OVERLAPPED after the identifier.
std::string overlapped_argument(std::string_view parameter, size_t index, const OVERLAPPED* overlapped);
// "lpNumberOfBytesRead=&got" / "lpNumberOfBytesRead=NULL" / "lpNumberOfBytesRead".
std::string pointer_argument(std::string_view parameter, size_t index, const void* pointer);
// "lpFileName=\"source.bin\"": paths inside the session's working folder are shown relative to it,
// so transcripts do not depend on the temporary folder's name.
std::string path_argument(std::string_view parameter, const char* path);
std::string bool_argument(std::string_view parameter, BOOL value);
std::string timeout_argument(std::string_view parameter, DWORD milliseconds);
std::string error_text(DWORD error);  // "997 ERROR_IO_PENDING"

}  // namespace ovlab::posix
