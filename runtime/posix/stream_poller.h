// The thread-pool backend's engine for stream ops: one thread in epoll_wait over every op a lane
// has started, which performs each op without blocking once its descriptor is ready. Pool workers
// never block in recv() or accept(), so a request that never finishes ties up no worker, and
// cancelling is taking the op out of the interest set.
//
// epoll rather than poll(): with many idle connections each holding a pending receive, a wake-up
// costs only the descriptors that are ready, and starting or removing an op costs the same
// whatever the number of others. A descriptor has at most one op per lane (stream.h), so each
// registered descriptor keeps its few ops in a small list; the interest mask is their union.
#pragma once

#include <mutex>
#include <thread>
#include <unordered_map>
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
    using Finished = std::vector<std::pair<StreamOp*, int64_t>>;

    void run();
    void wake();  // mutex_ held or not
    // Adds `op` to its descriptor's interest set. mutex_ held. Returns 0 or an errno.
    int watch(StreamOp& op);
    // Takes `op` out of its descriptor's interest set; false when it is not there. mutex_ held.
    bool unwatch(StreamOp& op);
    // Makes the kernel's interest mask for `fd` the union of its ops' (or removes it). mutex_ held.
    int update_interest(int fd, bool added);
    // Performs the ops of `fd` that `events` allow; the finished ones go to `finished`. mutex_ held.
    void progress(int fd, uint32_t events, Finished& finished);

    std::mutex mutex_;
    std::unordered_map<int, std::vector<StreamOp*>> watched_;  // started ops by descriptor
    Finished done_;                     // out of watched_, to finish on the thread (cancelled, started)
    int epoll_fd_ = -1;
    int wake_fd_ = -1;                  // eventfd: a cancel, or stopping
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace ovlab::posix
