// The fold follows each request across threads: who issued it, who finished it, and who acted on
// its completion (dequeued the packet, ran the routine, woke on the event). The events are recorded
// in the order the runtime records a completion: one uninterrupted run on the completing thread.
#include <gtest/gtest.h>

#include "ovlab/status_codes.h"
#include "ovlab/trace_state.h"

namespace ovlab::trace {
namespace {

constexpr uint32_t kMain = 1;
constexpr uint32_t kWorker = 2;
constexpr uint32_t kKernel = 1000;
constexpr uint64_t kFile = 0x4;
constexpr uint64_t kEvent = 0x8;
constexpr uint64_t kPort = 0xC;
constexpr uint64_t kOverlapped = 0x7ffd2000;

class TraceIoLinks : public ::testing::Test {
protected:
    uint64_t as(uint32_t thread, const EventData& data) {
        set_current_thread(thread);
        set_current_line(thread == kKernel ? 0 : 42);
        return recorder.record(data);
    }

    void start_threads() {
        as(kMain, {EventKind::ThreadStarted, 0, 0, 0, 0, {}, "main"});
        as(kWorker, {EventKind::ThreadStarted, 0, 0, 0, 0, {}, "worker"});
        as(kKernel, {EventKind::ThreadStarted, 0, 1, 0, 0, {}, "kernel"});
        as(kMain, {EventKind::IoIssued, kOverlapped, kFile, 0, 4096, "read"});
    }

    // Kernel finishes, then delivers: fields, `then` (what the completion sets or queues), done.
    template <typename Then>
    void complete(Then then) {
        as(kKernel, {EventKind::IoFinished, kOverlapped, 0, 4096});
        as(kKernel, {EventKind::IoCompleting, kOverlapped, 0, 4096, 0});
        as(kKernel, {EventKind::FieldChange, kOverlapped, static_cast<uint64_t>(OverlappedField::Internal), kStatusPending, kStatusSuccess});
        then();
        as(kKernel, {EventKind::IoCompleted, kOverlapped, 0, 4096});
    }

    State folded() const { return fold(recorder, recorder.published()); }

    Recorder recorder;
};

TEST_F(TraceIoLinks, IssueAndKernelFinishAreRecordedWithTheirThreads) {
    start_threads();
    const State issued = folded();
    ASSERT_EQ(issued.ios.size(), 1u);
    EXPECT_EQ(issued.ios[0].issued_thread, kMain);
    EXPECT_EQ(issued.ios[0].finished_seq, kNever);
    EXPECT_TRUE(issued.thread(kKernel)->runtime);
    EXPECT_FALSE(issued.thread(kMain)->runtime);

    const uint64_t finished = as(kKernel, {EventKind::IoFinished, kOverlapped, 0, 4096});
    const State done = folded();
    EXPECT_EQ(done.ios[0].finished_seq, finished);
    EXPECT_EQ(done.ios[0].finished_thread, kKernel);
    EXPECT_EQ(done.ios[0].handling, IoView::Handling::None);
}

TEST_F(TraceIoLinks, WorkerThatDequeuesThePacketHandlesIt) {
    start_threads();
    complete([&] { as(kKernel, {EventKind::PortPacketQueued, kPort, 4096, 7, kOverlapped, {}, "read completed"}); });
    const uint64_t dequeued = as(kWorker, {EventKind::PortPacketDequeued, kPort, 4096, 7, kOverlapped});
    const State state = folded();
    const IoView& io = state.ios[0];
    EXPECT_TRUE(io.packet_queued);
    EXPECT_EQ(io.handling, IoView::Handling::Dequeued);
    EXPECT_EQ(io.handler_thread, kWorker);
    EXPECT_EQ(io.handled_seq, dequeued);
}

TEST_F(TraceIoLinks, PostedPacketWithTheSameOverlappedDoesNotHandleTheRequest) {
    start_threads();
    as(kMain, {EventKind::PortPacketQueued, kPort, 0, 7, kOverlapped, {}, "PostQueuedCompletionStatus"});
    as(kWorker, {EventKind::PortPacketDequeued, kPort, 0, 7, kOverlapped});
    EXPECT_EQ(folded().ios[0].handling, IoView::Handling::None);
}

TEST_F(TraceIoLinks, ThreadRunningTheQueuedRoutineHandlesIt) {
    start_threads();
    complete([&] { as(kKernel, {EventKind::ApcQueued, kMain, 5, 0, 0, {}, "ReadFileEx completion routine"}); });
    const uint64_t runs = as(kMain, {EventKind::ApcDelivering, kMain, 5});
    const State state = folded();
    const IoView& io = state.ios[0];
    EXPECT_EQ(io.apc_id, 5u);
    EXPECT_EQ(io.handling, IoView::Handling::Routine);
    EXPECT_EQ(io.handler_thread, kMain);
    EXPECT_EQ(io.handled_seq, runs);
}

TEST_F(TraceIoLinks, WaiterNamingTheSignalledEventWakesOnIt) {
    start_threads();
    as(kWorker, {EventKind::ApiEnter, 0, 0, 0, 0, "WaitForSingleObject", "hHandle=request->ov.hEvent (0x8)"});
    as(kWorker, {EventKind::ThreadState, 0, static_cast<uint64_t>(ThreadState::Waiting), 0, 0, {},
                 "WaitForSingleObject(request->ov.hEvent)"});
    // main waits on something else: it must not be the one credited.
    as(kMain, {EventKind::ThreadState, 0, static_cast<uint64_t>(ThreadState::Waiting), 0, 0, {},
               "WaitForMultipleObjects(all: 0x80, 0x84)"});
    complete([&] { as(kKernel, {EventKind::Signal, kEvent, 1, 0, 0, {}, "read completed"}); });
    as(kMain, {EventKind::ThreadState, 0, static_cast<uint64_t>(ThreadState::Running)});
    const uint64_t woke = as(kWorker, {EventKind::ThreadState, 0, static_cast<uint64_t>(ThreadState::Running)});
    const State state = folded();
    const IoView& io = state.ios[0];
    EXPECT_EQ(io.signalled_handle, kEvent);
    EXPECT_EQ(io.handling, IoView::Handling::Woke);
    EXPECT_EQ(io.handler_thread, kWorker);
    EXPECT_EQ(io.handled_seq, woke);
}

TEST_F(TraceIoLinks, WaitThatNamesOnlyALongerHandleIsNotAWake) {
    start_threads();
    as(kWorker, {EventKind::ThreadState, 0, static_cast<uint64_t>(ThreadState::Waiting), 0, 0, {},
                 "WaitForMultipleObjects(any: 0x80)"});
    complete([&] { as(kKernel, {EventKind::Signal, kEvent, 1, 0, 0, {}, "read completed"}); });
    as(kWorker, {EventKind::ThreadState, 0, static_cast<uint64_t>(ThreadState::Running)});
    EXPECT_EQ(folded().ios[0].handling, IoView::Handling::None);
}

TEST_F(TraceIoLinks, SignalOutsideACompletionIsNotTheRequests) {
    start_threads();
    as(kMain, {EventKind::Signal, kEvent, 1, 0, 0, {}, "SetEvent"});
    EXPECT_EQ(folded().ios[0].signalled_seq, kNever);
}

}  // namespace
}  // namespace ovlab::trace
