// One overlapped file request from issue to completion, and the Windows completion sequence.
//
// Issue (lesson thread): Internal = STATUS_PENDING, hEvent (or the handle) reset, IoIssued, a
// stepper ticket, then the backend starts real kernel I/O.
// Finish (runtime thread): IoFinished; the stepper decides when it may be delivered; then
// IoCompleting, the completion sequence (InternalHigh, Internal, then hEvent or the file handle
// signalled; later: APC or port packet), IoCompleted.
#pragma once

#include <windows.h>

#include <cstdint>
#include <memory>

#include "event.h"
#include "file.h"
#include "ovlab/stepper.h"

namespace ovlab::posix {

enum class IoOperation { Read, Write };

struct IoRequest {
    IoOperation operation = IoOperation::Read;
    std::shared_ptr<FileObject> file;    // keeps the file open until the request is done
    std::shared_ptr<EventObject> event;  // hEvent's object, or null (the file handle is signalled)
    OVERLAPPED* overlapped = nullptr;
    int fd = -1;                         // descriptor the backend uses (the append descriptor for appends)
    void* buffer = nullptr;
    uint32_t length = 0;
    uint64_t offset = 0;                 // as the program gave it (OffsetHigh << 32 | Offset)
    bool append = false;                 // Offset = OffsetHigh = 0xFFFFFFFF on a write: at end of file
    uint64_t ticket = 0;
    step::Stepper* stepper = nullptr;    // the session's stepper at issue, or null

    // Where the kernel transfers: `fd` is opened with O_APPEND for appends, which then ignore it.
    int64_t kernel_offset() const { return append ? 0 : static_cast<int64_t>(offset); }
};

// Starts the request. Returns 0, or the errno with which the kernel refused it at once (then
// nothing will complete and the caller reports the failure).
int issue_request(std::unique_ptr<IoRequest> request);

// Backend side: the kernel finished `request` with `result` (bytes, or -errno). Runs or hands off
// the delivery and then frees the request. Never called with the request's backend lock held.
void request_finished(IoRequest* request, int64_t result);

// The final NTSTATUS of a request the kernel finished with `result` (bytes, or -errno).
uint32_t completion_status(const IoRequest& request, int64_t result);

size_t requests_in_flight();
// Blocks until no request is in flight (their buffers are no longer touched by the kernel).
void wait_until_no_requests();

}  // namespace ovlab::posix
