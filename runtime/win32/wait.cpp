#include "wait.h"

#include <vector>

#include <fmt/format.h>

#include "ovlab/win32_traced.h"

namespace ovlab::win32 {
namespace {

// Lesson waits are real kernel waits. A reset must be able to end them, so each wait also waits
// on this manual-reset event, as one more object after the lesson's own. Wait-any returns the
// lowest signalled index, so the extra object never hides a lesson object.
HANDLE interrupt_event() {
    static const HANDLE event = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    return event;
}

// Wait-all cannot take the extra object (it would have to be signalled too), nor can a wait that
// already has MAXIMUM_WAIT_OBJECTS: those wait in slices and look at the interrupt between them.
constexpr DWORD kSliceMs = 50;

bool interrupted() { return WaitForSingleObject(interrupt_event(), 0) == WAIT_OBJECT_0; }

// One real wait; `interrupted` is set when the reset, not a lesson object, ended it.
WaitResult wait_once(DWORD count, const HANDLE* handles, BOOL wait_all, DWORD timeout_ms, bool& was_interrupted) {
    was_interrupted = false;
    if (count == 0) {  // Sleep: only the interrupt can end it early
        const DWORD result = WaitForSingleObject(interrupt_event(), timeout_ms);
        was_interrupted = result == WAIT_OBJECT_0;
        return {WAIT_TIMEOUT, ERROR_SUCCESS};
    }
    if (!wait_all && count < MAXIMUM_WAIT_OBJECTS) {
        std::vector<HANDLE> objects(handles, handles + count);
        objects.push_back(interrupt_event());
        const DWORD result = WaitForMultipleObjects(count + 1, objects.data(), FALSE, timeout_ms);
        const DWORD error = GetLastError();
        was_interrupted = result == WAIT_OBJECT_0 + count;
        return {result, error};
    }
    const ULONGLONG start = GetTickCount64();
    for (;;) {
        const ULONGLONG elapsed = GetTickCount64() - start;
        const DWORD left = timeout_ms == INFINITE ? INFINITE
                           : elapsed >= timeout_ms ? 0
                                                   : static_cast<DWORD>(timeout_ms - elapsed);
        const DWORD slice = left < kSliceMs ? left : kSliceMs;
        const DWORD result = WaitForMultipleObjects(count, handles, wait_all, slice);
        const DWORD error = GetLastError();
        if (result != WAIT_TIMEOUT || left == slice) return {result, error};
        if (interrupted()) {
            was_interrupted = true;
            return {result, error};
        }
    }
}

}  // namespace

WaitResult blocking_wait(ApiCall& call, trace::ThreadState state, std::string_view what, DWORD count,
                         const HANDLE* handles, BOOL wait_all, DWORD timeout_ms) {
    // An object already signalled wins at once and the thread keeps its turn (as on Linux). A
    // zero time-out wait that succeeds is the same wait the lesson asked for: it consumes what the
    // real wait would have consumed.
    if (count > 0) {
        const DWORD result = WaitForMultipleObjects(count, handles, wait_all, 0);
        const DWORD error = GetLastError();
        if (result != WAIT_TIMEOUT || timeout_ms == 0) return {result, error};
    } else if (timeout_ms == 0) {
        ::Sleep(0);
        return {WAIT_TIMEOUT, ERROR_SUCCESS};
    }
    const ULONGLONG start = GetTickCount64();
    for (;;) {
        const ULONGLONG elapsed = GetTickCount64() - start;
        const DWORD left = timeout_ms == INFINITE ? INFINITE
                           : elapsed >= timeout_ms ? 0
                                                   : static_cast<DWORD>(timeout_ms - elapsed);
        bool was_interrupted = false;
        call.blocking_begin(state, what);
        const WaitResult outcome = wait_once(count, handles, wait_all, left, was_interrupted);
        call.blocking_end();  // throws LessonAborted when the reset is unwinding this thread
        if (!was_interrupted) return outcome;
    }
}

void interrupt_all_waits() { SetEvent(interrupt_event()); }

void clear_wait_interrupt() { ResetEvent(interrupt_event()); }

DWORD Traced<"WaitForSingleObject">::call(decltype(&::WaitForSingleObject), HANDLE hHandle, DWORD dwMilliseconds) {
    ApiCall call("WaitForSingleObject", [&] {
        return fmt::format("{}, {}", handle_argument("hHandle", 0, hHandle),
                           timeout_argument("dwMilliseconds", dwMilliseconds));
    });
    const std::string what = call.tracing() ? fmt::format("WaitForSingleObject({})", handle_label(0, hHandle)) : "";
    const WaitResult wait = blocking_wait(call, trace::ThreadState::Waiting, what, 1, &hHandle, FALSE, dwMilliseconds);
    return call.returns_wait(wait.result, 1, wait.error);
}

DWORD Traced<"WaitForMultipleObjects">::call(decltype(&::WaitForMultipleObjects), DWORD nCount,
                                             const HANDLE* lpHandles, BOOL bWaitAll, DWORD dwMilliseconds) {
    ApiCall call("WaitForMultipleObjects", [&] {
        return fmt::format("nCount={}, {}, {}, {}", nCount, pointer_argument("lpHandles", 1, lpHandles),
                           bool_argument("bWaitAll", bWaitAll), timeout_argument("dwMilliseconds", dwMilliseconds));
    });
    // What the real call refuses at once, it refuses here too, without waiting on anything.
    if (nCount == 0 || nCount > MAXIMUM_WAIT_OBJECTS || lpHandles == nullptr) {
        const DWORD result = ::WaitForMultipleObjects(nCount, lpHandles, bWaitAll, dwMilliseconds);
        return call.returns_wait(result, nCount, GetLastError());
    }
    std::string what;
    if (call.tracing()) {
        std::string list;
        for (DWORD i = 0; i < nCount; ++i)
            list += fmt::format("{}0x{:X}", i ? ", " : "", reinterpret_cast<uint64_t>(lpHandles[i]));
        what = fmt::format("WaitForMultipleObjects({}: {})", bWaitAll ? "all" : "any", list);
    }
    const WaitResult wait =
        blocking_wait(call, trace::ThreadState::Waiting, what, nCount, lpHandles, bWaitAll, dwMilliseconds);
    return call.returns_wait(wait.result, nCount, wait.error);
}

void Traced<"Sleep">::call(decltype(&::Sleep), DWORD dwMilliseconds) {
    ApiCall call("Sleep", [&] { return timeout_argument("dwMilliseconds", dwMilliseconds); });
    const DWORD error = GetLastError();  // Sleep leaves GetLastError alone
    const std::string what = call.tracing() ? fmt::format("Sleep({})", dwMilliseconds) : "";
    blocking_wait(call, trace::ThreadState::Sleeping, what, 0, nullptr, FALSE, dwMilliseconds);
    call.returns_void(error);
}

}  // namespace ovlab::win32
