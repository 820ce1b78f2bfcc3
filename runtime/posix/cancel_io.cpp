// CancelIo, CancelIoEx and CancelSynchronousIo (docs/windows-rules.md §14). Cancelling only asks: each request still
// completes through its normal channel (event, completion routine, port packet), with
// STATUS_CANCELLED (ERROR_OPERATION_ABORTED) when the kernel could stop it, or with its real
// result when it had already finished. Until then its OVERLAPPED and buffer stay in use.
//
// What the kernel can stop: io_uring cancels a request still waiting (a pipe read with no data);
// the thread pool cancels a request no worker has started. A regular-file read that is already
// running finishes normally on both, as a racing completion does on Windows.
#include <fmt/format.h>

#include "api_call.h"
#include "handle_table.h"
#include "io_request.h"
#include "last_error.h"
#include "thread.h"

using namespace ovlab::posix;

// Requests of any thread: the one with this OVERLAPPED, or (NULL) every one on the handle.
size_t ovlab::posix::cancel_requests_on(const std::shared_ptr<IoHandleObject>& object, const OVERLAPPED* overlapped) {
    return cancel_requests([&](const IoRequest& request) {
        return request.file == object && (!overlapped || request.overlapped == overlapped);
    });
}

extern "C" BOOL WINAPI CancelIo(HANDLE hFile) {
    ApiCall call("CancelIo", [&] { return handle_argument("hFile", 0, hFile); });
    std::shared_ptr<IoHandleObject> object = lookup_handle_as<IoHandleObject>(hFile);
    if (!object) return call.returns_bool(fail(ERROR_INVALID_HANDLE));
    const ThreadObject* self = &current_thread_object();
    // Only the calling thread's requests on this handle; TRUE even when there were none.
    cancel_requests([&](const IoRequest& request) { return request.file == object && request.issuer.get() == self; });
    return call.returns_bool(TRUE);
}

extern "C" BOOL WINAPI CancelIoEx(HANDLE hFile, LPOVERLAPPED lpOverlapped) {
    ApiCall call("CancelIoEx", [&] {
        return fmt::format("{}, {}", handle_argument("hFile", 0, hFile),
                           overlapped_argument("lpOverlapped", 1, lpOverlapped));
    });
    std::shared_ptr<IoHandleObject> object = lookup_handle_as<IoHandleObject>(hFile);
    if (!object) return call.returns_bool(fail(ERROR_INVALID_HANDLE));
    if (cancel_requests_on(object, lpOverlapped) == 0) return call.returns_bool(fail(ERROR_NOT_FOUND));
    return call.returns_bool(TRUE);
}

extern "C" BOOL WINAPI CancelSynchronousIo(HANDLE hThread) {
    ApiCall call("CancelSynchronousIo", [&] { return handle_argument("hThread", 0, hThread); });
    std::shared_ptr<ThreadObject> thread = lookup_handle_as<ThreadObject>(hThread);
    if (!thread) return call.returns_bool(fail(ERROR_INVALID_HANDLE));
    std::function<void()> cancel;
    {
        std::lock_guard lock(kernel_mutex());
        cancel = thread->cancel_synchronous_io;
    }
    // The blocking call the thread is in fails with ERROR_OPERATION_ABORTED, unless it finished first.
    if (!cancel) return call.returns_bool(fail(ERROR_NOT_FOUND));
    cancel();
    return call.returns_bool(TRUE);
}
