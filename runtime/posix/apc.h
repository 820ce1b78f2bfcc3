// Asynchronous procedure calls (docs/windows-rules.md §10-11): one FIFO queue per thread, shared by
// QueueUserAPC and the completion routines of ReadFileEx/WriteFileEx (and WSARecv/WSASend).
// An APC runs only on its own thread, and only inside one of that thread's alertable waits.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "thread.h"

namespace ovlab::posix {

// Queues an APC to `thread` (ApcQueued) and, if the thread is blocked in an alertable wait, wakes
// it right now through the stepper, so runs stay deterministic. Returns false, discarding the APC,
// when the thread has ended. Kernel mutex held.
bool queue_apc(ThreadObject& thread, std::string what, std::function<void()> run);

bool has_queued_apcs(const ThreadObject& thread);  // kernel mutex held

// Runs the calling thread's APCs oldest first, including any queued while they run (Windows: one
// alertable wait drains the whole queue). For each: ApcDelivering and a checkpoint ("the routine
// is about to run"), ThreadState RunningApc, the call, ApcDone. Returns whether any ran. Call
// without the kernel mutex; a reset throws step::LessonAborted out of the checkpoint.
bool run_queued_apcs(ThreadObject& self);

// Drops the APCs of a thread that ends, recording ApcDone for each. Kernel mutex held.
void discard_apcs(ThreadObject& thread);

size_t queued_apc_count(const ThreadObject& thread);  // takes the kernel mutex

// APC ids restart at 1 for the next session.
void reset_apc_ids();

}  // namespace ovlab::posix
