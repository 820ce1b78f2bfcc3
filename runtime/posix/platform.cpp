// What the session needs from the portable runtime (ovlab/platform.h).
#include "ovlab/platform.h"

#include <atomic>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "apc.h"
#include "handle_table.h"
#include "heap.h"
#include "io_backend.h"
#include "io_request.h"
#include "network_events.h"
#include "socket.h"
#include "stream.h"
#include "trace_hooks.h"
#include "wait.h"

namespace ovlab::platform {
namespace {

std::atomic<unsigned> g_next_lesson_thread{1};

}  // namespace

void cancel_all_io() {
    posix::io_backend().cancel_all();
    posix::cancel_all_stream_ops();  // socket and pipe requests, overlapped and blocking
    // Requests no kernel call holds (a queued ConnectNamedPipe, a pipe write waiting for room)
    // leave their queues, cancelled; stream requests whose ops were taken back above are left as they are.
    posix::cancel_requests([](const posix::IoRequest& request) { return static_cast<bool>(request.cancel); });
    posix::end_all_network_events();
    posix::wait_until_no_requests();
}

// The trace names a handle by its value, so the student's Cancel finds the lesson's object by it.
bool request_pending(uint64_t handle, uint64_t overlapped) {
    const auto object = posix::lookup_handle_as<posix::IoHandleObject>(reinterpret_cast<HANDLE>(handle));
    return object && posix::request_pending_on(object, reinterpret_cast<const OVERLAPPED*>(overlapped));
}

bool cancel_request(uint64_t handle, uint64_t overlapped) {
    const auto object = posix::lookup_handle_as<posix::IoHandleObject>(reinterpret_cast<HANDLE>(handle));
    return object && posix::cancel_requests_on(object, reinterpret_cast<const OVERLAPPED*>(overlapped)) > 0;
}

void interrupt_waits() { posix::interrupt_all_waiters(); }

// The end of a session: the next one starts from handle 4, thread 1 and an empty naming memory,
// so every run of a lesson prints the same transcript.
size_t close_leaked_handles() {
    const size_t leaked = posix::close_all_handles();
    posix::reset_trace_hooks();
    posix::reset_winsock();
    posix::reset_apc_ids();
    g_next_lesson_thread = 1;
    return leaked;
}

size_t free_process_heap() {
    const size_t left = posix::free_run_heap();
#if defined(__GLIBC__)
    // Windows gives an ended process's memory back to the system. Here a run's threads leave the
    // pages they freed in glibc's per-thread arenas, which keep them: over an hour of Resets the
    // lab's resident memory kept creeping up while the bytes in use stayed flat (bench/soak.cpp).
    malloc_trim(0);
#endif
    return left;
}

unsigned allocate_lesson_thread_number() { return g_next_lesson_thread++; }

std::string_view io_backend_name() { return posix::io_backend().name(); }

// The portable runtime writes every field and signal itself, and records it as it does.
bool observes_fields() { return false; }

bool completion_hold_available() { return true; }

}  // namespace ovlab::platform
