// ReadFile, WriteFile, ReadFileEx, WriteFileEx: overlapped requests go to the I/O backend;
// requests on synchronous handles are real blocking system calls on the calling thread.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <fmt/format.h>

#include "api_call.h"
#include "apc.h"
#include "blocking_transfer.h"
#include "completion_port.h"
#include "handle_table.h"
#include "io_request.h"
#include "last_error.h"
#include "stream_file_io.h"
#include "ovlab/callsite.h"
#include "ovlab/session.h"
#include "ovlab/status_codes.h"
#include "thread.h"
#include "trace_hooks.h"

namespace ovlab::posix {
namespace {

using trace::EventKind;
using trace::OverlappedField;

struct Transfer {
    IoOperation operation;
    HANDLE handle;
    void* buffer;
    DWORD length;
    LPDWORD transferred;
    LPOVERLAPPED overlapped;
    // ReadFileEx/WriteFileEx: the completion routine, and its name in the lesson source.
    LPOVERLAPPED_COMPLETION_ROUTINE routine = nullptr;
    std::string routine_name = {};
};

const char* api_name(IoOperation operation) { return operation == IoOperation::Read ? "ReadFile" : "WriteFile"; }

// kernel32's read_write_apc: the routine gets the Win32 error for the final NTSTATUS, the byte
// count and the request's own OVERLAPPED.
CompletionRoutineCall routine_call(const Transfer& t) {
    return [routine = t.routine, overlapped = t.overlapped](uint32_t status, uint64_t bytes) {
        routine(ntstatus_to_win32_error(status), static_cast<DWORD>(bytes), overlapped);
    };
}

std::string routine_text(const Transfer& t) {
    const std::string api = t.operation == IoOperation::Read ? "ReadFileEx" : "WriteFileEx";
    return t.routine_name.empty() ? api + " completion routine"
                                  : fmt::format("{} completion routine: {}", api, t.routine_name);
}

// Windows: the request resets hEvent and the file handle when it starts, even if they were signalled.
void reset_at_issue(const Transfer& t, FileObject& file, EventObject* event) {
    const std::string reason = fmt::format("{} issued", api_name(t.operation));
    std::lock_guard lock(kernel_mutex());
    if (event) event->set_signalled(false, reason);
    file.set_signalled(false, reason);
}

BOOL issue_overlapped(const Transfer& t, std::shared_ptr<FileObject> file, std::shared_ptr<EventObject> event,
                      bool append) {
    const int fd = append ? file->append_fd() : file->fd();
    if (fd < 0) return fail(win32_error_from_errno(errno));
    reset_at_issue(t, *file, event.get());
    auto request = std::make_unique<IoRequest>();
    request->operation = t.operation;
    request->file = std::move(file);
    request->event = std::move(event);
    request->overlapped = t.overlapped;
    request->fd = fd;
    request->buffer = t.buffer;
    request->length = t.length;
    request->offset = (uint64_t{t.overlapped->OffsetHigh} << 32) | t.overlapped->Offset;
    request->append = append;
    if (t.routine) {
        request->routine = routine_call(t);
        request->routine_text = routine_text(t);
    }
    if (const int error = issue_request(std::move(request)); error != 0) return fail(win32_error_from_errno(error));
    // Like Wine, a regular-file request always reports "pending"; the completion comes later.
    return fail(ERROR_IO_PENDING);
}

// The request's results, once the kernel has moved the bytes: what the system writes before a
// synchronous call returns.
void complete_synchronously(const Transfer& t, FileObject& file, EventObject* event, int64_t result, uint32_t status,
                            uint64_t bytes) {
    const bool end_of_file = t.operation == IoOperation::Read && result == 0 && t.length > 0;
    std::lock_guard lock(kernel_mutex());
    if (t.overlapped) {
        write_overlapped_field(t.overlapped, OverlappedField::InternalHigh, bytes);
        write_overlapped_field(t.overlapped, OverlappedField::Internal, status);
    }
    const std::string reason = fmt::format("{} completed", t.operation == IoOperation::Read ? "read" : "write");
    if (event) event->set_signalled(true, reason);
    else file.set_signalled(true, reason);
    // NT queues the routine of a request that completed synchronously too, unless it failed.
    if (t.routine && result >= 0 && !(end_of_file && t.overlapped)) {
        const CompletionRoutineCall routine = routine_call(t);
        queue_apc(current_thread_object(), routine_text(t), [routine, status, bytes] { routine(status, bytes); });
    }
}

// A synchronous handle: the thread blocks in the system call. With an OVERLAPPED it reads at the
// given offset (and the file pointer moves to offset + n); without, at the file pointer.
// The stepper delivers the request's completion in its own turn, as it does an overlapped request's
// (and holds it while hold is on): the step of that completion shows the thread still inside the call.
BOOL transfer_synchronously(const Transfer& t, FileObject& file, EventObject* event, bool append) {
    const int fd = append ? file.append_fd() : file.fd();
    if (fd < 0) return fail(win32_error_from_errno(errno));
    reset_at_issue(t, file, event);
    const uint64_t offset = t.overlapped ? (uint64_t{t.overlapped->OffsetHigh} << 32) | t.overlapped->Offset : 0;
    const auto address = reinterpret_cast<uint64_t>(t.overlapped);
    const char* operation = t.operation == IoOperation::Read ? "read" : "write";
    step::Stepper* stepper = current_stepper();
    // A regular file's transfer always ends, so later disk requests may wait behind it (issue
    // order); a FIFO or a terminal may never deliver, and must not hold anyone else's completion.
    struct stat status_of_fd {};
    const bool always_finishes = ::fstat(fd, &status_of_fd) == 0 && S_ISREG(status_of_fd.st_mode);
    const uint64_t ticket = stepper ? stepper->io_issued(always_finishes, address) : 0;
    record({EventKind::IoIssued, address, file.trace_handle(), offset, t.length, operation, "synchronous"});

    calling_thread_blocks();  // a completion-port thread in synchronous I/O does not count as running
    record_thread_state(trace::ThreadState::Waiting, fmt::format("{} (synchronous handle)", api_name(t.operation)));
    if (stepper) stepper->blocking_begin();
    const int64_t kernel_offset = !t.overlapped ? kAtFilePointer : append ? kAtFilePointer : static_cast<int64_t>(offset);
    const int64_t result = blocking_transfer(fd, t.operation, t.buffer, t.length, kernel_offset);
    if (t.overlapped && result >= 0 && !append) ::lseek(file.fd(), static_cast<off_t>(offset + result), SEEK_SET);

    const bool end_of_file = t.operation == IoOperation::Read && result == 0 && t.length > 0;
    const uint32_t status = result < 0 ? ntstatus_from_errno(static_cast<int>(-result)) : end_of_file ? kStatusEndOfFile : 0;
    const uint64_t bytes = result > 0 ? static_cast<uint64_t>(result) : 0;
    // False while the lesson is being reset: the thread is unwound at blocking_end, nothing is delivered.
    if (!stepper || stepper->io_finished_wait(ticket)) {
        // Recorded in the completion's turn, so the transcript does not depend on timing.
        record({EventKind::IoFinished, address, status, bytes});
        record({EventKind::IoCompleting, address, status, bytes, stepper && stepper->hold() ? 1u : 0u});
        complete_synchronously(t, file, event, result, status, bytes);
        record({EventKind::IoCompleted, address, status, bytes});
        if (stepper) {
            stepper->make_ready(trace::current_thread());
            stepper->io_delivered(ticket);
        }
    }
    if (stepper) stepper->blocking_end();
    calling_thread_runs();
    record_thread_state(trace::ThreadState::Running, {});
    if (result < 0) return fail(win32_error_from_errno(static_cast<int>(-result)));
    // At end of file a plain synchronous read succeeds with 0 bytes; with an OVERLAPPED it fails
    // with ERROR_HANDLE_EOF.
    if (end_of_file && t.overlapped) return fail(ERROR_HANDLE_EOF);
    if (t.transferred) *t.transferred = static_cast<DWORD>(bytes);
    return TRUE;
}

BOOL read_or_write(const Transfer& t) {
    if (t.routine && !t.overlapped) return fail(ERROR_INVALID_PARAMETER);  // before Internal is touched
    if (t.transferred) *t.transferred = 0;
    if (t.overlapped) {
        // kernel32 marks the OVERLAPPED pending before the kernel even looks at the handle.
        observe_overlapped(t.overlapped);
        std::lock_guard lock(kernel_mutex());
        write_overlapped_field(t.overlapped, OverlappedField::Internal, kStatusPending);
    }
    // Sockets and pipe ends run their requests in lanes (stream.h).
    if (std::shared_ptr<StreamObject> stream = lookup_handle_as<StreamObject>(t.handle))
        return stream_read_or_write(stream, {t.operation == IoOperation::Read, t.buffer, t.length, t.transferred,
                                             t.overlapped, t.routine ? routine_call(t) : nullptr,
                                             t.routine ? routine_text(t) : std::string()});
    std::shared_ptr<FileObject> file = lookup_handle_as<FileObject>(t.handle);
    if (!file) return fail(ERROR_INVALID_HANDLE);
    if (t.operation == IoOperation::Read ? !file->can_read() : !file->can_write()) return fail(ERROR_ACCESS_DENIED);
    if (file->overlapped() && !t.overlapped) return fail(ERROR_INVALID_PARAMETER);
    // A read into no buffer is an access violation (998); the kernel refuses a write from none
    // with STATUS_INVALID_USER_BUFFER (1784). docs/windows-rules.md §7.
    if (!t.buffer && t.length > 0) return fail(t.operation == IoOperation::Read ? ERROR_NOACCESS : ERROR_INVALID_USER_BUFFER);
    std::shared_ptr<EventObject> event;
    // ReadFileEx/WriteFileEx ignore hEvent: it is the program's, for its own data.
    if (t.overlapped && t.overlapped->hEvent && !t.routine) {
        // The low bit of hEvent only says "no completion-port packet"; the event is the rest.
        const auto event_handle = reinterpret_cast<HANDLE>(handle_value(t.overlapped->hEvent) & ~uint64_t{1});
        event = lookup_handle_as<EventObject>(event_handle);
        if (!event) return fail(ERROR_INVALID_HANDLE);
    }
    if (t.routine) {
        // Windows: a handle bound to a completion port reports through the port; a routine as
        // well would be two callback channels, so NtReadFile refuses it (STATUS_INVALID_PARAMETER).
        std::lock_guard lock(kernel_mutex());
        if (file->completion_port) return fail(ERROR_INVALID_PARAMETER);
    }
    const bool append = t.operation == IoOperation::Write && t.overlapped && t.overlapped->Offset == 0xFFFFFFFFu &&
                        t.overlapped->OffsetHigh == 0xFFFFFFFFu;
    if (file->overlapped()) return issue_overlapped(t, std::move(file), std::move(event), append);
    return transfer_synchronously(t, *file, event.get(), append);
}

std::string transfer_ex_arguments(const Transfer& t, const char* count_name) {
    const std::string routine = !t.routine ? "NULL" : t.routine_name.empty() ? "routine" : t.routine_name;
    return fmt::format("{}, lpBuffer, {}={}, {}, lpCompletionRoutine={}", handle_argument("hFile", 0, t.handle),
                       count_name, t.length, overlapped_argument("lpOverlapped", 3, t.overlapped), routine);
}

// A request that finished at issue with a warning: its OVERLAPPED holds the final status.
bool completed_with_warning(const OVERLAPPED* overlapped) {
    if (!overlapped) return false;
    std::lock_guard lock(kernel_mutex());
    return nt_severity(static_cast<uint32_t>(overlapped->Internal)) == NtSeverity::Warning;
}

// ReadFileEx/WriteFileEx: TRUE when the request started (the routine will run once, later, even if
// it finished already); the last error is left as it was, as kernel32 does. A request that
// finished at once with a warning (part of a longer message, docs/windows-rules.md §8) started
// too: TRUE, and the last error tells of the warning (ERROR_MORE_DATA).
BOOL read_or_write_ex(const Transfer& t) {
    const DWORD error_before = last_error();
    if (read_or_write(t)) return TRUE;
    if (last_error() != ERROR_IO_PENDING) return completed_with_warning(t.overlapped) ? TRUE : FALSE;
    set_last_error(error_before);
    return TRUE;
}

std::string transfer_arguments(const Transfer& t, const char* count_name, const char* done_name) {
    return fmt::format("{}, lpBuffer, {}={}, {}, {}", handle_argument("hFile", 0, t.handle), count_name, t.length,
                       pointer_argument(done_name, 3, t.transferred),
                       overlapped_argument("lpOverlapped", 4, t.overlapped));
}

}  // namespace
}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" BOOL WINAPI ReadFile(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead, LPDWORD lpNumberOfBytesRead,
                                LPOVERLAPPED lpOverlapped) {
    const Transfer t{IoOperation::Read, hFile, lpBuffer, nNumberOfBytesToRead, lpNumberOfBytesRead, lpOverlapped};
    ApiCall call("ReadFile", [&] { return transfer_arguments(t, "nNumberOfBytesToRead", "lpNumberOfBytesRead"); });
    return call.returns_bool(read_or_write(t));
}

extern "C" BOOL WINAPI WriteFile(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite,
                                 LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped) {
    // The kernel only reads the buffer of a write; the request type is shared with reads.
    const Transfer t{IoOperation::Write, hFile, const_cast<void*>(lpBuffer), nNumberOfBytesToWrite,
                     lpNumberOfBytesWritten, lpOverlapped};
    ApiCall call("WriteFile", [&] { return transfer_arguments(t, "nNumberOfBytesToWrite", "lpNumberOfBytesWritten"); });
    return call.returns_bool(read_or_write(t));
}

extern "C" BOOL WINAPI ReadFileEx(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead, LPOVERLAPPED lpOverlapped,
                                  LPOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
    Transfer t{IoOperation::Read, hFile, lpBuffer, nNumberOfBytesToRead, nullptr, lpOverlapped, lpCompletionRoutine};
    if (tracing()) t.routine_name = ovlab::callsite_argument(4);
    ApiCall call("ReadFileEx", [&] { return transfer_ex_arguments(t, "nNumberOfBytesToRead"); });
    return call.returns_bool(read_or_write_ex(t));
}

extern "C" BOOL WINAPI WriteFileEx(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite,
                                   LPOVERLAPPED lpOverlapped, LPOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
    Transfer t{IoOperation::Write, hFile, const_cast<void*>(lpBuffer), nNumberOfBytesToWrite, nullptr, lpOverlapped,
               lpCompletionRoutine};
    if (tracing()) t.routine_name = ovlab::callsite_argument(4);
    ApiCall call("WriteFileEx", [&] { return transfer_ex_arguments(t, "nNumberOfBytesToWrite"); });
    return call.returns_bool(read_or_write_ex(t));
}
