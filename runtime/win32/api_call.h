// One traced Win32 call on Windows: ApiEnter + checkpoint before the real call, ApiLeave +
// checkpoint after it, and between them whatever the kernel was seen to change. Mirrors
// runtime/posix/api_call.h, so both platforms print the same call lines.
//
//   ApiCall call("SetEvent", [&] { return handle_argument("hEvent", 0, hEvent); });
//   const BOOL ok = ::SetEvent(hEvent);
//   return call.returns_bool(ok, GetLastError());   // capture GetLastError before anything else
//
// Recording calls Win32 functions of its own, so every returns_* restores the call's
// GetLastError last. A lesson reset may throw LessonAborted out of either checkpoint.
#pragma once

#include <winsock2.h>  // before <windows.h>, which would pull in the old winsock.h
#include <windows.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "call_arguments.h"
#include "ovlab/trace.h"

namespace ovlab::win32 {

class ApiCall {
public:
    template <class FormatArguments>
    ApiCall(std::string_view api, FormatArguments&& format_arguments) : api_(api), tracing_(is_tracing()) {
        if (tracing_) enter(format_arguments());
    }
    ApiCall(const ApiCall&) = delete;
    ApiCall& operator=(const ApiCall&) = delete;

    // The second half of a call whose ApiEnter was recorded elsewhere (the generic wrapper).
    static ApiCall continuing(std::string_view api) { return ApiCall(api); }

    bool tracing() const { return tracing_; }

    // "TRUE", or "FALSE (GetLastError 997 ERROR_IO_PENDING)".
    BOOL returns_bool(BOOL result, DWORD error);
    // "0x8", or "INVALID_HANDLE_VALUE (GetLastError 2 ERROR_FILE_NOT_FOUND)" / "NULL (...)".
    HANDLE returns_handle(HANDLE result, DWORD error);
    // For functions that leave GetLastError alone when they succeed (CreateThread,
    // CreateIoCompletionPort): a stale value from an earlier call is not shown as this call's.
    HANDLE returns_new_handle(HANDLE result, DWORD error);
    // "WAIT_OBJECT_0", "WAIT_TIMEOUT (0x102)", "WAIT_FAILED (GetLastError 6 ...)".
    DWORD returns_wait(DWORD result, DWORD object_count, DWORD error);
    void returns_void(DWORD error);
    // "1234" with "(GetLastError ...)" when the value means failure (0 or -1): for calls whose
    // return type does not say whether it is a BOOL, a count or a SOCKET.
    void returns_number(uint64_t value, bool returns_pointer, DWORD error);

    // Around a real call that may block: the thread's turn passes to the others meanwhile.
    void blocking_begin(trace::ThreadState state, std::string_view what);
    void blocking_end();  // may throw LessonAborted

private:
    explicit ApiCall(std::string_view api) : api_(api), tracing_(is_tracing()) {}
    static bool is_tracing();
    void enter(const std::string& arguments);
    void leave(uint64_t value, DWORD error, bool failed, const std::string& formatted);

    std::string_view api_;
    bool tracing_;
};

// Argument formatting is shared with the Linux layer: call_arguments.h (named here too, for
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
// "hSrc" (the lesson's expression for argument `index`), else "0x1C".
std::string handle_label(size_t index, HANDLE handle);
// The session ended: names are learnt again by the next one.
void forget_names();

}  // namespace ovlab::win32
