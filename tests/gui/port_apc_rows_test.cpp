// What the Completion port and APC queue panels draw, from a folded trace; and where the layout
// puts them.
#include <gtest/gtest.h>

#include "layout.h"
#include "port_apc_rows.h"

namespace ovlab::gui {
namespace {

using trace::EventKind;

constexpr uint64_t kPort = 0x4;
constexpr uint64_t kOverlapped = 0x7ffd3000;

trace::State port_with_two_waiters_at_the_limit() {
    trace::Recorder recorder;
    trace::set_current_thread(2);
    recorder.record({EventKind::ThreadStarted, 0, 0, 0, 0, {}, "WorkerThread 2"});
    trace::set_current_thread(3);
    recorder.record({EventKind::ThreadStarted, 0, 0, 0, 0, {}, "WorkerThread 3"});
    trace::set_current_thread(0);
    recorder.record({EventKind::ObjectNamed, kPort, 0, 0, 0, {}, "port"});
    recorder.record({EventKind::ObjectNamed, kOverlapped, 1, 0, 0, {}, "request->ov"});
    trace::set_current_thread(2);
    recorder.record({EventKind::PortWaiter, kPort, 1});
    trace::set_current_thread(3);
    recorder.record({EventKind::PortWaiter, kPort, 1});
    trace::set_current_thread(0);
    recorder.record({EventKind::PortCounts, kPort, 1, 1});
    recorder.record({EventKind::PortPacketQueued, kPort, 21, 42, kOverlapped, {}, "recv completed"});
    recorder.record({EventKind::PortPacketQueued, kPort, 0, 0, 0, {}, "PostQueuedCompletionStatus"});
    return trace::fold(recorder, recorder.published());
}

TEST(PortPicture, KeysInHexAndDecimal) {
    EXPECT_EQ(key_text(42), "0x2A (42)");
    EXPECT_EQ(key_text(0), "0x0 (0)");
}

// Windows: the kernel's packets are not recorded as they are queued; the sampler's count is.
TEST(PortPicture, PacketsCountedBySamplingBeyondTheRecordedOnesAreShownAsUnseen) {
    trace::Recorder recorder;
    recorder.record({EventKind::PortPacketQueued, kPort, 0, 7, 0, {}, "PostQueuedCompletionStatus"});
    recorder.record({EventKind::PortDepthObserved, kPort, 3});
    trace::State state = trace::fold(recorder, recorder.published());
    EXPECT_EQ(port_picture(state, state.ports.at(kPort)).unseen_packets, 2u);

    recorder.record({EventKind::PortDepthObserved, kPort, 1});
    state = trace::fold(recorder, recorder.published());
    EXPECT_EQ(port_picture(state, state.ports.at(kPort)).unseen_packets, 0u);
}

// pitfalls ends with CloseHandle(port) while the count still says a worker runs: the panel must
// show a closed port, not one that is full.
TEST(PortPicture, AClosedPortIsShownClosedNotFull) {
    trace::Recorder recorder;
    recorder.record({EventKind::HandleCreated, kPort, 0, 0, 0, {}, "completion port"});
    recorder.record({EventKind::PortCounts, kPort, 1, 1});
    trace::State state = trace::fold(recorder, recorder.published());
    EXPECT_TRUE(port_picture(state, state.ports.at(kPort)).at_limit);
    EXPECT_FALSE(port_picture(state, state.ports.at(kPort)).closed);

    recorder.record({EventKind::HandleClosed, kPort});
    state = trace::fold(recorder, recorder.published());
    const PortPicture port = port_picture(state, state.ports.at(kPort));
    EXPECT_TRUE(port.closed);
    EXPECT_FALSE(port.at_limit);
    EXPECT_FALSE(port.limit_holds_back);
}

TEST(PortPicture, QueueIsFifoStackIsLifoAndTheLimitHoldsAWorkerBack) {
    const trace::State state = port_with_two_waiters_at_the_limit();
    const PortPicture port = port_picture(state, state.ports.at(kPort));
    EXPECT_EQ(port.name, "port");
    ASSERT_EQ(port.queue.size(), 2u);
    EXPECT_EQ(port.queue[0].key, "0x2A (42)");
    EXPECT_EQ(port.queue[0].overlapped, "request->ov");
    EXPECT_EQ(port.queue[0].source, "recv completed");
    EXPECT_EQ(port.queue[1].overlapped, "NULL") << "a posted packet without an OVERLAPPED";
    ASSERT_EQ(port.stack.size(), 2u);
    EXPECT_EQ(port.stack[0].name, "WorkerThread 3") << "the last to wait is released first";
    EXPECT_TRUE(port.stack[0].released_next);
    EXPECT_FALSE(port.stack[1].released_next);
    EXPECT_TRUE(port.at_limit);
    EXPECT_TRUE(port.limit_holds_back);
    EXPECT_FALSE(port.taken.has_value());
}

TEST(PortPicture, AReleaseOnItsWayIsNotHeldBack) {
    trace::Recorder recorder;
    trace::set_current_thread(1);
    recorder.record({EventKind::ThreadStarted, 0, 0, 0, 0, {}, "main"});
    recorder.record({EventKind::PortCounts, kPort, 0, 1});
    recorder.record({EventKind::PortWaiter, kPort, 1});
    trace::set_current_thread(0);
    // The port releases main as the packet arrives; main records leaving the stack on its turn.
    recorder.record({EventKind::PortPacketQueued, kPort, 4096, 7, kOverlapped, {}, "read completed"});
    recorder.record({EventKind::PortCounts, kPort, 1, 1});
    const trace::State state = trace::fold(recorder, recorder.published());
    const PortPicture port = port_picture(state, state.ports.at(kPort));
    EXPECT_TRUE(port.at_limit);
    EXPECT_FALSE(port.limit_holds_back);
}

// A worker that blocked outside GetQueuedCompletionStatus woke up after another was released.
TEST(PortPicture, RunningBeyondTheConcurrencyValueIsAboveTheLimit) {
    trace::State state = port_with_two_waiters_at_the_limit();
    EXPECT_FALSE(port_picture(state, state.ports.at(kPort)).above_limit) << "1 running of 1 is full, not above";
    state.ports.at(kPort).running = 2;
    const PortPicture port = port_picture(state, state.ports.at(kPort));
    EXPECT_TRUE(port.at_limit);
    EXPECT_TRUE(port.above_limit);
}

TEST(PortPicture, BelowTheLimitNothingIsHeldBack) {
    trace::State state = port_with_two_waiters_at_the_limit();
    state.ports.at(kPort).running = 0;
    const PortPicture port = port_picture(state, state.ports.at(kPort));
    EXPECT_FALSE(port.at_limit);
    EXPECT_FALSE(port.limit_holds_back);
}

TEST(ApcRows, OneRowPerThreadRunningFirstAndHistoryKept) {
    trace::Recorder recorder;
    trace::set_current_thread(1);
    recorder.record({EventKind::ThreadStarted, 0, 0, 0, 0, {}, "main"});
    recorder.record({EventKind::ThreadState, 0, static_cast<uint64_t>(trace::ThreadState::AlertableWait)});
    trace::set_current_thread(0);
    recorder.record({EventKind::ApcQueued, 1, 1, 0, 0, {}, "ReadFileEx completion routine: OnFileRead"});
    recorder.record({EventKind::ApcQueued, 1, 2, 0, 0, {}, "QueueUserAPC: Hello"});
    recorder.record({EventKind::ApcQueued, 1, 3, 0, 0, {}, "QueueUserAPC: Again"});
    trace::set_current_thread(1);
    recorder.record({EventKind::ApcDelivering, 1, 1, 0, 0, {}, "ReadFileEx completion routine: OnFileRead"});
    recorder.record({EventKind::ApcDone, 1, 1});
    recorder.record({EventKind::ApcDelivering, 1, 2, 0, 0, {}, "QueueUserAPC: Hello"});

    const std::vector<ApcThreadRow> rows = apc_rows(trace::fold(recorder, recorder.published()));
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].name, "main");
    EXPECT_TRUE(rows[0].alertable);
    ASSERT_EQ(rows[0].queue.size(), 2u);
    EXPECT_TRUE(rows[0].queue[0].running);
    EXPECT_EQ(rows[0].queue[0].ran_on, 1u);
    EXPECT_EQ(rows[0].queue[1].what, "QueueUserAPC: Again");
    ASSERT_TRUE(rows[0].last_ran.has_value());
    EXPECT_EQ(rows[0].last_ran->what, "ReadFileEx completion routine: OnFileRead");
    EXPECT_EQ(rows[0].ran_count, 1u);

    EXPECT_TRUE(apc_rows(trace::fold(recorder, 2)).empty()) << "no APC yet: no row";
}

TEST(ExtraViews, AProgramsSourceDecidesBeforeAnythingRuns) {
    LessonSource port_program;
    port_program.lines = {"HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);"};
    LessonSource routine_program;
    routine_program.lines = {"ReadFileEx(hFile, buffer, 4096, &ov, OnRead);"};
    LessonSource mentions_only;
    mentions_only.lines = {"// unlike CreateIoCompletionPort, this program waits on events"};
    const trace::State nothing;
    EXPECT_FALSE(extra_views_for(nullptr, &mentions_only, nothing).port);
    EXPECT_TRUE(extra_views_for(nullptr, &port_program, nothing).port);
    EXPECT_FALSE(extra_views_for(nullptr, &port_program, nothing).apc);
    EXPECT_TRUE(extra_views_for(nullptr, &routine_program, nothing).apc);
    EXPECT_FALSE(extra_views_for(nullptr, nullptr, nothing).port);
}

// A lesson's lesson.json declares its views; its source is not scanned.
TEST(ExtraViews, ALessonsViewsComeFromItsDeclaration) {
    LessonInfo declares_port;
    declares_port.views.port = true;
    LessonSource calls_routines;
    calls_routines.lines = {"ReadFileEx(hFile, buffer, 4096, &ov, OnRead);"};
    const trace::State nothing;
    EXPECT_TRUE(extra_views_for(&declares_port, &calls_routines, nothing).port);
    EXPECT_FALSE(extra_views_for(&declares_port, &calls_routines, nothing).apc);
}

TEST(Layout, PortAndApcShareTheRightColumnOnlyWhenUsed) {
    const ImVec2 display(1600, 900);
    const Layout plain = compute_layout(display, 80, 100);
    EXPECT_FALSE(plain.port.has_value());
    EXPECT_FALSE(plain.apc.has_value());

    const Layout with_port = compute_layout(display, 80, 100, {.port = true});
    ASSERT_TRUE(with_port.port.has_value());
    EXPECT_FALSE(with_port.apc.has_value());
    EXPECT_EQ(with_port.port->pos.x, plain.overlapped.pos.x);
    EXPECT_GT(with_port.port->size.y, with_port.overlapped.size.y) << "the port is the larger view";
    const float port_bottom = with_port.port->pos.y + with_port.port->size.y;
    EXPECT_FLOAT_EQ(port_bottom, plain.overlapped.pos.y + plain.overlapped.size.y);
    EXPECT_LT(with_port.overlapped.pos.y + with_port.overlapped.size.y, with_port.port->pos.y);

    const Layout both = compute_layout(display, 80, 100, {.port = true, .apc = true});
    ASSERT_TRUE(both.port && both.apc);
    EXPECT_LT(both.port->pos.y + both.port->size.y, both.apc->pos.y);
    EXPECT_EQ(both.code.size.x, plain.code.size.x) << "only the right column changes";
}

TEST(Layout, PeerPanelSitsBetweenTheCallLogAndTheConsoleOnlyWhenServingAPeer) {
    const ImVec2 display(1600, 900);
    const Layout plain = compute_layout(display, 80, 100, {.port = true});
    EXPECT_FALSE(plain.peer.has_value());
    const Layout peer = compute_layout(display, 80, 100, {.port = true, .peer = true});
    ASSERT_TRUE(peer.peer.has_value());
    EXPECT_EQ(peer.peer->pos.y, plain.calls.pos.y);
    EXPECT_EQ(peer.peer->size.y, plain.calls.size.y);
    EXPECT_LT(peer.calls.pos.x + peer.calls.size.x, peer.peer->pos.x);
    EXPECT_LT(peer.peer->pos.x + peer.peer->size.x, peer.console.pos.x);
    EXPECT_FLOAT_EQ(peer.console.pos.x + peer.console.size.x, plain.console.pos.x + plain.console.size.x);
    EXPECT_GE(peer.peer->size.x, 300.0f) << "room for Send, Close and Reset on one line";
    EXPECT_EQ(peer.port->size.y, plain.port->size.y) << "only the bottom row changes";
}

}  // namespace
}  // namespace ovlab::gui
