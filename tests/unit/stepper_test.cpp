#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "ovlab/stepper.h"
#include "ovlab/trace.h"

namespace ovlab::step {
namespace {

using namespace std::chrono_literals;

// Waits (bounded) until `condition` holds; the stepper's effects happen on other threads.
template <class Condition>
bool eventually(Condition condition) {
    for (int i = 0; i < 2000; ++i) {
        if (condition()) return true;
        std::this_thread::sleep_for(1ms);
    }
    return condition();
}

// A lesson thread that passes `checkpoints` checkpoints, counting each one it gets past.
std::thread lesson_thread(Stepper& stepper, uint32_t number, int checkpoints, std::atomic<int>& progress) {
    stepper.thread_started(number);
    return std::thread([&stepper, number, checkpoints, &progress] {
        trace::set_current_thread(number);
        try {
            stepper.blocking_end();
            for (int i = 0; i < checkpoints; ++i) {
                ++progress;
                stepper.checkpoint();
            }
            ++progress;
        } catch (const LessonAborted&) {
            progress += 1000;
        }
        stepper.thread_finished(number);
    });
}

TEST(Stepper, PausedLetsExactlyOneCheckpointPassPerStep) {
    Stepper stepper;
    std::atomic<int> progress{0};
    std::thread t = lesson_thread(stepper, 1, 3, progress);
    std::this_thread::sleep_for(20ms);
    EXPECT_EQ(progress.load(), 0) << "nothing runs before the first step";
    for (int expected = 1; expected <= 4; ++expected) {
        stepper.step();
        ASSERT_TRUE(eventually([&] { return progress.load() == expected; }));
        std::this_thread::sleep_for(10ms);
        EXPECT_EQ(progress.load(), expected);
    }
    t.join();
    EXPECT_EQ(stepper.checkpoints_passed(), 3u) << "the step that let the thread exit reached no checkpoint";
}

TEST(Stepper, OneStepCoversStartingAWaitAndTheCompletionThatEndsIt) {
    Stepper stepper;
    const uint64_t ticket = stepper.io_issued(true);
    std::atomic<bool> blocked{false};
    std::atomic<bool> delivered{false};
    stepper.thread_started(1);
    std::thread lesson([&] {
        trace::set_current_thread(1);
        stepper.blocking_end();
        stepper.blocking_begin();  // granted by the first step: the thread starts its wait
        blocked = true;
        eventually([&] { return delivered.load(); });
        stepper.make_ready(1);
        stepper.blocking_end();
        stepper.thread_finished(1);
    });
    std::thread reaper([&] {
        ASSERT_TRUE(stepper.io_finished_wait(ticket));
        delivered = true;
        stepper.io_delivered(ticket);
    });
    stepper.step();
    ASSERT_TRUE(eventually([&] { return delivered.load(); })) << "the wait showed nothing: its step passes on";
    stepper.step();
    lesson.join();
    reaper.join();
    EXPECT_TRUE(blocked.load());
}

// A blocking connect or recv: the completion only wakes the caller and records nothing, so one
// Step takes the caller from the call into its return (the checkpoint the student sees).
TEST(Stepper, ADeliveryThatShowsNothingPassesItsStepToTheThreadItWoke) {
    Stepper stepper;
    std::atomic<bool> returned{false};
    std::atomic<bool> woken{false};
    stepper.thread_started(1);
    std::thread lesson([&] {
        trace::set_current_thread(1);
        stepper.blocking_end();
        const uint64_t ticket = stepper.io_issued(false);  // the synchronous call starts
        std::thread delivery([&stepper, &woken, ticket] {
            if (stepper.io_finished_wait(ticket)) {
                stepper.make_ready(1);  // what the delivery does: it wakes the caller
                woken = true;
                stepper.io_delivered(ticket, false);
            }
        });
        stepper.blocking_begin();
        eventually([&] { return woken.load(); });
        stepper.blocking_end();
        returned = true;  // the call returns: the next checkpoint is reached within the same step
        stepper.checkpoint();
        delivery.join();
        stepper.thread_finished(1);
    });
    stepper.step();
    EXPECT_TRUE(eventually([&] { return returned.load(); })) << "one Step: into the call, through it, out of it";
    stepper.step();
    lesson.join();
}

TEST(Stepper, CompletionIsDeliveredOnlyWhenNoLessonThreadCanRun) {
    Stepper stepper;
    stepper.run(0us);
    const uint64_t ticket = stepper.io_issued(true);
    std::atomic<bool> delivered{false};
    std::atomic<int> progress{0};

    // The lesson thread holds its turn and blocks only after the completion is already finished.
    stepper.thread_started(1);
    std::atomic<bool> finished_in_kernel{false};
    std::thread lesson([&] {
        trace::set_current_thread(1);
        stepper.blocking_end();
        eventually([&] { return finished_in_kernel.load(); });
        std::this_thread::sleep_for(20ms);
        EXPECT_FALSE(delivered.load()) << "a completion must not overtake a running lesson thread";
        ++progress;
        stepper.blocking_begin();
        eventually([&] { return delivered.load(); });
        stepper.make_ready(1);
        stepper.blocking_end();
        stepper.thread_finished(1);
    });
    std::thread reaper([&] {
        finished_in_kernel = true;
        ASSERT_TRUE(stepper.io_finished_wait(ticket));
        delivered = true;
        stepper.io_delivered(ticket);
    });
    lesson.join();
    reaper.join();
    EXPECT_TRUE(delivered.load());
}

TEST(Stepper, CompletionsAreDeliveredInIssueOrder) {
    Stepper stepper;
    stepper.run(0us);
    const uint64_t first = stepper.io_issued(true);
    const uint64_t second = stepper.io_issued(true);
    std::atomic<int> order{0};
    std::atomic<int> second_position{0};
    std::thread late_second([&] {
        ASSERT_TRUE(stepper.io_finished_wait(second));
        second_position = ++order;
        stepper.io_delivered(second);
    });
    std::this_thread::sleep_for(30ms);
    EXPECT_EQ(order.load(), 0) << "the second request waits for the first one, still in the kernel";
    ASSERT_TRUE(stepper.io_finished_wait(first));
    ++order;
    stepper.io_delivered(first);
    late_second.join();
    EXPECT_EQ(second_position.load(), 2);
}

TEST(Stepper, HoldKeepsFinishedRequestsUntilReleased) {
    Stepper stepper;
    stepper.set_hold(true);
    stepper.run(0us);
    const uint64_t ticket = stepper.io_issued(true);
    std::atomic<bool> delivered{false};
    std::thread reaper([&] {
        ASSERT_TRUE(stepper.io_finished_wait(ticket));
        delivered = true;
        stepper.io_delivered(ticket);
    });
    ASSERT_TRUE(eventually([&] { return stepper.held_count() == 1; }));
    std::this_thread::sleep_for(20ms);
    EXPECT_FALSE(delivered.load());
    stepper.release_held();
    reaper.join();
    EXPECT_TRUE(delivered.load());
}

TEST(Stepper, AHeldCompletionReleasedOnItsOwnOvertakesEarlierHeldOnes) {
    Stepper stepper;
    stepper.set_hold(true);
    stepper.run(0us);
    const uint64_t first = stepper.io_issued(true, 0x100);
    const uint64_t second = stepper.io_issued(true, 0x200);
    std::atomic<int> order{0};
    std::atomic<int> first_position{0}, second_position{0};
    const auto deliver = [&](uint64_t ticket, std::atomic<int>& position) {
        return std::thread([&stepper, ticket, &order, &position] {
            ASSERT_TRUE(stepper.io_finished_wait(ticket));
            position = ++order;
            stepper.io_delivered(ticket);
        });
    };
    std::thread a = deliver(first, first_position);
    std::thread b = deliver(second, second_position);
    ASSERT_TRUE(eventually([&] { return stepper.held_count() == 2; }));
    EXPECT_TRUE(stepper.is_held(0x200));
    EXPECT_FALSE(stepper.release_held_one(0x300)) << "no request has that OVERLAPPED";
    EXPECT_TRUE(stepper.release_held_one(0x200));
    b.join();
    EXPECT_EQ(second_position.load(), 1) << "the chosen one went ahead of the request issued before it";
    EXPECT_EQ(first_position.load(), 0) << "the other one stays held";
    EXPECT_FALSE(stepper.release_held_one(0x200)) << "already delivered";
    stepper.release_held();
    a.join();
    EXPECT_EQ(first_position.load(), 2);
}

TEST(Stepper, AbortReleasesCompletionsThenUnwindThrowsInLessonThreads) {
    Stepper stepper;
    std::atomic<int> progress{0};
    std::thread t = lesson_thread(stepper, 1, 5, progress);
    stepper.step();
    ASSERT_TRUE(eventually([&] { return progress.load() == 1; }));
    const uint64_t ticket = stepper.io_issued(true);
    std::atomic<int> delivery_result{-1};
    std::thread reaper([&] { delivery_result = stepper.io_finished_wait(ticket) ? 1 : 0; });

    stepper.abort();
    reaper.join();
    EXPECT_EQ(delivery_result.load(), 0) << "an aborted lesson gets no deliveries";
    std::this_thread::sleep_for(10ms);
    EXPECT_EQ(progress.load(), 1) << "lesson threads stay parked until unwind";
    stepper.unwind();
    t.join();
    EXPECT_EQ(progress.load(), 1001);
}

TEST(Stepper, WokenThreadsRunInTheOrderTheyWereMadeReady) {
    Stepper stepper;
    stepper.run(0us);
    std::atomic<int> order{0};
    std::atomic<int> position[3] = {0, 0, 0};
    std::atomic<int> blocked{0};
    std::atomic<bool> signalled[3] = {false, false, false};
    std::vector<std::thread> threads;
    for (uint32_t n = 1; n <= 2; ++n) {
        stepper.thread_started(n);
        threads.emplace_back([&, n] {
            trace::set_current_thread(n);
            stepper.blocking_end();
            stepper.blocking_begin();
            ++blocked;
            eventually([&] { return signalled[n].load(); });  // the "kernel wait"
            stepper.blocking_end();
            position[n] = ++order;
            stepper.thread_finished(n);
        });
    }
    ASSERT_TRUE(eventually([&] { return blocked.load() == 2; }));
    stepper.make_ready(2);  // the waker decides the order, not the OS scheduler
    stepper.make_ready(1);
    signalled[1] = true;
    std::this_thread::sleep_for(10ms);
    signalled[2] = true;
    for (std::thread& t : threads) t.join();
    EXPECT_EQ(position[2].load(), 1);
    EXPECT_EQ(position[1].load(), 2);
}

}  // namespace
}  // namespace ovlab::step
