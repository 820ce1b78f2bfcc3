// Reset support for threads blocked in GetQueuedCompletionStatus (see completion_port.cpp).
#pragma once

namespace ovlab::win32 {

// Posts one wake-up packet per thread waiting in the traced GetQueuedCompletionStatus.
void wake_port_waiters();
// The session ended: no thread waits any more, later packets are the lesson's own.
void forget_port_wakeups();

}  // namespace ovlab::win32
