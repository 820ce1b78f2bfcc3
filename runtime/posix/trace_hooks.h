// Everything the Win32 layer records into the current session's trace, in one place. Outside a
// session (tests, programs linking ovlab::winapi) every function here is a cheap no-op.
#pragma once

#include <windows.h>

#include <cstdint>
#include <string_view>

#include "ovlab/trace.h"

namespace ovlab::posix {

// True while a lesson session is recording.
bool tracing();

void record_handle_created(uint64_t handle, trace::HandleKind kind, bool signalled, std::string_view description);
void record_handle_closed(uint64_t handle);
void record_signal(uint64_t handle, bool signalled, std::string_view reason);
void record_thread_state(trace::ThreadState state, std::string_view detail);

// The only way the runtime writes OVERLAPPED.Internal / InternalHigh: records a FieldChange when
// the value changes. Internal is stored with release order so a thread polling
// HasOverlappedIoCompleted sees InternalHigh and the data first.
void write_overlapped_field(OVERLAPPED* overlapped, trace::OverlappedField field, uint64_t value);

// Records FieldChange events for the fields the program set itself (Offset, OffsetHigh, hEvent)
// since the runtime last saw this OVERLAPPED, so the trace shows what each request was given.
void observe_overlapped(const OVERLAPPED* overlapped);

// Runtime threads (the io_uring reaper, pool workers) share one trace thread. It is named once per
// session, by the lesson thread issuing the first request, so the name appears at the same place
// in every transcript. Runtime threads call enter_kernel_thread() before they record anything.
constexpr uint32_t kKernelTraceThread = 1000;
void announce_kernel_thread();
void enter_kernel_thread();

// Forgets names and last-seen OVERLAPPED values: the next session starts from nothing.
void reset_trace_hooks();

// Forgets the names of objects inside freed memory [begin, end): whether malloc hands the same
// address to the next block depends on the build, so a new block's objects are new objects.
void forget_object_names(uint64_t begin, uint64_t end);

}  // namespace ovlab::posix
