// The Timeline with a long run: 100,000 events (calls, waits, requests through a completion port,
// completion routines) must build incrementally and prepare a frame well inside 16 ms.
#include <benchmark/benchmark.h>

#include <memory>

#include "ovlab/trace.h"
#include "ovlab/trace_state.h"
#include "timeline_frame.h"
#include "timeline_model.h"

namespace {

using ovlab::gui::TimelineAxis;
using ovlab::gui::TimelineModel;
using ovlab::gui::TimelineViewport;
using ovlab::trace::EventKind;
using ovlab::trace::Recorder;

constexpr int kEvents = 100'000;
constexpr uint64_t kPort = 0x40;
constexpr float kPlotWidth = 1200.0f;

// One request's round trip on a worker: issue (ReadFile pending), the kernel completes it into the
// port, the worker waits in GetQueuedCompletionStatus and dequeues it, and every fourth request a
// completion routine runs on the main thread. About 14 events per round.
void record_round(Recorder& recorder, uint64_t i) {
    const uint32_t worker = 2 + static_cast<uint32_t>(i % 3);
    const uint64_t overlapped = 0x1000 + (i % 64) * 0x40;
    ovlab::trace::set_current_thread(worker);
    recorder.record({EventKind::ApiEnter, 0, 0, 0, 0, "WSARecv", "s=client (0x8), lpOverlapped=&request->ov"});
    recorder.record({EventKind::IoIssued, overlapped, 0x8, 0, 4096, "read", "uring"});
    recorder.record({EventKind::ApiLeave, 0, 0, 997, 1, "WSARecv", "SOCKET_ERROR"});
    ovlab::trace::set_current_thread(9);
    recorder.record({EventKind::IoFinished, overlapped, 0, 100});
    recorder.record({EventKind::IoCompleting, overlapped, 0, 100, 0});
    recorder.record({EventKind::PortPacketQueued, kPort, 100, 1, overlapped, {}, "I/O"});
    recorder.record({EventKind::IoCompleted, overlapped, 0, 100});
    ovlab::trace::set_current_thread(worker);
    recorder.record({EventKind::ApiEnter, 0, 0, 0, 0, "GetQueuedCompletionStatus", "port, INFINITE"});
    recorder.record({EventKind::ThreadState, 0, static_cast<uint64_t>(ovlab::trace::ThreadState::PortWait)});
    recorder.record({EventKind::PortPacketDequeued, kPort, 100, 1, overlapped});
    recorder.record({EventKind::PortCounts, kPort, 1 + i % 2, 2});
    recorder.record({EventKind::ApiLeave, 0, 1, 0, 0, "GetQueuedCompletionStatus", "TRUE"});
    if (i % 4 == 0) {
        ovlab::trace::set_current_thread(1);
        recorder.record({EventKind::ApcQueued, 1, i + 1, 0, 0, {}, "ReadDone"});
        recorder.record({EventKind::ApcDelivering, 1, i + 1, 0, 0, {}, "ReadDone"});
        recorder.record({EventKind::ApcDone, 1, i + 1});
    }
}

std::unique_ptr<Recorder> synthetic_run() {
    auto recorder = std::make_unique<Recorder>();
    ovlab::trace::set_current_thread(1);
    recorder->record({EventKind::ThreadStarted, 0, 0, 0, 0, {}, "main"});
    ovlab::trace::set_current_thread(9);
    recorder->record({EventKind::ThreadStarted, 0, 1, 0, 0, {}, "io_uring reaper"});
    for (uint64_t i = 0; recorder->published() < kEvents; ++i) record_round(*recorder, i);
    return recorder;
}

struct FoldedRun {
    std::unique_ptr<Recorder> recorder = synthetic_run();
    ovlab::trace::State state;
    TimelineModel model;

    // As the window does it: a frame folds what was published, a thousand events at a time here.
    FoldedRun() {
        while (state.upto < recorder->published()) {
            const uint64_t upto = std::min<uint64_t>(state.upto + 1000, recorder->published());
            for (uint64_t i = state.upto; i < upto; ++i) state.apply(recorder->at(i));
            model.update(*recorder, state);
        }
    }
};

// Building the model as the events arrive (the State fold is TraceView's, measured elsewhere).
void BM_TimelineBuild100kEvents(benchmark::State& bench) {
    const auto recorder = synthetic_run();
    const ovlab::trace::State state = ovlab::trace::fold(*recorder, recorder->published());
    for (auto _ : bench) {
        TimelineModel model;
        model.update(*recorder, state);
        benchmark::DoNotOptimize(model.lanes().data());
    }
    bench.SetItemsProcessed(bench.iterations() * kEvents);
}
BENCHMARK(BM_TimelineBuild100kEvents)->Unit(benchmark::kMillisecond);

// One frame: the visible-range query and the marks for every lane, request row and counter.
void frame_benchmark(benchmark::State& bench, TimelineAxis axis, double zoom) {
    static const FoldedRun run;
    TimelineViewport view = TimelineViewport::fit(run.model, axis, 200.0f, kPlotWidth);
    view = view.zoomed(zoom, 200.0f + kPlotWidth * 0.5f);
    size_t marks = 0;
    for (auto _ : bench) {
        const ovlab::gui::TimelineFrame frame = ovlab::gui::prepare_frame(run.model, view);
        marks = frame.mark_count;
        benchmark::DoNotOptimize(frame.lanes.data());
    }
    bench.counters["events"] = static_cast<double>(run.recorder->published());
    bench.counters["marks"] = static_cast<double>(marks);
}

void BM_TimelineFrameWholeRunSteps(benchmark::State& bench) { frame_benchmark(bench, TimelineAxis::Steps, 1.0); }
void BM_TimelineFrameWholeRunTime(benchmark::State& bench) { frame_benchmark(bench, TimelineAxis::Time, 1.0); }
void BM_TimelineFrameZoomedIn(benchmark::State& bench) { frame_benchmark(bench, TimelineAxis::Steps, 0.002); }
BENCHMARK(BM_TimelineFrameWholeRunSteps)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TimelineFrameWholeRunTime)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TimelineFrameZoomedIn)->Unit(benchmark::kMicrosecond);

}  // namespace
