// Completion-port costs of the portable runtime, outside any lesson (nothing is traced):
//   - PostQueuedCompletionStatus -> GetQueuedCompletionStatus on one thread (queue cost only);
//   - the hand-off to a worker blocked in GetQueuedCompletionStatus (ping-pong between two ports,
//     so one iteration is two hand-offs);
//   - a 4 KB overlapped file read whose completion is dequeued from a port.
// The I/O path is chosen once per process: run with OVLAB_IO_BACKEND=uring and =threads.
#include <benchmark/benchmark.h>

#include <windows.h>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr DWORD kBlock = 4096;
constexpr DWORD kFileBlocks = 256;  // 1 MiB, read round-robin so the page cache serves it
constexpr ULONG_PTR kStopKey = 0xDEAD;

void fail(benchmark::State& state, const char* what) {
    state.SkipWithError(what);
}

void BM_PostThenGet_OneThread(benchmark::State& state) {
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    if (port == NULL) return fail(state, "CreateIoCompletionPort failed");
    for (auto _ : state) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        OVERLAPPED* ov = nullptr;
        PostQueuedCompletionStatus(port, 1, 7, nullptr);
        if (!GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0) || key != 7) return fail(state, "lost packet");
    }
    CloseHandle(port);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PostThenGet_OneThread);

// One iteration: main posts to `ping`, the worker (blocked in GQCS on it) wakes and posts to
// `pong`, main (blocked in GQCS on pong) wakes. Half the time per iteration is one hand-off.
void BM_HandOffToBlockedWorker_PingPong(benchmark::State& state) {
    HANDLE ping = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    HANDLE pong = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    if (ping == NULL || pong == NULL) return fail(state, "CreateIoCompletionPort failed");
    std::thread worker([ping, pong] {
        for (;;) {
            DWORD bytes = 0;
            ULONG_PTR key = 0;
            OVERLAPPED* ov = nullptr;
            if (!GetQueuedCompletionStatus(ping, &bytes, &key, &ov, INFINITE) || key == kStopKey) return;
            PostQueuedCompletionStatus(pong, bytes, key, ov);
        }
    });
    for (auto _ : state) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        OVERLAPPED* ov = nullptr;
        PostQueuedCompletionStatus(ping, 1, 1, nullptr);
        GetQueuedCompletionStatus(pong, &bytes, &key, &ov, INFINITE);
    }
    PostQueuedCompletionStatus(ping, 0, kStopKey, nullptr);
    worker.join();
    CloseHandle(ping);
    CloseHandle(pong);
    state.SetItemsProcessed(state.iterations() * 2);
    state.counters["handoffs"] = benchmark::Counter(static_cast<double>(state.iterations() * 2));
}
BENCHMARK(BM_HandOffToBlockedWorker_PingPong)->UseRealTime();

std::string make_sample_file() {
    char folder[MAX_PATH];
    if (GetTempPathA(MAX_PATH, folder) == 0) return {};
    std::string path = std::string(folder) + "ovlab-bench-" + std::to_string(GetCurrentProcessId()) + ".bin";
    HANDLE file = CreateFileA(path.c_str(), GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE) return {};
    std::vector<char> block(kBlock, 'b');
    bool ok = true;
    for (DWORD i = 0; i < kFileBlocks && ok; ++i) {
        DWORD written = 0;
        ok = WriteFile(file, block.data(), kBlock, &written, NULL) && written == kBlock;
    }
    CloseHandle(file);
    if (!ok) DeleteFileA(path.c_str());
    return ok ? path : std::string();
}

// Issue -> kernel read -> completion packet -> dequeued by the issuing thread.
void BM_Read4KThroughPort(benchmark::State& state) {
    const std::string path = make_sample_file();
    if (path.empty()) return fail(state, "cannot create the sample file in the temp folder");
    HANDLE file = CreateFileA(path.c_str(), GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                              FILE_FLAG_OVERLAPPED, NULL);
    HANDLE port = file == INVALID_HANDLE_VALUE ? NULL : CreateIoCompletionPort(file, NULL, 100, 1);
    std::vector<char> buffer(kBlock);
    DWORD block = 0;
    for (auto _ : state) {
        if (port == NULL) break;
        OVERLAPPED ov = {};
        ov.Offset = (block++ % kFileBlocks) * kBlock;
        if (!ReadFile(file, buffer.data(), kBlock, NULL, &ov) && GetLastError() != ERROR_IO_PENDING) break;
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        OVERLAPPED* done = nullptr;
        if (!GetQueuedCompletionStatus(port, &bytes, &key, &done, INFINITE) || bytes != kBlock || done != &ov) {
            fail(state, "a read did not complete through the port with 4096 bytes");
            break;
        }
    }
    if (port == NULL) fail(state, "cannot open the sample file or associate it with a port");
    if (port != NULL) CloseHandle(port);
    if (file != INVALID_HANDLE_VALUE) CloseHandle(file);
    DeleteFileA(path.c_str());
    state.SetBytesProcessed(state.iterations() * kBlock);
}
BENCHMARK(BM_Read4KThroughPort)->UseRealTime();

}  // namespace
