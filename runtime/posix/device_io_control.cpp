// DeviceIoControl with FSCTL_SET_SPARSE, the one control code the lab's lessons use.
//
// Linux file systems make holes in any file where nothing was written, so marking a file sparse
// has nothing to change on disk: the call checks what Windows checks (handle, access, arguments)
// and then completes like any request that finishes inside the call - on an overlapped handle
// with all its notifications (Internal/InternalHigh, the event or the handle, a port packet
// unless FILE_SKIP_COMPLETION_PORT_ON_SUCCESS).
#include <fmt/format.h>

#include "api_call.h"
#include "file.h"
#include "handle_table.h"
#include "io_request.h"
#include "last_error.h"
#include "ovlab/session.h"
#include "trace_hooks.h"

#include <winioctl.h>

namespace ovlab::posix {
namespace {

using trace::EventKind;
using trace::OverlappedField;

BOOL device_io_control(HANDLE handle, DWORD code, LPVOID in, DWORD in_size, LPDWORD returned, LPOVERLAPPED overlapped) {
    if (overlapped) {
        observe_overlapped(overlapped);
        std::lock_guard lock(kernel_mutex());
        write_overlapped_field(overlapped, OverlappedField::Internal, STATUS_PENDING);
    }
    std::shared_ptr<FileObject> file = lookup_handle_as<FileObject>(handle);
    if (!file) return fail(ERROR_INVALID_HANDLE);
    if (file->overlapped() && !overlapped) return fail(ERROR_INVALID_PARAMETER);
    // NTFS answers an unknown file-system control with STATUS_INVALID_DEVICE_REQUEST.
    if (code != FSCTL_SET_SPARSE) return fail(ERROR_INVALID_FUNCTION);
    if (!in && in_size > 0) return fail(ERROR_INVALID_PARAMETER);
    if (!file->can_write()) return fail(ERROR_ACCESS_DENIED);
    std::shared_ptr<EventObject> event;
    if (overlapped && overlapped->hEvent) {
        event = lookup_handle_as<EventObject>(reinterpret_cast<HANDLE>(handle_value(overlapped->hEvent) & ~uint64_t{1}));
        if (!event) return fail(ERROR_INVALID_HANDLE);
    }
    if (returned) *returned = 0;
    if (!overlapped) return TRUE;
    {
        std::lock_guard lock(kernel_mutex());
        if (event) event->set_signalled(false, "DeviceIoControl issued");
        file->set_signalled(false, "DeviceIoControl issued");
    }
    const auto address = reinterpret_cast<uint64_t>(overlapped);
    record({EventKind::IoIssued, address, file->trace_handle(), 0, 0, "device control", "completed in the call"});
    IoRequest request;
    request.operation = IoOperation::DeviceControl;
    request.file = file;
    request.event = event;
    request.overlapped = overlapped;
    request.port_packet_suppressed = (handle_value(overlapped->hEvent) & 1) != 0;
    request.completed_at_issue = true;
    run_completion_sequence(request, 0, 0);
    record({EventKind::IoCompleted, address, 0, 0});
    return TRUE;
}

}  // namespace
}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" BOOL WINAPI DeviceIoControl(HANDLE hDevice, DWORD dwIoControlCode, LPVOID lpInBuffer, DWORD nInBufferSize,
                                       LPVOID lpOutBuffer, DWORD nOutBufferSize, LPDWORD lpBytesReturned,
                                       LPOVERLAPPED lpOverlapped) {
    ApiCall call("DeviceIoControl", [&] {
        return fmt::format("{}, dwIoControlCode={}, {}, nInBufferSize={}, {}, nOutBufferSize={}, {}, {}",
                           handle_argument("hDevice", 0, hDevice),
                           dwIoControlCode == FSCTL_SET_SPARSE ? std::string("FSCTL_SET_SPARSE")
                                                               : fmt::format("0x{:X}", dwIoControlCode),
                           pointer_argument("lpInBuffer", 2, lpInBuffer), nInBufferSize,
                           pointer_argument("lpOutBuffer", 4, lpOutBuffer), nOutBufferSize,
                           pointer_argument("lpBytesReturned", 6, lpBytesReturned),
                           overlapped_argument("lpOverlapped", 7, lpOverlapped));
    });
    return call.returns_bool(
        device_io_control(hDevice, dwIoControlCode, lpInBuffer, nInBufferSize, lpBytesReturned, lpOverlapped));
}
