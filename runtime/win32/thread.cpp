// CreateThread: the real thread, started through a trampoline that makes it a traced thread like
// on Linux: a trace number and name, ThreadExited at the end and, in a lesson run, its place in the
// stepper's line. platform::join_lesson_threads() waits for a lesson's threads on reset and when
// the lesson ends. A program recorded with OVLAB_TRACE has no stepper: its threads run freely.
#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <vector>

#include <fmt/format.h>

#include "api_call.h"
#include "handle_watch.h"
#include "ovlab/callsite.h"
#include "ovlab/platform.h"
#include "ovlab/session.h"
#include "ovlab/win32_traced.h"
#include "thread_registry.h"

namespace ovlab::win32 {
namespace {

using trace::EventKind;

// What a thread ended by a lesson reset reports, as on Linux.
constexpr DWORD kAbortedExitCode = 0xFFFFFFFFu;

struct Start {
    LPTHREAD_START_ROUTINE routine;
    LPVOID parameter;
    uint32_t number;
    step::Stepper* stepper;  // null when a whole program is recorded (OVLAB_TRACE)
    bool suspended;
};

// "WorkerThread 2" after the routine's name in the lesson source, else "worker 2".
std::string thread_name(uint32_t number) {
    std::string routine = callsite_argument(2);
    if (!routine.empty() && routine.front() == '&') routine.erase(0, 1);
    const bool identifier = !routine.empty() && !std::isdigit(static_cast<unsigned char>(routine.front())) &&
                            std::all_of(routine.begin(), routine.end(), [](char ch) {
                                return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_';
                            });
    return fmt::format("{} {}", identifier ? routine : std::string("worker"), number);
}

DWORD WINAPI trampoline(LPVOID context) {
    const std::unique_ptr<Start> start(static_cast<Start*>(context));
    trace::set_current_thread(start->number);
    trace::set_current_line(0);
    DWORD exit_code = kAbortedExitCode;
    try {
        if (start->stepper) {
            // A thread created suspended runs only after ResumeThread: it gets in line now.
            if (start->suspended) start->stepper->thread_started(start->number);
            start->stepper->blocking_end();  // its first turn
        }
        exit_code = start->routine(start->parameter);
    } catch (const step::LessonAborted&) {
    } catch (const platform::ThreadExitRequested& request) {
        exit_code = request.exit_code;
    }
    record({EventKind::ThreadExited, 0, exit_code});
    if (start->stepper) start->stepper->thread_finished(start->number);
    return exit_code;
}

std::string creation_flags_text(DWORD flags) {
    if (flags == 0) return "0";
    std::string text;
    if (flags & CREATE_SUSPENDED) text = "CREATE_SUSPENDED";
    if (flags & STACK_SIZE_PARAM_IS_A_RESERVATION)
        text += text.empty() ? "STACK_SIZE_PARAM_IS_A_RESERVATION" : " | STACK_SIZE_PARAM_IS_A_RESERVATION";
    if (const DWORD rest = flags & ~DWORD{CREATE_SUSPENDED | STACK_SIZE_PARAM_IS_A_RESERVATION})
        text += fmt::format("{}0x{:X}", text.empty() ? "" : " | ", rest);
    return text;
}

}  // namespace

HANDLE Traced<"CreateThread">::call(decltype(&::CreateThread), LPSECURITY_ATTRIBUTES lpThreadAttributes,
                                    SIZE_T dwStackSize, LPTHREAD_START_ROUTINE lpStartAddress, LPVOID lpParameter,
                                    DWORD dwCreationFlags, LPDWORD lpThreadId) {
    ApiCall call("CreateThread", [&] {
        const std::string routine = callsite_argument(2);
        return fmt::format("{}, dwStackSize={}, lpStartAddress={}, {}, dwCreationFlags={}, {}",
                           pointer_argument("lpThreadAttributes", 0, lpThreadAttributes), dwStackSize,
                           routine.empty() ? std::string("routine") : routine,
                           pointer_argument("lpParameter", 3, lpParameter), creation_flags_text(dwCreationFlags),
                           pointer_argument("lpThreadId", 5, lpThreadId));
    });
    step::Stepper* stepper = current_stepper();
    // Untraced, or a call Windows would let crash later: the thread starts as it is.
    if (!call.tracing() || !lpStartAddress) {
        HANDLE handle = ::CreateThread(lpThreadAttributes, dwStackSize, lpStartAddress, lpParameter, dwCreationFlags,
                                       lpThreadId);
        return call.returns_handle(handle, GetLastError());
    }
    const uint32_t number = platform::allocate_lesson_thread_number();
    const std::string name = thread_name(number);
    const bool suspended = (dwCreationFlags & CREATE_SUSPENDED) != 0;
    // Its place in line is taken now, by its creator; a suspended thread takes it when resumed.
    if (!suspended && stepper) stepper->thread_started(number);
    auto start = std::make_unique<Start>(Start{lpStartAddress, lpParameter, number, stepper, suspended});
    HANDLE handle = ::CreateThread(lpThreadAttributes, dwStackSize, trampoline, start.get(), dwCreationFlags, lpThreadId);
    const DWORD error = GetLastError();
    if (!handle) {
        if (!suspended && stepper) stepper->thread_finished(number);
        return call.returns_handle(handle, error);
    }
    start.release();  // the trampoline owns it now
    if (stepper) remember_lesson_thread(handle);
    handle_created(handle, trace::HandleKind::Thread, fmt::format("thread {}: {}", number, name));
    // The new thread's first events are written by its creator, so they have the same place in
    // every run (the thread itself records nothing before its first turn).
    {
        const uint32_t caller = trace::current_thread();
        const uint32_t line = trace::current_line();
        trace::set_current_thread(number);
        trace::set_current_line(0);
        record({EventKind::ThreadStarted, 0, 0, 0, 0, {}, name});
        if (suspended)
            record({EventKind::ThreadState, 0, static_cast<uint64_t>(trace::ThreadState::Waiting), 0, 0, {},
                    "created suspended: waits for ResumeThread"});
        trace::set_current_thread(caller);
        trace::set_current_line(line);
    }
    return call.returns_new_handle(handle, error);
}

BOOL Traced<"GetExitCodeThread">::call(decltype(&::GetExitCodeThread), HANDLE hThread, LPDWORD lpExitCode) {
    ApiCall call("GetExitCodeThread", [&] {
        return fmt::format("{}, {}", handle_argument("hThread", 0, hThread), pointer_argument("lpExitCode", 1, lpExitCode));
    });
    const BOOL ok = ::GetExitCodeThread(hThread, lpExitCode);
    return call.returns_bool(ok, GetLastError());
}

}  // namespace ovlab::win32
