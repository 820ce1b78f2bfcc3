// What the session needs from the Windows layer (ovlab/platform.h).
#include "ovlab/platform.h"

#include <winsock2.h>
#include <windows.h>

#include <atomic>
#include <cstdio>

#include "api_call.h"
#include "handle_watch.h"
#include "observer_thread.h"
#include "overlapped_watch.h"
#include "port_wakeup.h"
#include "wait.h"

namespace ovlab::platform {
namespace {

std::atomic<unsigned> g_next_lesson_thread{1};

// A cancelled request still completes through the kernel; its buffer is in use until then. Disk
// and socket requests finish within milliseconds of CancelIoEx; the limit only guards against a
// driver that ignores cancellation.
constexpr ULONGLONG kDrainLimitMs = 10000;

}  // namespace

void cancel_all_io() {
    for (HANDLE handle : win32::handles_with_requests_in_flight()) CancelIoEx(handle, nullptr);
    const ULONGLONG start = GetTickCount64();
    while (win32::observe_requests_in_flight() > 0) {
        if (GetTickCount64() - start > kDrainLimitMs) {
            std::fprintf(stderr, "overlapped-lab: requests still pending %llu ms after CancelIoEx; their buffers "
                                 "may be written later\n", kDrainLimitMs);
            return;
        }
        ::Sleep(1);
    }
}

bool request_pending(uint64_t handle, uint64_t overlapped) {
    return win32::request_in_flight(reinterpret_cast<HANDLE>(handle), overlapped);
}

bool cancel_request(uint64_t handle, uint64_t overlapped) {
    return CancelIoEx(reinterpret_cast<HANDLE>(handle), reinterpret_cast<LPOVERLAPPED>(overlapped)) != FALSE;
}

void interrupt_waits() {
    win32::interrupt_all_waits();
    win32::wake_port_waiters();
}

// The end of a session: the next one starts with no handles, names or OVERLAPPEDs remembered.
size_t close_leaked_handles() {
    const size_t leaked = win32::close_known_handles();
    win32::forget_overlappeds();
    win32::forget_names();
    win32::observer_session_ended();
    win32::clear_wait_interrupt();
    win32::forget_port_wakeups();
    g_next_lesson_thread = 1;
    return leaked;
}

unsigned allocate_lesson_thread_number() { return g_next_lesson_thread++; }

std::string_view io_backend_name() { return "Windows"; }

bool observes_fields() { return true; }

bool completion_hold_available() { return false; }

}  // namespace ovlab::platform
