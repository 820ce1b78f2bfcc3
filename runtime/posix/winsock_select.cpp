// select() and __WSAFDIsSet (docs/windows-rules.md §13). A Winsock fd_set is a count and an array
// of SOCKETs; select() keeps in each set the sockets that are ready, in their order, and returns
// how many entries it kept.
//
// A select() that has to wait does so in an ordinary wait on an event of its own, which a helper
// thread sets when poll() finds a socket ready, so a lesson reset interrupts it like any wait.
//
// Known divergence (docs/windows-rules.md §17): a socket closed by another thread while select()
// waits is no longer watched; Windows ends the select.
#include <winsock2.h>

#include <fmt/format.h>

#include <chrono>
#include <thread>
#include <vector>

#include "api_call.h"
#include "event.h"
#include "last_error.h"
#include "ovlab/session.h"
#include "socket.h"
#include "stream_delivery.h"
#include "wait.h"
#include "winsock_arguments.h"

namespace ovlab::posix {
namespace {

net::SocketStage stage_of(const SocketObject::State& state) {
    if (state.listening) return net::SocketStage::Listening;
    if (state.connected) return net::SocketStage::Connected;
    if (state.connecting) return net::SocketStage::Connecting;
    return net::SocketStage::Idle;
}

// One entry per socket, whichever sets name it; 0 or a Winsock error.
int gather(fd_set* const sets[3], std::vector<net::Readiness>& items, std::vector<SOCKET>& sockets) {
    for (int which = 0; which < 3; ++which) {
        if (!sets[which]) continue;
        for (u_int i = 0; i < sets[which]->fd_count && i < FD_SETSIZE; ++i) {
            const SOCKET s = sets[which]->fd_array[i];
            size_t at = 0;
            while (at < sockets.size() && sockets[at] != s) ++at;
            if (at == sockets.size()) {
                std::shared_ptr<SocketObject> socket = lookup_socket(s);
                if (!socket) return WSAENOTSOCK;
                net::Readiness item;
                item.fd = socket->fd();
                item.stage = stage_of(socket->state());
                items.push_back(item);
                sockets.push_back(s);
            }
            bool* want[3] = {&items[at].want_read, &items[at].want_write, &items[at].want_except};
            *want[which] = true;
        }
    }
    return sockets.empty() ? WSAEINVAL : 0;  // no socket at all: Windows refuses
}

// Keeps in each set the sockets found ready for it; returns the number of entries kept.
int keep_ready(fd_set* const sets[3], const std::vector<net::Readiness>& items, const std::vector<SOCKET>& sockets) {
    int kept = 0;
    for (int which = 0; which < 3; ++which) {
        if (!sets[which]) continue;
        u_int out = 0;
        for (u_int i = 0; i < sets[which]->fd_count && i < FD_SETSIZE; ++i) {
            const SOCKET s = sets[which]->fd_array[i];
            size_t at = 0;
            while (sockets[at] != s) ++at;
            const bool ready[3] = {items[at].readable, items[at].writable, items[at].exceptional};
            if (ready[which]) sets[which]->fd_array[out++] = s;
        }
        sets[which]->fd_count = out;
        kept += static_cast<int>(out);
    }
    return kept;
}

// A helper thread polls until a socket is ready (or it is told to stop) and then sets the event
// the calling thread waits on.
class ReadinessWatch {
public:
    explicit ReadinessWatch(std::vector<net::Readiness> items)
        : items_(std::move(items)),
          wake_fd_(net::create_wake_descriptor()),
          ready_(std::make_shared<EventObject>(true, false, "")) {
        // As a blocking recv's completion, the wake-up goes through the stepper in issue order.
        step::Stepper* stepper = current_stepper();
        const uint64_t ticket = stepper ? stepper->io_issued(false) : 0;
        thread_ = std::thread([this, stepper, ticket] {
            // Without a wake-up descriptor (out of descriptors) the watch looks every 50 ms instead.
            const int found = net::poll_readiness(items_.data(), items_.size(), wake_fd_ < 0 ? 50 : -1, wake_fd_);
            const bool wake = found != 0 || wake_fd_ < 0;
            deliver_in_turn(stepper, ticket, [ready = ready_, wake] {
                std::lock_guard lock(kernel_mutex());
                if (wake) ready->set_signalled(true, "a socket is ready");
            });
        });
    }
    ~ReadinessWatch() {
        if (wake_fd_ >= 0) net::signal_wake_descriptor(wake_fd_);
        thread_.join();
        net::close_descriptor(wake_fd_);
    }
    ReadinessWatch(const ReadinessWatch&) = delete;
    ReadinessWatch& operator=(const ReadinessWatch&) = delete;
    std::shared_ptr<KernelObject> event() const { return ready_; }

private:
    std::vector<net::Readiness> items_;
    int wake_fd_;
    std::shared_ptr<EventObject> ready_;
    std::thread thread_;
};

DWORD timeout_of(const struct timeval* timeout) {
    if (!timeout) return INFINITE;
    const long long ms = static_cast<long long>(timeout->tv_sec) * 1000 + timeout->tv_usec / 1000;
    return ms <= 0 ? 0 : ms >= INFINITE ? INFINITE - 1 : static_cast<DWORD>(ms);
}

int select_sockets(fd_set* const sets[3], const struct timeval* timeout, bool tracing) {
    if (!winsock_started()) return wsa_fail(WSANOTINITIALISED);
    if (timeout && (timeout->tv_sec < 0 || timeout->tv_usec < 0)) return wsa_fail(WSAEINVAL);
    std::vector<net::Readiness> items;
    std::vector<SOCKET> sockets;
    if (const int error = gather(sets, items, sockets)) return wsa_fail(error);
    int found = net::poll_readiness(items.data(), items.size(), 0, -1);
    const DWORD wait_ms = timeout_of(timeout);
    const auto start = std::chrono::steady_clock::now();
    const std::string what = tracing ? fmt::format("select() waits for {} socket(s)", sockets.size()) : "";
    while (found == 0 && wait_ms != 0) {
        DWORD left = INFINITE;
        if (wait_ms != INFINITE) {
            const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
            if (spent.count() >= wait_ms) break;
            left = wait_ms - static_cast<DWORD>(spent.count());
        }
        ReadinessWatch watch(items);
        // Alertable, as Winsock's blocking calls are (docs/windows-rules.md §13): an APC runs, and
        // select goes on waiting.
        const WaitOutcome waited =
            wait_for_objects({watch.event()}, false, left, trace::ThreadState::Waiting, what, true);
        if (waited.timed_out) break;
        // Another thread may have taken what the watch saw: then the wait goes on.
        found = net::poll_readiness(items.data(), items.size(), 0, -1);
    }
    if (found < 0) return wsa_fail(net::wsa_error_from_errno(-found));
    return keep_ready(sets, items, sockets);
}

std::string set_argument(const char* name, size_t index, const fd_set* set) {
    if (!set) return pointer_argument(name, index, set);
    return fmt::format("{} ({} socket{})", pointer_argument(name, index, set), set->fd_count,
                       set->fd_count == 1 ? "" : "s");
}

}  // namespace
}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" int WSAAPI select(int nfds, fd_set* readfds, fd_set* writefds, fd_set* exceptfds,
                             const struct timeval* timeout) {
    ApiCall call("select", [&] {
        const std::string shown_timeout =
            timeout ? fmt::format("timeout={{{}, {}}}", timeout->tv_sec, timeout->tv_usec) : "timeout=NULL";
        return fmt::format("nfds={}, {}, {}, {}, {}", nfds, set_argument("readfds", 1, readfds),
                           set_argument("writefds", 2, writefds), set_argument("exceptfds", 3, exceptfds), shown_timeout);
    });
    fd_set* const sets[3] = {readfds, writefds, exceptfds};  // nfds is ignored, as on Windows
    return call.returns_int(wsa_result(select_sockets(sets, timeout, call.tracing())));
}

extern "C" int WSAAPI __WSAFDIsSet(SOCKET fd, fd_set* set) {
    for (u_int i = 0; set && i < set->fd_count && i < FD_SETSIZE; ++i)
        if (set->fd_array[i] == fd) return 1;
    return 0;
}
