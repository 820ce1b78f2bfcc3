// The three ways a stream request runs (stream.h): overlapped, blocking, non-blocking.
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "event.h"
#include "io_request.h"
#include "ovlab/session.h"
#include "stream_delivery.h"
#include "stream_op.h"
#include "thread.h"
#include "trace_hooks.h"
#include "wait.h"

namespace ovlab::posix {
namespace {

using trace::EventKind;

// Windows: every request resets hEvent and the handle when it starts, even if they were signalled.
void reset_at_issue(StreamObject& stream, EventObject* event, const char* operation) {
    const std::string reason = std::string(operation) + " issued";
    std::lock_guard lock(kernel_mutex());
    if (event) event->set_signalled(false, reason);
    stream.set_signalled(false, reason);
}

// A request that finished inside the issuing call: every notification still happens (event,
// completion routine, port packet), before the call returns (docs/windows-rules.md §3).
void complete_at_issue(IoRequest& request, uint64_t length, uint32_t status, uint64_t bytes) {
    const auto address = reinterpret_cast<uint64_t>(request.overlapped);
    if (!request.issuer) request.issuer = current_thread_shared();
    if (request.overlapped)
        request.port_packet_suppressed = (reinterpret_cast<uintptr_t>(request.overlapped->hEvent) & 1) != 0;
    request.completed_at_issue = true;
    record({EventKind::IoIssued, address, request.file->trace_handle(), 0, length, operation_name(request.operation),
            "completed at issue"});
    record({EventKind::IoFinished, address, status, bytes});
    run_completion_sequence(request, status, bytes);
    record({EventKind::IoCompleted, address, status, bytes});
}

void finish_released(IoRequest* request, uint32_t status, uint64_t bytes) {
    request->decided_status = status;
    request_finished(request, nt_severity(status) != NtSeverity::Error ? static_cast<int64_t>(bytes) : -1);
}

// A send the kernel took at once whose completion must wait for room (a pipe's buffer quota,
// §8): it pends like any request, and completes when the gate lets it go.
IssueOutcome pend_at_gate(const std::shared_ptr<SendGate>& gate, std::unique_ptr<IoRequest> request, uint64_t length,
                          uint64_t bytes) {
    request->length = static_cast<uint32_t>(length);
    request->start = [gate, bytes](IoRequest& started) {
        // The request may be finished (and this closure freed) inside: only locals after.
        IoRequest* const pending = &started;
        const std::shared_ptr<SendGate> held = gate;
        const uint64_t moved = bytes;
        if (held->may_complete(moved, [pending, moved](uint32_t status) { finish_released(pending, status, moved); }))
            finish_released(pending, kStatusSuccess, moved);
        return 0;
    };
    request->cancel = [gate](IoRequest&) { return gate->withdraw(); };
    issue_request(std::move(request));
    return {IssueOutcome::Kind::Pending};
}

struct BlockingState {
    std::mutex mutex;
    std::condition_variable finished_cv;
    bool finished = false;
    uint32_t status = 0;
    uint64_t bytes = 0;
    // Private: no handle names it. The blocked thread waits on it like on any object, so a lesson
    // reset interrupts the wait and the stepper sees the thread blocked.
    std::shared_ptr<EventObject> event = std::make_shared<EventObject>(true, false, std::string());

    void report(uint32_t final_status, uint64_t final_bytes) {
        {
            std::lock_guard lock(mutex);
            status = final_status;
            bytes = final_bytes;
            finished = true;
        }
        finished_cv.notify_all();
        std::lock_guard lock(kernel_mutex());
        event->set_signalled(true, "finished");
    }

    void wait_finished() {
        std::unique_lock lock(mutex);
        finished_cv.wait(lock, [&] { return finished; });
    }
};

}  // namespace

IssueOutcome StreamObject::issue(const std::shared_ptr<StreamObject>& self, StreamTransfer transfer,
                                 std::unique_ptr<IoRequest> request) {
    std::lock_guard issuing(self->issue_mutex_);
    reset_at_issue(*self, request->event.get(), operation_name(request->operation));
    if (const uint32_t refused = self->aborted_status()) return {IssueOutcome::Kind::Failed, refused};
    const std::shared_ptr<StreamOp> op = make_stream_op(self, transfer, -1);
    const std::shared_ptr<SendGate> gate = transfer.kind == StreamOpKind::Send ? self->gate_send() : nullptr;
    int64_t result = 0;
    if (try_at_once(*self, *op, &result) == Attempt::Done) {
        uint32_t status = 0;
        uint64_t bytes = 0;
        conclude(op, result, &status, &bytes);
        // Immediate failure: no notification at all, the event stays reset (§3). A warning
        // (a datagram cut short) is a completion: every notification happens (§21).
        if (nt_severity(status) == NtSeverity::Error) return {IssueOutcome::Kind::Failed, status};
        if (gate && !gate->may_complete(bytes, nullptr))
            return pend_at_gate(gate, std::move(request), transfer.total_length(), bytes);
        complete_at_issue(*request, transfer.total_length(), status, bytes);
        return {IssueOutcome::Kind::Completed, status, bytes};
    }
    IoRequest* pending = request.get();
    request->length = static_cast<uint32_t>(transfer.total_length());
    op->done = [pending, gate](uint32_t status, uint64_t bytes) {
        const auto release = [pending, bytes](uint32_t final_status) { finish_released(pending, final_status, bytes); };
        if (gate && nt_success(status) && !gate->may_complete(bytes, release)) return;
        finish_released(pending, status, bytes);
    };
    uint32_t refused = 0;
    request->start = [op, out = &refused](IoRequest&) {
        // The op may finish, and the request (this closure with it) be freed, before enqueue
        // returns: only locals are touched after it.
        uint32_t* const refusal = out;
        const std::shared_ptr<StreamOp> started = op;
        *refusal = enqueue(started);
        return *refusal != 0 ? ECONNABORTED : 0;
    };
    // CancelIo/CancelIoEx: an op still waiting in its lane is taken back (the caller finishes the
    // request); one the kernel has is cancelled there.
    // A send waiting at its gate leaves it the same way.
    request->cancel = [op, gate](IoRequest&) {
        if (take_back(op)) return forget(op);
        return gate && gate->withdraw();
    };
    if (issue_request(std::move(request)) != 0) return {IssueOutcome::Kind::Failed, refused};
    return {IssueOutcome::Kind::Pending};
}

namespace {

// The wait of a blocking call. An alertable one runs the APCs queued meanwhile and waits on for
// what is left of the time-out.
WaitOutcome wait_until_done(const std::shared_ptr<KernelObject>& done, DWORD timeout_ms, const std::string& what,
                            bool alertable) {
    const auto start = std::chrono::steady_clock::now();
    const trace::ThreadState state = alertable ? trace::ThreadState::AlertableWait : trace::ThreadState::Waiting;
    for (;;) {
        DWORD left = timeout_ms;
        if (timeout_ms != INFINITE) {
            const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
            left = spent.count() >= timeout_ms ? 0 : timeout_ms - static_cast<DWORD>(spent.count());
        }
        const WaitOutcome waited = wait_for_objects({done}, false, left, state, what, alertable);
        if (!waited.apcs_ran) return waited;
    }
}

// While a blocking call waits, CancelSynchronousIo from another thread can cancel its op.
class SynchronousIoRegistration {
public:
    SynchronousIoRegistration(const std::shared_ptr<StreamOp>& op) : thread_(current_thread_object()) {
        std::weak_ptr<StreamOp> weak = op;
        std::lock_guard lock(kernel_mutex());
        thread_.cancel_synchronous_io = [weak] {
            const std::shared_ptr<StreamOp> running = weak.lock();
            if (running && StreamObject::take_back(running)) StreamObject::op_finished(running.get(), -ECANCELED);
        };
    }
    ~SynchronousIoRegistration() {
        std::lock_guard lock(kernel_mutex());
        thread_.cancel_synchronous_io = nullptr;
    }
    SynchronousIoRegistration(const SynchronousIoRegistration&) = delete;
    SynchronousIoRegistration& operator=(const SynchronousIoRegistration&) = delete;

private:
    ThreadObject& thread_;
};

}  // namespace

BlockingOutcome StreamObject::run_blocking(const std::shared_ptr<StreamObject>& self, StreamTransfer transfer,
                                           DWORD timeout_ms, const std::string& what, bool alertable) {
    const std::shared_ptr<StreamOp> op = make_stream_op(self, transfer, -1);
    const auto state = std::make_shared<BlockingState>();
    {
        std::lock_guard issuing(self->issue_mutex_);
        if (const uint32_t refused = self->aborted_status()) return {refused};
        int64_t result = 0;
        if (try_at_once(*self, *op, &result) == Attempt::Done) {
            BlockingOutcome outcome;
            conclude(op, result, &outcome.status, &outcome.bytes);
            return outcome;
        }
        // The ticket is taken before the kernel sees the op, so a fast completion finds it.
        step::Stepper* stepper = current_stepper();
        const uint64_t ticket = stepper ? stepper->io_issued(false) : 0;
        op->done = [state, stepper, ticket](uint32_t status, uint64_t bytes) {
            deliver_in_turn(stepper, ticket, [state, status, bytes] { state->report(status, bytes); });
        };
        if (const uint32_t refused = enqueue(op)) {
            if (stepper) stepper->io_delivered(ticket);
            return {refused};
        }
    }
    WaitOutcome waited;
    const SynchronousIoRegistration registration(op);
    try {
        waited = wait_until_done(state->event, timeout_ms, what, alertable);
    } catch (...) {
        // A lesson reset unwinds the thread: the kernel must be done with its stack buffers first
        // (the stepper lets every completion through at once while it resets).
        if (take_back(op)) op_finished(op.get(), -ECANCELED);
        state->wait_finished();
        throw;
    }
    if (waited.timed_out) {
        // SO_RCVTIMEO/SO_SNDTIMEO: the op is cancelled, and its completion comes in turn as usual.
        if (take_back(op)) op_finished(op.get(), -ECANCELED);
        wait_for_objects({state->event}, false, INFINITE, trace::ThreadState::Waiting, what);
        if (state->status == kStatusCancelled) return {kStatusIoTimeout, 0, true};
    }
    return {state->status, state->bytes};
}

IssueOutcome StreamObject::try_now(const std::shared_ptr<StreamObject>& self, const StreamTransfer& transfer) {
    std::lock_guard issuing(self->issue_mutex_);
    if (const uint32_t refused = self->aborted_status()) return {IssueOutcome::Kind::Failed, refused};
    const std::shared_ptr<StreamOp> op = make_stream_op(self, transfer, -1);
    if (transfer.kind == StreamOpKind::Connect) {
        // A non-blocking connect goes on in the background; the caller reports WSAEWOULDBLOCK.
        if (transfer.background_finished)
            op->done = [finished = transfer.background_finished](uint32_t status, uint64_t) { finished(status); };
        if (const uint32_t refused = enqueue(op)) return {IssueOutcome::Kind::Failed, refused};
        return {IssueOutcome::Kind::Failed, kStatusDeviceNotReady};
    }
    int64_t result = 0;
    const Attempt attempt = try_at_once(*self, *op, &result);
    if (attempt == Attempt::NotTried || attempt == Attempt::WouldBlock)
        return {IssueOutcome::Kind::Failed, kStatusDeviceNotReady};
    uint32_t status = 0;
    uint64_t bytes = 0;
    conclude(op, attempt == Attempt::Partial ? 0 : result, &status, &bytes);
    if (!nt_success(status)) return {IssueOutcome::Kind::Failed, status};
    return {IssueOutcome::Kind::Completed, status, bytes};
}

}  // namespace ovlab::posix
