// Threads waiting on a completion port (docs/windows-rules.md §12): LIFO release, the concurrency
// value against the running count, a running thread taking the next packet, closing the port
// under a waiter.
#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

#include "runtime_diagnostics.h"
#include "runtime_test_support.h"

namespace ovlab::testing {
namespace {

using PortWaiters = RuntimeTest;

void wait_until(const std::function<bool()>& condition) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!condition() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ASSERT_TRUE(condition());
}

struct Worker {
    HANDLE port = nullptr;
    std::atomic<int> dequeued{0};
    std::atomic<ULONG_PTR> key{0};
    std::atomic<bool> may_sleep{false};
    std::atomic<bool> woke_from_sleep{false};
    std::atomic<DWORD> error{0};
    std::atomic<bool> returned_null{false};
};

// Takes one packet; then, if told to, spins until allowed to Sleep (running, not blocked).
DWORD WINAPI TakeOnePacket(LPVOID parameter) {
    auto* worker = static_cast<Worker*>(parameter);
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED overlapped = nullptr;
    const BOOL ok = GetQueuedCompletionStatus(worker->port, &bytes, &key, &overlapped, INFINITE);
    worker->error = ok ? 0 : GetLastError();
    worker->returned_null = overlapped == nullptr;
    if (!ok) return 1;
    worker->key = key;
    worker->dequeued = 1;
    if (key == 1) {
        while (!worker->may_sleep) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        Sleep(300);
        worker->woke_from_sleep = true;
    }
    return 0;
}

TEST_F(PortWaiters, WaitersAreReleasedLastInFirstOut) {
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 2);
    Worker first, second;
    first.port = second.port = port;
    HANDLE first_thread = CreateThread(nullptr, 0, TakeOnePacket, &first, 0, nullptr);
    wait_until([] { return posix::blocked_waiter_count() == 1; });
    HANDLE second_thread = CreateThread(nullptr, 0, TakeOnePacket, &second, 0, nullptr);
    wait_until([] { return posix::blocked_waiter_count() == 2; });
    EXPECT_TRUE(PostQueuedCompletionStatus(port, 0, 7, nullptr));
    wait_until([&] { return second.dequeued.load() == 1; });
    EXPECT_EQ(first.dequeued.load(), 0) << "the thread that waited last is released first";
    EXPECT_TRUE(PostQueuedCompletionStatus(port, 0, 8, nullptr));
    HANDLE threads[2] = {first_thread, second_thread};
    EXPECT_EQ(WaitForMultipleObjects(2, threads, TRUE, 5000), WAIT_OBJECT_0);
    EXPECT_EQ(second.key.load(), 7u);
    EXPECT_EQ(first.key.load(), 8u);
    for (HANDLE t : threads) EXPECT_TRUE(CloseHandle(t));
    EXPECT_TRUE(CloseHandle(port));
}

TEST_F(PortWaiters, TheConcurrencyValueHoldsASecondWaiterUntilTheRunningOneBlocks) {
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 1);
    Worker a, b;
    a.port = b.port = port;
    HANDLE b_thread = CreateThread(nullptr, 0, TakeOnePacket, &b, 0, nullptr);
    wait_until([] { return posix::blocked_waiter_count() == 1; });
    HANDLE a_thread = CreateThread(nullptr, 0, TakeOnePacket, &a, 0, nullptr);
    wait_until([] { return posix::blocked_waiter_count() == 2; });
    // a waited last, so it takes the first packet; key 1 makes it keep running afterwards.
    EXPECT_TRUE(PostQueuedCompletionStatus(port, 0, 1, nullptr));
    EXPECT_TRUE(PostQueuedCompletionStatus(port, 0, 2, nullptr));
    wait_until([&] { return a.dequeued.load() == 1; });
    EXPECT_EQ(a.key.load(), 1u);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(b.dequeued.load(), 0) << "concurrency 1 and one thread running: the packet waits";
    a.may_sleep = true;  // a blocks in Sleep: no longer running, so b is released
    wait_until([&] { return b.dequeued.load() == 1; });
    EXPECT_EQ(b.key.load(), 2u);
    EXPECT_FALSE(a.woke_from_sleep.load()) << "b was released while a was still sleeping";
    HANDLE threads[2] = {a_thread, b_thread};
    EXPECT_EQ(WaitForMultipleObjects(2, threads, TRUE, 5000), WAIT_OBJECT_0);
    for (HANDLE t : threads) EXPECT_TRUE(CloseHandle(t));
    EXPECT_TRUE(CloseHandle(port));
}

TEST_F(PortWaiters, ARunningThreadTakesTheNextPacketWithoutWaitingForTheLimit) {
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 1);
    EXPECT_TRUE(PostQueuedCompletionStatus(port, 1, 0, nullptr));
    EXPECT_TRUE(PostQueuedCompletionStatus(port, 2, 0, nullptr));
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = nullptr;
    EXPECT_TRUE(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0));
    EXPECT_TRUE(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0))
        << "this thread is the one running: calling again means it is done with the previous packet";
    EXPECT_EQ(bytes, 2u);
    EXPECT_TRUE(CloseHandle(port));
}

TEST_F(PortWaiters, ClosingThePortEndsTheWaitWithAbandonedWait) {
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 1);
    Worker worker;
    worker.port = port;
    HANDLE thread = CreateThread(nullptr, 0, TakeOnePacket, &worker, 0, nullptr);
    wait_until([] { return posix::blocked_waiter_count() == 1; });
    EXPECT_TRUE(CloseHandle(port));
    EXPECT_EQ(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    EXPECT_EQ(worker.error.load(), static_cast<DWORD>(ERROR_ABANDONED_WAIT_0));
    EXPECT_TRUE(worker.returned_null.load());
    EXPECT_TRUE(CloseHandle(thread));
}

TEST_F(PortWaiters, ADuplicatedPortHandleKeepsThePortOpen) {
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 1);
    HANDLE copy = nullptr;
    ASSERT_TRUE(DuplicateHandle(GetCurrentProcess(), port, GetCurrentProcess(), &copy, 0, FALSE, DUPLICATE_SAME_ACCESS));
    EXPECT_TRUE(CloseHandle(port));
    EXPECT_TRUE(PostQueuedCompletionStatus(copy, 4, 0, nullptr));
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = nullptr;
    EXPECT_TRUE(GetQueuedCompletionStatus(copy, &bytes, &key, &got, 0));
    EXPECT_EQ(bytes, 4u);
    EXPECT_TRUE(CloseHandle(copy));
}

}  // namespace
}  // namespace ovlab::testing
