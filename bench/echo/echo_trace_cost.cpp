// What recording a whole run costs: the runtime's IOCP echo server (echo-server-iocp) as it is, and
// the same server with OVLAB_TRACE=FILE (docs/trace-format.md), one load generator, interleaved.
// Every run starts a fresh server, because a recording keeps at most 524,288 events and then stops:
// the measured window must fit inside it, so it is short, and each traced row says how many events
// the window recorded and whether the recording was still on at its end. Figures, not a test.
//
//   usage: echo-trace-cost [seconds=0.3] [rounds=3] [connections=1,8,64] [sizes=64,4096] [workers=2]
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "bench_options.h"
#include "echo_load.h"

extern char** environ;

namespace {

constexpr double kWarmup = 0.1;

using echo_bench::numbers;
using echo_bench::option;

struct Server {
    pid_t pid = -1;
    uint16_t port = 0;
};

// Starts echo-server-iocp, recording into `trace_path` when it is not empty, and reads the
// "port N" line it prints once it listens.
Server start(const std::string& program, const std::string& workers, const std::string& trace_path) {
    std::vector<std::string> environment;
    for (char** entry = environ; *entry; ++entry)
        if (!std::string_view(*entry).starts_with("OVLAB_TRACE=")) environment.emplace_back(*entry);
    if (!trace_path.empty()) environment.push_back("OVLAB_TRACE=" + trace_path);
    std::vector<char*> envp;
    for (std::string& entry : environment) envp.push_back(entry.data());
    envp.push_back(nullptr);
    std::string argument = workers;
    std::string name = program;
    char* argv[] = {name.data(), argument.data(), nullptr};

    int out[2];
    Server server;
    if (pipe(out) != 0) return server;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    const int error = posix_spawn(&server.pid, program.c_str(), &actions, nullptr, argv, envp.data());
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    FILE* from_server = fdopen(out[0], "r");
    unsigned port = 0;
    if (error != 0 || !from_server || std::fscanf(from_server, "port %u", &port) != 1) server.pid = -1;
    if (from_server) std::fclose(from_server);
    server.port = static_cast<uint16_t>(port);
    return server;
}

// SIGTERM: a traced server writes its trace file before it ends (process_recording.h).
void stop(const Server& server) {
    if (server.pid <= 0) return;
    kill(server.pid, SIGTERM);
    waitpid(server.pid, nullptr, 0);
}

struct Figures {
    double echoes_per_second = 0, cpu_us_per_echo = 0;
    uint64_t echoes = 0;
    bool failed = true;
};

Figures measure(const Server& server, int connections, size_t size, double seconds) {
    Figures figures;
    if (server.pid <= 0) return figures;
    const bench::ProcessUsage before = bench::process_usage(server.pid);
    const bench::LoadResult load = bench::run_load(server.port, connections, size, kWarmup, seconds, 2);
    const bench::ProcessUsage after = bench::process_usage(server.pid);
    figures.failed = load.failed || load.round_trips == 0;
    figures.echoes = load.round_trips;
    figures.echoes_per_second = static_cast<double>(load.round_trips) / load.seconds;
    // The server's usage includes the warm-up; scale it to the measured window.
    const double share = seconds / (seconds + kWarmup);
    figures.cpu_us_per_echo =
        (after.cpu_seconds - before.cpu_seconds) * share * 1e6 / static_cast<double>(std::max<uint64_t>(load.round_trips, 1));
    return figures;
}

// The closing line of a recorded trace: {"end": {"events": N, "dropped": D}}.
struct Recorded {
    uint64_t events = 0, dropped = 0;
    bool full = false;  // the recording reached its bound (a HistoryFull event)
    bool read = false;
};

Recorded read_recorded(const std::string& path) {
    Recorded recorded;
    std::ifstream file(path);
    std::string line, last;
    while (std::getline(file, line)) {
        if (line.find("\"HistoryFull\"") != std::string::npos) recorded.full = true;
        last = line;
    }
    unsigned long long events = 0, dropped = 0;
    recorded.read = std::sscanf(last.c_str(), "{\"end\":{\"dropped\":%llu,\"events\":%llu}}", &dropped, &events) == 2;
    recorded.events = events;
    recorded.dropped = dropped;
    return recorded;
}

}  // namespace

int main(int argc, char** argv) {
    const double seconds = std::atof(option(argc, argv, "seconds", "0.3").c_str());
    const int rounds = std::max(1, std::atoi(option(argc, argv, "rounds", "3").c_str()));
    const std::vector<int> connection_counts = numbers(option(argc, argv, "connections", "1,8,64"));
    const std::vector<int> sizes = numbers(option(argc, argv, "sizes", "64,4096"));
    const std::string workers = option(argc, argv, "workers", "2");
    const std::filesystem::path here = std::filesystem::canonical("/proc/self/exe").parent_path();
    const std::string program = (here / "echo-server-iocp").string();
    const std::string trace_path = (std::filesystem::temp_directory_path() / fmt::format("echo-trace-cost-{}.trace", getpid())).string();

    fmt::print("runtime IOCP echo server, {} workers, without and with OVLAB_TRACE; a fresh server per run, {} s "
               "measured after {} s warm-up, {} round(s) interleaved\n\n", workers, seconds, kWarmup, rounds);
    fmt::print("{:>5} {:>5}  {:>10} {:>10} {:>7}  {:>11} {:>8}  {}\n", "conns", "bytes", "echo/s", "traced", "ratio",
               "CPU µs/echo", "traced", "recording");
    for (int round = 0; round < rounds; ++round) {
        for (int connections : connection_counts) {
            for (int size : sizes) {
                const Server plain = start(program, workers, {});
                const Figures without = measure(plain, connections, static_cast<size_t>(size), seconds);
                stop(plain);
                const Server traced = start(program, workers, trace_path);
                const Figures with = measure(traced, connections, static_cast<size_t>(size), seconds);
                stop(traced);
                const Recorded recorded = read_recorded(trace_path);
                std::filesystem::remove(trace_path);
                const std::string state = !recorded.read ? "no trace file"
                                          : recorded.full ? "FILLED during the run: ratio not valid"
                                                          : fmt::format("on throughout: {} events, warm-up included", recorded.events);
                fmt::print("{:>5} {:>5}  {:>10.0f} {:>10.0f} {:>6.2f}x  {:>11.2f} {:>8.2f}  {}{}\n", connections, size,
                           without.echoes_per_second, with.echoes_per_second,
                           with.echoes_per_second / std::max(without.echoes_per_second, 1.0), without.cpu_us_per_echo,
                           with.cpu_us_per_echo, state, without.failed || with.failed ? "  (FAILED: a connection broke)" : "");
                std::fflush(stdout);
            }
        }
    }
    return 0;
}
