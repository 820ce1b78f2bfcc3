// Trace recording cost: the bar is under 100 ns of CPU per event from any thread. Each benchmark keeps
// every event it records (no more iterations than a recorder holds), so no drop is counted as a record.
#include <benchmark/benchmark.h>

#include <memory>

#include "ovlab/status_codes.h"
#include "ovlab/trace.h"
#include "ovlab/trace_state.h"

namespace {

using ovlab::kStatusPending;
using ovlab::trace::EventKind;
using ovlab::trace::Recorder;

Recorder* shared_recorder = nullptr;

void BM_RecordFieldChange(benchmark::State& state) {
    if (state.thread_index() == 0) shared_recorder = new Recorder();
    for (auto _ : state) {
        benchmark::DoNotOptimize(
            shared_recorder->record({EventKind::FieldChange, 0x1000, 0, kStatusPending, 0}));
    }
    state.SetItemsProcessed(state.iterations());
    if (state.thread_index() == 0) {
        delete shared_recorder;
        shared_recorder = nullptr;
    }
}
BENCHMARK(BM_RecordFieldChange)->Threads(1)->Threads(2)->Threads(4)->Iterations(1 << 17);

void BM_RecordApiEnterWithText(benchmark::State& state) {
    auto recorder = std::make_unique<Recorder>();
    for (auto _ : state) {
        benchmark::DoNotOptimize(recorder->record(
            {EventKind::ApiEnter, 0, 0, 0, 0, "ReadFile",
             "hFile=hSrc (0x8), lpBuffer=buffer, nNumberOfBytesToRead=4096, lpOverlapped=&ro"}));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RecordApiEnterWithText)->Iterations(1 << 17);

// The GUI folds the trace each frame it changes: 10,000 events must fold well inside a 16 ms frame.
void BM_Fold10000Events(benchmark::State& state) {
    Recorder recorder;
    for (int i = 0; i < 10000; ++i)
        recorder.record({EventKind::FieldChange, 0x1000 + static_cast<uint64_t>(i % 8) * 32, 0,
                         static_cast<uint64_t>(i), static_cast<uint64_t>(i + 1)});
    for (auto _ : state) benchmark::DoNotOptimize(ovlab::trace::fold(recorder, recorder.published()));
    state.SetItemsProcessed(state.iterations() * 10000);
}
BENCHMARK(BM_Fold10000Events);

}  // namespace
