#include "interrupt.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>

#ifndef _WIN32
#include <pthread.h>

#include <chrono>
#include <optional>
#include <thread>
#endif

namespace ovlab::app {
namespace {

// Written from a signal handler on Windows: only a lock-free atomic is safe there.
std::atomic<int> g_stop_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);

// Only the first reason counts: a signal that comes while a closed stdout is being handled (or
// the other way round) must not change the exit status.
void note_stop(int signal) {
    int none = 0;
    g_stop_signal.compare_exchange_strong(none, signal);
}

#ifndef _WIN32
constexpr int kReaderGone = SIGPIPE;

sigset_t stop_signals() {
    sigset_t set;
    sigemptyset(&set);
    for (int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&set, signal);
    return set;
}

// GNU timeout sends its signal to the command and then to its whole process group: a second
// signal this soon is the same request, not someone tired of waiting.
constexpr auto kSameRequest = std::chrono::seconds(1);

// The only thread that receives the stop signals: no lesson thread's blocking call is cut short
// with EINTR, and reacting needs no async-signal-safe code.
void wait_for_stop_signals(sigset_t set) {
    std::optional<std::chrono::steady_clock::time_point> first;  // signal, not a closed stdout
    for (;;) {
        int signal = 0;
        if (sigwait(&set, &signal) != 0) continue;
        const auto now = std::chrono::steady_clock::now();
        note_stop(signal);
        if (!first) first = now;
        // Pressing Ctrl+C again: whoever did no longer waits for the cleanup (a stuck lesson).
        else if (now - *first > kSameRequest) std::_Exit(128 + signal);
    }
}
#else
// SIGPIPE's number on POSIX, so a closed stdout exits with 141 as a POSIX shell would report it.
constexpr int kReaderGone = 13;

extern "C" void on_stop_signal(int signal) { note_stop(signal); }
#endif

}  // namespace

void watch_for_interrupts() {
#ifndef _WIN32
    std::signal(SIGPIPE, SIG_IGN);
    const sigset_t set = stop_signals();
    // Threads inherit the mask: blocked here, before any other thread exists, means blocked in all.
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::thread(wait_for_stop_signals, set).detach();
#else
    // The CRT resets a handler to the default once it ran, so a second Ctrl+C ends the process.
    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);
#endif
}

int stop_signal() { return g_stop_signal.load(); }

void stop_for_closed_output() { note_stop(kReaderGone); }

void exit_as_signalled(int signal) {
    std::fflush(nullptr);
#ifndef _WIN32
    // SIGQUIT's default action writes a core file, useless after an orderly shutdown.
    if (signal != SIGQUIT) {
        std::signal(signal, SIG_DFL);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, signal);
        pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
        std::raise(signal);
    }
#endif
    std::_Exit(128 + signal);
}

}  // namespace ovlab::app
