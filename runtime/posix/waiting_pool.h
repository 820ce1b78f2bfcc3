// Threads for completions that wait for their turn: the stepper lets completions through in
// issue order, so a completion that finished early blocks until the ones issued before it have
// been delivered, and those may be posted after it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace ovlab::posix {

// A pool that grows on demand: every posted job gets a thread of its own at once, because a job
// may block until jobs posted after it have run; making it wait for a busy thread could deadlock.
// Threads are reused, and a thread idle for `idle_timeout` ends, so the pool shrinks back after a
// burst. Bound: the threads are the running jobs (completions waiting for their turn or being
// delivered) plus the idle threads that have not timed out yet, which include one per queued job.
class WaitingPool {
public:
    explicit WaitingPool(std::chrono::milliseconds idle_timeout = std::chrono::seconds(2));
    // Runs the jobs still queued, waits for every job to return and joins every thread.
    ~WaitingPool();
    WaitingPool(const WaitingPool&) = delete;
    WaitingPool& operator=(const WaitingPool&) = delete;

    void post(std::function<void()> job);

    // Threads that have not ended (running a job or idle): for the tests.
    size_t threads() const;

private:
    void run();
    void retire(std::unique_lock<std::mutex>& lock);

    const std::chrono::milliseconds idle_timeout_;
    mutable std::mutex mutex_;
    std::condition_variable work_;
    std::condition_variable retired_;
    std::deque<std::function<void()>> queue_;
    std::unordered_map<std::thread::id, std::thread> threads_;
    std::vector<std::thread> ended_;  // out of run(), not joined yet
    size_t idle_ = 0;                 // threads not running a job, including those not started yet
    bool stopping_ = false;
};

}  // namespace ovlab::posix
