// The fold's completion port and APC views: what the Completion port and APC queue panels draw.
#include <gtest/gtest.h>

#include "ovlab/trace_state.h"

namespace ovlab::trace {
namespace {

constexpr uint64_t kPort = 0x4;
constexpr uint64_t kOverlapped = 0x7ffd2000;

TEST(TraceStatePort, DequeueRemovesThePacketAndRemembersWhenAndWho) {
    Recorder recorder;
    set_current_thread(0);
    recorder.record({EventKind::PortPacketQueued, kPort, 21, 1, kOverlapped, {}, "recv completed"});
    recorder.record({EventKind::PortPacketQueued, kPort, 0, 0xDEAD, 0, {}, "PostQueuedCompletionStatus"});
    set_current_thread(3);
    recorder.record({EventKind::PortPacketDequeued, kPort, 21, 1, kOverlapped});

    const State queued = fold(recorder, 2);
    ASSERT_EQ(queued.ports.at(kPort).queue.size(), 2u);
    EXPECT_FALSE(queued.ports.at(kPort).last_packet.has_value());

    const State taken = fold(recorder, recorder.published());
    const PortView& port = taken.ports.at(kPort);
    ASSERT_EQ(port.queue.size(), 1u);
    EXPECT_EQ(port.queue.front().key, 0xDEADu);
    EXPECT_EQ(port.last_receiver, 3u);
    ASSERT_TRUE(port.last_packet.has_value());
    EXPECT_EQ(port.last_packet->source, "recv completed");
    EXPECT_EQ(port.last_packet->queued_seq, 0u);
    EXPECT_EQ(port.last_packet->dequeued_seq, 2u);
}

TEST(TraceStatePort, CountsRememberWhenTheyChanged) {
    Recorder recorder;
    set_current_thread(0);
    recorder.record({EventKind::PortCounts, kPort, 0, 2});
    recorder.record({EventKind::PortCounts, kPort, 1, 2});
    const State state = fold(recorder, recorder.published());
    EXPECT_EQ(state.ports.at(kPort).running, 1u);
    EXPECT_EQ(state.ports.at(kPort).concurrency, 2u);
    EXPECT_EQ(state.ports.at(kPort).counts_seq, 1u);
}

TEST(TraceStateApc, RunningApcKnowsItsThreadAndFinishedOnesAreKept) {
    Recorder recorder;
    set_current_thread(0);
    recorder.record({EventKind::ApcQueued, 1, 1, 0, 0, {}, "ReadDone(ro)"});
    recorder.record({EventKind::ApcQueued, 1, 2, 0, 0, {}, "ReadDone(ro2)"});
    set_current_thread(1);
    recorder.record({EventKind::ApcDelivering, 1, 1, 0, 0, {}, "ReadDone(ro)"});
    recorder.record({EventKind::ApcDone, 1, 1});

    const State running = fold(recorder, 3);
    ASSERT_EQ(running.apcs.size(), 2u);
    EXPECT_TRUE(running.apcs[0].running);
    EXPECT_EQ(running.apcs[0].ran_on, 1u);
    EXPECT_EQ(running.apcs[0].delivering_seq, 2u);
    EXPECT_FALSE(running.apcs[1].running);
    EXPECT_TRUE(running.apcs_ran.empty());

    const State done = fold(recorder, recorder.published());
    ASSERT_EQ(done.apcs.size(), 1u);
    EXPECT_EQ(done.apcs[0].what, "ReadDone(ro2)");
    ASSERT_EQ(done.apcs_ran.size(), 1u);
    EXPECT_EQ(done.apcs_ran[0].what, "ReadDone(ro)");
    EXPECT_EQ(done.apcs_ran[0].done_seq, 3u);
}

TEST(TraceStateApc, DiscardedApcsAreNotCountedAsRun) {
    Recorder recorder;
    set_current_thread(0);
    recorder.record({EventKind::ApcQueued, 2, 7, 0, 0, {}, "Never(runs)"});
    recorder.record({EventKind::ApcDone, 2, 7});  // the thread exited with it still queued
    const State state = fold(recorder, recorder.published());
    EXPECT_TRUE(state.apcs.empty());
    EXPECT_TRUE(state.apcs_ran.empty());
}

}  // namespace
}  // namespace ovlab::trace
