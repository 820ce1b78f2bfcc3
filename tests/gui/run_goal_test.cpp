// Stepping by meaning and comparing two steps over hand-made traces: which events a goal runs to,
// which later step of the history shows the first one, and what changed between two steps.
#include <gtest/gtest.h>

#include "ovlab/status_codes.h"
#include "run_goal.h"
#include "step_compare.h"
#include "trace_view.h"
#include "ui_strings.h"

namespace ovlab::gui {
namespace {

using trace::EventKind;

class RunGoalTest : public ::testing::Test {
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

TEST_F(RunGoalTest, EachGoalRunsToItsOwnKindOfEvent) {
    record(EventKind::ApiEnter, 12);
    record(EventKind::IoCompleting, 0, 0x1000);
    record(EventKind::ApcDelivering);
    record(EventKind::PortPacketDequeued, 30, 0x40);
    record(EventKind::LineReached, 40);
    const auto first = [&](const RunGoal& goal) -> int {
        for (uint64_t i = 0; i < recorder.published(); ++i)
            if (reaches_goal(recorder.at(i), goal)) return static_cast<int>(i);
        return -1;
    };
    EXPECT_EQ(first({GoalKind::NextCompletion}), 1);
    EXPECT_EQ(first({GoalKind::NextApc}), 2);
    EXPECT_EQ(first({GoalKind::NextDequeue}), 3);
    EXPECT_EQ(first({GoalKind::Line, 12}), 0) << "a call made on the line";
    EXPECT_EQ(first({GoalKind::Line, 40}), 4) << "the line reached";
    EXPECT_EQ(first({GoalKind::Line, 30}), -1) << "only a lesson thread at the line: a call or the line reached";
}

// Looking back at step 1, the next completion is shown at the step whose checkpoint it is; a
// dequeue (no checkpoint of its own) at the first checkpoint after it.
TEST_F(RunGoalTest, TheHistoryShowsTheFirstLaterStepThatReachesTheGoal) {
    record(EventKind::ApiEnter, 10);
    record(EventKind::ApiLeave, 10);
    record(EventKind::IoCompleting, 0, 0x1000);
    record(EventKind::ApiEnter, 20);
    record(EventKind::PortPacketDequeued, 20, 0x40);
    record(EventKind::ApiLeave, 20);
    view.update(recorder);
    const auto reaches = [](const RunGoal& goal) {
        return [goal](const trace::Event& event) { return reaches_goal(event, goal); };
    };
    EXPECT_EQ(view.next_step_showing(recorder, 1, reaches({GoalKind::NextCompletion})), 3u);
    EXPECT_EQ(view.next_step_showing(recorder, 1, reaches({GoalKind::NextDequeue})), 5u);
    EXPECT_EQ(view.next_step_showing(recorder, 3, reaches({GoalKind::NextCompletion})), std::nullopt)
        << "the completion is the step shown, not a later one";
    EXPECT_EQ(view.next_step_showing(recorder, 0, reaches({GoalKind::Line, 20})), 4u);
}

TEST_F(RunGoalTest, TwoStepsDifferInTheFieldsPortsAndHandlesThatChanged) {
    set_ui_language(Language::English);
    const auto internal = static_cast<uint64_t>(trace::OverlappedField::Internal);
    record(EventKind::HandleCreated, 0, 0x20, static_cast<uint64_t>(trace::HandleKind::Event));
    record(EventKind::ApiEnter, 10);
    record(EventKind::FieldChange, 10, 0x1000, internal, 0, kStatusPending);
    record(EventKind::ApiLeave, 10);
    record(EventKind::FieldChange, 0, 0x1000, internal, kStatusPending, kStatusSuccess);
    record(EventKind::Signal, 0, 0x20, 1);
    record(EventKind::PortPacketQueued, 0, 0x30, 8, 1, 0x1000);
    record(EventKind::IoCompleting, 0, 0x1000);
    view.update(recorder);
    const trace::State a = trace::fold(recorder, view.events_at_step(2));
    const trace::State b = trace::fold(recorder, view.events_at_step(3));
    const std::vector<std::string> lines = state_differences(a, b);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_NE(lines[0].find("Internal: 0x103 (STATUS_PENDING) → 0x0 (STATUS_SUCCESS)"), std::string::npos) << lines[0];
    EXPECT_NE(lines[1].find("0 packets queued → 1"), std::string::npos) << lines[1];
    EXPECT_NE(lines[2].find("not signalled → signalled"), std::string::npos) << lines[2];
    EXPECT_TRUE(state_differences(b, b).empty());
}

}  // namespace
}  // namespace ovlab::gui
