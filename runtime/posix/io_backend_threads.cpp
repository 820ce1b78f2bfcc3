// Thread-pool backend: a few threads doing blocking pread/pwrite, for systems without io_uring;
// socket and pipe ops go to an epoll thread (stream_poller.h).
#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "blocking_transfer.h"
#include "io_backend.h"
#include "io_request.h"
#include "stream_poller.h"

namespace ovlab::posix {
namespace {

constexpr size_t kWorkers = 4;

class ThreadPoolBackend final : public IoBackend {
public:
    ThreadPoolBackend() {
        for (size_t i = 0; i < kWorkers; ++i) workers_.emplace_back([this] { work(); });
    }

    ~ThreadPoolBackend() override {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        queued_.notify_all();
        for (std::thread& worker : workers_) worker.join();
    }

    std::string_view name() const override { return "threads"; }

    int submit_stream(StreamOp& op) override { return poller_.submit(op); }
    void cancel_stream(StreamOp& op) override { poller_.cancel(op); }

    int submit(IoRequest& request) override {
        {
            std::lock_guard lock(mutex_);
            queue_.push_back(&request);
        }
        queued_.notify_one();
        return 0;
    }

    // Requests a worker already runs finish normally; queued ones never reach the kernel.
    void cancel_all() override {
        std::deque<IoRequest*> cancelled;
        {
            std::lock_guard lock(mutex_);
            cancelled.swap(queue_);
        }
        for (IoRequest* request : cancelled) request_finished(request, -ECANCELED);
    }

    // Windows cancels a queued IRP at once; one a worker already runs finishes normally (a
    // blocking pread/pwrite cannot be taken back).
    bool cancel(IoRequest& request) override {
        std::lock_guard lock(mutex_);
        const auto it = std::find(queue_.begin(), queue_.end(), &request);
        if (it == queue_.end()) return false;
        queue_.erase(it);
        return true;
    }

private:
    void work() {
        std::unique_lock lock(mutex_);
        for (;;) {
            queued_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;
            IoRequest* request = queue_.front();
            queue_.pop_front();
            lock.unlock();
            request_finished(request, blocking_transfer(request->fd, request->operation, request->buffer,
                                                         request->length, request->kernel_offset()));
            lock.lock();
        }
    }

    std::mutex mutex_;
    std::condition_variable queued_;
    std::deque<IoRequest*> queue_;
    std::vector<std::thread> workers_;
    StreamPoller poller_;  // sockets and pipes: never a blocking call in a worker
    bool stopping_ = false;
};

}  // namespace

std::unique_ptr<IoBackend> make_thread_pool_backend() { return std::make_unique<ThreadPoolBackend>(); }

}  // namespace ovlab::posix
