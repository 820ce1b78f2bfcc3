#include "echo_load.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Connection {
    int fd = -1;
    size_t sent = 0;
    size_t received = 0;
    Clock::time_point started;
};

int connect_to(uint16_t port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        if (fd >= 0) close(fd);
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    return fd;
}

struct Worker {
    std::vector<Connection> connections;
    std::vector<float> latencies_us;
    uint64_t round_trips = 0;
    bool failed = false;
};

// Moves one connection on as far as it can go without blocking; false when it broke.
bool pump(Connection& c, const std::vector<char>& message, std::vector<char>& scratch, Clock::time_point measure_from,
          Worker& worker) {
    for (;;) {
        if (c.sent < message.size()) {
            const ssize_t n = send(c.fd, message.data() + c.sent, message.size() - c.sent, MSG_NOSIGNAL);
            if (n < 0 && errno == EAGAIN) return true;
            if (n <= 0) return false;
            c.sent += static_cast<size_t>(n);
            continue;
        }
        const ssize_t n = recv(c.fd, scratch.data(), message.size() - c.received, 0);
        if (n < 0 && errno == EAGAIN) return true;
        if (n <= 0) return false;
        c.received += static_cast<size_t>(n);
        if (c.received < message.size()) continue;
        const Clock::time_point now = Clock::now();
        if (c.started >= measure_from) {
            ++worker.round_trips;
            worker.latencies_us.push_back(std::chrono::duration<float, std::micro>(now - c.started).count());
        }
        c.sent = c.received = 0;
        c.started = now;
    }
}

void drive(Worker& worker, size_t size, Clock::time_point measure_from, Clock::time_point until) {
    const std::vector<char> message(size, 'e');
    std::vector<char> scratch(size);
    const int epoll = epoll_create1(0);
    for (Connection& c : worker.connections) {
        epoll_event event{};
        event.events = EPOLLIN | EPOLLOUT | EPOLLET;
        event.data.ptr = &c;
        epoll_ctl(epoll, EPOLL_CTL_ADD, c.fd, &event);
        c.started = Clock::now();
        if (!pump(c, message, scratch, measure_from, worker)) worker.failed = true;
    }
    epoll_event ready[256];
    while (!worker.failed && Clock::now() < until) {
        const int count = epoll_wait(epoll, ready, 256, 100);
        for (int i = 0; i < count; ++i) {
            if (!pump(*static_cast<Connection*>(ready[i].data.ptr), message, scratch, measure_from, worker))
                worker.failed = true;
        }
    }
    close(epoll);
}

double percentile(std::vector<float>& values, double fraction) {
    if (values.empty()) return 0;
    const auto at = values.begin() + static_cast<std::ptrdiff_t>(fraction * static_cast<double>(values.size() - 1));
    std::nth_element(values.begin(), at, values.end());
    return *at;
}

}  // namespace

LoadResult run_load(uint16_t port, int connections, size_t size, double warmup, double seconds, int threads) {
    threads = std::clamp(threads, 1, connections);
    std::vector<Worker> workers(static_cast<size_t>(threads));
    LoadResult result;
    for (int i = 0; i < connections; ++i) {
        const int fd = connect_to(port);
        if (fd < 0) result.failed = true;
        workers[static_cast<size_t>(i % threads)].connections.push_back({fd, 0, 0, {}});
    }
    const auto start = Clock::now();
    const auto measure_from = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(warmup));
    const auto until = measure_from + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    if (!result.failed) {
        std::vector<std::thread> running;
        for (Worker& worker : workers) running.emplace_back(drive, std::ref(worker), size, measure_from, until);
        for (std::thread& thread : running) thread.join();
    }
    std::vector<float> latencies;
    for (Worker& worker : workers) {
        result.round_trips += worker.round_trips;
        result.failed |= worker.failed;
        latencies.insert(latencies.end(), worker.latencies_us.begin(), worker.latencies_us.end());
        for (const Connection& c : worker.connections)
            if (c.fd >= 0) close(c.fd);
    }
    result.seconds = seconds;
    result.p50_us = percentile(latencies, 0.50);
    result.p99_us = percentile(latencies, 0.99);
    return result;
}

std::vector<int> open_idle_connections(uint16_t port, int count) {
    std::vector<int> fds;
    for (int i = 0; i < count; ++i) {
        const int fd = connect_to(port);
        if (fd < 0) {
            for (const int opened : fds) close(opened);
            return {};
        }
        fds.push_back(fd);
    }
    return fds;
}

ProcessUsage process_usage(pid_t pid) {
    ProcessUsage usage;
    const std::filesystem::path process = "/proc/" + std::to_string(pid);
    std::ifstream stat(process / "stat");
    std::string line;
    std::getline(stat, line);
    // Fields after the command's closing parenthesis: 3 state … 14 utime, 15 stime (clock ticks).
    std::istringstream fields(line.substr(line.rfind(')') + 2));
    std::string field;
    double ticks = 0;
    for (int index = 3; fields >> field && index <= 15; ++index)
        if (index == 14 || index == 15) ticks += std::stod(field);
    usage.cpu_seconds = ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
    std::error_code error;
    for (const auto& task : std::filesystem::directory_iterator(process / "task", error)) {
        std::ifstream status(task.path() / "status");
        while (std::getline(status, line)) {
            if (line.starts_with("voluntary_ctxt_switches:") || line.starts_with("nonvoluntary_ctxt_switches:"))
                usage.context_switches += std::stoull(line.substr(line.find(':') + 1));
        }
    }
    return usage;
}

}  // namespace bench
