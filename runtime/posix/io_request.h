// One overlapped request from issue to completion, and the Windows completion sequence.
//
// Issue (lesson thread): Internal = STATUS_PENDING, hEvent (or the handle) reset, IoIssued, a
// stepper ticket, then the backend starts real kernel I/O.
// Finish (runtime thread): IoFinished; the stepper decides when it may be delivered; then
// IoCompleting, the completion sequence (run_completion_sequence), IoCompleted.
#pragma once

#include <windows.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "event.h"
#include "file.h"
#include "ovlab/stepper.h"

namespace ovlab::posix {

class ThreadObject;

// Read/Write: disk files (and synchronous handles). Receive..Connect: sockets and pipes
// (stream.h). DeviceControl: DeviceIoControl, which completes inside the call.
enum class IoOperation { Read, Write, Receive, Send, Accept, Connect, DeviceControl };

// "read", "write", "recv", "send", "accept", "connect", "device control": IoIssued's name and the
// completion's reason.
const char* operation_name(IoOperation operation);
// Disk requests always finish; a network or pipe request may wait forever (no data ever comes),
// so the stepper lets later completions overtake it.
inline bool always_finishes(IoOperation operation) {
    return operation == IoOperation::Read || operation == IoOperation::Write;
}

// Calls a completion routine (ReadFileEx/WriteFileEx, WSARecv/WSASend) with the request's final
// NTSTATUS and byte count; each API converts the status to the error code its routine expects.
using CompletionRoutineCall = std::function<void(uint32_t status, uint64_t bytes)>;

struct IoRequest {
    IoOperation operation = IoOperation::Read;
    // The file, socket or pipe (NT: all file objects); keeps it open until the request is done.
    std::shared_ptr<IoHandleObject> file;
    std::shared_ptr<EventObject> event;  // hEvent's object, or null (the handle is signalled)
    OVERLAPPED* overlapped = nullptr;
    int fd = -1;                         // descriptor the backend uses (the append descriptor for appends)
    void* buffer = nullptr;
    uint32_t length = 0;
    uint64_t offset = 0;                 // as the program gave it (OffsetHigh << 32 | Offset)
    bool append = false;                 // Offset = OffsetHigh = 0xFFFFFFFF on a write: at end of file
    uint64_t moved = 0;                  // bytes earlier kernel calls moved (a short transfer the backend continued)
    uint64_t ticket = 0;
    step::Stepper* stepper = nullptr;    // the session's stepper at issue, or null

    // ---- the callback channel (docs/windows-rules.md §4 step 3), fixed at issue ----
    std::shared_ptr<ThreadObject> issuer;  // the issuing thread: runs the routine; CancelIo's filter
    CompletionRoutineCall routine;         // set: an APC to `issuer` instead of a port packet
    std::string routine_text;              // ApcQueued text: "ReadFileEx completion routine: OnRead"
    bool port_packet_suppressed = false;   // hEvent had its low bit set (set by issue_request)
    bool completed_at_issue = false;       // immediate success: FILE_SKIP_COMPLETION_PORT_ON_SUCCESS applies

    // ---- requests that are not one kernel call (sockets and pipes run in lanes, stream.h) ----
    std::function<int(IoRequest&)> start;     // replaces io_backend().submit(): 0 or an errno
    std::function<bool(IoRequest&)> cancel;   // replaces io_backend().cancel(), same contract
    std::optional<uint32_t> decided_status;   // the final NTSTATUS when the errno alone cannot say it
    const IoHandleObject* accept_target = nullptr;  // AcceptEx: sAcceptSocket (closing it cancels the request)
    // Set once the completion sequence has run (a pipe client waits on it for its server's
    // ConnectNamedPipe, docs/windows-rules.md §8).
    std::shared_ptr<KernelObject> delivered_signal;

    std::atomic<bool> cancel_requested{false};
    std::atomic<bool> delivered{false};    // the completion sequence ran: CancelIoEx no longer finds it

    // Where the kernel transfers: `fd` is opened with O_APPEND for appends, which then ignore it.
    int64_t kernel_offset() const { return append ? 0 : static_cast<int64_t>(offset); }
};

// Starts the request. Returns 0, or the errno with which the kernel refused it at once (then
// nothing will complete and the caller reports the failure).
int issue_request(std::unique_ptr<IoRequest> request);

// Backend side: the kernel finished `request` with `result` (bytes, or -errno). Runs or hands off
// the delivery and then frees the request. Never called with the request's backend lock held.
void request_finished(IoRequest* request, int64_t result);

// The Windows completion sequence, the same for every kind of request (file, socket, pipe):
//   1. InternalHigh = bytes, Internal = status (the data is already in the buffer);
//   2. hEvent is set, or, when it is NULL, the handle (unless FILE_SKIP_SET_EVENT_ON_HANDLE);
//   3. exactly one callback channel: the completion routine queued as an APC to the issuing
//      thread, or a packet on the handle's completion port (unless hEvent's low bit is set, or
//      the request succeeded at issue on a FILE_SKIP_COMPLETION_PORT_ON_SUCCESS handle).
// Whoever sees the signal, the packet or the routine already sees the final fields. Takes the
// kernel mutex. For a request that completes inside the issuing call, call it directly (with
// completed_at_issue set) instead of going through a backend.
void run_completion_sequence(IoRequest& request, uint32_t status, uint64_t bytes);

// Asks the kernel to cancel every request in flight that `matches` selects (CancelIo, CancelIoEx,
// a thread that ends). Each still completes through its normal channel: with STATUS_CANCELLED, or
// normally if it had already finished. Returns how many were found. Call without the kernel mutex.
size_t cancel_requests(const std::function<bool(const IoRequest&)>& matches);

// CancelIoEx's choice: the requests on `object` with this OVERLAPPED, or every one on it (null).
size_t cancel_requests_on(const std::shared_ptr<IoHandleObject>& object, const OVERLAPPED* overlapped);
// True while a request on `object` with this OVERLAPPED has not been delivered (CancelIoEx finds it).
bool request_pending_on(const std::shared_ptr<IoHandleObject>& object, const OVERLAPPED* overlapped);

// The final NTSTATUS of a request whose last kernel call ended with `result` (bytes, or -errno).
uint32_t completion_status(const IoRequest& request, int64_t result);
// The byte count it reports: every byte moved when it succeeded, none when it failed (a disk
// transfer on Windows succeeds whole or fails, docs/windows-rules.md §19).
uint64_t completion_bytes(const IoRequest& request, int64_t result);

size_t requests_in_flight();
// Blocks until no request is in flight (their buffers are no longer touched by the kernel).
void wait_until_no_requests();

}  // namespace ovlab::posix
