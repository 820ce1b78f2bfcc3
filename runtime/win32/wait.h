// Real kernel waits that a lesson reset can interrupt, with the stepper told around them.
#pragma once

#include <winsock2.h>  // before <windows.h>, which would pull in the old winsock.h
#include <windows.h>

#include <string_view>

#include "api_call.h"

namespace ovlab::win32 {

struct WaitResult {
    DWORD result;  // what the real wait returned
    DWORD error;   // GetLastError right after it
};

// Waits exactly as WaitForMultipleObjects(count, handles, wait_all, timeout) would. An object
// already signalled is taken without giving up the turn; otherwise the turn passes to the other
// lesson threads while the thread blocks, and comes back after. Throws LessonAborted when a
// lesson reset interrupts the wait.
WaitResult blocking_wait(ApiCall& call, trace::ThreadState state, std::string_view what, DWORD count,
                         const HANDLE* handles, BOOL wait_all, DWORD timeout_ms);

// Reset: wakes every thread blocked in blocking_wait (it then meets the stepper's unwinding).
void interrupt_all_waits();
// The session ended: later waits are not interrupted.
void clear_wait_interrupt();

}  // namespace ovlab::win32
