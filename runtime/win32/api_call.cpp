#include "api_call.h"

#include <cctype>
#include <mutex>
#include <utility>

#include <fmt/format.h>

#include "handle_watch.h"
#include "object_names.h"
#include "overlapped_watch.h"
#include "ovlab/callsite.h"
#include "ovlab/session.h"
#include "ovlab/status_codes.h"

namespace ovlab::win32 {
namespace {

using trace::EventKind;

struct Names {
    std::mutex mutex;
    ObjectNames seen;
};

Names& names() {
    static Names instance;
    return instance;
}

// What the kernel changed since the last look: requests in flight and signalled states.
void observe_everything(std::string_view reason) {
    observe_requests_in_flight();
    observe_signals(reason);
}

}  // namespace

// A lesson run, or a whole program recorded with OVLAB_TRACE (ovlab/process_recording.h).
bool ApiCall::is_tracing() { return recording(); }

void ApiCall::enter(const std::string& arguments) {
    record({EventKind::ApiEnter, 0, 0, 0, 0, api_, arguments});
    checkpoint();
    observe_everything(fmt::format("seen before {}", api_));
}

void ApiCall::leave(uint64_t value, DWORD error, bool failed, const std::string& formatted) {
    observe_everything(fmt::format("seen after {}", api_));
    record({EventKind::ApiLeave, 0, value, error, failed ? 1u : 0u, api_, formatted});
    checkpoint();
}

BOOL ApiCall::returns_bool(BOOL result, DWORD error) {
    if (tracing_)
        leave(static_cast<uint64_t>(result), error, !result,
              result ? std::string("TRUE") : fmt::format("FALSE (GetLastError {})", error_text(error)));
    SetLastError(error);
    return result;
}

HANDLE ApiCall::returns_handle(HANDLE result, DWORD error) {
    if (tracing_) {
        const uint64_t value = reinterpret_cast<uint64_t>(result);
        if (result == INVALID_HANDLE_VALUE)
            leave(value, error, true, fmt::format("INVALID_HANDLE_VALUE (GetLastError {})", error_text(error)));
        else if (result == nullptr)
            leave(value, error, true, fmt::format("NULL (GetLastError {})", error_text(error)));
        else if (error != ERROR_SUCCESS)
            leave(value, error, false, fmt::format("0x{:X} (GetLastError {})", value, error_text(error)));
        else
            leave(value, error, false, fmt::format("0x{:X}", value));
    }
    SetLastError(error);
    return result;
}

HANDLE ApiCall::returns_new_handle(HANDLE result, DWORD error) {
    if (tracing_) {
        const uint64_t value = reinterpret_cast<uint64_t>(result);
        leave(value, error, false, fmt::format("0x{:X}", value));
    }
    SetLastError(error);
    return result;
}

DWORD ApiCall::returns_wait(DWORD result, DWORD object_count, DWORD error) {
    if (tracing_) {
        std::string text = format_wait_result(result, object_count);
        if (result == WAIT_FAILED) text += fmt::format(" (GetLastError {})", error_text(error));
        leave(result, error, result == WAIT_FAILED, text);
    }
    SetLastError(error);
    return result;
}

void ApiCall::returns_void(DWORD error) {
    if (tracing_) leave(0, error, false, "");
    SetLastError(error);
}

void ApiCall::returns_number(uint64_t value, bool returns_pointer, DWORD error) {
    if (tracing_) {
        const bool failure_value = value == 0 || value == ~uint64_t{0} || (!returns_pointer && value == 0xFFFFFFFFu);
        const std::string number = returns_pointer ? fmt::format("0x{:X}", value)
                                                   : fmt::format("{}", static_cast<int64_t>(value));
        leave(value, error, false,
              failure_value ? fmt::format("{} (GetLastError {})", number, error_text(error)) : number);
    }
    SetLastError(error);
}

void ApiCall::blocking_begin(trace::ThreadState state, std::string_view what) {
    if (!tracing_) return;
    record({EventKind::ThreadState, 0, static_cast<uint64_t>(state), 0, 0, {}, what});
    if (step::Stepper* stepper = current_stepper()) stepper->blocking_begin();
}

void ApiCall::blocking_end() {
    if (!tracing_) return;
    // On Windows nobody but the kernel wakes the thread, so it gets in line when it wakes up.
    if (step::Stepper* stepper = current_stepper()) stepper->blocking_end();
    record({EventKind::ThreadState, 0, static_cast<uint64_t>(trace::ThreadState::Running)});
}

std::string handle_label(size_t index, HANDLE handle) {
    std::string text = callsite_argument(index);
    return text.empty() ? fmt::format("0x{:X}", reinterpret_cast<uint64_t>(handle)) : text;
}


void forget_names() {
    Names& n = names();
    std::lock_guard lock(n.mutex);
    n.seen.clear();
}

}  // namespace ovlab::win32

// Declared in call_arguments.h, shared with the Linux layer.
void ovlab::name_argument(size_t index, uint64_t object, bool is_overlapped) {
    if (object == 0 || !recording()) return;
    const std::string name = callsite_object_name(index, is_overlapped);
    if (name.empty()) return;
    win32::Names& n = win32::names();
    std::lock_guard lock(n.mutex);
    const std::string recorded_name = n.seen.name_for(object, name);
    if (recorded_name.empty()) return;
    record({trace::EventKind::ObjectNamed, object, is_overlapped ? 1u : 0u, 0, 0, {}, recorded_name});
}
