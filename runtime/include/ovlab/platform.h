// What the session needs from the Win32 layer underneath (posix/ or win32/), and nothing more.
#pragma once

#include <cstddef>
#include <string_view>

namespace ovlab::platform {

// Cancels every request still in flight and waits until the kernel no longer uses their buffers.
// Called on reset before lesson threads are unwound, so no completion ever writes into a dead stack.
void cancel_all_io();

// Wakes every lesson thread blocked in a wait so it can see the stepper unwinding (it throws
// LessonAborted out of the wait). Called after cancel_all_io() and Stepper::unwind().
void interrupt_waits();

// Closes every handle the lesson left open; returns how many there were.
size_t close_leaked_handles();

// Trace thread number for a new lesson thread (1 for the lesson's main thread).
unsigned allocate_lesson_thread_number();

// "io_uring", "threads" or "Windows" — shown in the UI and the headless header.
std::string_view io_backend_name();

}  // namespace ovlab::platform
