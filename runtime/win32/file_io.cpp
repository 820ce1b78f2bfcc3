// ReadFile and WriteFile: the real calls. A request that starts (TRUE, or FALSE with
// ERROR_IO_PENDING) is watched until the kernel writes its final status into the OVERLAPPED; a
// transfer on a synchronous handle blocks the thread, so its turn passes to the others meanwhile.
#include <fmt/format.h>

#include "api_call.h"
#include "handle_watch.h"
#include "overlapped_watch.h"
#include "ovlab/session.h"
#include "ovlab/status_codes.h"
#include "ovlab/win32_traced.h"

namespace ovlab::win32 {
namespace {

using trace::EventKind;

enum class Operation { Read, Write };

struct Transfer {
    Operation operation;
    HANDLE handle;
    void* buffer;
    DWORD length;
    LPDWORD transferred;
    LPOVERLAPPED overlapped;

    const char* api() const { return operation == Operation::Read ? "ReadFile" : "WriteFile"; }
    const char* name() const { return operation == Operation::Read ? "read" : "write"; }
};

BOOL real_call(const Transfer& t) {
    if (t.operation == Operation::Read) return ::ReadFile(t.handle, t.buffer, t.length, t.transferred, t.overlapped);
    return ::WriteFile(t.handle, t.buffer, t.length, t.transferred, t.overlapped);
}

// A synchronous handle: the kernel finishes the transfer before the call returns.
BOOL transfer_synchronously(ApiCall& call, const Transfer& t, DWORD& error) {
    const auto address = reinterpret_cast<uint64_t>(t.overlapped);
    const uint64_t offset = t.overlapped ? (uint64_t{t.overlapped->OffsetHigh} << 32) | t.overlapped->Offset : 0;
    if (call.tracing())
        record({EventKind::IoIssued, address, reinterpret_cast<uint64_t>(t.handle), offset, t.length, t.name(),
                "synchronous"});
    call.blocking_begin(trace::ThreadState::Waiting, fmt::format("{} (synchronous handle)", t.api()));
    const BOOL ok = real_call(t);
    error = GetLastError();
    call.blocking_end();
    if (!call.tracing()) return ok;
    DWORD bytes = 0;
    if (t.transferred) bytes = *t.transferred;
    else if (t.overlapped) bytes = static_cast<DWORD>(t.overlapped->InternalHigh);
    uint32_t status = ok ? 0 : kStatusUnsuccessful;
    if (t.overlapped) status = static_cast<uint32_t>(t.overlapped->Internal);
    else if (ok && t.operation == Operation::Read && bytes == 0 && t.length > 0) status = kStatusEndOfFile;
    observe_overlapped(t.overlapped);
    record({EventKind::IoCompleted, address, status, ok ? bytes : 0});
    return ok;
}

BOOL read_or_write(ApiCall& call, const Transfer& t) {
    DWORD error = ERROR_SUCCESS;
    if (!is_overlapped_handle(t.handle)) {
        const BOOL ok = transfer_synchronously(call, t, error);
        return call.returns_bool(ok, error);
    }
    observe_overlapped(t.overlapped);  // what the program set: Offset, OffsetHigh, hEvent
    const BOOL ok = real_call(t);
    error = GetLastError();
    if (call.tracing() && t.overlapped) {
        if (ok || error == ERROR_IO_PENDING) request_started(t.overlapped, t.handle, t.length, t.name());
        else observe_overlapped(t.overlapped);  // refused at once: nothing will be signalled
    }
    return call.returns_bool(ok, error);
}

std::string transfer_arguments(const Transfer& t, const char* count_name, const char* done_name) {
    return fmt::format("{}, lpBuffer, {}={}, {}, {}", handle_argument("hFile", 0, t.handle), count_name, t.length,
                       pointer_argument(done_name, 3, t.transferred),
                       overlapped_argument("lpOverlapped", 4, t.overlapped));
}

}  // namespace

BOOL Traced<"ReadFile">::call(decltype(&::ReadFile), HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead,
                              LPDWORD lpNumberOfBytesRead, LPOVERLAPPED lpOverlapped) {
    const Transfer t{Operation::Read, hFile, lpBuffer, nNumberOfBytesToRead, lpNumberOfBytesRead, lpOverlapped};
    ApiCall call("ReadFile", [&] { return transfer_arguments(t, "nNumberOfBytesToRead", "lpNumberOfBytesRead"); });
    return read_or_write(call, t);
}

BOOL Traced<"WriteFile">::call(decltype(&::WriteFile), HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite,
                               LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped) {
    // The kernel only reads the buffer of a write; the transfer type is shared with reads.
    const Transfer t{Operation::Write, hFile, const_cast<void*>(lpBuffer), nNumberOfBytesToWrite,
                     lpNumberOfBytesWritten, lpOverlapped};
    ApiCall call("WriteFile", [&] { return transfer_arguments(t, "nNumberOfBytesToWrite", "lpNumberOfBytesWritten"); });
    return read_or_write(call, t);
}

}  // namespace ovlab::win32
