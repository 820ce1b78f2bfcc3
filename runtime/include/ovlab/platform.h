// What the session needs from the Win32 layer underneath (posix/ or win32/), and nothing more.
#pragma once

#include <cstddef>
#include <string_view>

namespace ovlab::platform {

// Cancels every request still in flight and waits until the kernel no longer uses their buffers.
// Called on reset before lesson threads are unwound, so no completion ever writes into a dead stack.
void cancel_all_io();

// The student's Cancel (Session::cancel_request): whether a request on `handle` with this
// OVERLAPPED is still pending (its completion not yet delivered), and CancelIoEx on them, called
// from the controller's thread as any thread of the process may. cancel_request returns what
// CancelIoEx returned.
bool request_pending(uint64_t handle, uint64_t overlapped);
bool cancel_request(uint64_t handle, uint64_t overlapped);

// Wakes every lesson thread blocked in a wait so it can see the stepper unwinding (it throws
// LessonAborted out of the wait). Called after cancel_all_io() and Stepper::unwind().
void interrupt_waits();

// Waits until every thread the lesson started (CreateThread) has ended. Called on reset after
// interrupt_waits(), and when the lesson's main thread returned: Windows then ends the process,
// so the session unwinds the remaining threads first (abort, cancel_all_io, unwind,
// interrupt_waits) and joins them here.
void join_lesson_threads();

// Thrown by ExitThread on a lesson thread; the session (for the main thread) and the runtime's
// thread start (for CreateThread threads) catch it and end the thread with this exit code, as if
// its function had returned it.
struct ThreadExitRequested {
    unsigned exit_code;
};

// Closes every handle the lesson left open; returns how many there were.
size_t close_leaked_handles();

// Frees every block the run left in its process heap (GetProcessHeap), as Windows does when a
// process ends; returns how many there were. Called after join_lesson_threads(), so a Reset
// never leaks what the lesson program allocated.
size_t free_process_heap();

// Trace thread number for a new lesson thread (1 for the lesson's main thread).
unsigned allocate_lesson_thread_number();

// "io_uring", "threads" or "Windows" — shown in the UI and the headless header.
std::string_view io_backend_name();

// True on Windows: OVERLAPPED fields, signalled states and completions are written by the kernel
// and only OBSERVED by the lab (read at each checkpoint and sampled about once a millisecond), so a
// short-lived value may be missed and a change may show a little after it happened. False on
// Linux, where the runtime records each change at the moment it makes it. The UI says which.
bool observes_fields();

// False on Windows: the kernel delivers completions itself, so the lab cannot hold one back.
bool completion_hold_available();

}  // namespace ovlab::platform
