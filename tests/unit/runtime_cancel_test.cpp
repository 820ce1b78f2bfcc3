// CancelIo and CancelIoEx (docs/windows-rules.md §14). Reads on a named pipe (FIFO) stay pending
// until data is written, which gives requests to cancel. The io_uring backend cancels a pending
// pipe read in the kernel; the thread pool cancels a request no worker has started, so on that
// backend the tests first give every pool worker a read of its own to block in.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "ovlab/platform.h"
#include "runtime_diagnostics.h"
#include "runtime_test_support.h"

namespace ovlab::testing {
namespace {

constexpr int kPoolWorkers = 4;  // io_backend_threads.cpp

void wait_until(const std::function<bool()>& condition) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!condition() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ASSERT_TRUE(condition());
}

bool pool_backend() { return platform::io_backend_name() == "threads"; }

// Writes `text` into a FIFO, as the peer at its other end would.
void write_to_fifo(const std::string& fifo, const std::string& text) {
    const int fd = ::open(fifo.c_str(), O_WRONLY);
    ASSERT_GE(fd, 0);
    EXPECT_EQ(::write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
    ::close(fd);
}

class Cancellation : public RuntimeTest {
protected:
    void SetUp() override {
        RuntimeTest::SetUp();
        pipe_name_ = make_fifo("pipe");
        pipe_ = open_pipe();
        if (pool_backend()) occupy_pool_workers();
    }
    void TearDown() override {
        release_pool_workers();
        if (pipe_ != INVALID_HANDLE_VALUE) {
            EXPECT_TRUE(CloseHandle(pipe_));
        }
        RuntimeTest::TearDown();
    }

    HANDLE open_pipe() {
        return CreateFileA(pipe_name_.c_str(), GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_EXISTING,
                           FILE_FLAG_OVERLAPPED, nullptr);
    }

    // Thread pool only: one pipe read per worker, so the requests of the test stay queued.
    void occupy_pool_workers() {
        blocker_name_ = make_fifo("blockers");
        blocker_ = CreateFileA(blocker_name_.c_str(), GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_EXISTING,
                               FILE_FLAG_OVERLAPPED, nullptr);
        blocker_reads_.resize(kPoolWorkers);
        for (Blocker& b : blocker_reads_) {
            b.event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
            b.o.hEvent = b.event;
            EXPECT_FALSE(ReadFile(blocker_, &b.byte, 1, nullptr, &b.o));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let every worker pick one up
    }
    void release_pool_workers() {
        if (blocker_reads_.empty()) return;
        write_to_fifo(blocker_name_, std::string(kPoolWorkers, 'b'));
        for (Blocker& b : blocker_reads_) {
            EXPECT_EQ(WaitForSingleObject(b.event, 5000), WAIT_OBJECT_0);
            EXPECT_TRUE(CloseHandle(b.event));
        }
        blocker_reads_.clear();
        EXPECT_TRUE(CloseHandle(blocker_));
    }

    struct Blocker {
        HANDLE event = nullptr;
        OVERLAPPED o = {};
        char byte = 0;
    };

    std::string pipe_name_;
    HANDLE pipe_ = INVALID_HANDLE_VALUE;
    std::string blocker_name_;
    HANDLE blocker_ = INVALID_HANDLE_VALUE;
    std::vector<Blocker> blocker_reads_;
};

TEST_F(Cancellation, CancelIoExCompletesAPendingReadWithStatusCancelled) {
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    char buffer[8];
    OVERLAPPED o = {};
    o.hEvent = event;
    o.InternalHigh = 0xDEAD;
    ASSERT_FALSE(ReadFile(pipe_, buffer, sizeof buffer, nullptr, &o));
    ASSERT_EQ(GetLastError(), static_cast<DWORD>(ERROR_IO_PENDING));
    EXPECT_TRUE(CancelIoEx(pipe_, &o));
    EXPECT_EQ(WaitForSingleObject(event, 5000), WAIT_OBJECT_0) << "a cancelled request still signals its event";
    EXPECT_EQ(static_cast<DWORD>(o.Internal), kStatusCancelled);
    EXPECT_EQ(o.InternalHigh, 0u);
    DWORD got = 99;
    EXPECT_FALSE(GetOverlappedResult(pipe_, &o, &got, FALSE));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_OPERATION_ABORTED));
    EXPECT_EQ(got, 0u);
    EXPECT_FALSE(CancelIoEx(pipe_, &o)) << "it has completed: nothing to cancel";
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NOT_FOUND));
    EXPECT_TRUE(CloseHandle(event));
}

TEST_F(Cancellation, CancelIoExWithNullCancelsEveryRequestOnTheHandleOnly) {
    HANDLE other = open_pipe();  // the same FIFO through another handle
    char buffer[3][4];
    OVERLAPPED o[3] = {};
    ASSERT_FALSE(ReadFile(pipe_, buffer[0], 4, nullptr, &o[0]));
    ASSERT_FALSE(ReadFile(pipe_, buffer[1], 4, nullptr, &o[1]));
    ASSERT_FALSE(ReadFile(other, buffer[2], 4, nullptr, &o[2]));
    EXPECT_TRUE(CancelIoEx(pipe_, nullptr));
    wait_until([&] { return completed_now(o[0]) && completed_now(o[1]); });
    EXPECT_EQ(static_cast<DWORD>(o[0].Internal), kStatusCancelled);
    EXPECT_EQ(static_cast<DWORD>(o[1].Internal), kStatusCancelled);
    EXPECT_EQ(status_now(o[2]), STATUS_PENDING) << "another handle's request";
    EXPECT_FALSE(CancelIoEx(pipe_, nullptr));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NOT_FOUND));
    release_pool_workers();
    write_to_fifo(pipe_name_, "done");
    wait_until([&] { return completed_now(o[2]); });
    EXPECT_EQ(o[2].Internal, 0u);
    EXPECT_EQ(o[2].InternalHigh, 4u);
    EXPECT_TRUE(CloseHandle(other));
}

TEST_F(Cancellation, CancelIoExChecksItsHandle) {
    OVERLAPPED o = {};
    EXPECT_FALSE(CancelIoEx(nullptr, &o));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    EXPECT_FALSE(CancelIoEx(event, nullptr)) << "not a file";
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
    EXPECT_FALSE(CancelIoEx(pipe_, &o)) << "an OVERLAPPED no request uses";
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NOT_FOUND));
    EXPECT_FALSE(CancelIo(event));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
    EXPECT_TRUE(CloseHandle(event));
}

struct PipeReader {
    HANDLE pipe;
    HANDLE issued;
    HANDLE finish;
    char buffer[4];
    OVERLAPPED o;
};

DWORD WINAPI ReadThenWait(LPVOID parameter) {
    auto* reader = static_cast<PipeReader*>(parameter);
    ReadFile(reader->pipe, reader->buffer, sizeof reader->buffer, nullptr, &reader->o);
    SetEvent(reader->issued);
    WaitForSingleObject(reader->finish, INFINITE);
    return 0;
}

TEST_F(Cancellation, CancelIoCancelsOnlyTheCallingThreadsRequests) {
    PipeReader reader = {pipe_, CreateEventA(nullptr, TRUE, FALSE, nullptr), CreateEventA(nullptr, TRUE, FALSE, nullptr),
                         {}, {}};
    HANDLE thread = CreateThread(nullptr, 0, ReadThenWait, &reader, 0, nullptr);
    ASSERT_EQ(WaitForSingleObject(reader.issued, 5000), WAIT_OBJECT_0);
    char buffer[4];
    OVERLAPPED mine = {};
    ASSERT_FALSE(ReadFile(pipe_, buffer, sizeof buffer, nullptr, &mine));
    EXPECT_TRUE(CancelIo(pipe_));
    wait_until([&] { return completed_now(mine); });
    EXPECT_EQ(static_cast<DWORD>(mine.Internal), kStatusCancelled);
    EXPECT_EQ(status_now(reader.o), STATUS_PENDING) << "the other thread's request goes on";
    EXPECT_TRUE(CancelIo(pipe_)) << "TRUE even when there is nothing left to cancel";
    release_pool_workers();
    write_to_fifo(pipe_name_, "wxyz");
    wait_until([&] { return completed_now(reader.o); });
    EXPECT_EQ(reader.o.Internal, 0u);
    EXPECT_TRUE(SetEvent(reader.finish));
    EXPECT_EQ(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    for (HANDLE h : {thread, reader.issued, reader.finish}) EXPECT_TRUE(CloseHandle(h));
}

VOID CALLBACK RecordAborted(DWORD error, DWORD bytes, LPOVERLAPPED overlapped) {
    auto* result = static_cast<DWORD*>(overlapped->hEvent);  // ReadFileEx leaves hEvent to the program
    result[0] = error;
    result[1] = bytes;
}

TEST_F(Cancellation, ACancelledReadFileExRunsItsRoutineWithOperationAborted) {
    char buffer[4];
    DWORD result[2] = {77, 77};
    OVERLAPPED o = {};
    o.hEvent = result;
    ASSERT_TRUE(ReadFileEx(pipe_, buffer, sizeof buffer, &o, RecordAborted));
    EXPECT_TRUE(CancelIoEx(pipe_, &o));
    wait_until([&] { return completed_now(o); });
    EXPECT_EQ(SleepEx(0, TRUE), WAIT_IO_COMPLETION);
    EXPECT_EQ(result[0], static_cast<DWORD>(ERROR_OPERATION_ABORTED));
    EXPECT_EQ(result[1], 0u);
}

TEST_F(Cancellation, ACancelledRequestOnAPortArrivesAsAFailedPacket) {
    HANDLE port = CreateIoCompletionPort(pipe_, nullptr, 42, 1);
    ASSERT_NE(port, nullptr);
    char buffer[4];
    OVERLAPPED o = {};
    ASSERT_FALSE(ReadFile(pipe_, buffer, sizeof buffer, nullptr, &o));
    EXPECT_TRUE(CancelIoEx(pipe_, &o));
    DWORD bytes = 5;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = nullptr;
    EXPECT_FALSE(GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_OPERATION_ABORTED));
    EXPECT_EQ(got, &o);
    EXPECT_EQ(key, 42u);
    EXPECT_EQ(bytes, 0u);
    EXPECT_TRUE(CloseHandle(port));
}

DWORD WINAPI ReadThenExit(LPVOID parameter) {
    auto* reader = static_cast<PipeReader*>(parameter);
    ReadFile(reader->pipe, reader->buffer, sizeof reader->buffer, nullptr, &reader->o);
    return 0;
}

TEST_F(Cancellation, AThreadThatEndsCancelsItsRequestsOnHandlesWithoutAPort) {
    PipeReader reader = {pipe_, nullptr, nullptr, {}, {}};
    reader.o.hEvent = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    HANDLE thread = CreateThread(nullptr, 0, ReadThenExit, &reader, 0, nullptr);
    EXPECT_EQ(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    EXPECT_EQ(WaitForSingleObject(reader.o.hEvent, 5000), WAIT_OBJECT_0);
    EXPECT_EQ(static_cast<DWORD>(reader.o.Internal), kStatusCancelled);
    EXPECT_TRUE(CloseHandle(thread));
    EXPECT_TRUE(CloseHandle(reader.o.hEvent));
}

TEST_F(Cancellation, ARequestThatAlreadyFinishedIsNotFound) {
    release_pool_workers();
    write_text_file("a.txt", "abc");
    HANDLE file = open_overlapped("a.txt");
    char buffer[3];
    OVERLAPPED o = {};
    ASSERT_FALSE(ReadFile(file, buffer, sizeof buffer, nullptr, &o));
    DWORD got = 0;
    ASSERT_TRUE(GetOverlappedResult(file, &o, &got, TRUE));
    EXPECT_FALSE(CancelIoEx(file, &o));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NOT_FOUND));
    EXPECT_TRUE(CloseHandle(file));
}

}  // namespace
}  // namespace ovlab::testing
