// The scrubber's positions over a hand-made trace: what each position folds and which checkpoint
// it stops at.
#include <gtest/gtest.h>

#include "ovlab/status_codes.h"
#include "trace_view.h"

namespace ovlab::gui {
namespace {

using trace::EventKind;

class TraceViewTest : public ::testing::Test {
protected:
    uint64_t record(EventKind kind, uint32_t line = 0, uint64_t object = 0, uint64_t a = 0, uint64_t b = 0,
                    uint64_t c = 0) {
        trace::set_current_thread(1);
        trace::set_current_line(line);
        return recorder.record({kind, object, a, b, c});
    }

    trace::Recorder recorder;
    TraceView view;
};

TEST_F(TraceViewTest, StepZeroShowsEverythingBeforeTheFirstCheckpoint) {
    record(EventKind::LessonStarted);
    record(EventKind::ThreadStarted);
    view.update(recorder);
    const StepView v = view.view(recorder);
    EXPECT_TRUE(v.live);
    EXPECT_EQ(v.step, 0u);
    EXPECT_EQ(v.live_step, 0u);
    EXPECT_EQ(v.checkpoint, nullptr);
}

TEST_F(TraceViewTest, ScrubbingBackFoldsUpToTheChosenCheckpoint) {
    record(EventKind::LessonStarted);
    const uint64_t enter = record(EventKind::ApiEnter, 10);
    record(EventKind::FieldChange, 10, 0x1000, static_cast<uint64_t>(trace::OverlappedField::Internal), kStatusSuccess,
           kStatusPending);
    const uint64_t leave = record(EventKind::ApiLeave, 10);
    const uint64_t next = record(EventKind::ApiEnter, 12);
    view.update(recorder);

    StepView live = view.view(recorder);
    EXPECT_EQ(live.live_step, 3u);
    ASSERT_NE(live.checkpoint, nullptr);
    EXPECT_EQ(live.checkpoint->seq, next);
    EXPECT_EQ(live.step_begin_seq, leave + 1);

    view.show_step(1);
    StepView first = view.view(recorder);
    EXPECT_FALSE(first.live);
    EXPECT_EQ(first.state->upto, enter + 1);
    ASSERT_NE(first.checkpoint, nullptr);
    EXPECT_EQ(first.checkpoint->seq, enter);
    EXPECT_TRUE(first.state->overlappeds.empty()) << "the field changed after checkpoint 1";

    view.show_step(2);
    StepView second = view.view(recorder);
    EXPECT_EQ(second.state->upto, leave + 1);
    EXPECT_EQ(second.step_begin_seq, enter + 1);
    ASSERT_EQ(second.state->overlappeds.count(0x1000), 1u);
    EXPECT_TRUE(second.changed_this_step(second.state->overlappeds.at(0x1000).changed_at[0]));

    view.show_step(99);
    EXPECT_TRUE(view.is_live());
}

TEST_F(TraceViewTest, TheEndIsOnePositionPastTheLastCheckpoint) {
    record(EventKind::ApiEnter, 5);
    const uint64_t last = record(EventKind::ApiLeave, 5);
    record(EventKind::LessonFinished, 0, 0, 0, 1);
    view.update(recorder);
    const StepView v = view.view(recorder);
    EXPECT_EQ(v.live_step, 3u);
    EXPECT_TRUE(v.finished);
    EXPECT_EQ(v.step_begin_seq, last + 1);
    view.show_step(2);
    EXPECT_FALSE(view.view(recorder).finished);
}

}  // namespace
}  // namespace ovlab::gui
