// io_uring backend: lesson threads submit SQEs (under one mutex: the SQ has one producer at a
// time); one reaper thread consumes CQEs and finishes the requests. user_data is the IoRequest.
#include "io_backend.h"

#ifdef OVLAB_HAVE_URING

#include <liburing.h>

#include <cerrno>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "io_request.h"

namespace ovlab::posix {
namespace {

constexpr unsigned kRingEntries = 256;
constexpr uint64_t kStopTag = 1;    // NOP that tells the reaper to exit
constexpr uint64_t kCancelTag = 2;  // the completion of a cancel request itself

class UringBackend final : public IoBackend {
public:
    static std::unique_ptr<IoBackend> create() {
        std::unique_ptr<UringBackend> backend(new UringBackend);
        if (io_uring_queue_init(kRingEntries, &backend->ring_, 0) < 0) return nullptr;
        backend->reaper_ = std::thread([raw = backend.get()] { raw->reap(); });
        return backend;
    }

    ~UringBackend() override {
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
        if (!sqe) return EBUSY;
        if (request.operation == IoOperation::Read)
            io_uring_prep_read(sqe, request.fd, request.buffer, request.length,
                                 static_cast<uint64_t>(request.kernel_offset()));
        else
            io_uring_prep_write(sqe, request.fd, request.buffer, request.length,
                                 static_cast<uint64_t>(request.kernel_offset()));
        io_uring_sqe_set_data(sqe, &request);
        in_flight_.insert(&request);
        const int submitted = io_uring_submit(&ring_);
        if (submitted < 0) {
            in_flight_.erase(&request);
            return -submitted;
        }
        return 0;
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

private:
    UringBackend() = default;

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
            auto* request = reinterpret_cast<IoRequest*>(tag);
            {
                std::lock_guard lock(submit_mutex_);
                in_flight_.erase(request);
            }
            request_finished(request, result);
        }
    }

    io_uring ring_{};
    std::mutex submit_mutex_;
    std::unordered_set<IoRequest*> in_flight_;  // submit_mutex_
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
