// io_uring backend: lesson threads submit SQEs (under one mutex: the SQ has one producer at a
// time); one reaper thread consumes CQEs and finishes the requests. user_data is the IoRequest.
#include "io_backend.h"

#ifdef OVLAB_HAVE_URING

#include <liburing.h>
#include <sys/stat.h>

#include <atomic>
#include <cerrno>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "fault_injection.h"
#include "io_request.h"
#include "stream_op.h"

namespace ovlab::posix {
namespace {

constexpr unsigned kRingEntries = 256;
// Every pending socket receive is one request in the ring, and a server may hold thousands; their
// completions can arrive together. A completion queue much longer than the submission queue keeps
// them out of the kernel's slower overflow list (which can make it refuse submissions, EBUSY).
constexpr unsigned kCompletionEntries = 16384;
constexpr uint64_t kStopTag = 1;    // NOP that tells the reaper to exit
constexpr uint64_t kCancelTag = 2;  // the completion of a cancel request itself
constexpr uint64_t kStreamBit = 1;  // set in the user_data of stream ops (stream_tag)

class UringBackend final : public IoBackend {
public:
    static std::unique_ptr<IoBackend> create() {
        std::unique_ptr<UringBackend> backend(new UringBackend);
        int created = static_cast<int>(with_fault(FaultPoint::UringInit, 0));
        if (created == 0) created = backend->create_ring();
        if (created < 0) return nullptr;
        backend->ring_created_ = true;
        backend->reaper_ = std::thread([raw = backend.get()] { raw->reap(); });
        return backend;
    }

    ~UringBackend() override {
        if (!ring_created_) return;
        {
            std::lock_guard lock(submit_mutex_);
            io_uring_sqe* sqe = next_sqe();
            if (sqe) {
                io_uring_prep_nop(sqe);
                io_uring_sqe_set_data64(sqe, kStopTag);
                io_uring_submit(&ring_);
            }
        }
        if (reaper_.joinable()) reaper_.join();
        io_uring_queue_exit(&ring_);
    }

    std::string_view name() const override { return "io_uring"; }

    int submit(IoRequest& request) override {
        std::lock_guard lock(submit_mutex_);
        io_uring_sqe* sqe = next_sqe();
        if (!sqe) return ENOMEM;  // the ring is full even after a submission: refused, as below
        prepare_transfer(sqe, request);
        in_flight_.insert(&request);
        const int error = submit_or_withdraw(sqe);
        if (error != 0) in_flight_.erase(&request);
        return error;
    }

    // Regular-file requests are rarely cancellable once started: those finish normally, which is
    // what Windows does too when a cancel races with completion.
    void cancel_all() override {
        std::lock_guard lock(submit_mutex_);
        for (IoRequest* request : in_flight_) {
            io_uring_sqe* sqe = next_sqe();
            if (!sqe) break;
            io_uring_prep_cancel64(sqe, reinterpret_cast<uint64_t>(request), 0);
            io_uring_sqe_set_data64(sqe, kCancelTag);
        }
        io_uring_submit(&ring_);
    }

    // IORING_OP_ASYNC_CANCEL: a request still waiting (a pipe read with no data) ends with
    // -ECANCELED; one the kernel already finished completes normally.
    bool cancel(IoRequest& request) override {
        std::lock_guard lock(submit_mutex_);
        if (!in_flight_.contains(&request)) return false;
        io_uring_sqe* sqe = next_sqe();
        if (!sqe) return false;
        io_uring_prep_cancel64(sqe, reinterpret_cast<uint64_t>(&request), 0);
        io_uring_sqe_set_data64(sqe, kCancelTag);
        io_uring_submit(&ring_);
        return false;
    }

    // Stream ops run on a blocking descriptor: io_uring waits for readiness itself (poll-armed)
    // and performs the call then. A zero-byte receive is a POLL_ADD.
    int submit_stream(StreamOp& op) override {
        std::lock_guard lock(submit_mutex_);
        io_uring_sqe* sqe = next_sqe();
        if (!sqe) return ENOMEM;  // the ring is full even after a submission: refused, as below
        op.prepare_message();
        switch (op.kind) {
            case StreamOpKind::Receive:
                // A message-type pipe's read is done by attempt_stream_op once data is there.
                if (op.reads_messages()) io_uring_prep_poll_add(sqe, op.fd, POLLIN | POLLRDHUP);
                else io_uring_prep_recvmsg(sqe, op.fd, &op.message, static_cast<unsigned>(op.flags));
                wait_for_readiness_first(sqe);
                break;
            case StreamOpKind::Send:
                io_uring_prep_sendmsg(sqe, op.fd, &op.message, static_cast<unsigned>(op.flags));
                wait_for_readiness_first(sqe);
                break;
            case StreamOpKind::WaitReadable: io_uring_prep_poll_add(sqe, op.fd, POLLIN | POLLRDHUP); break;
            case StreamOpKind::Accept:
                if (op.refuses_connection()) {  // waits for a connection without taking it
                    io_uring_prep_poll_add(sqe, op.fd, POLLIN);
                    break;
                }
                op.address_length = sizeof op.address.bytes;
                io_uring_prep_accept(sqe, op.fd, reinterpret_cast<sockaddr*>(op.address.bytes), &op.address_length,
                                     SOCK_CLOEXEC);
                break;
            case StreamOpKind::Connect:
                io_uring_prep_connect(sqe, op.fd, reinterpret_cast<const sockaddr*>(op.address.bytes), op.address.length);
                break;
        }
        io_uring_sqe_set_data64(sqe, stream_tag(op));
        stream_submissions_.fetch_add(1, std::memory_order_release);
        return submit_or_withdraw(sqe);
    }

    // The caller holds the op (so its address names no other op) and has seen it armed; when the
    // kernel has finished it meanwhile, the cancel finds nothing and its completion is ignored.
    void cancel_stream(StreamOp& op) override {
        std::lock_guard lock(submit_mutex_);
        io_uring_sqe* sqe = next_sqe();
        if (!sqe) return;
        io_uring_prep_cancel64(sqe, stream_tag(op), 0);
        io_uring_sqe_set_data64(sqe, kCancelTag);
        io_uring_submit(&ring_);
    }

private:
    // user_data of a stream op: its address with the low bit set (IoRequests have it clear).
    static uint64_t stream_tag(StreamOp& op) { return reinterpret_cast<uint64_t>(&op) | kStreamBit; }

    void stream_finished(StreamOp* op, int64_t result) {
        // The kernel orders the completion after the submission; this says so to the language
        // (and to ThreadSanitizer): what the submitter wrote into the op is visible here.
        stream_submissions_.load(std::memory_order_acquire);
        // POLL_ADD reports the events; the op's result says whether data or the end came.
        if (op->kind == StreamOpKind::WaitReadable && result >= 0) result = classify_readable(op->fd);
        if (op->reads_messages() && result >= 0) result = attempt_stream_op(*op);
        StreamObject::op_finished(op, result);
    }

    UringBackend() = default;

    // Cooperative task running: the kernel finishes a socket request on the thread that submitted
    // it, and without this flag interrupts that thread at once while it runs (an inter-processor
    // interrupt). With it, the work waits for the thread's next transition between user and kernel
    // mode (a call, its wake-up if it sleeps, at worst the next timer interrupt). A kernel too old
    // for these flags gets the plain ring.
    int create_ring() {
        io_uring_params params{};
        params.flags = IORING_SETUP_CQSIZE | IORING_SETUP_CLAMP | IORING_SETUP_COOP_TASKRUN;
        params.cq_entries = kCompletionEntries;
        ring_has_flags_ = io_uring_queue_init_params(kRingEntries, &ring_, &params) == 0;
        if (ring_has_flags_) return 0;
        return io_uring_queue_init(kRingEntries, &ring_, 0);
    }

    // A transfer mostly reaches the ring right after the lane's attempt without blocking found no
    // data or no room, so the kernel's own first attempt would fail the same way: it waits for
    // readiness at once instead (which finds data or room already there without waiting). The
    // flag came with the same kernels as the ring's.
    void wait_for_readiness_first(io_uring_sqe* sqe) const {
        if (ring_has_flags_ && sqe->opcode != IORING_OP_POLL_ADD) sqe->ioprio |= IORING_RECVSEND_POLL_FIRST;
    }

    // The part of a file request not moved yet (all of it at first).
    static void prepare_transfer(io_uring_sqe* sqe, IoRequest& request) {
        char* buffer = static_cast<char*>(request.buffer) + request.moved;
        const auto length = static_cast<unsigned>(request.length - request.moved);
        // An append descriptor ignores the offset: each write lands at the end.
        const uint64_t offset = static_cast<uint64_t>(request.kernel_offset()) + (request.append ? 0 : request.moved);
        if (request.operation == IoOperation::Read) io_uring_prep_read(sqe, request.fd, buffer, length, offset);
        else io_uring_prep_write(sqe, request.fd, buffer, length, offset);
        io_uring_sqe_set_data(sqe, &request);
    }

    // submit_mutex_ held. Hands the queued SQEs to the kernel. When the ring refuses (EAGAIN,
    // ENOMEM, or EBUSY: too many completions not reaped yet), `sqe` stays in the queue and would
    // go with the next submission, after its request had been failed and freed, so it becomes a
    // NOP. Any refusal is reported as ENOMEM: Windows fails ReadFile/WriteFile with
    // ERROR_NOT_ENOUGH_MEMORY when too many requests are outstanding (docs/windows-rules.md §19).
    int submit_or_withdraw(io_uring_sqe* sqe) {
        int submitted = static_cast<int>(with_fault(FaultPoint::UringSubmit, 0));
        if (submitted == 0) submitted = io_uring_submit(&ring_);
        if (submitted >= 0) return 0;
        io_uring_prep_nop(sqe);
        io_uring_sqe_set_data64(sqe, kCancelTag);
        return ENOMEM;
    }

    // A regular file's read or write came back short: the kernel may stop early (a signal, memory
    // pressure, a disk filling up), but Windows completes a disk request whole, so the rest goes
    // out again. A read that stopped at the end of the file then gets 0 and ends; a pipe or FIFO
    // read completes with what arrived. True when the request went on; when the ring refuses the
    // rest, `result` becomes that refusal. submit_mutex_ held.
    bool continue_short_transfer(IoRequest& request, int64_t& result) {
        if (result <= 0 || request.moved + static_cast<uint64_t>(result) >= request.length) return false;
        struct stat info {};
        if (::fstat(request.fd, &info) != 0 || !S_ISREG(info.st_mode)) return false;
        request.moved += static_cast<uint64_t>(result);
        io_uring_sqe* sqe = next_sqe();
        if (!sqe) {
            result = -ENOMEM;
            return false;
        }
        prepare_transfer(sqe, request);
        const int error = submit_or_withdraw(sqe);
        if (error == 0) return true;
        result = -error;
        return false;
    }

    // submit_mutex_ held.
    io_uring_sqe* next_sqe() {
        io_uring_sqe* sqe = io_uring_get_sqe(&ring_);
        if (!sqe) {  // queue full: hand what is queued to the kernel and try once more
            io_uring_submit(&ring_);
            sqe = io_uring_get_sqe(&ring_);
        }
        return sqe;
    }

    void reap() {
        for (;;) {
            io_uring_cqe* cqe = nullptr;
            const int waited = io_uring_wait_cqe(&ring_, &cqe);
            if (waited == -EINTR) continue;
            if (waited < 0) return;
            const uint64_t tag = io_uring_cqe_get_data64(cqe);
            const int64_t result = cqe->res;
            io_uring_cqe_seen(&ring_, cqe);
            if (tag == kStopTag) return;
            if (tag == kCancelTag) continue;
            if (tag & kStreamBit) {
                stream_finished(reinterpret_cast<StreamOp*>(tag & ~kStreamBit), result);
                continue;
            }
            auto* request = reinterpret_cast<IoRequest*>(tag);
            int64_t kernel_result = result;
            bool goes_on = false;
            {
                // Also orders this thread after submit(), which filled the request under the mutex.
                std::lock_guard lock(submit_mutex_);
                const FaultPoint point = request->operation == IoOperation::Read ? FaultPoint::FileRead : FaultPoint::FileWrite;
                kernel_result = with_fault(point, result);
                goes_on = continue_short_transfer(*request, kernel_result);
                if (!goes_on) in_flight_.erase(request);
            }
            if (goes_on) continue;
            request_finished(request, kernel_result);
        }
    }

    io_uring ring_{};
    bool ring_created_ = false;
    bool ring_has_flags_ = false;  // the kernel took create_ring()'s flags (5.19 or later)
    std::mutex submit_mutex_;
    std::unordered_set<IoRequest*> in_flight_;  // submit_mutex_
    std::atomic<uint64_t> stream_submissions_{0};  // released by each stream submission
    std::thread reaper_;
};

}  // namespace

std::unique_ptr<IoBackend> make_uring_backend() { return UringBackend::create(); }

}  // namespace ovlab::posix

#else

namespace ovlab::posix {

std::unique_ptr<IoBackend> make_uring_backend() { return nullptr; }  // built without liburing

}  // namespace ovlab::posix

#endif
