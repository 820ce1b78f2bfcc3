// APCs, alertable waits and completion routines (docs/windows-rules.md §9-§11).
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "runtime_diagnostics.h"
#include "runtime_test_support.h"

namespace ovlab::testing {
namespace {

using Apcs = RuntimeTest;

// What the APCs and completion routines of a test saw, in the order they ran.
struct Calls {
    std::mutex mutex;
    std::vector<ULONG_PTR> values;
    std::vector<DWORD> threads;
    std::vector<DWORD> errors;
    std::vector<DWORD> bytes;
    std::vector<LPOVERLAPPED> overlappeds;

    void add(ULONG_PTR value) {
        std::lock_guard lock(mutex);
        values.push_back(value);
        threads.push_back(GetCurrentThreadId());
    }
    std::vector<ULONG_PTR> seen() {
        std::lock_guard lock(mutex);
        return values;
    }
};
Calls* g_calls = nullptr;

class ApcTest : public Apcs {
protected:
    void SetUp() override {
        Apcs::SetUp();
        g_calls = &calls_;
    }
    void TearDown() override {
        g_calls = nullptr;
        Apcs::TearDown();
    }
    Calls calls_;
};

VOID CALLBACK RecordApc(ULONG_PTR value) { g_calls->add(value); }

VOID CALLBACK QueueAnotherApc(ULONG_PTR value) {
    g_calls->add(value);
    QueueUserAPC(RecordApc, GetCurrentThread(), value + 1);
}

VOID CALLBACK RecordCompletion(DWORD error, DWORD bytes, LPOVERLAPPED overlapped) {
    std::lock_guard lock(g_calls->mutex);
    g_calls->values.push_back(reinterpret_cast<ULONG_PTR>(overlapped));
    g_calls->threads.push_back(GetCurrentThreadId());
    g_calls->errors.push_back(error);
    g_calls->bytes.push_back(bytes);
    g_calls->overlappeds.push_back(overlapped);
}

void wait_until(const std::function<bool()>& condition) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!condition() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ASSERT_TRUE(condition());
}

TEST_F(ApcTest, QueuedApcsRunOnlyInAnAlertableWaitAllAtOnceInFifoOrder) {
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    for (ULONG_PTR i = 1; i <= 3; ++i) EXPECT_NE(QueueUserAPC(RecordApc, GetCurrentThread(), i), 0u);
    Sleep(5);
    EXPECT_EQ(WaitForSingleObject(event, 5), static_cast<DWORD>(WAIT_TIMEOUT));
    EXPECT_EQ(SleepEx(5, FALSE), 0u);
    EXPECT_EQ(WaitForSingleObjectEx(event, 5, FALSE), static_cast<DWORD>(WAIT_TIMEOUT));
    EXPECT_EQ(WaitForMultipleObjectsEx(1, &event, FALSE, 5, FALSE), static_cast<DWORD>(WAIT_TIMEOUT));
    EXPECT_TRUE(calls_.seen().empty()) << "non-alertable waits never run APCs";

    EXPECT_EQ(SleepEx(0, TRUE), WAIT_IO_COMPLETION) << "SleepEx(0, TRUE) drains the queue";
    EXPECT_EQ(calls_.seen(), (std::vector<ULONG_PTR>{1, 2, 3}));
    EXPECT_EQ(SleepEx(0, TRUE), 0u) << "nothing left";
    EXPECT_TRUE(CloseHandle(event));
}

TEST_F(ApcTest, AnObjectAlreadySignalledWinsOverQueuedApcs) {
    HANDLE event = CreateEventA(nullptr, TRUE, TRUE, nullptr);
    EXPECT_NE(QueueUserAPC(RecordApc, GetCurrentThread(), 1), 0u);
    EXPECT_EQ(WaitForSingleObjectEx(event, INFINITE, TRUE), WAIT_OBJECT_0);
    EXPECT_EQ(WaitForMultipleObjectsEx(1, &event, FALSE, INFINITE, TRUE), WAIT_OBJECT_0);
    EXPECT_TRUE(calls_.seen().empty()) << "the APC stays queued";
    EXPECT_TRUE(ResetEvent(event));
    EXPECT_EQ(WaitForSingleObjectEx(event, INFINITE, TRUE), WAIT_IO_COMPLETION)
        << "not signalled: the APC runs and the wait returns without waiting on";
    EXPECT_EQ(calls_.seen(), (std::vector<ULONG_PTR>{1}));
    EXPECT_EQ(WaitForSingleObject(event, 0), static_cast<DWORD>(WAIT_TIMEOUT)) << "the wait was not satisfied";
    EXPECT_TRUE(CloseHandle(event));
}

TEST_F(ApcTest, AnApcQueuedByARunningApcRunsInTheSameWait) {
    EXPECT_NE(QueueUserAPC(QueueAnotherApc, GetCurrentThread(), 10), 0u);
    EXPECT_EQ(SleepEx(0, TRUE), WAIT_IO_COMPLETION);
    EXPECT_EQ(calls_.seen(), (std::vector<ULONG_PTR>{10, 11}));
    EXPECT_EQ(SleepEx(0, TRUE), 0u);
}

struct AlertableWaiter {
    HANDLE never;
    std::atomic<DWORD> result{0xBAD};
};

DWORD WINAPI WaitAlertably(LPVOID parameter) {
    auto* waiter = static_cast<AlertableWaiter*>(parameter);
    waiter->result = WaitForSingleObjectEx(waiter->never, INFINITE, TRUE);
    return 0;
}

TEST_F(ApcTest, AnApcQueuedToAThreadInAnAlertableWaitRunsThereAndEndsTheWait) {
    AlertableWaiter waiter;
    waiter.never = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    DWORD worker_id = 0;
    HANDLE worker = CreateThread(nullptr, 0, WaitAlertably, &waiter, 0, &worker_id);
    wait_until([] { return posix::blocked_waiter_count() == 1; });
    EXPECT_EQ(waiter.result.load(), 0xBADu);
    EXPECT_NE(QueueUserAPC(RecordApc, worker, 7), 0u);
    EXPECT_EQ(WaitForSingleObject(worker, 5000), WAIT_OBJECT_0);
    EXPECT_EQ(waiter.result.load(), WAIT_IO_COMPLETION);
    EXPECT_EQ(calls_.seen(), (std::vector<ULONG_PTR>{7}));
    EXPECT_EQ(calls_.threads, (std::vector<DWORD>{worker_id})) << "APCs run on the thread they were queued to";
    EXPECT_EQ(SleepEx(0, TRUE), 0u) << "nothing was queued to this thread";
    EXPECT_TRUE(CloseHandle(worker));
    EXPECT_TRUE(CloseHandle(waiter.never));
}

DWORD WINAPI RecordRoutineStart(LPVOID) {
    g_calls->add(100);
    return 0;
}

TEST_F(ApcTest, AnApcQueuedToASuspendedThreadRunsBeforeItsRoutine) {
    HANDLE worker = CreateThread(nullptr, 0, RecordRoutineStart, nullptr, CREATE_SUSPENDED, nullptr);
    EXPECT_NE(QueueUserAPC(RecordApc, worker, 1), 0u);
    EXPECT_NE(QueueUserAPC(RecordApc, worker, 2), 0u);
    EXPECT_EQ(ResumeThread(worker), 1u);
    EXPECT_EQ(WaitForSingleObject(worker, 5000), WAIT_OBJECT_0);
    EXPECT_EQ(calls_.seen(), (std::vector<ULONG_PTR>{1, 2, 100}));
    EXPECT_TRUE(CloseHandle(worker));
}

DWORD WINAPI WaitNonAlertably(LPVOID event) {
    WaitForSingleObject(static_cast<HANDLE>(event), INFINITE);
    return 0;
}

TEST_F(ApcTest, ApcsOfAThreadThatEndsNeverRunAndNewOnesAreRefused) {
    HANDLE go = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    HANDLE worker = CreateThread(nullptr, 0, WaitNonAlertably, go, 0, nullptr);
    wait_until([] { return posix::blocked_waiter_count() == 1; });
    EXPECT_NE(QueueUserAPC(RecordApc, worker, 1), 0u);
    EXPECT_TRUE(SetEvent(go));
    EXPECT_EQ(WaitForSingleObject(worker, 5000), WAIT_OBJECT_0);
    EXPECT_TRUE(calls_.seen().empty()) << "discarded when the thread ended";
    EXPECT_EQ(QueueUserAPC(RecordApc, worker, 2), 0u);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_GEN_FAILURE));
    EXPECT_EQ(QueueUserAPC(RecordApc, go, 3), 0u) << "an event is not a thread";
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
    EXPECT_EQ(QueueUserAPC(nullptr, GetCurrentThread(), 3), 0u);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
    EXPECT_TRUE(CloseHandle(worker));
    EXPECT_TRUE(CloseHandle(go));
}

TEST_F(ApcTest, SignalObjectAndWaitSignalsEvenWhenApcsEndTheWait) {
    HANDLE to_signal = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    HANDLE to_wait = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    EXPECT_NE(QueueUserAPC(RecordApc, GetCurrentThread(), 1), 0u);
    EXPECT_EQ(SignalObjectAndWait(to_signal, to_wait, INFINITE, TRUE), WAIT_IO_COMPLETION);
    EXPECT_EQ(calls_.seen(), (std::vector<ULONG_PTR>{1}));
    EXPECT_EQ(WaitForSingleObject(to_signal, 0), WAIT_OBJECT_0);
    EXPECT_TRUE(ResetEvent(to_signal));
    EXPECT_EQ(SignalObjectAndWait(to_signal, to_wait, 10, FALSE), static_cast<DWORD>(WAIT_TIMEOUT));
    EXPECT_EQ(WaitForSingleObject(to_signal, 0), WAIT_OBJECT_0);
    EXPECT_TRUE(SetEvent(to_wait));
    EXPECT_EQ(SignalObjectAndWait(to_signal, to_wait, 0, TRUE), WAIT_OBJECT_0);
    EXPECT_EQ(SignalObjectAndWait(to_signal, nullptr, 0, FALSE), WAIT_FAILED);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
    EXPECT_TRUE(CloseHandle(to_signal));
    EXPECT_TRUE(CloseHandle(to_wait));
}

TEST_F(ApcTest, ReadFileExRunsItsRoutineInTheIssuingThreadsNextAlertableWait) {
    write_text_file("a.txt", "0123456789abcdef");
    HANDLE file = open_overlapped("a.txt");
    char buffer[10] = {};
    OVERLAPPED o = {};
    o.Offset = 3;
    o.hEvent = reinterpret_cast<HANDLE>(ULONG_PTR{0x1234});  // the program's own data: ReadFileEx ignores it
    SetLastError(77);
    EXPECT_TRUE(ReadFileEx(file, buffer, sizeof buffer, &o, RecordCompletion));
    EXPECT_EQ(GetLastError(), 77u) << "a started request leaves the last error alone";
    wait_until([&] { return completed_now(o); });
    EXPECT_EQ(WaitForSingleObject(file, 5000), WAIT_OBJECT_0) << "without an event the handle is signalled";
    Sleep(5);
    EXPECT_TRUE(calls_.seen().empty()) << "finished, but the routine waits for an alertable wait";
    EXPECT_EQ(SleepEx(INFINITE, TRUE), WAIT_IO_COMPLETION);
    ASSERT_EQ(calls_.errors.size(), 1u);
    EXPECT_EQ(calls_.errors[0], 0u);
    EXPECT_EQ(calls_.bytes[0], 10u);
    EXPECT_EQ(calls_.overlappeds[0], &o);
    EXPECT_EQ(calls_.threads[0], GetCurrentThreadId());
    EXPECT_EQ(o.Internal, 0u);
    EXPECT_EQ(o.InternalHigh, 10u);
    EXPECT_EQ(o.hEvent, reinterpret_cast<HANDLE>(ULONG_PTR{0x1234}));
    EXPECT_EQ(std::string(buffer, 10), "3456789abc");
    EXPECT_TRUE(CloseHandle(file));
}

TEST_F(ApcTest, ReadFileExPastTheEndSucceedsAndTheRoutineGetsHandleEof) {
    write_text_file("a.txt", "0123");
    HANDLE file = open_overlapped("a.txt");
    char buffer[8];
    OVERLAPPED o = {};
    o.Offset = 4;
    EXPECT_TRUE(ReadFileEx(file, buffer, sizeof buffer, &o, RecordCompletion));
    EXPECT_EQ(SleepEx(INFINITE, TRUE), WAIT_IO_COMPLETION);
    ASSERT_EQ(calls_.errors.size(), 1u);
    EXPECT_EQ(calls_.errors[0], static_cast<DWORD>(ERROR_HANDLE_EOF));
    EXPECT_EQ(calls_.bytes[0], 0u);
    EXPECT_EQ(static_cast<DWORD>(o.Internal), kStatusEndOfFile);
    EXPECT_TRUE(CloseHandle(file));
}

TEST_F(ApcTest, WriteFileExWritesAndReportsTheBytes) {
    HANDLE file = open_overlapped("out.txt", GENERIC_WRITE, CREATE_NEW);
    OVERLAPPED o = {};
    EXPECT_TRUE(WriteFileEx(file, "hello", 5, &o, RecordCompletion));
    EXPECT_EQ(SleepEx(INFINITE, TRUE), WAIT_IO_COMPLETION);
    ASSERT_EQ(calls_.bytes.size(), 1u);
    EXPECT_EQ(calls_.errors[0], 0u);
    EXPECT_EQ(calls_.bytes[0], 5u);
    EXPECT_TRUE(CloseHandle(file));
    EXPECT_EQ(read_whole_file("out.txt"), "hello");
}

TEST_F(ApcTest, CompletionRoutinesRunInTheOrderTheRequestsCompletedNotTheOrderIssued) {
    const std::string fifo = make_fifo("pipe");
    write_text_file("a.txt", "abc");
    HANDLE slow = CreateFileA(fifo.c_str(), GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_EXISTING,
                              FILE_FLAG_OVERLAPPED, nullptr);
    HANDLE fast = open_overlapped("a.txt");
    ASSERT_NE(slow, INVALID_HANDLE_VALUE);
    char slow_buffer[4], fast_buffer[4];
    OVERLAPPED slow_o = {}, fast_o = {};
    EXPECT_TRUE(ReadFileEx(slow, slow_buffer, sizeof slow_buffer, &slow_o, RecordCompletion));
    EXPECT_TRUE(ReadFileEx(fast, fast_buffer, sizeof fast_buffer, &fast_o, RecordCompletion));
    wait_until([&] { return completed_now(fast_o); });
    EXPECT_FALSE(completed_now(slow_o)) << "a pipe read waits for data";
    const int writer = ::open(fifo.c_str(), O_WRONLY);
    ASSERT_GE(writer, 0);
    EXPECT_EQ(::write(writer, "xy", 2), 2);
    ::close(writer);
    wait_until([&] { return completed_now(slow_o); });
    EXPECT_EQ(SleepEx(0, TRUE), WAIT_IO_COMPLETION);
    EXPECT_EQ(calls_.overlappeds, (std::vector<LPOVERLAPPED>{&fast_o, &slow_o}));
    EXPECT_EQ(calls_.bytes, (std::vector<DWORD>{3, 2}));
    EXPECT_TRUE(CloseHandle(slow));
    EXPECT_TRUE(CloseHandle(fast));
}

struct ExReader {
    HANDLE file;
    char buffer[4];
    OVERLAPPED o;
};

DWORD WINAPI ReadWithRoutineThenWaitAlertably(LPVOID parameter) {
    auto* reader = static_cast<ExReader*>(parameter);
    if (!ReadFileEx(reader->file, reader->buffer, sizeof reader->buffer, &reader->o, RecordCompletion)) return 1;
    return SleepEx(INFINITE, TRUE) == WAIT_IO_COMPLETION ? 0 : 2;
}

TEST_F(ApcTest, OnlyTheIssuingThreadRunsTheCompletionRoutine) {
    write_text_file("a.txt", "abcd");
    ExReader reader = {open_overlapped("a.txt"), {}, {}};
    DWORD worker_id = 0;
    HANDLE worker = CreateThread(nullptr, 0, ReadWithRoutineThenWaitAlertably, &reader, 0, &worker_id);
    EXPECT_EQ(WaitForSingleObject(worker, 5000), WAIT_OBJECT_0);
    DWORD code = 99;
    EXPECT_TRUE(GetExitCodeThread(worker, &code));
    EXPECT_EQ(code, 0u);
    EXPECT_EQ(calls_.threads, (std::vector<DWORD>{worker_id}));
    EXPECT_EQ(SleepEx(0, TRUE), 0u);
    EXPECT_TRUE(CloseHandle(worker));
    EXPECT_TRUE(CloseHandle(reader.file));
}

TEST_F(ApcTest, ReadFileExRefusesBadArgumentsAndPortBoundHandles) {
    write_text_file("a.txt", "abcd");
    HANDLE file = open_overlapped("a.txt");
    char buffer[4];
    EXPECT_FALSE(ReadFileEx(file, buffer, 4, nullptr, RecordCompletion));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
    OVERLAPPED o = {};
    HANDLE port = CreateIoCompletionPort(file, nullptr, 1, 0);
    ASSERT_NE(port, nullptr);
    EXPECT_FALSE(ReadFileEx(file, buffer, 4, &o, RecordCompletion)) << "a routine and a port at once";
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
    EXPECT_FALSE(ReadFileEx(nullptr, buffer, 4, &o, RecordCompletion));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
    EXPECT_EQ(SleepEx(0, TRUE), 0u) << "no routine for a request that did not start";
    EXPECT_TRUE(CloseHandle(port));
    EXPECT_TRUE(CloseHandle(file));
}

TEST_F(ApcTest, GetOverlappedResultExTimesOutOrReturnsForApcs) {
    const std::string fifo = make_fifo("pipe");
    HANDLE pipe = CreateFileA(fifo.c_str(), GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_EXISTING,
                              FILE_FLAG_OVERLAPPED, nullptr);
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    char buffer[4];
    OVERLAPPED o = {};
    o.hEvent = event;
    EXPECT_FALSE(ReadFile(pipe, buffer, sizeof buffer, nullptr, &o));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_IO_PENDING));
    DWORD got = 99;
    EXPECT_FALSE(GetOverlappedResultEx(pipe, &o, &got, 0, FALSE));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_IO_INCOMPLETE));
    EXPECT_FALSE(GetOverlappedResultEx(pipe, &o, &got, 20, FALSE));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(WAIT_TIMEOUT));
    EXPECT_NE(QueueUserAPC(RecordApc, GetCurrentThread(), 5), 0u);
    EXPECT_FALSE(GetOverlappedResultEx(pipe, &o, &got, INFINITE, TRUE));
    EXPECT_EQ(GetLastError(), WAIT_IO_COMPLETION) << "the APC ran; the request is still pending";
    EXPECT_EQ(calls_.seen(), (std::vector<ULONG_PTR>{5}));
    EXPECT_EQ(got, 99u) << "not written while pending";
    EXPECT_EQ(status_now(o), STATUS_PENDING);
    const int writer = ::open(fifo.c_str(), O_WRONLY);
    ASSERT_GE(writer, 0);
    EXPECT_EQ(::write(writer, "xyz", 3), 3);
    ::close(writer);
    EXPECT_TRUE(GetOverlappedResultEx(pipe, &o, &got, 5000, TRUE));
    EXPECT_EQ(got, 3u);
    EXPECT_TRUE(CloseHandle(event));
    EXPECT_TRUE(CloseHandle(pipe));
}

}  // namespace
}  // namespace ovlab::testing
