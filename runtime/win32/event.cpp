// CreateEventA/W, SetEvent, ResetEvent: the real calls; the event's state is observed after each.
#include <fmt/format.h>

#include "api_call.h"
#include "handle_watch.h"
#include "ovlab/win32_traced.h"
#include "text_encoding.h"

namespace ovlab::win32 {
namespace {

std::string event_arguments(LPSECURITY_ATTRIBUTES attributes, BOOL manual_reset, BOOL initial_state,
                            const std::string* name) {
    return fmt::format("{}, {}, {}, lpName={}", pointer_argument("lpEventAttributes", 0, attributes),
                       bool_argument("bManualReset", manual_reset), bool_argument("bInitialState", initial_state),
                       name ? fmt::format("\"{}\"", *name) : "NULL");
}

HANDLE created(ApiCall& call, HANDLE handle, DWORD error, BOOL manual_reset, const std::string* name) {
    if (handle && call.tracing()) {
        const char* mode = manual_reset ? "manual-reset" : "auto-reset";
        handle_created(handle, trace::HandleKind::Event,
                       name ? fmt::format("event {} \"{}\"", mode, *name) : fmt::format("event {}", mode));
    }
    return call.returns_handle(handle, error);
}

}  // namespace

HANDLE Traced<"CreateEventA">::call(decltype(&::CreateEventA), LPSECURITY_ATTRIBUTES lpEventAttributes,
                                    BOOL bManualReset, BOOL bInitialState, LPCSTR lpName) {
    const std::string name = lpName ? lpName : "";
    const std::string* name_or_null = lpName ? &name : nullptr;
    ApiCall call("CreateEventA",
                 [&] { return event_arguments(lpEventAttributes, bManualReset, bInitialState, name_or_null); });
    HANDLE handle = ::CreateEventA(lpEventAttributes, bManualReset, bInitialState, lpName);
    const DWORD error = GetLastError();
    return created(call, handle, error, bManualReset, name_or_null);
}

HANDLE Traced<"CreateEventW">::call(decltype(&::CreateEventW), LPSECURITY_ATTRIBUTES lpEventAttributes,
                                    BOOL bManualReset, BOOL bInitialState, LPCWSTR lpName) {
    const std::string name = lpName ? utf8_from_wide(lpName) : "";
    const std::string* name_or_null = lpName ? &name : nullptr;
    ApiCall call("CreateEventW",
                 [&] { return event_arguments(lpEventAttributes, bManualReset, bInitialState, name_or_null); });
    HANDLE handle = ::CreateEventW(lpEventAttributes, bManualReset, bInitialState, lpName);
    const DWORD error = GetLastError();
    return created(call, handle, error, bManualReset, name_or_null);
}

BOOL Traced<"SetEvent">::call(decltype(&::SetEvent), HANDLE hEvent) {
    ApiCall call("SetEvent", [&] { return handle_argument("hEvent", 0, hEvent); });
    const BOOL ok = ::SetEvent(hEvent);
    return call.returns_bool(ok, GetLastError());
}

BOOL Traced<"ResetEvent">::call(decltype(&::ResetEvent), HANDLE hEvent) {
    ApiCall call("ResetEvent", [&] { return handle_argument("hEvent", 0, hEvent); });
    const BOOL ok = ::ResetEvent(hEvent);
    return call.returns_bool(ok, GetLastError());
}

}  // namespace ovlab::win32
