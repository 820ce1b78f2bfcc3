#include "stream_poller.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <utility>

#include "stream_op.h"

namespace ovlab::posix {
namespace {

constexpr int kEventsPerWait = 64;

// poll() and epoll share the bit values of the readiness events StreamOp uses.
static_assert(POLLIN == EPOLLIN && POLLOUT == EPOLLOUT && POLLRDHUP == EPOLLRDHUP);

}  // namespace

StreamPoller::StreamPoller()
    : epoll_fd_(::epoll_create1(EPOLL_CLOEXEC)), wake_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
    epoll_event wake_event{};
    wake_event.events = EPOLLIN;
    wake_event.data.fd = wake_fd_;
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &wake_event);
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
    ::close(epoll_fd_);
}

int StreamPoller::submit(StreamOp& op) {
    {
        std::lock_guard lock(mutex_);
        // A connect is started now (non-blocking); epoll then says when it is done.
        const int64_t started = op.kind == StreamOpKind::Connect ? attempt_stream_op(op) : -EAGAIN;
        if (started == -EAGAIN) {
            // The thread sees the new interest at its next epoll_wait: no wake-up needed.
            if (const int error = watch(op); error == 0) return 0;
            else done_.emplace_back(&op, -error);
        } else {
            done_.emplace_back(&op, started);
        }
    }
    wake();
    return 0;
}

void StreamPoller::cancel(StreamOp& op) {
    {
        std::lock_guard lock(mutex_);
        if (!unwatch(op)) return;  // finishing already
        done_.emplace_back(&op, -ECANCELED);
    }
    wake();
}

void StreamPoller::wake() {
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = ::write(wake_fd_, &one, sizeof one);
}

int StreamPoller::watch(StreamOp& op) {
    std::vector<StreamOp*>& ops = watched_[op.fd];
    const bool added = ops.empty();
    ops.push_back(&op);
    const int error = update_interest(op.fd, added);
    if (error != 0) unwatch(op);
    return error;
}

bool StreamPoller::unwatch(StreamOp& op) {
    const auto entry = watched_.find(op.fd);
    if (entry == watched_.end()) return false;
    std::vector<StreamOp*>& ops = entry->second;
    const auto it = std::find(ops.begin(), ops.end(), &op);  // at most one op per lane
    if (it == ops.end()) return false;
    ops.erase(it);
    update_interest(op.fd, false);
    return true;
}

int StreamPoller::update_interest(int fd, bool added) {
    const auto entry = watched_.find(fd);
    if (entry->second.empty()) {
        watched_.erase(entry);
        // Removed before the op finishes: its descriptor may be closed and its number reused.
        ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
        return 0;
    }
    epoll_event event{};
    for (const StreamOp* op : entry->second) event.events |= static_cast<uint32_t>(op->poll_events());
    event.data.fd = fd;
    return ::epoll_ctl(epoll_fd_, added ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &event) == 0 ? 0 : errno;
}

void StreamPoller::progress(int fd, uint32_t events, Finished& finished) {
    const auto entry = watched_.find(fd);
    if (entry == watched_.end()) return;  // cancelled meanwhile
    const std::vector<StreamOp*> ops = entry->second;  // unwatch changes the list
    for (StreamOp* op : ops) {
        // An error or hang-up lets every op of the descriptor see it.
        if ((events & (static_cast<uint32_t>(op->poll_events()) | EPOLLERR | EPOLLHUP)) == 0) continue;
        const int64_t result = attempt_stream_op(*op);
        if (result == -EAGAIN) continue;
        unwatch(*op);
        finished.emplace_back(op, result);
    }
}

void StreamPoller::run() {
    epoll_event events[kEventsPerWait];
    Finished finished;
    for (;;) {
        finished.clear();
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
            finished.swap(done_);
        }
        // Finished ops are reported without the lock: op_finished starts the lane's next op here.
        for (const auto& [op, result] : finished) StreamObject::op_finished(op, result);
        if (!finished.empty()) continue;
        const int ready = ::epoll_wait(epoll_fd_, events, kEventsPerWait, -1);
        if (ready < 0 && errno != EINTR) return;
        {
            std::lock_guard lock(mutex_);
            for (int i = 0; i < ready; ++i) {
                if (events[i].data.fd == wake_fd_) {
                    uint64_t count;
                    [[maybe_unused]] const ssize_t drained = ::read(wake_fd_, &count, sizeof count);
                    continue;
                }
                progress(events[i].data.fd, events[i].events, finished);
            }
        }
        for (const auto& [op, result] : finished) StreamObject::op_finished(op, result);
    }
}

}  // namespace ovlab::posix
