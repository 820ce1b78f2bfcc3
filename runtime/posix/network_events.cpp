#include "network_events.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "event.h"
#include "linux_net.h"
#include "ovlab/session.h"
#include "ovlab/stepper.h"
#include "socket.h"
#include "trace_hooks.h"
#include "waiting_pool.h"

namespace ovlab::posix {
namespace {

constexpr int kWsaConnectionReset = 10054;  // WSAECONNRESET

struct Selection {
    std::shared_ptr<SocketObject> socket;
    std::shared_ptr<EventObject> event;
    long mask = 0;
    long armed = 0;      // events that may be recorded now (not recorded since their re-enabling)
    long found = 0;      // seen by the poller, waiting for the stepper to let them be recorded
    NetworkEventRecord record;
    NetworkEventRecord found_errors;
    bool delivering = false;
    bool quiet = false;  // the socket reported a condition that records nothing: poll again once re-armed
    bool ended = false;
    step::Stepper* stepper = nullptr;
    uint64_t ticket = 0;  // the stepper's turn for the next recording, while something is armed
};

// Selections and the poller thread. Lock order: the kernel mutex, then this mutex.
struct Registry {
    std::mutex mutex;
    std::vector<std::shared_ptr<Selection>> selections;
    int wake_fd = -1;
    bool started = false;

    void wake() {
        const uint64_t one = 1;
        [[maybe_unused]] const ssize_t written = ::write(wake_fd, &one, sizeof one);
    }
};

Registry& registry() {
    static Registry* instance = new Registry;  // never destroyed: the poller may outlive main
    return *instance;
}

std::shared_ptr<Selection> find(Registry& r, const SocketObject& socket) {
    for (const auto& selection : r.selections)
        if (selection->socket.get() == &socket) return selection;
    return nullptr;
}

std::string recorded_text(long found) {
    std::string text;
    for (const auto& [bit, name] : {std::pair{kFdRead, "FD_READ"}, std::pair{kFdWrite, "FD_WRITE"},
                                    std::pair{kFdAccept, "FD_ACCEPT"}, std::pair{kFdClose, "FD_CLOSE"}}) {
        if (found & bit) text += text.empty() ? name : std::string(" | ") + name;
    }
    return text + " recorded";
}

int bit_index(long bit) { return __builtin_ctzl(static_cast<unsigned long>(bit)); }

// The events whose condition the poll result shows (registry mutex held).
long conditions(Selection& s, short revents, int fd) {
    const SocketObject::State state = s.socket->state();
    long found = 0;
    const bool readable_data = (revents & POLLIN) && !state.listening && net::bytes_readable(fd) > 0;
    if ((s.armed & kFdAccept) && state.listening && (revents & POLLIN)) found |= kFdAccept;
    if ((s.armed & kFdRead) && readable_data) found |= kFdRead;
    if ((s.armed & kFdWrite) && state.connected && (revents & POLLOUT) && !(revents & POLLERR)) found |= kFdWrite;
    if ((s.armed & kFdClose) && state.connected) {
        // A reset is recorded at once; a graceful close only once the data before it was read.
        if (revents & POLLERR) {
            found |= kFdClose;
            s.found_errors.errors[bit_index(kFdClose)] = kWsaConnectionReset;
        } else if ((revents & (POLLRDHUP | POLLHUP)) && net::bytes_readable(fd) <= 0) {
            found |= kFdClose;
            s.found_errors.errors[bit_index(kFdClose)] = 0;
        }
    }
    return found;
}

// Takes the stepper's next turn for `s` when something is armed and none is held (registry mutex
// held; called by a lesson thread or inside a delivery's turn, so the order is the same every run).
void take_ticket(Selection& s) {
    if (s.stepper && s.ticket == 0 && s.armed != 0 && !s.delivering && !s.ended) s.ticket = s.stepper->io_issued(false);
}

// Records what the poller found, sets the event, and wakes the poller for what stays armed.
void deliver(const std::shared_ptr<Selection>& s) {
    step::Stepper* stepper = s->stepper;
    uint64_t used = 0;
    {
        std::lock_guard kernel(kernel_mutex());
        Registry& r = registry();
        std::lock_guard lock(r.mutex);
        if (!s->ended) {
            s->record.events |= s->found;
            for (int i = 0; i < kNetworkEventCount; ++i)
                if (s->found & (1L << i)) s->record.errors[i] = s->found_errors.errors[i];
            s->event->set_signalled(true, recorded_text(s->found));
        }
        s->found = 0;
        s->delivering = false;
        used = s->ticket;
        s->ticket = 0;
        take_ticket(*s);
        r.wake();
    }
    // No checkpoint is recorded: the step passes on to the thread the event wakes.
    if (stepper) stepper->io_delivered(used, false);
}

void deliver_when_stepper_allows(const std::shared_ptr<Selection>& s) {
    enter_kernel_thread();
    trace::set_current_line(0);  // a pool thread: no lesson line
    if (!s->stepper->io_finished_wait(s->ticket)) return;  // the lesson is being reset
    deliver(s);
}

WaitingPool& delivery_threads() {
    static WaitingPool* instance = new WaitingPool;
    return *instance;
}

void poll_loop() {
    Registry& r = registry();
    std::vector<pollfd> fds;
    std::vector<std::shared_ptr<Selection>> polled;
    for (;;) {
        fds.assign(1, pollfd{r.wake_fd, POLLIN, 0});
        polled.clear();
        {
            std::lock_guard lock(r.mutex);
            for (const auto& s : r.selections) {
                if (s->delivering || s->quiet || s->armed == 0) continue;
                short events = POLLRDHUP;
                if (s->armed & (kFdRead | kFdAccept)) events |= POLLIN;
                if (s->armed & kFdWrite) events |= POLLOUT;
                fds.push_back(pollfd{s->socket->fd(), events, 0});
                polled.push_back(s);
            }
        }
        if (::poll(fds.data(), fds.size(), -1) < 0 && errno != EINTR) return;
        if (fds[0].revents) {
            uint64_t count;
            [[maybe_unused]] const ssize_t drained = ::read(r.wake_fd, &count, sizeof count);
        }
        std::vector<std::shared_ptr<Selection>> now;
        {
            std::lock_guard lock(r.mutex);
            for (size_t i = 0; i < polled.size(); ++i) {
                Selection& s = *polled[i];
                // Re-checked: the selection may have ended, changed or been re-armed meanwhile.
                if (!fds[i + 1].revents || s.ended || s.delivering || s.socket->fd() != fds[i + 1].fd) continue;
                const long found = conditions(s, fds[i + 1].revents, fds[i + 1].fd);
                if (found == 0) {
                    s.quiet = true;
                    continue;
                }
                s.armed &= ~found;
                s.found = found;
                s.delivering = true;
                now.push_back(polled[i]);
            }
        }
        for (const auto& s : now) {
            if (s->stepper) delivery_threads().post([s] { deliver_when_stepper_allows(s); });
            else deliver(s);
        }
    }
}

void start_poller(Registry& r) {
    if (r.started) return;
    r.wake_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    r.started = true;
    std::thread(poll_loop).detach();
}

// Ends `s` (registry mutex held); returns the stepper turn to give back, if one was held.
uint64_t end_selection(Registry& r, const std::shared_ptr<Selection>& s) {
    s->ended = true;
    std::erase(r.selections, s);
    // A delivery on its way gives its turn back itself.
    if (s->delivering) return 0;
    return std::exchange(s->ticket, 0);
}

}  // namespace

void select_network_events(const std::shared_ptr<SocketObject>& socket, std::shared_ptr<EventObject> event, long mask) {
    Registry& r = registry();
    uint64_t returned = 0;
    step::Stepper* stepper = nullptr;
    {
        std::lock_guard lock(r.mutex);
        if (auto old = find(r, *socket)) {
            stepper = old->stepper;
            returned = end_selection(r, old);
        }
        if (mask != 0) {
            start_poller(r);
            auto s = std::make_shared<Selection>();
            s->socket = socket;
            s->event = std::move(event);
            s->mask = mask;
            // FD_WRITE is recorded once a connection exists, then after a send met a full buffer.
            s->armed = mask & (socket->state().connected ? kSupportedNetworkEvents : kSupportedNetworkEvents & ~kFdWrite);
            s->stepper = current_stepper();
            take_ticket(*s);
            r.selections.push_back(std::move(s));
            r.wake();
        }
    }
    if (returned) stepper->io_delivered(returned, false);
}

bool inherit_network_events(const SocketObject& listener, const std::shared_ptr<SocketObject>& accepted) {
    std::shared_ptr<EventObject> event;
    long mask = 0;
    {
        Registry& r = registry();
        std::lock_guard lock(r.mutex);
        const std::shared_ptr<Selection> s = find(r, listener);
        if (!s) return false;
        event = s->event;
        mask = s->mask;
    }
    select_network_events(accepted, std::move(event), mask);
    return true;
}

bool network_events_selected(const SocketObject& socket) {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    return find(r, socket) != nullptr;
}

NetworkEventRecord take_network_events(const SocketObject& socket) {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    const std::shared_ptr<Selection> s = find(r, socket);
    if (!s) return {};
    return std::exchange(s->record, NetworkEventRecord{});
}

void reenable_network_event(const SocketObject& socket, long bit) {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    const std::shared_ptr<Selection> s = find(r, socket);
    if (!s || !(s->mask & bit)) return;
    s->armed |= bit;
    s->quiet = false;
    take_ticket(*s);
    r.wake();
}

void end_network_events(const SocketObject& socket) {
    Registry& r = registry();
    uint64_t returned = 0;
    step::Stepper* stepper = nullptr;
    {
        std::lock_guard lock(r.mutex);
        if (auto s = find(r, socket)) {
            stepper = s->stepper;
            returned = end_selection(r, s);
        }
        if (r.started) r.wake();
    }
    if (returned) stepper->io_delivered(returned, false);
}

void end_all_network_events() {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    // The stepper is being reset: its turns go with it.
    for (const auto& s : r.selections) s->ended = true;
    r.selections.clear();
    if (r.started) r.wake();
}

}  // namespace ovlab::posix
