// What a traced Win32 call costs in a program recorded with OVLAB_TRACE (docs/trace-format.md):
// the call itself, its ApiEnter and ApiLeave with their arguments and result, and the events the
// runtime records inside it (a Signal, the port's packets and counts). Recording starts before
// main, so without OVLAB_TRACE in the environment the program runs itself again with
// OVLAB_TRACE=/dev/null (every event recorded, the file thrown away at exit). `OVLAB_TRACE=` (empty)
// runs the same calls untraced, for comparison.
//
// A recording keeps at most 524,288 events and then stops recording: each benchmark runs a fixed
// number of iterations that stays inside that bound, so every measured call is recorded.
#include <benchmark/benchmark.h>

#include <windows.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "ovlab/process_recording.h"

namespace {

// Two benchmarks of at most 12 events per iteration: 393,216 events, inside the bound (one
// repetition; the last line says whether recording was still on at the end).
constexpr int kCalls = 1 << 14;

void BM_TracedSetEvent(benchmark::State& state) {
    HANDLE event = CreateEventA(nullptr, FALSE, FALSE, nullptr);
    for (auto _ : state) benchmark::DoNotOptimize(SetEvent(event));
    CloseHandle(event);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TracedSetEvent)->Iterations(kCalls);

// One iteration: PostQueuedCompletionStatus then GetQueuedCompletionStatus on one thread, the
// port calls every completion goes through.
void BM_TracedPostThenGet(benchmark::State& state) {
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 1);
    for (auto _ : state) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        OVERLAPPED* overlapped = nullptr;
        PostQueuedCompletionStatus(port, 1, 7, nullptr);
        if (!GetQueuedCompletionStatus(port, &bytes, &key, &overlapped, 0)) {
            state.SkipWithError("lost packet");
            break;
        }
    }
    CloseHandle(port);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TracedPostThenGet)->Iterations(kCalls);

}  // namespace

int main(int argc, char** argv) {
    if (!std::getenv("OVLAB_TRACE")) {
        setenv("OVLAB_TRACE", "/dev/null", 1);
        execv("/proc/self/exe", argv);
        std::perror("cannot run again with OVLAB_TRACE=/dev/null");
        return 1;
    }
    const bool recorded = ovlab::process_recording_active();
    std::printf("recording: %s\n", recorded ? "on (OVLAB_TRACE)" : "off");
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    if (recorded)
        std::printf("recording at the end: %s\n",
                    ovlab::process_recording_active() ? "still on" : "STOPPED (full): figures not valid");
    return 0;
}
