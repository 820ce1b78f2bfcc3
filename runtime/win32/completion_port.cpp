// CreateIoCompletionPort, GetQueuedCompletionStatus, PostQueuedCompletionStatus: the real calls.
// Packets posted by the lesson and packets dequeued are recorded; packets the kernel queues for
// finished requests are not visible until dequeued (their OVERLAPPED is watched meanwhile).
//
// A worker blocked in GetQueuedCompletionStatus(INFINITE) must end on a reset, and closing the
// port does not wake it under Wine (docs/windows-rules.md §16.3). So a reset posts one wake-up packet
// (kWakeKey, no OVERLAPPED) per thread waiting in this wrapper; the wrapper recognises it and lets
// the stepper unwind the thread. A lesson never sees such a packet: nothing is queued after a reset.
#include <map>
#include <mutex>

#include <fmt/format.h>

#include "api_call.h"
#include "handle_watch.h"
#include "ovlab/session.h"
#include "ovlab/win32_traced.h"
#include "port_wakeup.h"

namespace ovlab::win32 {
namespace {

using trace::EventKind;

constexpr ULONG_PTR kWakeKey = 0x0F1AB0BADC0FFEE0ull;

struct Waiting {
    std::mutex mutex;
    std::map<HANDLE, int> count;  // port -> threads blocked in GetQueuedCompletionStatus here
    bool waking = false;          // a reset posted wake-up packets
};

Waiting& waiting() {
    static Waiting instance;
    return instance;
}

DWORD processor_count() {
    SYSTEM_INFO info{};
    GetSystemInfo(&info);
    return info.dwNumberOfProcessors;
}

void record_dequeued(HANDLE port, DWORD bytes, ULONG_PTR key, const OVERLAPPED* overlapped) {
    record({EventKind::PortPacketDequeued, reinterpret_cast<uint64_t>(port), bytes, key,
            reinterpret_cast<uint64_t>(overlapped)});
}

}  // namespace

void wake_port_waiters() {
    Waiting& w = waiting();
    std::lock_guard lock(w.mutex);
    w.waking = true;
    for (const auto& [port, count] : w.count)
        for (int i = 0; i < count; ++i) ::PostQueuedCompletionStatus(port, 0, kWakeKey, nullptr);
}

void forget_port_wakeups() {
    Waiting& w = waiting();
    std::lock_guard lock(w.mutex);
    w.waking = false;
    w.count.clear();
}

HANDLE Traced<"CreateIoCompletionPort">::call(decltype(&::CreateIoCompletionPort), HANDLE FileHandle,
                                              HANDLE ExistingCompletionPort, ULONG_PTR CompletionKey,
                                              DWORD NumberOfConcurrentThreads) {
    ApiCall call("CreateIoCompletionPort", [&] {
        return fmt::format("{}, {}, CompletionKey=0x{:X}, NumberOfConcurrentThreads={}",
                           handle_argument("FileHandle", 0, FileHandle),
                           handle_argument("ExistingCompletionPort", 1, ExistingCompletionPort), CompletionKey,
                           NumberOfConcurrentThreads);
    });
    HANDLE port = ::CreateIoCompletionPort(FileHandle, ExistingCompletionPort, CompletionKey, NumberOfConcurrentThreads);
    const DWORD error = GetLastError();
    if (port && !ExistingCompletionPort && call.tracing()) {
        const DWORD concurrency = NumberOfConcurrentThreads ? NumberOfConcurrentThreads : processor_count();
        handle_created(port, trace::HandleKind::CompletionPort, fmt::format("completion port, concurrency {}", concurrency));
    }
    if (!port) return call.returns_handle(port, error);
    return call.returns_new_handle(port, error);
}

BOOL Traced<"GetQueuedCompletionStatus">::call(decltype(&::GetQueuedCompletionStatus), HANDLE CompletionPort,
                                               LPDWORD lpNumberOfBytesTransferred, PULONG_PTR lpCompletionKey,
                                               LPOVERLAPPED* lpOverlapped, DWORD dwMilliseconds) {
    ApiCall call("GetQueuedCompletionStatus", [&] {
        return fmt::format("{}, {}, {}, {}, {}", handle_argument("CompletionPort", 0, CompletionPort),
                           pointer_argument("lpNumberOfBytesTransferred", 1, lpNumberOfBytesTransferred),
                           pointer_argument("lpCompletionKey", 2, lpCompletionKey),
                           pointer_argument("lpOverlapped", 3, lpOverlapped),
                           timeout_argument("dwMilliseconds", dwMilliseconds));
    });
    const bool arguments_usable = lpNumberOfBytesTransferred && lpCompletionKey && lpOverlapped;
    // A packet already queued is taken without giving up the turn (as on Linux).
    BOOL ok = ::GetQueuedCompletionStatus(CompletionPort, lpNumberOfBytesTransferred, lpCompletionKey, lpOverlapped, 0);
    DWORD error = GetLastError();
    const bool nothing_queued = !ok && error == WAIT_TIMEOUT && arguments_usable && !*lpOverlapped;
    while (nothing_queued && dwMilliseconds != 0) {
        Waiting& w = waiting();
        {
            std::lock_guard lock(w.mutex);
            ++w.count[CompletionPort];
        }
        if (call.tracing()) record({EventKind::PortWaiter, reinterpret_cast<uint64_t>(CompletionPort), 1});
        call.blocking_begin(trace::ThreadState::PortWait,
                            call.tracing() ? fmt::format("GetQueuedCompletionStatus({})", handle_label(0, CompletionPort))
                                           : std::string());
        ok = ::GetQueuedCompletionStatus(CompletionPort, lpNumberOfBytesTransferred, lpCompletionKey, lpOverlapped,
                                         dwMilliseconds);
        error = GetLastError();
        bool woken_by_reset = false;
        {
            std::lock_guard lock(w.mutex);
            --w.count[CompletionPort];
            woken_by_reset = w.waking && ok && !*lpOverlapped && *lpCompletionKey == kWakeKey;
        }
        call.blocking_end();  // throws LessonAborted when the reset is unwinding this thread
        if (call.tracing()) record({EventKind::PortWaiter, reinterpret_cast<uint64_t>(CompletionPort), 0});
        if (!woken_by_reset) break;
    }
    if (call.tracing() && arguments_usable && (ok || *lpOverlapped))
        record_dequeued(CompletionPort, *lpNumberOfBytesTransferred, *lpCompletionKey, *lpOverlapped);
    return call.returns_bool(ok, error);
}

BOOL Traced<"PostQueuedCompletionStatus">::call(decltype(&::PostQueuedCompletionStatus), HANDLE CompletionPort,
                                                DWORD dwNumberOfBytesTransferred, ULONG_PTR dwCompletionKey,
                                                LPOVERLAPPED lpOverlapped) {
    ApiCall call("PostQueuedCompletionStatus", [&] {
        return fmt::format("{}, dwNumberOfBytesTransferred={}, dwCompletionKey=0x{:X}, {}",
                           handle_argument("CompletionPort", 0, CompletionPort), dwNumberOfBytesTransferred,
                           dwCompletionKey, pointer_argument("lpOverlapped", 3, lpOverlapped));
    });
    const BOOL ok = ::PostQueuedCompletionStatus(CompletionPort, dwNumberOfBytesTransferred, dwCompletionKey, lpOverlapped);
    const DWORD error = GetLastError();
    if (ok && call.tracing())
        record({EventKind::PortPacketQueued, reinterpret_cast<uint64_t>(CompletionPort), dwNumberOfBytesTransferred,
                dwCompletionKey, reinterpret_cast<uint64_t>(lpOverlapped), {}, "PostQueuedCompletionStatus"});
    return call.returns_bool(ok, error);
}

}  // namespace ovlab::win32
