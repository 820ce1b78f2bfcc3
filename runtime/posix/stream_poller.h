// The thread-pool backend's engine for stream ops: one thread in poll() over every op a lane has
// started, which performs each op without blocking once its descriptor is ready. Pool workers
// never block in recv() or accept(), so a request that never finishes ties up no worker, and
// cancelling is taking the op out of the poll set.
#pragma once

#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace ovlab::posix {

struct StreamOp;

class StreamPoller {
public:
    StreamPoller();
    ~StreamPoller();
    StreamPoller(const StreamPoller&) = delete;
    StreamPoller& operator=(const StreamPoller&) = delete;

    // IoBackend::submit_stream / cancel_stream: the op finishes on the poller thread.
    int submit(StreamOp& op);
    void cancel(StreamOp& op);

private:
    void run();
    void wake();  // mutex_ held or not

    std::mutex mutex_;
    std::vector<StreamOp*> ops_;        // started, waiting for their descriptor
    std::vector<std::pair<StreamOp*, int64_t>> done_;  // out of ops_, to finish on the thread (cancelled)
    int wake_fd_ = -1;                  // eventfd: a new op, a cancel, or stopping
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace ovlab::posix
