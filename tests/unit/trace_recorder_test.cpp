#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "ovlab/trace.h"

namespace ovlab::trace {
namespace {

TEST(Recorder, EventsFromManyThreadsAreAllPublishedInSequence) {
    Recorder recorder;
    constexpr int kThreads = 4;
    constexpr int kPerThread = 5000;  // crosses chunk boundaries
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&recorder, t] {
            set_current_thread(static_cast<uint32_t>(t + 1));
            for (int i = 0; i < kPerThread; ++i)
                recorder.record({EventKind::Console, static_cast<uint64_t>(i), 0, 0, 0, {}, "x"});
        });
    }
    for (std::thread& thread : threads) thread.join();

    ASSERT_EQ(recorder.published(), uint64_t{kThreads * kPerThread});
    std::vector<int> next(kThreads + 1, 0);
    for (uint64_t i = 0; i < recorder.published(); ++i) {
        const Event& e = recorder.at(i);
        EXPECT_EQ(e.seq, i);
        ASSERT_GE(e.thread, 1u);
        ASSERT_LE(e.thread, uint32_t{kThreads});
        EXPECT_EQ(e.object, static_cast<uint64_t>(next[e.thread]++)) << "per-thread order must be kept";
    }
}

TEST(Recorder, StampsThreadAndLineAndTruncatesLongText) {
    Recorder recorder;
    set_current_thread(7);
    set_current_line(42);
    const std::string long_text(500, 'a');
    recorder.record({EventKind::ApiEnter, 0, 0, 0, 0, "ReadFile", long_text});
    const Event& e = recorder.at(0);
    EXPECT_EQ(e.thread, 7u);
    EXPECT_EQ(e.line, 42u);
    EXPECT_EQ(e.name_view(), "ReadFile");
    EXPECT_EQ(e.text_view().size(), sizeof(e.text) - 1);
    set_current_thread(0);
    set_current_line(0);
}

TEST(Recorder, KeepsAtMostItsCapacityAndCountsWhatItDropped) {
    Recorder recorder(2 * Recorder::kReserve);
    EXPECT_EQ(recorder.capacity(), 2 * Recorder::kReserve);
    for (uint64_t i = 0; i < Recorder::kReserve - 1; ++i) recorder.record({EventKind::Console});
    EXPECT_FALSE(recorder.near_limit());
    recorder.record({EventKind::Console});
    EXPECT_TRUE(recorder.near_limit()) << "only the reserve is left";
    for (uint64_t i = 0; i < Recorder::kReserve; ++i) EXPECT_NE(recorder.record({EventKind::Console}), Recorder::kDropped);
    EXPECT_EQ(recorder.record({EventKind::Console}), Recorder::kDropped);
    EXPECT_EQ(recorder.published(), recorder.capacity());
    EXPECT_EQ(recorder.dropped(), 1u);
}

TEST(Recorder, ACapacityOutsideItsRangeIsClamped) {
    EXPECT_EQ(Recorder(0).capacity(), 2 * Recorder::kReserve);
    EXPECT_EQ(Recorder().capacity(), Recorder::kDefaultCapacity);
}

TEST(Schema, CheckpointKindsAreTheStepBoundaries) {
    EXPECT_TRUE(is_checkpoint(EventKind::ApiEnter));
    EXPECT_TRUE(is_checkpoint(EventKind::ApiLeave));
    EXPECT_TRUE(is_checkpoint(EventKind::IoCompleting));
    EXPECT_FALSE(is_checkpoint(EventKind::FieldChange));
    EXPECT_FALSE(is_checkpoint(EventKind::IoFinished));
    EXPECT_EQ(kind_name(EventKind::FieldChange), "FieldChange");
    EXPECT_EQ(field_name(OverlappedField::InternalHigh), "InternalHigh");
}

}  // namespace
}  // namespace ovlab::trace
