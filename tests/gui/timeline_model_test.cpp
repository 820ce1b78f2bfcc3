// The Timeline's model and frame preparation, from recorded events: spans per thread, outcome
// colours, request flows, counters, what a viewport shows, a selected request's flow and framing,
// and how the tracks are laid out.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "timeline_frame.h"
#include "timeline_layout.h"
#include "timeline_model.h"
#include "timeline_text.h"

namespace ovlab::gui {
namespace {

using trace::EventKind;

constexpr uint64_t kPort = 0x4;
constexpr uint64_t kOverlapped = 0x7ffd3000;

struct RecordedRun {
    trace::Recorder recorder;

    void on(uint32_t thread) { trace::set_current_thread(thread); }
    void call(std::string_view api, std::string_view result, uint64_t error = 0, bool failed = false) {
        recorder.record({EventKind::ApiEnter, 0, 0, 0, 0, api, "hFile=hSrc (0x8)"});
        recorder.record({EventKind::ApiLeave, 0, 0, error, failed ? 1u : 0u, api, result});
    }
    TimelineModel model() const {
        const trace::State state = trace::fold(recorder, recorder.published());
        TimelineModel model;
        model.update(recorder, state);
        return model;
    }
};

// Thread 2 issues a read, the kernel (thread 9) completes it into the port, thread 3 dequeues it.
void record_request_through_a_port(RecordedRun& run) {
    run.on(2);
    run.recorder.record({EventKind::ThreadStarted, 0, 0, 0, 0, {}, "main"});
    run.on(9);
    run.recorder.record({EventKind::ThreadStarted, 0, 1, 0, 0, {}, "kernel"});
    run.on(2);
    run.recorder.record({EventKind::ApiEnter, 0, 0, 0, 0, "ReadFile", "lpOverlapped=&ro"});
    run.recorder.record({EventKind::IoIssued, kOverlapped, 0x8, 0, 4096, "read", "uring"});
    run.recorder.record({EventKind::ApiLeave, 0, 0, 997, 1, "ReadFile", "FALSE"});
    run.on(9);
    run.recorder.record({EventKind::IoFinished, kOverlapped, 0, 100});
    run.recorder.record({EventKind::IoCompleting, kOverlapped, 0, 100, 0});
    run.recorder.record({EventKind::PortPacketQueued, kPort, 100, 7, kOverlapped, {}, "read completed"});
    run.recorder.record({EventKind::IoCompleted, kOverlapped, 0, 100});
    run.on(3);
    run.recorder.record({EventKind::ApiEnter, 0, 0, 0, 0, "GetQueuedCompletionStatus", "port, INFINITE"});
    run.recorder.record({EventKind::PortPacketDequeued, kPort, 100, 7, kOverlapped});
    run.recorder.record({EventKind::PortCounts, kPort, 1, 2});
    run.recorder.record({EventKind::ApiLeave, 0, 1, 0, 0, "GetQueuedCompletionStatus", "TRUE"});
}

const TimelineCounter* find_counter(const TimelineModel& model, CounterKind kind) {
    for (const TimelineCounter& c : model.counters())
        if (c.kind == kind) return &c;
    return nullptr;
}

TEST(TimelineModel, CallsAreSpansOnTheirThreadsLaneFromEnterToLeave) {
    RecordedRun run;
    run.on(1);
    run.call("CreateFileW", "hSrc");
    run.on(2);
    run.recorder.record({EventKind::ApiEnter, 0, 0, 0, 0, "ReadFile", "..."});
    const TimelineModel model = run.model();
    ASSERT_EQ(model.lanes().size(), 2u);
    const TimelineRow& main_row = model.lane(1)->rows.at(0);
    ASSERT_EQ(main_row.size(), 1u);
    EXPECT_EQ(main_row[0].begin.seq, 0u);
    EXPECT_EQ(main_row[0].end.seq, 1u);
    EXPECT_EQ(main_row[0].begin.step, 1.0) << "checkpoint 1";
    EXPECT_EQ(main_row[0].end.step, 2.0);
    const TimelineSpan& open = model.lane(2)->rows.at(0).at(0);
    EXPECT_FALSE(open.end.valid());
    EXPECT_EQ(open.outcome, SpanOutcome::Open);
    EXPECT_EQ(model.end_of(open).seq, model.last().seq) << "an open call reaches the end of the run";
}

TEST(TimelineModel, OutcomeIsSuccessPendingForIoPendingAndFailureOtherwise) {
    RecordedRun run;
    run.on(1);
    run.call("CloseHandle", "TRUE");
    run.call("ReadFile", "FALSE", 997, true);
    run.call("WSARecv", "SOCKET_ERROR", 997, true);
    run.call("ReadFile", "FALSE", 6, true);
    const TimelineModel model = run.model();
    const TimelineRow& row = model.lane(1)->rows.at(0);
    ASSERT_EQ(row.size(), 4u);
    EXPECT_EQ(row[0].outcome, SpanOutcome::Success);
    EXPECT_EQ(row[1].outcome, SpanOutcome::Pending);
    EXPECT_EQ(row[2].outcome, SpanOutcome::Pending) << "WSA_IO_PENDING is 997 too";
    EXPECT_EQ(row[3].outcome, SpanOutcome::Failure);
}

TEST(TimelineModel, AWaitIsMarkedAndARoutineRunsOneLevelInsideIt) {
    RecordedRun run;
    run.on(1);
    run.recorder.record({EventKind::ApiEnter, 0, 0, 0, 0, "SleepEx", "INFINITE, TRUE"});
    run.recorder.record({EventKind::ThreadState, 0, static_cast<uint64_t>(trace::ThreadState::AlertableWait), 0, 0, {},
                         "SleepEx (alertable)"});
    run.recorder.record({EventKind::ApcQueued, 1, 5, 0, 0, {}, "ReadDone"});
    run.recorder.record({EventKind::ApcDelivering, 1, 5, 0, 0, {}, "ReadDone"});
    run.recorder.record({EventKind::ApcDone, 1, 5});
    run.recorder.record({EventKind::ApiLeave, 0, 0xC0, 0, 0, "SleepEx", "WAIT_IO_COMPLETION"});
    const TimelineModel model = run.model();
    const TimelineLane& lane = *model.lane(1);
    ASSERT_EQ(lane.rows.size(), 2u);
    const TimelineSpan& wait = lane.rows[0].at(0);
    EXPECT_EQ(wait.kind, SpanKind::Wait);
    EXPECT_EQ(run.recorder.at(wait.wait_seq).text_view(), "SleepEx (alertable)");
    EXPECT_EQ(wait.outcome, SpanOutcome::Success);
    const TimelineSpan& routine = lane.rows[1].at(0);
    EXPECT_EQ(routine.kind, SpanKind::Routine);
    EXPECT_TRUE(routine.end.valid());
    EXPECT_LT(routine.end.seq, wait.end.seq);
    const TimelineCounter* apcs = find_counter(model, CounterKind::ApcQueue);
    ASSERT_NE(apcs, nullptr);
    EXPECT_EQ(apcs->peak, 1);
    EXPECT_EQ(apcs->samples.back().value, 0) << "delivering takes it off the queue";
}

TEST(TimelineModel, ARequestSpansIssueToCompletionAndKnowsWhoHandledIt) {
    RecordedRun run;
    record_request_through_a_port(run);
    const TimelineModel model = run.model();
    ASSERT_EQ(model.requests().size(), 1u);
    const TimelineRequest& request = model.requests()[0];
    const TimelineSpan& span = model.request_span(request);
    EXPECT_EQ(span.kind, SpanKind::Request);
    EXPECT_EQ(span.thread, 2u) << "issued by";
    EXPECT_EQ(run.recorder.at(span.begin.seq).kind, EventKind::IoIssued);
    EXPECT_EQ(run.recorder.at(span.end.seq).kind, EventKind::IoCompleted);
    EXPECT_EQ(span.outcome, SpanOutcome::Success);
    EXPECT_EQ(request.completed_by, 9u);
    EXPECT_EQ(request.handling, trace::IoView::Handling::Dequeued);
    EXPECT_EQ(request.handler, 3u);
    EXPECT_EQ(run.recorder.at(request.handled.seq).kind, EventKind::PortPacketDequeued);
    EXPECT_TRUE(model.lane(9)->runtime);
    EXPECT_EQ(span_label(run.recorder, span), "read 4096");
}

TEST(TimelineModel, CountersFollowThePortQueueRunningThreadsAndRequestsInFlight) {
    RecordedRun run;
    record_request_through_a_port(run);
    const TimelineModel model = run.model();
    const TimelineCounter* queue = find_counter(model, CounterKind::PortQueue);
    ASSERT_NE(queue, nullptr);
    EXPECT_EQ(queue->object, kPort);
    ASSERT_EQ(queue->samples.size(), 2u);
    EXPECT_EQ(queue->samples[0].value, 1);
    EXPECT_EQ(queue->samples[1].value, 0);
    const TimelineCounter* running = find_counter(model, CounterKind::PortRunning);
    ASSERT_NE(running, nullptr);
    EXPECT_EQ(running->samples.back().value, 1);
    EXPECT_EQ(running->limit, 2) << "the concurrency value";
    const TimelineCounter* in_flight = find_counter(model, CounterKind::InFlight);
    ASSERT_NE(in_flight, nullptr);
    EXPECT_EQ(in_flight->peak, 1);
    EXPECT_EQ(in_flight->samples.back().value, 0);
}

TEST(TimelineModel, GrowingEventByEventGivesTheSameModelAsOneUpdate) {
    RecordedRun run;
    record_request_through_a_port(run);
    const TimelineModel whole = run.model();
    trace::State state;
    TimelineModel grown;
    for (uint64_t i = 0; i < run.recorder.published(); ++i) {
        state.apply(run.recorder.at(i));
        grown.update(run.recorder, state);
    }
    EXPECT_EQ(grown.upto(), whole.upto());
    EXPECT_EQ(grown.requests()[0].handler, whole.requests()[0].handler);
    EXPECT_EQ(grown.requests()[0].handled.seq, whole.requests()[0].handled.seq);
    EXPECT_EQ(grown.counters().size(), whole.counters().size());
}

TEST(TimelineModel, ClickingShowsTheFirstStepThatIncludesTheEvent) {
    EXPECT_EQ(TimelineModel::step_showing({0, 0, 3.0}), 3u) << "a checkpoint is its own step";
    EXPECT_EQ(TimelineModel::step_showing({0, 0, 3.5}), 4u) << "events after checkpoint 3 show from step 4";
}

void record_calls(RecordedRun& run, int count) {
    run.on(1);
    for (int i = 0; i < count; ++i) run.call("CloseHandle", "TRUE");
}

TEST(TimelineFrame, AViewportShowsOnlyTheSpansInsideIt) {
    RecordedRun run;
    record_calls(run, 1000);
    const TimelineModel model = run.model();
    // Call k (from 0) spans steps 2k+1 .. 2k+2; show steps 200.5 .. 220.5 on 1000 pixels.
    const TimelineViewport view{TimelineAxis::Steps, 200.5, 220.5, 0, 1000};
    const std::vector<SpanMark> marks = visible_marks(model, model.lane(1)->rows[0], view);
    ASSERT_EQ(marks.size(), 10u);
    EXPECT_EQ(marks.front().span->begin.step, 201.0);
    EXPECT_EQ(marks.back().span->begin.step, 219.0);
    EXPECT_FLOAT_EQ(marks.front().x0, 25.0f) << "step 201 is 0.5 of 20 steps into 1000 pixels";
    for (const SpanMark& mark : marks) EXPECT_EQ(mark.merged, 1u);
}

TEST(TimelineFrame, SpansNarrowerThanAPixelMergeAndEveryOneIsCounted) {
    RecordedRun run;
    record_calls(run, 20000);
    const TimelineModel model = run.model();
    const TimelineViewport view = TimelineViewport::fit(model, TimelineAxis::Steps, 0, 800);
    const std::vector<SpanMark> marks = visible_marks(model, model.lane(1)->rows[0], view);
    EXPECT_LE(marks.size(), 800u / static_cast<size_t>(kMinSpanPixels) + 1);
    const uint32_t total = std::accumulate(marks.begin(), marks.end(), 0u,
                                           [](uint32_t sum, const SpanMark& m) { return sum + m.merged; });
    EXPECT_EQ(total, 20000u);
}

TEST(TimelineFrame, ACounterCurveHasAtMostOneColumnPerPixel) {
    RecordedRun run;
    run.on(1);
    for (int i = 0; i < 5000; ++i) {
        run.recorder.record({EventKind::PortPacketQueued, kPort, 0, 0, 0, {}, "PostQueuedCompletionStatus"});
        run.recorder.record({EventKind::ApiEnter, 0, 0, 0, 0, "Sleep", "0"});
    }
    const TimelineModel model = run.model();
    const TimelineViewport view = TimelineViewport::fit(model, TimelineAxis::Steps, 0, 300);
    const std::vector<CounterColumn> curve = visible_curve(*find_counter(model, CounterKind::PortQueue), view);
    EXPECT_LE(curve.size(), 301u);
    EXPECT_EQ(curve.back().last, 5000);
    EXPECT_EQ(prepare_frame(model, view).counters.size(), model.counters().size());
}

TEST(TimelineModel, ACallTheRunEndedInsideIsUnwoundNotStillRunning) {
    RecordedRun run;
    run.on(2);
    run.recorder.record({EventKind::ApiEnter, 0, 0, 0, 0, "GetQueuedCompletionStatus", "port, INFINITE"});
    run.on(1);
    run.call("CloseHandle", "TRUE");
    run.recorder.record({EventKind::LessonFinished, 0, 0, 0, 1});
    const TimelineModel model = run.model();
    const TimelineSpan& never_returned = model.lane(2)->rows.at(0).at(0);
    EXPECT_EQ(never_returned.outcome, SpanOutcome::Unwound);
    EXPECT_EQ(run.recorder.at(never_returned.end.seq).kind, EventKind::LessonFinished);
    EXPECT_EQ(model.lane(1)->rows.at(0).at(0).outcome, SpanOutcome::Success) << "returned calls keep their outcome";
}

TEST(TimelineFrame, ARequestsFlowIsItsBarTheCallThatIssuedItAndTheCallThatHandledIt) {
    RecordedRun run;
    record_request_through_a_port(run);
    const TimelineModel model = run.model();
    const RequestFlow flow = request_flow(model, 0);
    ASSERT_NE(flow.issue_call, nullptr);
    ASSERT_NE(flow.handler_call, nullptr);
    EXPECT_EQ(run.recorder.at(flow.issue_call->begin.seq).name_view(), "ReadFile");
    EXPECT_EQ(flow.issue_call->thread, 2u);
    EXPECT_EQ(run.recorder.at(flow.handler_call->begin.seq).name_view(), "GetQueuedCompletionStatus");
    EXPECT_EQ(flow.handler_call->thread, 3u);
    EXPECT_TRUE(flow.involves(model.request_span(model.requests()[0])));
    EXPECT_TRUE(flow.involves(*flow.issue_call));
    const TimelineSpan& other_call = model.lane(2)->rows.at(0).at(0);
    EXPECT_EQ(&other_call, flow.issue_call) << "the only call on thread 2 is the ReadFile";
    EXPECT_EQ(request_flow(model, 5).issue_call, nullptr) << "no such request";
}

TEST(TimelineFrame, SpanAtPrefersTheInnermostCall) {
    RecordedRun run;
    run.on(1);
    run.recorder.record({EventKind::ApiEnter, 0, 0, 0, 0, "SleepEx", "INFINITE, TRUE"});
    run.recorder.record({EventKind::ApiEnter, 0, 0, 0, 0, "CloseHandle", "h"});
    run.recorder.record({EventKind::ApiLeave, 0, 0, 0, 0, "CloseHandle", "TRUE"});
    run.recorder.record({EventKind::ApiLeave, 0, 0, 0, 0, "SleepEx", "0"});
    const TimelineModel model = run.model();
    const TimelineLane& lane = *model.lane(1);
    EXPECT_EQ(run.recorder.at(span_at(model, lane, 1)->begin.seq).name_view(), "CloseHandle");
    EXPECT_EQ(run.recorder.at(span_at(model, lane, 3)->begin.seq).name_view(), "SleepEx");
    EXPECT_EQ(span_at(model, lane, 4), nullptr) << "after the last call";
}

TEST(TimelineFrame, FramingAFlowShowsFromTheIssuingCallToTheHandlersReturnWithRoomAround) {
    RecordedRun run;
    run.on(1);
    for (int i = 0; i < 20; ++i) run.call("CloseHandle", "TRUE");
    record_request_through_a_port(run);
    for (int i = 0; i < 20; ++i) run.call("CloseHandle", "TRUE");
    const TimelineModel model = run.model();
    const RequestFlow flow = request_flow(model, 0);
    for (const TimelineAxis axis : {TimelineAxis::Steps, TimelineAxis::Time}) {
        const TimelineViewport view = frame_flow(model, flow, axis, 100, 800);
        const double issue = flow.issue_call->begin.on(axis), handled = flow.handler_call->end.on(axis);
        EXPECT_LT(view.begin, issue);
        EXPECT_GT(view.end, handled);
        EXPECT_GT(view.x_of(issue), 100.0f + 800.0f * 0.05f) << "a margin on the left";
        EXPECT_LT(view.x_of(handled), 100.0f + 800.0f * 0.95f) << "and on the right";
    }
    const TimelineViewport steps = frame_flow(model, flow, TimelineAxis::Steps, 0, 800);
    EXPECT_LT(steps.end - steps.begin, model.last().step - model.first().step) << "zoomed in, not the whole run";
}

TEST(TimelineLayout, CountersArePinnedAndAPortsQueueAndRunningCountShareOneTrack) {
    RecordedRun run;
    record_request_through_a_port(run);
    const TimelineModel model = run.model();
    const TimelineLayout layout = arrange_tracks(model, 20);
    for (const TimelineTrack& track : layout.scrolled) EXPECT_NE(track.type, TimelineTrack::Type::Counter);
    ASSERT_EQ(layout.pinned.size(), 2u) << "the port (queue + running) and requests in flight";
    const auto port = std::find_if(layout.pinned.begin(), layout.pinned.end(), [&](const TimelineTrack& t) {
        return model.counters()[t.index].kind == CounterKind::PortQueue;
    });
    ASSERT_NE(port, layout.pinned.end());
    ASSERT_NE(port->partner, kNoPartner);
    EXPECT_EQ(model.counters()[port->partner].kind, CounterKind::PortRunning);
    EXPECT_FLOAT_EQ(layout.pinned_height, layout.pinned[1].top + layout.pinned[1].height + 3);
}

}  // namespace
}  // namespace ovlab::gui
