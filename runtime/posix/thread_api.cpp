// CreateThread and the calls on thread handles: ResumeThread, SuspendThread, ExitThread,
// GetExitCodeThread, GetCurrentThread, GetCurrentThreadId; the CRT's _beginthreadex and
// _endthreadex over them. The OS threads: thread_start.cpp.
#include <process.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <system_error>

#include <fmt/format.h>

#include "api_call.h"
#include "handle_table.h"
#include "last_error.h"
#include "ovlab/callsite.h"
#include "ovlab/platform.h"
#include "ovlab/session.h"
#include "thread.h"
#include "thread_start.h"
#include "wait.h"

namespace ovlab::posix {
namespace {

using trace::EventKind;

// "WorkerThread 2" after the routine's name in the lesson source, else "worker 2".
std::string thread_name(uint32_t trace_number) {
    std::string routine = callsite_argument(2);
    if (!routine.empty() && routine.front() == '&') routine.erase(0, 1);
    const bool identifier = !routine.empty() && !std::isdigit(static_cast<unsigned char>(routine.front())) &&
                            std::all_of(routine.begin(), routine.end(), [](char ch) {
                                return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_';
                            });
    return fmt::format("{} {}", identifier ? routine : std::string("worker"), trace_number);
}

// Records an event as if thread `number` had recorded it: the new thread's first events are
// written by its creator, at creation, so they come at the same place in every run.
template <class... Events>
void record_as_thread(uint32_t number, const Events&... events) {
    const uint32_t caller = trace::current_thread();
    const uint32_t line = trace::current_line();
    trace::set_current_thread(number);
    trace::set_current_line(0);
    (record(events), ...);
    trace::set_current_thread(caller);
    trace::set_current_line(line);
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

HANDLE create_thread(LPTHREAD_START_ROUTINE routine, LPVOID parameter, DWORD flags, LPDWORD thread_id) {
    // Windows would start the thread and let it crash at address 0; here the call fails instead.
    if (!routine) {
        set_last_error(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    step::Stepper* stepper = current_stepper();
    // Numbered whenever a trace is kept: a lesson run, or a whole process under OVLAB_TRACE.
    const bool traced = recording();
    const uint32_t number = traced ? platform::allocate_lesson_thread_number() : 0;
    const std::string name = traced ? thread_name(number) : std::string();
    std::shared_ptr<ThreadObject> thread = make_thread_object(number, name);
    const bool suspended = (flags & CREATE_SUSPENDED) != 0;
    if (suspended) {
        thread->started = false;
        thread->suspend_count = 1;
    }
    HANDLE handle = insert_handle(thread);
    if (traced) {
        const trace::EventData started{EventKind::ThreadStarted, 0, 0, 0, 0, {}, name};
        const trace::EventData waiting{EventKind::ThreadState, 0, static_cast<uint64_t>(trace::ThreadState::Waiting),
                                       0, 0, {}, "created suspended: waits for ResumeThread"};
        if (suspended) record_as_thread(number, started, waiting);
        else record_as_thread(number, started);
        // Its place in line is taken now, by its creator; a suspended thread takes it when resumed.
        if (!suspended && stepper) stepper->thread_started(number);
    }
    try {
        start_lesson_thread(thread, routine, parameter, stepper);
    } catch (const std::system_error&) {
        close_handle(handle);
        if (stepper) stepper->thread_finished(number);
        set_last_error(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    if (thread_id) *thread_id = thread->id();
    set_last_error(ERROR_SUCCESS);
    return handle;
}

DWORD resume_thread(HANDLE handle) {
    std::shared_ptr<ThreadObject> thread = lookup_handle_as<ThreadObject>(handle);
    if (!thread) {
        set_last_error(ERROR_INVALID_HANDLE);
        return static_cast<DWORD>(-1);
    }
    std::lock_guard lock(kernel_mutex());
    const DWORD previous = thread->suspend_count;
    if (previous == 0) return 0;
    if (--thread->suspend_count == 0 && !thread->started && !thread->exited) {
        thread->started = true;
        if (step::Stepper* stepper = current_stepper()) stepper->thread_started(thread->trace_number());
        if (Waiter* wait = thread->start_wait; wait && wait->outcome == Waiter::Outcome::Waiting)
            end_wait(*wait, Waiter::Outcome::Satisfied);
    }
    return previous;
}

DWORD suspend_thread(HANDLE handle) {
    std::shared_ptr<ThreadObject> thread = lookup_handle_as<ThreadObject>(handle);
    if (!thread) {
        set_last_error(ERROR_INVALID_HANDLE);
        return static_cast<DWORD>(-1);
    }
    std::lock_guard lock(kernel_mutex());
    if (thread->exited) {
        set_last_error(ERROR_ACCESS_DENIED);  // STATUS_THREAD_IS_TERMINATING
        return static_cast<DWORD>(-1);
    }
    // See thread.h: only a thread that has not started yet can be held back here.
    if (thread->started) {
        set_last_error(ERROR_NOT_SUPPORTED);
        return static_cast<DWORD>(-1);
    }
    return thread->suspend_count++;
}

}  // namespace
}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" HANDLE WINAPI CreateThread(LPSECURITY_ATTRIBUTES lpThreadAttributes, SIZE_T dwStackSize,
                                      LPTHREAD_START_ROUTINE lpStartAddress, LPVOID lpParameter,
                                      DWORD dwCreationFlags, LPDWORD lpThreadId) {
    ApiCall call("CreateThread", [&] {
        const std::string routine = ovlab::callsite_argument(2);
        return fmt::format("{}, dwStackSize={}, lpStartAddress={}, {}, dwCreationFlags={}, {}",
                           pointer_argument("lpThreadAttributes", 0, lpThreadAttributes), dwStackSize,
                           routine.empty() ? fmt::format("{}", reinterpret_cast<void*>(lpStartAddress)) : routine,
                           pointer_argument("lpParameter", 3, lpParameter),
                           creation_flags_text(dwCreationFlags),
                           pointer_argument("lpThreadId", 5, lpThreadId));
    });
    return call.returns_handle(create_thread(lpStartAddress, lpParameter, dwCreationFlags, lpThreadId));
}

extern "C" DWORD WINAPI ResumeThread(HANDLE hThread) {
    ApiCall call("ResumeThread", [&] { return handle_argument("hThread", 0, hThread); });
    const DWORD previous = resume_thread(hThread);
    return call.returns_dword(previous, previous == static_cast<DWORD>(-1));
}

extern "C" DWORD WINAPI SuspendThread(HANDLE hThread) {
    ApiCall call("SuspendThread", [&] { return handle_argument("hThread", 0, hThread); });
    const DWORD previous = suspend_thread(hThread);
    return call.returns_dword(previous, previous == static_cast<DWORD>(-1));
}

extern "C" VOID WINAPI ExitThread(DWORD dwExitCode) {
    ApiCall call("ExitThread", [&] { return fmt::format("dwExitCode={}", dwExitCode); });
    exit_current_thread(dwExitCode);
}

extern "C" BOOL WINAPI GetExitCodeThread(HANDLE hThread, LPDWORD lpExitCode) {
    ApiCall call("GetExitCodeThread", [&] {
        return fmt::format("{}, {}", handle_argument("hThread", 0, hThread), pointer_argument("lpExitCode", 1, lpExitCode));
    });
    std::shared_ptr<ThreadObject> thread = lookup_handle_as<ThreadObject>(hThread);
    if (!thread) return call.returns_bool(fail(ERROR_INVALID_HANDLE));
    if (!lpExitCode) return call.returns_bool(fail(ERROR_INVALID_PARAMETER));
    {
        std::lock_guard lock(kernel_mutex());
        *lpExitCode = thread->exit_code;  // STILL_ACTIVE (259) while it runs
    }
    return call.returns_bool(TRUE);
}

extern "C" HANDLE WINAPI GetCurrentThread(VOID) { return kCurrentThreadPseudoHandle; }

extern "C" DWORD WINAPI GetCurrentThreadId(VOID) { return current_thread_object().id(); }

// The CRT's thread start: the start routine has CreateThread's type (unsigned is DWORD here and
// the calling conventions are one), so the thread is an ordinary CreateThread thread.
extern "C" uintptr_t __cdecl _beginthreadex(void* _Security, unsigned _StackSize, _beginthreadex_proc_type _StartAddress,
                                            void* _ArgList, unsigned _InitFlag, unsigned* _ThrdAddr) {
    HANDLE thread = CreateThread(static_cast<LPSECURITY_ATTRIBUTES>(_Security), _StackSize, _StartAddress, _ArgList,
                                 _InitFlag, _ThrdAddr);
    if (!thread) errno = EINVAL;  // the CRT's errno for a refused start (a NULL routine)
    return reinterpret_cast<uintptr_t>(thread);
}

extern "C" void __cdecl _endthreadex(unsigned _Retval) { ExitThread(_Retval); }
