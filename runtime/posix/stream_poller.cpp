#include "stream_poller.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <utility>

#include "stream_op.h"

namespace ovlab::posix {

StreamPoller::StreamPoller() : wake_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
    thread_ = std::thread([this] { run(); });
}

StreamPoller::~StreamPoller() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake();
    thread_.join();
    ::close(wake_fd_);
}

int StreamPoller::submit(StreamOp& op) {
    {
        std::lock_guard lock(mutex_);
        // A connect is started now (non-blocking); poll() then says when it is done.
        const int64_t started = op.kind == StreamOpKind::Connect ? attempt_stream_op(op) : -EAGAIN;
        if (started == -EAGAIN) ops_.push_back(&op);
        else done_.emplace_back(&op, started);
    }
    wake();
    return 0;
}

void StreamPoller::cancel(StreamOp& op) {
    {
        std::lock_guard lock(mutex_);
        const auto it = std::find(ops_.begin(), ops_.end(), &op);
        if (it == ops_.end()) return;  // finishing already
        ops_.erase(it);
        done_.emplace_back(&op, -ECANCELED);
    }
    wake();
}

void StreamPoller::wake() {
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = ::write(wake_fd_, &one, sizeof one);
}

void StreamPoller::run() {
    std::vector<pollfd> fds;
    std::vector<StreamOp*> polled;
    std::vector<std::pair<StreamOp*, int64_t>> finished;
    for (;;) {
        fds.assign(1, pollfd{wake_fd_, POLLIN, 0});
        polled.clear();
        finished.clear();
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
            finished.swap(done_);
            for (StreamOp* op : ops_) {
                fds.push_back(pollfd{op->fd, op->poll_events(), 0});
                polled.push_back(op);
            }
        }
        // Finished ops are reported without the lock: op_finished starts the lane's next op here.
        for (const auto& [op, result] : finished) StreamObject::op_finished(op, result);
        if (!finished.empty()) continue;
        if (::poll(fds.data(), fds.size(), -1) < 0 && errno != EINTR) return;
        if (fds[0].revents) {
            uint64_t count;
            [[maybe_unused]] const ssize_t drained = ::read(wake_fd_, &count, sizeof count);
        }
        {
            std::lock_guard lock(mutex_);
            for (size_t i = 0; i < polled.size(); ++i) {
                if (fds[i + 1].revents == 0) continue;
                StreamOp* op = polled[i];
                const auto it = std::find(ops_.begin(), ops_.end(), op);
                if (it == ops_.end()) continue;  // cancelled meanwhile
                const int64_t result = attempt_stream_op(*op);
                if (result == -EAGAIN) continue;
                ops_.erase(it);
                finished.emplace_back(op, result);
            }
        }
        for (const auto& [op, result] : finished) StreamObject::op_finished(op, result);
    }
}

}  // namespace ovlab::posix
