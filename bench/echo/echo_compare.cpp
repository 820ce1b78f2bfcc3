// Puts the runtime's IOCP echo server (a Win32 program) next to the same service written straight
// on io_uring and on epoll, with one load generator, the same message sizes and interleaved runs,
// and prints the ratio table. Figures, not a test: run it on a quiet machine.
//
//   usage: echo-compare [seconds=3] [rounds=1] [connections=1,8,64,1024] [sizes=64,4096] [workers=2]
//                       [idle=0]
// The runtime's I/O backend is OVLAB_IO_BACKEND's (uring by default). "runtime skip" is the same
// server with FILE_SKIP_COMPLETION_PORT_ON_SUCCESS on every connection. idle=N keeps N more
// connections open to every server, silent, each holding a pending receive.
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "bench_options.h"
#include "echo_load.h"

extern char** environ;

namespace {

struct Server {
    std::string name;
    std::string program;
    std::vector<std::string> arguments;
    pid_t pid = -1;
    uint16_t port = 0;
    std::vector<int> idle;  // connections kept open and silent
};

using echo_bench::numbers;
using echo_bench::option;

// Starts the server and reads the "port N" line it prints once it listens.
bool start(Server& server) {
    int out[2];
    if (pipe(out) != 0) return false;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::vector<char*> argv{server.program.data()};
    for (std::string& arg : server.arguments) argv.push_back(arg.data());
    argv.push_back(nullptr);
    const int error = posix_spawn(&server.pid, server.program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    FILE* from_server = fdopen(out[0], "r");
    unsigned port = 0;
    const bool announced = error == 0 && from_server && std::fscanf(from_server, "port %u", &port) == 1;
    if (from_server) std::fclose(from_server);
    server.port = static_cast<uint16_t>(port);
    return announced;
}

void stop(Server& server) {
    for (const int fd : server.idle) close(fd);
    if (server.pid <= 0) return;
    kill(server.pid, SIGKILL);
    waitpid(server.pid, nullptr, 0);
}

// Each thread of the load and each connection needs a descriptor: lift the soft limit.
void allow_many_descriptors() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

struct Figures {
    double round_trips_per_second = 0, p50 = 0, p99 = 0, cpu_us_per_echo = 0, switches_per_echo = 0;
    bool failed = false;
};

Figures measure(const Server& server, int connections, size_t size, double seconds) {
    const bench::ProcessUsage before = bench::process_usage(server.pid);
    const bench::LoadResult load = bench::run_load(server.port, connections, size, 0.5, seconds, 2);
    const bench::ProcessUsage after = bench::process_usage(server.pid);
    Figures figures;
    figures.failed = load.failed || load.round_trips == 0;
    const double echoes = static_cast<double>(std::max<uint64_t>(load.round_trips, 1));
    figures.round_trips_per_second = static_cast<double>(load.round_trips) / load.seconds;
    figures.p50 = load.p50_us;
    figures.p99 = load.p99_us;
    // The server's usage includes the half-second warm-up; scale it to the measured window.
    const double share = seconds / (seconds + 0.5);
    figures.cpu_us_per_echo = (after.cpu_seconds - before.cpu_seconds) * share * 1e6 / echoes;
    figures.switches_per_echo = static_cast<double>(after.context_switches - before.context_switches) * share / echoes;
    return figures;
}

}  // namespace

int main(int argc, char** argv) {
    const double seconds = std::atof(option(argc, argv, "seconds", "3").c_str());
    const int rounds = std::max(1, std::atoi(option(argc, argv, "rounds", "1").c_str()));
    const std::vector<int> connection_counts = numbers(option(argc, argv, "connections", "1,8,64,1024"));
    const std::vector<int> sizes = numbers(option(argc, argv, "sizes", "64,4096"));
    const std::string workers = option(argc, argv, "workers", "2");
    const int idle = std::max(0, std::atoi(option(argc, argv, "idle", "0").c_str()));
    allow_many_descriptors();

    const std::filesystem::path here = std::filesystem::canonical("/proc/self/exe").parent_path();
    std::vector<Server> servers = {
        {"raw io_uring", (here / "echo-server-uring").string(), {}},  // first: the others' ratios need it
        {"runtime IOCP", (here / "echo-server-iocp").string(), {workers}},
        {"runtime skip", (here / "echo-server-iocp").string(), {workers, "skip"}},
        {"raw epoll", (here / "echo-server-epoll").string(), {}},
    };
    for (Server& server : servers) {
        if (start(server)) server.idle = bench::open_idle_connections(server.port, idle);
        if (server.port == 0 || server.idle.size() != static_cast<size_t>(idle)) {
            fmt::print(stderr, "cannot start {} ({}) or connect to it\n", server.name, server.program);
            for (Server& started : servers) stop(started);
            return 1;
        }
    }
    const char* backend = std::getenv("OVLAB_IO_BACKEND");
    fmt::print("runtime I/O backend: {}; {} worker threads; {} s per run after 0.5 s warm-up; {} round(s), "
               "servers interleaved per row; {} idle connections per server\n\n",
               backend && *backend ? backend : "uring (default)", workers, seconds, rounds, idle);
    fmt::print("{:>5} {:>5}  {:<13} {:>10} {:>8} {:>8} {:>11} {:>9}   {}\n", "conns", "bytes", "server", "echo/s",
               "p50 µs", "p99 µs", "CPU µs/echo", "ctxsw/echo", "vs raw io_uring (echo/s, CPU, p99)");
    for (int round = 0; round < rounds; ++round) {
        for (int connections : connection_counts) {
            for (int size : sizes) {
                std::map<std::string, Figures> row;
                for (const Server& server : servers) {
                    const Figures f = measure(server, connections, static_cast<size_t>(size), seconds);
                    row[server.name] = f;
                    const Figures& base = row["raw io_uring"];
                    const std::string ratio = server.name == "raw io_uring"
                        ? std::string()
                        : fmt::format("{:.2f}x  {:.2f}x  {:.2f}x", f.round_trips_per_second / base.round_trips_per_second,
                                      f.cpu_us_per_echo / base.cpu_us_per_echo, f.p99 / base.p99);
                    fmt::print("{:>5} {:>5}  {:<13} {:>10.0f} {:>8.1f} {:>8.1f} {:>11.2f} {:>9.2f}   {}{}\n", connections,
                               size, server.name, f.round_trips_per_second, f.p50, f.p99, f.cpu_us_per_echo,
                               f.switches_per_echo, ratio, f.failed ? "  (FAILED: a connection broke)" : "");
                    std::fflush(stdout);
                }
            }
        }
    }
    for (Server& server : servers) stop(server);
    return 0;
}
