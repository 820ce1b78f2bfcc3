// The record of a call that has no dedicated wrapper (see ovlab/win32_traced.h): the arguments by
// their source text, the return value and GetLastError, checkpoints, and the OVERLAPPEDs it was
// given observed like any other. Nothing tells whether such a call blocks, so it always gives up
// the turn while the real function runs: never a deadlock, at the price of one more step.
#include <charconv>

#include <fmt/format.h>

#include "api_call.h"
#include "handle_watch.h"
#include "overlapped_watch.h"
#include "ovlab/callsite.h"
#include "ovlab/session.h"
#include "ovlab/status_codes.h"
#include "ovlab/win32_traced.h"

namespace ovlab::win32::generic {
namespace {

bool is_number(std::string_view text) {
    uint64_t ignored = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), ignored);
    return error == std::errc() && end == text.data() + text.size();
}

std::string describe_arguments(const Argument* arguments, size_t count) {
    std::string text;
    for (size_t i = 0; i < count; ++i) {
        const Argument& a = arguments[i];
        std::string source = callsite_argument(i);
        std::string shown;
        if (a.is_overlapped) {
            name_argument(i, a.value, true);
            shown = a.value ? source : "NULL";
        } else if (a.is_pointer && a.value != 0 && is_known_handle(reinterpret_cast<HANDLE>(a.value))) {
            name_argument(i, a.value, false);
            shown = fmt::format("{} (0x{:X})", source, a.value);
        } else if (a.is_pointer) {
            shown = a.value ? source : "NULL";
        } else if (a.is_shown && !is_number(source)) {
            shown = fmt::format("{} ({})", source, static_cast<int64_t>(a.value));
        } else {
            shown = source;
        }
        text += fmt::format("{}{}", i ? ", " : "", shown);
    }
    return text;
}

}  // namespace

void enter(std::string_view api, const Argument* arguments, size_t count) {
    ApiCall call(api, [&] { return describe_arguments(arguments, count); });
    for (size_t i = 0; i < count; ++i)
        if (arguments[i].is_overlapped) observe_overlapped(reinterpret_cast<const OVERLAPPED*>(arguments[i].value));
    call.blocking_begin(trace::ThreadState::Waiting, fmt::format("{} (may block)", api));
}

void leave(std::string_view api, const Argument* arguments, size_t count, uint64_t result, bool returns_pointer,
           bool returns_value, DWORD error) {
    ApiCall call = ApiCall::continuing(api);
    call.blocking_end();
    // A request the call left pending is watched until the kernel finishes it. Every Win32 call
    // that starts a request names the handle or SOCKET first (ReadFileEx, WSARecv, AcceptEx's
    // listening socket, ConnectNamedPipe, DeviceIoControl): that is what a reset cancels.
    const HANDLE handle = count > 0 ? reinterpret_cast<HANDLE>(arguments[0].value) : nullptr;
    for (size_t i = 0; i < count && call.tracing(); ++i) {
        if (!arguments[i].is_overlapped || arguments[i].value == 0) continue;
        const auto* overlapped = reinterpret_cast<const OVERLAPPED*>(arguments[i].value);
        if (static_cast<DWORD>(overlapped->Internal) == kStatusPending) request_started(overlapped, handle, 0, api);
        else observe_overlapped(overlapped);
    }
    if (returns_value) call.returns_number(result, returns_pointer, error);
    else call.returns_void(error);
}

}  // namespace ovlab::win32::generic
