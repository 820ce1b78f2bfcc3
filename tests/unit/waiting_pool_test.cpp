// The pool that runs completions waiting for their turn (runtime/posix/waiting_pool.h): a job
// that blocks until later jobs have run must not keep them from running, and the pool shrinks
// back after a burst.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "waiting_pool.h"

namespace ovlab::posix {
namespace {

using namespace std::chrono_literals;

// Jobs that return in turn order, like completions the stepper delivers in issue order: job
// `turn` blocks until the jobs before it have returned.
class Turns {
public:
    void take(int turn) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return next_ == turn || abandoned_; });
        ++next_;
        changed_.notify_all();
    }

    // False when the jobs have not all returned within `limit`; then the blocked ones are let go,
    // so a failing test ends instead of hanging in the pool's destructor.
    bool all_returned(int count, std::chrono::milliseconds limit) {
        std::unique_lock lock(mutex_);
        if (changed_.wait_for(lock, limit, [&] { return next_ >= count; })) return true;
        abandoned_ = true;
        changed_.notify_all();
        return false;
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int next_ = 0;
    bool abandoned_ = false;
};

// Blocks every job until opened.
class Gate {
public:
    void pass() {
        std::unique_lock lock(mutex_);
        ++waiting_;
        changed_.notify_all();
        changed_.wait(lock, [&] { return open_; });
        --waiting_;
        changed_.notify_all();
    }

    bool all_waiting(int count, std::chrono::milliseconds limit) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, limit, [&] { return waiting_ == count; });
    }

    bool open_and_drain(std::chrono::milliseconds limit) {
        std::unique_lock lock(mutex_);
        open_ = true;
        changed_.notify_all();
        return changed_.wait_for(lock, limit, [&] { return waiting_ == 0; });
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int waiting_ = 0;
    bool open_ = false;
};

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

// The deadlock this pool once had: each job blocks until the ones posted after it have run, and each
// round posts one job more than the round before left idle threads. A pool that counts a woken
// thread that has not run yet as free leaves the last job queued with no thread to run it.
TEST(WaitingPool, JobsThatWaitForLaterJobsAllRun) {
    constexpr int kPools = 40;
    constexpr int kMostJobs = 8;
    for (int cycle = 0; cycle < kPools; ++cycle) {
        WaitingPool pool;
        for (int jobs = 1; jobs <= kMostJobs; ++jobs) {
            auto turns = std::make_shared<Turns>();  // outlives the pool if a round fails
            for (int turn = jobs - 1; turn >= 0; --turn) pool.post([turns, turn] { turns->take(turn); });
            ASSERT_TRUE(turns->all_returned(jobs, 5s)) << "pool " << cycle << ", " << jobs << " jobs: one never ran";
            std::this_thread::sleep_for(1ms);  // the threads go back to waiting for work
        }
    }
}

// Threads that time out while jobs are posted: no job is lost between a thread giving up and the
// post that counted on it.
TEST(WaitingPool, JobsPostedAsIdleThreadsTimeOutAllRun) {
    constexpr int kRounds = 200;
    WaitingPool pool(1ms);
    for (int round = 0; round < kRounds; ++round) {
        auto turns = std::make_shared<Turns>();
        pool.post([turns] { turns->take(0); });
        ASSERT_TRUE(turns->all_returned(1, 5s)) << "round " << round << ": the job was never run";
        std::this_thread::sleep_for(std::chrono::microseconds(round % 3 * 500));
    }
}

TEST(WaitingPool, ShrinksBackAfterABurst) {
    constexpr int kBurst = 20;
    WaitingPool pool(100ms);
    Gate gate;
    for (int i = 0; i < kBurst; ++i) pool.post([&gate] { gate.pass(); });
    ASSERT_TRUE(gate.all_waiting(kBurst, 5s));
    EXPECT_EQ(pool.threads(), static_cast<size_t>(kBurst)) << "one thread per blocked job";
    ASSERT_TRUE(gate.open_and_drain(5s));
    EXPECT_TRUE(eventually([&] { return pool.threads() == 0; }, 5s))
        << pool.threads() << " threads still there long after the idle timeout";
}

}  // namespace
}  // namespace ovlab::posix
