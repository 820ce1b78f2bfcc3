// One closed-loop load generator for every echo server echo-compare measures: each connection
// sends a message, waits for all of it to come back, and sends the next.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace bench {

struct LoadResult {
    uint64_t round_trips = 0;   // completed inside the measured window
    double seconds = 0;         // length of the measured window
    double p50_us = 0;          // round-trip latency percentiles
    double p99_us = 0;
    bool failed = false;        // a connection broke or the server stopped answering
};

// `connections` connections to 127.0.0.1:port, `size`-byte messages, `warmup` seconds not counted,
// then `seconds` measured. Spreads the connections over `threads` threads.
LoadResult run_load(uint16_t port, int connections, size_t size, double warmup, double seconds, int threads);

// `count` connections to 127.0.0.1:port that stay silent, each holding the server's pending receive
// (how a server does with many idle clients); empty when one could not be opened.
std::vector<int> open_idle_connections(uint16_t port, int count);

// What a process has used so far: CPU time of all its threads and context switches.
struct ProcessUsage {
    double cpu_seconds = 0;
    uint64_t context_switches = 0;
};
ProcessUsage process_usage(pid_t pid);

}  // namespace bench
