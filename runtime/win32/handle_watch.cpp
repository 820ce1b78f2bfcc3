#include "handle_watch.h"

#include <map>
#include <mutex>

#include "ovlab/session.h"

namespace ovlab::win32 {
namespace {

using trace::EventKind;
using trace::HandleKind;

// NtQueryEvent (ntdll) reads an event's state without waiting on it. A wait, even with a zero
// time-out, would CONSUME the signal of an auto-reset event and change what the lesson sees, so
// events are never waited on here. Files and threads are notification objects: a satisfied wait
// does not reset them, so WaitForSingleObject(h, 0) is a harmless read for those.
struct EventBasicInformation {
    int event_type;  // 0 notification (manual-reset), 1 synchronization (auto-reset)
    LONG event_state;
};
using NtQueryEventFunction = LONG(NTAPI*)(HANDLE, int, PVOID, ULONG, PULONG);
constexpr int kEventBasicInformation = 0;

NtQueryEventFunction nt_query_event() {
    static const auto function = reinterpret_cast<NtQueryEventFunction>(
        reinterpret_cast<void*>(GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "NtQueryEvent")));
    return function;
}

// NtQueryIoCompletion (ntdll) reads how many packets a port holds without taking one: the only
// view Windows gives of packets the kernel queued for finished requests before a thread takes them.
struct IoCompletionBasicInformation {
    LONG depth;
};
using NtQueryIoCompletionFunction = LONG(NTAPI*)(HANDLE, int, PVOID, ULONG, PULONG);
constexpr int kIoCompletionBasicInformation = 0;

NtQueryIoCompletionFunction nt_query_io_completion() {
    static const auto function = reinterpret_cast<NtQueryIoCompletionFunction>(
        reinterpret_cast<void*>(GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "NtQueryIoCompletion")));
    return function;
}

struct Known {
    HandleKind kind = HandleKind::Other;
    int signalled = -1;  // -1: not observable
    bool overlapped_io = false;
    LONG port_depth = 0;  // completion ports: packets queued when last read
};

struct Handles {
    std::mutex mutex;
    std::map<uint64_t, Known> open;
};

Handles& handles() {
    static Handles instance;
    return instance;
}

// 1 signalled, 0 not, -1 cannot be read without disturbing it. Keeps GetLastError as it was.
int read_signalled(HANDLE handle, HandleKind kind) {
    const DWORD saved_error = GetLastError();
    int state = -1;
    if (kind == HandleKind::Event) {
        EventBasicInformation info{};
        if (NtQueryEventFunction query = nt_query_event();
            query && query(handle, kEventBasicInformation, &info, sizeof info, nullptr) >= 0)
            state = info.event_state != 0;
    } else if (kind == HandleKind::File || kind == HandleKind::Thread) {
        const DWORD result = WaitForSingleObject(handle, 0);
        if (result == WAIT_OBJECT_0) state = 1;
        else if (result == WAIT_TIMEOUT) state = 0;
    }
    SetLastError(saved_error);
    return state;
}

// Packets the port holds now, or -1 when it cannot be read. Keeps GetLastError as it was.
LONG read_port_depth(HANDLE port) {
    const DWORD saved_error = GetLastError();
    IoCompletionBasicInformation info{-1};
    NtQueryIoCompletionFunction query = nt_query_io_completion();
    if (!query || query(port, kIoCompletionBasicInformation, &info, sizeof info, nullptr) < 0) info.depth = -1;
    SetLastError(saved_error);
    return info.depth;
}

void observe_port_depth(uint64_t value, Known& known) {
    const LONG depth = read_port_depth(reinterpret_cast<HANDLE>(value));
    if (depth < 0 || depth == known.port_depth) return;
    known.port_depth = depth;
    record({EventKind::PortDepthObserved, value, static_cast<uint64_t>(depth)});
}

}  // namespace

void handle_created(HANDLE handle, HandleKind kind, std::string_view description, bool overlapped_io) {
    if (!recording()) return;
    const int signalled = read_signalled(handle, kind);
    Handles& h = handles();
    std::lock_guard lock(h.mutex);
    const auto value = reinterpret_cast<uint64_t>(handle);
    h.open[value] = {kind, signalled, overlapped_io};
    record({EventKind::HandleCreated, value, static_cast<uint64_t>(kind), signalled == 1 ? 1u : 0u, 0, {}, description});
}

void handle_closed(HANDLE handle) {
    if (!recording()) return;
    Handles& h = handles();
    std::lock_guard lock(h.mutex);
    const auto value = reinterpret_cast<uint64_t>(handle);
    if (h.open.erase(value) == 0) return;
    record({EventKind::HandleClosed, value});
}

bool is_known_handle(HANDLE handle) {
    Handles& h = handles();
    std::lock_guard lock(h.mutex);
    return h.open.count(reinterpret_cast<uint64_t>(handle)) != 0;
}

bool is_overlapped_handle(HANDLE handle) {
    Handles& h = handles();
    std::lock_guard lock(h.mutex);
    const auto it = h.open.find(reinterpret_cast<uint64_t>(handle));
    return it != h.open.end() && it->second.overlapped_io;
}

void observe_signals(std::string_view reason) {
    if (!recording()) return;
    Handles& h = handles();
    std::lock_guard lock(h.mutex);
    for (auto& [value, known] : h.open) {
        if (known.kind == HandleKind::CompletionPort) observe_port_depth(value, known);
        if (known.signalled < 0) continue;
        const int now = read_signalled(reinterpret_cast<HANDLE>(value), known.kind);
        if (now < 0 || now == known.signalled) continue;
        known.signalled = now;
        record({EventKind::Signal, value, static_cast<uint64_t>(now), 0, 0, {}, reason});
    }
}

size_t close_known_handles() {
    Handles& h = handles();
    std::lock_guard lock(h.mutex);
    const size_t count = h.open.size();
    for (const auto& [value, known] : h.open) CloseHandle(reinterpret_cast<HANDLE>(value));
    h.open.clear();
    return count;
}

}  // namespace ovlab::win32
