// CreateIoCompletionPort, GetQueuedCompletionStatus(Ex), PostQueuedCompletionStatus and
// SetFileCompletionNotificationModes (docs/windows-rules.md §12).
#include <algorithm>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "api_call.h"
#include "completion_port.h"
#include "handle_table.h"
#include "io_handle_object.h"
#include "last_error.h"
#include "ovlab/callsite.h"
#include "ovlab/session.h"
#include "ovlab/status_codes.h"

namespace ovlab::posix {
namespace {

using trace::EventKind;

// Concurrency value 0 means "as many threads as there are processors".
DWORD processor_count() { return std::max(1u, std::thread::hardware_concurrency()); }

HANDLE create_port(DWORD concurrency) {
    auto port = std::make_shared<CompletionPort>(concurrency ? concurrency : processor_count());
    HANDLE handle = insert_handle(port);
    record({EventKind::PortCounts, handle_value(handle), 0, port->concurrency()});
    return handle;
}

HANDLE create_io_completion_port(HANDLE file_handle, HANDLE existing, ULONG_PTR key, DWORD concurrency) {
    if (file_handle == INVALID_HANDLE_VALUE) {
        if (existing) {
            set_last_error(ERROR_INVALID_PARAMETER);
            return nullptr;
        }
        return create_port(concurrency);  // success leaves the last error as it was (§5)
    }
    std::shared_ptr<IoHandleObject> object = lookup_handle_as<IoHandleObject>(file_handle);
    std::shared_ptr<CompletionPort> port = existing ? lookup_handle_as<CompletionPort>(existing) : nullptr;
    if (!object || (existing && !port)) {
        set_last_error(ERROR_INVALID_HANDLE);
        return nullptr;
    }
    // Windows: only a handle opened for overlapped I/O can be bound, and only once.
    auto can_bind = [&] {
        std::lock_guard lock(kernel_mutex());
        return object->overlapped() && !object->completion_port;
    };
    if (!can_bind()) {
        set_last_error(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    HANDLE port_handle = existing;
    if (!port) {  // FileHandle + NULL: a new port, with the handle bound to it
        port_handle = create_port(concurrency);
        port = lookup_handle_as<CompletionPort>(port_handle);
    }
    {
        std::lock_guard lock(kernel_mutex());
        object->completion_port = port;
        object->completion_key = key;
    }
    return port_handle;
}

std::string wait_text(std::string_view api, HANDLE port) {
    const std::string name = callsite_argument(0);
    return fmt::format("{}({})", api, name.empty() ? fmt::format("0x{:X}", handle_value(port)) : name);
}

// PortWaitResult -> last error, for the failures both GQCS forms share.
BOOL fail_with(PortWaitResult result) {
    switch (result) {
        case PortWaitResult::TimedOut: return fail(WAIT_TIMEOUT);
        case PortWaitResult::ApcsRan: return fail(WAIT_IO_COMPLETION);
        case PortWaitResult::Abandoned: return fail(ERROR_ABANDONED_WAIT_0);
        case PortWaitResult::Entries: break;
    }
    return TRUE;
}

BOOL get_queued_completion_status(HANDLE port_handle, LPDWORD bytes, PULONG_PTR key, LPOVERLAPPED* overlapped,
                                  DWORD milliseconds, bool tracing) {
    // Windows would fault writing through a NULL out-parameter; here the call fails.
    if (!bytes || !key || !overlapped) return fail(ERROR_INVALID_PARAMETER);
    std::shared_ptr<CompletionPort> port = lookup_handle_as<CompletionPort>(port_handle);
    if (!port) {
        *overlapped = nullptr;
        return fail(ERROR_INVALID_HANDLE);
    }
    std::vector<PortPacket> packets;
    const std::string what = tracing ? wait_text("GetQueuedCompletionStatus", port_handle) : "";
    // GetQueuedCompletionStatus is never alertable.
    const PortWaitResult result = remove_packets(port, 1, milliseconds, false, what, packets);
    if (result != PortWaitResult::Entries) {
        *overlapped = nullptr;  // bytes and key are left as they were
        return fail_with(result);
    }
    const PortPacket& packet = packets.front();
    *bytes = packet.bytes;
    *key = packet.key;
    *overlapped = packet.overlapped;
    // A failed request's packet: FALSE, but with its OVERLAPPED, bytes and key.
    if (!nt_success(packet.status)) return fail(ntstatus_to_win32_error(packet.status));
    return TRUE;
}

BOOL get_queued_completion_status_ex(HANDLE port_handle, LPOVERLAPPED_ENTRY entries, ULONG count, PULONG removed,
                                     DWORD milliseconds, BOOL alertable, bool tracing) {
    if (!entries || count == 0 || !removed) return fail(ERROR_INVALID_PARAMETER);
    std::shared_ptr<CompletionPort> port = lookup_handle_as<CompletionPort>(port_handle);
    if (!port) return fail(ERROR_INVALID_HANDLE);
    std::vector<PortPacket> packets;
    const std::string what = tracing ? wait_text("GetQueuedCompletionStatusEx", port_handle) : "";
    const PortWaitResult result = remove_packets(port, count, milliseconds, alertable != FALSE, what, packets);
    if (result != PortWaitResult::Entries) {
        *removed = 1;  // what Windows reports with no entry (Wine's tests, run on Windows, check it)
        return fail_with(result);
    }
    for (size_t i = 0; i < packets.size(); ++i)
        entries[i] = {packets[i].key, packets[i].overlapped, packets[i].status, packets[i].bytes};
    *removed = static_cast<ULONG>(packets.size());
    // TRUE even when some entries are failed requests: each entry's Internal says.
    return TRUE;
}

}  // namespace
}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" HANDLE WINAPI CreateIoCompletionPort(HANDLE FileHandle, HANDLE ExistingCompletionPort,
                                                ULONG_PTR CompletionKey, DWORD NumberOfConcurrentThreads) {
    ApiCall call("CreateIoCompletionPort", [&] {
        return fmt::format("{}, {}, CompletionKey=0x{:X}, NumberOfConcurrentThreads={}",
                           handle_argument("FileHandle", 0, FileHandle),
                           handle_argument("ExistingCompletionPort", 1, ExistingCompletionPort), CompletionKey,
                           NumberOfConcurrentThreads);
    });
    return call.returns_handle(
        create_io_completion_port(FileHandle, ExistingCompletionPort, CompletionKey, NumberOfConcurrentThreads));
}

extern "C" BOOL WINAPI GetQueuedCompletionStatus(HANDLE CompletionPort, LPDWORD lpNumberOfBytesTransferred,
                                                 PULONG_PTR lpCompletionKey, LPOVERLAPPED* lpOverlapped,
                                                 DWORD dwMilliseconds) {
    ApiCall call("GetQueuedCompletionStatus", [&] {
        return fmt::format("{}, {}, {}, {}, {}", handle_argument("CompletionPort", 0, CompletionPort),
                           pointer_argument("lpNumberOfBytesTransferred", 1, lpNumberOfBytesTransferred),
                           pointer_argument("lpCompletionKey", 2, lpCompletionKey),
                           pointer_argument("lpOverlapped", 3, lpOverlapped),
                           timeout_argument("dwMilliseconds", dwMilliseconds));
    });
    return call.returns_bool(get_queued_completion_status(CompletionPort, lpNumberOfBytesTransferred, lpCompletionKey,
                                                          lpOverlapped, dwMilliseconds, call.tracing()));
}

extern "C" BOOL WINAPI GetQueuedCompletionStatusEx(HANDLE CompletionPort, LPOVERLAPPED_ENTRY lpCompletionPortEntries,
                                                   ULONG ulCount, PULONG ulNumEntriesRemoved, DWORD dwMilliseconds,
                                                   BOOL fAlertable) {
    ApiCall call("GetQueuedCompletionStatusEx", [&] {
        return fmt::format("{}, {}, ulCount={}, {}, {}, {}", handle_argument("CompletionPort", 0, CompletionPort),
                           pointer_argument("lpCompletionPortEntries", 1, lpCompletionPortEntries), ulCount,
                           pointer_argument("ulNumEntriesRemoved", 3, ulNumEntriesRemoved),
                           timeout_argument("dwMilliseconds", dwMilliseconds), bool_argument("fAlertable", fAlertable));
    });
    return call.returns_bool(get_queued_completion_status_ex(CompletionPort, lpCompletionPortEntries, ulCount,
                                                             ulNumEntriesRemoved, dwMilliseconds, fAlertable,
                                                             call.tracing()));
}

extern "C" BOOL WINAPI PostQueuedCompletionStatus(HANDLE CompletionPort, DWORD dwNumberOfBytesTransferred,
                                                  ULONG_PTR dwCompletionKey, LPOVERLAPPED lpOverlapped) {
    ApiCall call("PostQueuedCompletionStatus", [&] {
        return fmt::format("{}, dwNumberOfBytesTransferred={}, dwCompletionKey=0x{:X}, {}",
                           handle_argument("CompletionPort", 0, CompletionPort), dwNumberOfBytesTransferred,
                           dwCompletionKey, pointer_argument("lpOverlapped", 3, lpOverlapped));
    });
    std::shared_ptr<ovlab::posix::CompletionPort> port = lookup_handle_as<ovlab::posix::CompletionPort>(CompletionPort);
    if (!port) return call.returns_bool(fail(ERROR_INVALID_HANDLE));
    {
        // The values are the program's own: never dereferenced, the OVERLAPPED is not touched.
        std::lock_guard lock(kernel_mutex());
        port->queue_packet({dwNumberOfBytesTransferred, dwCompletionKey, lpOverlapped, 0}, "PostQueuedCompletionStatus");
    }
    return call.returns_bool(TRUE);
}

extern "C" BOOL WINAPI SetFileCompletionNotificationModes(HANDLE FileHandle, UCHAR Flags) {
    ApiCall call("SetFileCompletionNotificationModes", [&] {
        std::string flags;
        if (Flags & FILE_SKIP_COMPLETION_PORT_ON_SUCCESS) flags = "FILE_SKIP_COMPLETION_PORT_ON_SUCCESS";
        if (Flags & FILE_SKIP_SET_EVENT_ON_HANDLE)
            flags += flags.empty() ? "FILE_SKIP_SET_EVENT_ON_HANDLE" : " | FILE_SKIP_SET_EVENT_ON_HANDLE";
        if (flags.empty() || (Flags & ~3)) flags += fmt::format("{}0x{:X}", flags.empty() ? "" : " | ", Flags & ~3);
        return fmt::format("{}, Flags={}", handle_argument("FileHandle", 0, FileHandle), flags);
    });
    std::shared_ptr<IoHandleObject> object = lookup_handle_as<IoHandleObject>(FileHandle);
    if (!object) return call.returns_bool(fail(ERROR_INVALID_HANDLE));
    if ((Flags & ~(FILE_SKIP_COMPLETION_PORT_ON_SUCCESS | FILE_SKIP_SET_EVENT_ON_HANDLE)) != 0 || !object->overlapped())
        return call.returns_bool(fail(ERROR_INVALID_PARAMETER));
    {
        std::lock_guard lock(kernel_mutex());
        object->notification_modes |= Flags;  // Windows: a mode once set cannot be cleared
    }
    return call.returns_bool(TRUE);
}
