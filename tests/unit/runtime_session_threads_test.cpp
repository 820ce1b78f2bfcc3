// Threads, APCs and completion ports inside a lesson session: the trace records who waits, who
// takes which packet and which routine is about to run; a run prints the same transcript every
// time; a reset (or the main thread returning) ends every lesson thread, wherever it waits.
#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "ovlab/callsite.h"
#include "ovlab/platform.h"
#include "ovlab/session.h"
#include "ovlab/trace_output.h"
#include "runtime_diagnostics.h"
#include "runtime_test_support.h"

namespace ovlab::testing {
namespace {

using namespace std::chrono_literals;
using trace::EventKind;

using LessonThreads = RuntimeTest;

// What the lesson prelude does for a traced call: tell the runtime the line and the argument text.
#define TRACED(fn, ...) (note_callsite(__LINE__, #__VA_ARGS__), fn(__VA_ARGS__))

std::vector<std::string> write_sample(const std::filesystem::path& workdir) {
    std::ofstream(workdir / "source.bin", std::ios::binary) << std::string(100, 'x');
    return {(workdir / "source.bin").string()};
}

bool wait_for(const std::function<bool()>& condition) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

// ---- a lesson whose threads wait everywhere, reset while they wait ----

DWORD WINAPI WaitInGqcs(LPVOID port) {
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED overlapped;
    GetQueuedCompletionStatus(static_cast<HANDLE>(port), &bytes, &key, &overlapped, INFINITE);
    ADD_FAILURE() << "the reset must unwind the wait, not end it";
    return 1;
}

DWORD WINAPI WaitAlertably(LPVOID) {
    SleepEx(INFINITE, TRUE);
    ADD_FAILURE() << "the reset must unwind the wait, not end it";
    return 1;
}

DWORD WINAPI NeverRuns(LPVOID) {
    ADD_FAILURE() << "a suspended thread the lesson never resumed must not start on reset";
    return 1;
}

int waits_everywhere_lesson(int, char**) {
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 1);
    HANDLE threads[4] = {CreateThread(nullptr, 0, WaitInGqcs, port, 0, nullptr),
                         CreateThread(nullptr, 0, WaitInGqcs, port, 0, nullptr),
                         CreateThread(nullptr, 0, WaitAlertably, nullptr, 0, nullptr),
                         CreateThread(nullptr, 0, NeverRuns, nullptr, CREATE_SUSPENDED, nullptr)};
    WaitForMultipleObjects(4, threads, TRUE, INFINITE);
    ADD_FAILURE() << "the reset must unwind the main thread's wait too";
    return 1;
}

TEST_F(LessonThreads, AResetWhileThreadsWaitInGqcsAndAlertableWaitsLeavesNothingBehind) {
    {
        Session session({"runtime-threads-reset", waits_everywhere_lesson, write_sample, nullptr});
        session.stepper().run(0us);
        session.start();
        // Two GQCS waits, one alertable sleep, one suspended start, the main thread's wait.
        ASSERT_TRUE(wait_for([] { return posix::blocked_waiter_count() == 5; }));
        EXPECT_EQ(posix::running_thread_count(), 4u);
    }  // the destructor resets the lesson
    EXPECT_EQ(posix::running_thread_count(), 0u);
    EXPECT_EQ(posix::blocked_waiter_count(), 0u);
    EXPECT_EQ(posix::open_handle_count(), 0u);
}

int returns_with_a_worker_waiting_lesson(int, char**) {
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 1);
    CreateThread(nullptr, 0, WaitInGqcs, port, 0, nullptr);
    Sleep(10);
    return 0;  // Windows ends the process here, and the worker with it
}

TEST_F(LessonThreads, WhenMainReturnsTheThreadsItLeftWaitingEnd) {
    Session session({"runtime-main-returns", returns_with_a_worker_waiting_lesson, write_sample, nullptr});
    session.stepper().run(0us);
    session.start();
    const SessionResult& result = session.wait();
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.leaked_handles, 2u) << "the port and the thread handle";
    EXPECT_EQ(posix::running_thread_count(), 0u);
}

// ---- a small completion-port program, run twice ----

struct WorkerState {
    HANDLE port;
    HANDLE all_read;
    int packets;
};

volatile LONG g_reads_done = 0;

DWORD WINAPI WorkerThread(LPVOID parameter) {
    auto* self = static_cast<WorkerState*>(parameter);
    for (;;) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        LPOVERLAPPED overlapped = nullptr;
        TRACED(GetQueuedCompletionStatus, self->port, &bytes, &key, &overlapped, INFINITE);
        if (key == 0) return 0;  // the stop packet
        ++self->packets;
        if (InterlockedIncrement(&g_reads_done) == 3) TRACED(SetEvent, self->all_read);
    }
}

int iocp_lesson(int, char** argv) {
    HANDLE hFile = TRACED(CreateFileA, argv[1], GENERIC_READ, 0, nullptr, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, nullptr);
    HANDLE hPort = TRACED(CreateIoCompletionPort, INVALID_HANDLE_VALUE, nullptr, 0, 1);
    TRACED(CreateIoCompletionPort, hFile, hPort, 7, 0);
    HANDLE all_read = TRACED(CreateEventA, nullptr, TRUE, FALSE, nullptr);
    g_reads_done = 0;
    WorkerState workers[2] = {{hPort, all_read, 0}, {hPort, all_read, 0}};
    HANDLE threads[2];
    for (int i = 0; i < 2; ++i) {
        threads[i] = TRACED(CreateThread, nullptr, 0, WorkerThread, &workers[i], 0, nullptr);
    }
    static char buffers[3][10];
    static OVERLAPPED reads[3];
    for (int i = 0; i < 3; ++i) {
        reads[i] = {};
        reads[i].Offset = static_cast<DWORD>(i * 10);
        TRACED(ReadFile, hFile, buffers[i], 10, nullptr, &reads[i]);
    }
    // Timed waits would make the transcript depend on timing; this one ends when a worker says so.
    TRACED(WaitForSingleObject, all_read, INFINITE);
    for (int i = 0; i < 2; ++i) TRACED(PostQueuedCompletionStatus, hPort, 0, 0, nullptr);
    TRACED(WaitForMultipleObjects, 2, threads, TRUE, INFINITE);
    for (HANDLE t : threads) TRACED(CloseHandle, t);
    TRACED(CloseHandle, all_read);
    TRACED(CloseHandle, hFile);
    TRACED(CloseHandle, hPort);
    return workers[0].packets + workers[1].packets == 3 ? 0 : 1;
}

std::string run_and_print(const LessonProgram& program, std::vector<trace::Event>* events = nullptr) {
    // Handles from 4 and names forgotten, as for the first lesson of a process (the tests before
    // this one used handles outside any session).
    EXPECT_EQ(platform::close_leaked_handles(), 0u);
    Session session(program);
    session.stepper().run(0us);
    session.start();
    const SessionResult& result = session.wait();
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.leaked_handles, 0u);
    trace::TextPrinter printer;
    std::string transcript;
    for (uint64_t i = 0; i < session.recorder().published(); ++i) {
        const trace::Event& event = session.recorder().at(i);
        // The working folder's name is the one thing that differs between runs.
        const std::string text = printer.print(event);
        if (event.kind != EventKind::LessonStarted) transcript += text;
        if (events) events->push_back(event);
    }
    return transcript;
}

TEST_F(LessonThreads, ACompletionPortLessonPrintsTheSameTranscriptEveryRun) {
    const LessonProgram program{"runtime-iocp", iocp_lesson, write_sample, nullptr};
    std::vector<trace::Event> events;
    const std::string first = run_and_print(program, &events);
    const std::string second = run_and_print(program);
    EXPECT_EQ(first, second);

    bool worker_named = false, worker_waits = false, worker_dequeues = false, counts_recorded = false;
    for (const trace::Event& e : events) {
        if (e.kind == EventKind::ThreadStarted && e.text_view() == "WorkerThread 2") worker_named = e.thread == 2;
        if (e.kind == EventKind::PortWaiter && e.a == 1 && (e.thread == 2 || e.thread == 3)) worker_waits = true;
        if (e.kind == EventKind::PortPacketDequeued && e.b == 7 && (e.thread == 2 || e.thread == 3)) worker_dequeues = true;
        if (e.kind == EventKind::PortCounts && e.b == 1) counts_recorded = true;
        if (e.kind == EventKind::PortCounts) {
            EXPECT_LE(e.a, 2u) << "running never exceeds the threads";
        }
    }
    EXPECT_TRUE(worker_named) << "the thread is named after its routine in the lesson source";
    EXPECT_TRUE(worker_waits);
    EXPECT_TRUE(worker_dequeues);
    EXPECT_TRUE(counts_recorded);
}

// ---- APC delivery as the student sees it ----

VOID CALLBACK Wake(ULONG_PTR) {}

VOID CALLBACK OnRead(DWORD, DWORD, LPOVERLAPPED) {}

int apc_lesson(int, char** argv) {
    TRACED(QueueUserAPC, Wake, GetCurrentThread(), 0);
    HANDLE hFile = TRACED(CreateFileA, argv[1], GENERIC_READ, 0, nullptr, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, nullptr);
    static char buffer[10];
    static OVERLAPPED ro;
    ro = {};
    TRACED(ReadFileEx, hFile, buffer, 10, &ro, OnRead);
    while (!HasOverlappedIoCompleted(&ro)) TRACED(Sleep, 1);
    const DWORD result = TRACED(SleepEx, INFINITE, TRUE);
    TRACED(CloseHandle, hFile);
    return result == WAIT_IO_COMPLETION ? 0 : 1;
}

TEST_F(LessonThreads, EachApcIsQueuedThenAnnouncedAtACheckpointThenRunAndDone) {
    std::vector<trace::Event> events;
    run_and_print({"runtime-apc", apc_lesson, write_sample, nullptr}, &events);
    std::vector<std::string> sequence;
    for (const trace::Event& e : events) {
        switch (e.kind) {
            case EventKind::ApcQueued: sequence.push_back("queued " + std::string(e.text_view())); break;
            case EventKind::ApcDelivering: sequence.push_back("delivering " + std::string(e.text_view())); break;
            case EventKind::ApcDone: sequence.push_back("done"); break;
            case EventKind::ThreadState:
                if (e.a == static_cast<uint64_t>(trace::ThreadState::RunningApc)) sequence.push_back("running");
                break;
            case EventKind::ApiLeave:
                if (e.name_view() == "SleepEx") sequence.push_back("SleepEx " + std::string(e.text_view()));
                break;
            default: break;
        }
    }
    EXPECT_EQ(sequence, (std::vector<std::string>{
                            "queued QueueUserAPC: Wake",
                            "queued ReadFileEx completion routine: OnRead",
                            "delivering QueueUserAPC: Wake", "running", "done",
                            "delivering ReadFileEx completion routine: OnRead", "running", "done",
                            "SleepEx WAIT_IO_COMPLETION (0xC0)",
                        }));
    for (const trace::Event& e : events) {
        if (e.kind == EventKind::ApcQueued) {
            EXPECT_EQ(e.object, 1u) << "queued to the main thread";
        }
    }
}

}  // namespace
}  // namespace ovlab::testing
