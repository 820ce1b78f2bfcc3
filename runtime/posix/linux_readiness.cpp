// select()'s Linux side: poll() on the sockets' descriptors, read the way Winsock reads readiness
// (docs/windows-rules.md §13).
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <vector>

#include "linux_net.h"

namespace ovlab::posix::net {
namespace {

short events_of(const Readiness& item) {
    short events = 0;
    if (item.want_read) events |= POLLIN | POLLRDHUP;
    if (item.want_write) events |= POLLOUT;
    if (item.want_except) events |= POLLPRI;
    return events;
}

// Windows' reading: readable = a connection to accept, data, or the connection's end (graceful or
// not); writable = connected with room to send; exceptional = out-of-band data, or a non-blocking
// connect that failed. A connect still in progress that Linux already calls writable is connected.
void classify(Readiness& item, short revents) {
    const bool hung_up = revents & (POLLHUP | POLLERR);
    switch (item.stage) {
        case SocketStage::Idle: break;
        case SocketStage::Listening: item.readable = item.want_read && (revents & POLLIN); break;
        case SocketStage::Connecting:
            item.exceptional = item.want_except && hung_up;
            item.writable = item.want_write && !hung_up && (revents & POLLOUT);
            item.readable = item.want_read && !hung_up && (revents & POLLIN);
            break;
        case SocketStage::Connected:
            item.readable = item.want_read && (revents & (POLLIN | POLLRDHUP | POLLERR | POLLHUP));
            item.writable = item.want_write && !hung_up && (revents & POLLOUT);
            item.exceptional = item.want_except && (revents & POLLPRI);
            break;
    }
}

bool answered(const Readiness& item) { return item.readable || item.writable || item.exceptional; }

}  // namespace

int poll_readiness(Readiness* items, size_t count, int timeout_ms, int wake_fd) {
    std::vector<pollfd> polled(count + 1);
    for (size_t i = 0; i < count; ++i) {
        // A socket that cannot become ready (never connected, not listening) is left out: Linux
        // would report it hung up at once.
        const bool watched = items[i].stage != SocketStage::Idle;
        polled[i] = {watched ? items[i].fd : -1, events_of(items[i]), 0};
    }
    polled[count] = {wake_fd, POLLIN, 0};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms < 0 ? 0 : timeout_ms);
    for (;;) {
        int wait = timeout_ms;
        if (timeout_ms > 0) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            wait = left.count() > 0 ? static_cast<int>(left.count()) : 0;
        }
        const int result = ::poll(polled.data(), polled.size(), wait);
        if (result < 0 && errno == EINTR) continue;
        if (result < 0) return -errno;
        int ready = 0;
        for (size_t i = 0; i < count; ++i) {
            if (polled[i].revents == 0) continue;
            classify(items[i], polled[i].revents);
            if (answered(items[i])) ++ready;
            // An event that means nothing to Winsock (a connect still settling) would come back at
            // once: stop watching that socket for the rest of this call.
            else polled[i].fd = -1;
        }
        if (ready > 0 || result == 0 || polled[count].revents != 0) return ready;
    }
}

int create_wake_descriptor() {
    const int fd = ::eventfd(0, EFD_CLOEXEC);
    return fd < 0 ? -errno : fd;
}

void signal_wake_descriptor(int fd) {
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = ::write(fd, &one, sizeof one);
}

}  // namespace ovlab::posix::net
