// The OS threads behind CreateThread: each runs a trampoline that plays the Windows thread start
// (held back while created suspended, then the APCs already queued to it, then its routine) and
// ends the thread when the routine returns, calls ExitThread, or the lesson is reset. The
// platform joins them (platform::join_lesson_threads).
#pragma once

#include <windows.h>

#include <cstddef>
#include <memory>

#include "ovlab/stepper.h"
#include "thread.h"

namespace ovlab::posix {

// Starts the OS thread for `thread`. Its creator has already given it its place in the stepper's
// line (or ResumeThread will). Throws std::system_error when no thread can be started.
void start_lesson_thread(const std::shared_ptr<ThreadObject>& thread, LPTHREAD_START_ROUTINE routine,
                         LPVOID parameter, step::Stepper* stepper);

// ExitThread: a lesson thread unwinds to where it started (running the destructors on its way,
// as C++ code on Windows expects); any other thread ends through pthread_exit.
[[noreturn]] void exit_current_thread(DWORD exit_code);

// Threads CreateThread started that have not ended yet (the tests' leak check).
size_t running_thread_count();

}  // namespace ovlab::posix
