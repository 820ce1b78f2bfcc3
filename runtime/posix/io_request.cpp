#include "io_request.h"

#include <cerrno>
#include <condition_variable>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "apc.h"
#include "completion_port.h"
#include "io_backend.h"
#include "last_error.h"
#include "ovlab/session.h"
#include "ovlab/status_codes.h"
#include "thread.h"
#include "trace_hooks.h"
#include "waiting_pool.h"

namespace ovlab::posix {
namespace {

using trace::EventKind;
using trace::OverlappedField;

struct Registry {
    std::mutex mutex;
    std::condition_variable drained;
    std::unordered_map<IoRequest*, std::unique_ptr<IoRequest>> requests;
};

Registry& registry() {
    static Registry& instance = *new Registry;  // see kernel_object.h
    return instance;
}

void release(IoRequest* request) {
    std::unique_ptr<IoRequest> done;  // destroyed after the lock: may close the file
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    const auto it = r.requests.find(request);
    done = std::move(it->second);
    r.requests.erase(it);
    if (r.requests.empty()) r.drained.notify_all();
}

uint64_t address_of(const IoRequest& request) { return reinterpret_cast<uint64_t>(request.overlapped); }

// request_finished() may run on a lesson thread (a request cancelled before it started): the
// events it records belong to the kernel thread, and the caller keeps its own identity after.
class AsKernelThread {
public:
    AsKernelThread() : thread_(trace::current_thread()), line_(trace::current_line()) { enter_kernel_thread(); }
    ~AsKernelThread() {
        trace::set_current_thread(thread_);
        trace::set_current_line(line_);
    }
    AsKernelThread(const AsKernelThread&) = delete;
    AsKernelThread& operator=(const AsKernelThread&) = delete;

private:
    uint32_t thread_;
    uint32_t line_;
};

void deliver_when_stepper_allows(IoRequest* request, int64_t result) {
    enter_kernel_thread();
    const uint32_t status = completion_status(*request, result);
    const uint64_t bytes = completion_bytes(*request, result);
    step::Stepper* stepper = request->stepper;
    // False while the lesson is being reset: its threads are parked and will be unwound, so the
    // completion is not delivered; the kernel is done with the buffer, which is all that matters.
    if (stepper->io_finished_wait(request->ticket)) {
        record({EventKind::IoCompleting, address_of(*request), status, bytes, stepper->hold() ? 1u : 0u});
        run_completion_sequence(*request, status, bytes);
        record({EventKind::IoCompleted, address_of(*request), status, bytes});
        stepper->io_delivered(request->ticket);
    }
    release(request);
}

// A finished request waits for the stepper's go on a thread of its own: the stepper delivers in
// issue order, so a request that finished early must not keep the reaper (or a pool worker) from
// finishing the one the stepper wants first.
WaitingPool& delivery_threads() {
    static WaitingPool instance;
    return instance;
}

}  // namespace

void run_completion_sequence(IoRequest& request, uint32_t status, uint64_t bytes) {
    std::lock_guard lock(kernel_mutex());
    request.delivered = true;
    if (request.overlapped) {
        write_overlapped_field(request.overlapped, OverlappedField::InternalHigh, bytes);
        write_overlapped_field(request.overlapped, OverlappedField::Internal, status);
    }
    IoHandleObject& handle = *request.file;
    const std::string reason = std::string(operation_name(request.operation)) + " completed";
    if (request.event) request.event->set_signalled(true, reason);
    else if (!(handle.notification_modes & FILE_SKIP_SET_EVENT_ON_HANDLE)) handle.set_signalled(true, reason);
    if (request.delivered_signal) request.delivered_signal->set_signalled(true, reason);
    if (request.routine) {
        // To the issuing thread only; discarded if that thread has ended.
        CompletionRoutineCall routine = request.routine;
        queue_apc(*request.issuer, request.routine_text, [routine, status, bytes] { routine(status, bytes); });
        return;
    }
    const bool skipped_on_success = request.completed_at_issue && nt_success(status) &&
                                    (handle.notification_modes & FILE_SKIP_COMPLETION_PORT_ON_SUCCESS);
    if (handle.completion_port && request.overlapped && !request.port_packet_suppressed && !skipped_on_success)
        handle.completion_port->queue_packet(
            {static_cast<DWORD>(bytes), handle.completion_key, request.overlapped, status}, reason);
}

size_t cancel_requests(const std::function<bool(const IoRequest&)>& matches) {
    std::vector<IoRequest*> not_started;
    size_t found = 0;
    {
        // Held while the backend is asked, so no request found here can finish and be freed (and
        // its address reused) before the backend sees the cancel.
        Registry& r = registry();
        std::lock_guard lock(r.mutex);
        for (const auto& entry : r.requests) {
            IoRequest* request = entry.first;
            if (request->delivered || !matches(*request)) continue;
            ++found;
            if (request->cancel_requested.exchange(true)) continue;
            if (request->cancel ? request->cancel(*request) : io_backend().cancel(*request)) not_started.push_back(request);
        }
    }
    // The kernel never saw these: they finish now, cancelled.
    for (IoRequest* request : not_started) request_finished(request, -ECANCELED);
    return found;
}

bool request_pending_on(const std::shared_ptr<IoHandleObject>& object, const OVERLAPPED* overlapped) {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    for (const auto& entry : r.requests) {
        const IoRequest& request = *entry.first;
        if (!request.delivered && request.file == object && request.overlapped == overlapped) return true;
    }
    return false;
}

const char* operation_name(IoOperation operation) {
    switch (operation) {
        case IoOperation::Read: return "read";
        case IoOperation::Write: return "write";
        case IoOperation::Receive: return "recv";
        case IoOperation::Send: return "send";
        case IoOperation::Accept: return "accept";
        case IoOperation::Connect: return "connect";
        case IoOperation::DeviceControl: return "device control";
    }
    return "?";
}

uint32_t completion_status(const IoRequest& request, int64_t result) {
    if (request.decided_status) return *request.decided_status;
    if (result < 0) return ntstatus_from_errno(static_cast<int>(-result));
    // Windows: a read that starts at or past the end of the file fails with STATUS_END_OF_FILE
    // (InternalHigh 0); a read that crosses the end is a success with fewer bytes, and a
    // zero-length read succeeds.
    if (request.operation == IoOperation::Read && result == 0 && request.moved == 0 && request.length > 0)
        return kStatusEndOfFile;
    return 0;
}

uint64_t completion_bytes(const IoRequest& request, int64_t result) {
    return result >= 0 ? request.moved + static_cast<uint64_t>(result) : 0;
}

int issue_request(std::unique_ptr<IoRequest> owned) {
    IoRequest* request = owned.get();
    // Set before the request is registered: CancelIo/CancelIoEx on other threads read them.
    if (!request->issuer) request->issuer = current_thread_shared();
    // kernel32: hEvent with its low bit set asks for no completion-port packet.
    if (request->overlapped)
        request->port_packet_suppressed = (reinterpret_cast<uintptr_t>(request->overlapped->hEvent) & 1) != 0;
    {
        Registry& r = registry();
        std::lock_guard lock(r.mutex);
        r.requests.emplace(request, std::move(owned));
    }
    request->stepper = current_stepper();
    announce_kernel_thread();
    // The ticket is taken before the kernel sees the request, so a fast completion finds it.
    if (request->stepper)
        request->ticket = request->stepper->io_issued(always_finishes(request->operation), address_of(*request));
    record({EventKind::IoIssued, address_of(*request), request->file->trace_handle(), request->offset, request->length,
            operation_name(request->operation), io_backend().name()});
    const int error = request->start ? request->start(*request) : io_backend().submit(*request);
    if (error != 0) {
        record({EventKind::IoCompleted, address_of(*request), ntstatus_from_errno(error), 0});
        if (request->stepper) request->stepper->io_delivered(request->ticket);
        release(request);
    }
    return error;
}

void request_finished(IoRequest* request, int64_t result) {
    AsKernelThread as_kernel;
    const uint32_t status = completion_status(*request, result);
    const uint64_t bytes = completion_bytes(*request, result);
    record({EventKind::IoFinished, address_of(*request), status, bytes});
    if (request->stepper) {
        delivery_threads().post([request, result] { deliver_when_stepper_allows(request, result); });
        return;
    }
    // Outside a lesson nobody steps: deliver at once, like the kernel.
    run_completion_sequence(*request, status, bytes);
    release(request);
}

size_t requests_in_flight() {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    return r.requests.size();
}

void wait_until_no_requests() {
    Registry& r = registry();
    std::unique_lock lock(r.mutex);
    r.drained.wait(lock, [&] { return r.requests.empty(); });
}

}  // namespace ovlab::posix
