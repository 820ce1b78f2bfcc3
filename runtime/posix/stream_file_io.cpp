#include "stream_file_io.h"

#include <atomic>

#include <fmt/format.h>

#include "apc.h"
#include "event.h"
#include "handle_table.h"
#include "last_error.h"
#include "ovlab/status_codes.h"
#include "pipe.h"
#include "thread.h"
#include "trace_hooks.h"
#include "wait.h"

namespace ovlab::posix {
namespace {

using trace::OverlappedField;

BOOL issue_overlapped(const std::shared_ptr<StreamObject>& stream, const StreamFileCall& call,
                      std::shared_ptr<EventObject> event, StreamTransfer transfer) {
    auto request = std::make_unique<IoRequest>();
    request->operation = call.read ? IoOperation::Receive : IoOperation::Send;
    request->file = stream;
    request->event = std::move(event);
    request->overlapped = call.overlapped;
    request->routine = call.routine;
    request->routine_text = call.routine_text;
    const IssueOutcome outcome = StreamObject::issue(stream, std::move(transfer), std::move(request));
    switch (outcome.kind) {
        case IssueOutcome::Kind::Completed:
            if (call.transferred) *call.transferred = static_cast<DWORD>(outcome.bytes);
            // A warning (part of a longer message, §8): FALSE with 234, the bytes are valid.
            if (!nt_success(outcome.status)) return fail(ntstatus_to_win32_error(outcome.status));
            return TRUE;
        case IssueOutcome::Kind::Pending: return fail(ERROR_IO_PENDING);
        case IssueOutcome::Kind::Failed: break;
    }
    return fail(ntstatus_to_win32_error(outcome.status));
}

// A write the kernel took whole that must wait for room (a pipe's buffer quota, §8): the thread
// waits until the reader has taken enough. Returns the write's final status.
uint32_t wait_for_room(const std::shared_ptr<SendGate>& gate, uint64_t bytes, const std::string& what) {
    struct Room {
        std::atomic<uint32_t> status{kStatusSuccess};
        std::shared_ptr<EventObject> made = std::make_shared<EventObject>(true, false, std::string());
    };
    const auto room = std::make_shared<Room>();
    const auto release = [room](uint32_t status) {
        room->status = status;
        std::lock_guard lock(kernel_mutex());
        room->made->set_signalled(true, "room in the pipe");
    };
    if (gate->may_complete(bytes, release)) return kStatusSuccess;
    try {
        wait_for_objects({room->made}, false, INFINITE, trace::ThreadState::Waiting, what);
    } catch (...) {
        gate->withdraw();  // a lesson reset unwinds the thread: the write is abandoned
        throw;
    }
    return room->status;
}

// A handle opened without FILE_FLAG_OVERLAPPED (a pipe end, a WSASocket without
// WSA_FLAG_OVERLAPPED), or an overlapped pipe end given no OVERLAPPED: the thread waits; an
// OVERLAPPED, if given, receives the result after.
BOOL transfer_synchronously(const std::shared_ptr<StreamObject>& stream, const StreamFileCall& call,
                            EventObject* event, const StreamTransfer& transfer) {
    const char* api = call.read ? "ReadFile" : "WriteFile";
    {
        const std::string reason = fmt::format("{} issued", api);
        std::lock_guard lock(kernel_mutex());
        if (event) event->set_signalled(false, reason);
        stream->set_signalled(false, reason);
    }
    const std::string what =
        tracing() ? fmt::format("{}(0x{:X}) {} (synchronous handle)", api, stream->trace_handle(),
                                call.read ? "waits for data" : "waits for room")
                  : std::string();
    const std::shared_ptr<SendGate> gate = call.read ? nullptr : stream->gate_send();
    BlockingOutcome outcome = StreamObject::run_blocking(stream, transfer, INFINITE, what);
    if (gate && nt_success(outcome.status)) outcome.status = wait_for_room(gate, outcome.bytes, what);
    // A warning (part of a longer message) moved bytes; an error none.
    const bool moved = nt_severity(outcome.status) != NtSeverity::Error;
    const uint64_t bytes = moved ? outcome.bytes : 0;
    {
        std::lock_guard lock(kernel_mutex());
        if (call.overlapped) {
            write_overlapped_field(call.overlapped, OverlappedField::InternalHigh, bytes);
            write_overlapped_field(call.overlapped, OverlappedField::Internal, outcome.status);
        }
        const std::string reason = fmt::format("{} completed", call.read ? "read" : "write");
        if (event) event->set_signalled(true, reason);
        else stream->set_signalled(true, reason);
        // NT queues the routine of a request that completed synchronously too, unless it failed.
        if (call.routine && moved) {
            const CompletionRoutineCall routine = call.routine;
            const uint32_t status = outcome.status;
            queue_apc(current_thread_object(), call.routine_text, [routine, status, bytes] { routine(status, bytes); });
        }
    }
    if (call.transferred && moved) *call.transferred = static_cast<DWORD>(bytes);
    if (!nt_success(outcome.status)) return fail(ntstatus_to_win32_error(outcome.status));
    return TRUE;
}

}  // namespace

BOOL stream_read_or_write(const std::shared_ptr<StreamObject>& stream, const StreamFileCall& call) {
    // An overlapped pipe end given no OVERLAPPED waits (docs/windows-rules.md §8); an overlapped
    // socket is refused with 87, a case not compared with Windows yet (§17).
    const bool pipe = dynamic_cast<const PipeObject*>(stream.get()) != nullptr;
    if (stream->overlapped() && !call.overlapped && !pipe) return fail(ERROR_INVALID_PARAMETER);
    // A read into no buffer is an access violation (998); the kernel refuses a write from none
    // with STATUS_INVALID_USER_BUFFER (1784). docs/windows-rules.md §7.
    if (!call.buffer && call.length > 0) return fail(call.read ? ERROR_NOACCESS : ERROR_INVALID_USER_BUFFER);
    std::shared_ptr<EventObject> event;
    // ReadFileEx/WriteFileEx ignore hEvent: it is the program's, for its own data.
    if (call.overlapped && call.overlapped->hEvent && !call.routine) {
        const auto event_handle = reinterpret_cast<HANDLE>(handle_value(call.overlapped->hEvent) & ~uint64_t{1});
        event = lookup_handle_as<EventObject>(event_handle);
        if (!event) return fail(ERROR_INVALID_HANDLE);
    }
    if (call.routine) {
        // A handle bound to a completion port reports there; a routine as well is refused.
        std::lock_guard lock(kernel_mutex());
        if (stream->completion_port) return fail(ERROR_INVALID_PARAMETER);
    }
    if (const uint32_t refused = stream->refuses_transfer(call.read)) return fail(ntstatus_to_win32_error(refused));
    StreamTransfer transfer;
    if (!call.read) transfer.kind = StreamOpKind::Send;
    // A zero-byte read waits until data arrives and consumes none.
    else transfer.kind = call.length > 0 ? StreamOpKind::Receive : StreamOpKind::WaitReadable;
    if (call.length > 0) transfer.buffers.push_back({static_cast<char*>(call.buffer), call.length});
    if (const auto* pipe_end = dynamic_cast<const PipeObject*>(stream.get()); pipe_end && call.read)
        pipe_end->shape_read(transfer);
    if (stream->overlapped() && call.overlapped)
        return issue_overlapped(stream, call, std::move(event), std::move(transfer));
    // An overlapped pipe end given no OVERLAPPED: the request pends in the kernel and
    // ReadFile/WriteFile wait on the handle until it is done (docs/windows-rules.md §8). A disk
    // file refuses this instead (it needs the offset an OVERLAPPED carries).
    return transfer_synchronously(stream, call, event.get(), transfer);
}

}  // namespace ovlab::posix
