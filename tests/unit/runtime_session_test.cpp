// The runtime inside a lesson session: with completion hold on, a request stays visibly pending
// (the exact docs/windows-rules.md state between issue and completion), the trace records the whole
// sequence, and a reset unwinds a thread blocked in a wait and drains its I/O.
#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include "ovlab/callsite.h"
#include "ovlab/session.h"
#include "runtime_diagnostics.h"
#include "runtime_test_support.h"

namespace ovlab::testing {
namespace {

using namespace std::chrono_literals;
using trace::EventKind;

using RuntimeInSession = RuntimeTest;

std::vector<std::string> write_sample(const std::filesystem::path& workdir) {
    std::ofstream(workdir / "source.bin", std::ios::binary) << "0123456789abcdef";
    return {(workdir / "source.bin").string()};
}

// Waits until the stepper holds `count` finished completions (the kernel is done, delivery is not).
bool wait_for_held(size_t count) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (current_stepper()->held_count() < count) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

int pending_read_lesson(int, char** argv) {
    HANDLE hSrc = CreateFileA(argv[1], GENERIC_READ, 0, nullptr, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, nullptr);
    HANDLE hEvent = CreateEventA(nullptr, TRUE, TRUE, nullptr);
    char buffer[8] = {};
    OVERLAPPED ro = {};
    ro.Offset = 4;
    ro.InternalHigh = 0xDEAD;
    ro.hEvent = hEvent;
    note_callsite(__LINE__, "hSrc, buffer, sizeof buffer, NULL, &ro");  // what the lesson prelude does
    EXPECT_FALSE(ReadFile(hSrc, buffer, sizeof buffer, nullptr, &ro));
    EXPECT_EQ(GetLastError(), ERROR_IO_PENDING);
    EXPECT_EQ(ro.Internal, STATUS_PENDING);
    EXPECT_EQ(ro.InternalHigh, 0xDEADu) << "InternalHigh is untouched while pending";
    EXPECT_FALSE(HasOverlappedIoCompleted(&ro));
    EXPECT_EQ(WaitForSingleObject(hEvent, 0), static_cast<DWORD>(WAIT_TIMEOUT)) << "hEvent was reset at issue";
    DWORD got = 99;
    EXPECT_FALSE(GetOverlappedResult(hSrc, &ro, &got, FALSE));
    EXPECT_EQ(GetLastError(), ERROR_IO_INCOMPLETE);
    EXPECT_EQ(got, 99u);

    EXPECT_TRUE(wait_for_held(1));
    EXPECT_EQ(ro.Internal, STATUS_PENDING) << "finished in the kernel, but held: not delivered yet";
    current_stepper()->release_held();
    note_callsite(__LINE__, "hSrc, &ro, &got, TRUE");
    EXPECT_TRUE(GetOverlappedResult(hSrc, &ro, &got, TRUE));
    EXPECT_EQ(got, 8u);
    EXPECT_EQ(ro.Internal, 0u);
    EXPECT_EQ(ro.InternalHigh, 8u);
    EXPECT_EQ(std::string(buffer, 8), "456789ab");
    CloseHandle(hEvent);
    CloseHandle(hSrc);
    return 0;
}

TEST_F(RuntimeInSession, AHeldCompletionLeavesTheRequestVisiblyPendingAndTheTraceRecordsEachStep) {
    Session session({"runtime-pending-read", pending_read_lesson, write_sample, nullptr});
    session.stepper().set_hold(true);
    session.stepper().run(0us);
    session.start();
    const SessionResult& result = session.wait();
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.leaked_handles, 0u);

    const trace::Recorder& recorder = session.recorder();
    bool named_ro = false, named_source = false, internal_pending = false, internal_done = false;
    std::vector<EventKind> io_sequence;
    for (uint64_t i = 0; i < recorder.published(); ++i) {
        const trace::Event& e = recorder.at(i);
        if (e.kind == EventKind::ObjectNamed && e.text_view() == "ro" && e.a == 1) named_ro = true;
        if (e.kind == EventKind::ObjectNamed && e.text_view() == "hSrc" && e.a == 0) named_source = true;
        if (e.kind == EventKind::FieldChange && e.a == static_cast<uint64_t>(trace::OverlappedField::Internal)) {
            if (e.c == kStatusPending) internal_pending = true;
            if (e.b == kStatusPending && e.c == kStatusSuccess) internal_done = true;
        }
        if (e.kind == EventKind::IoIssued || e.kind == EventKind::IoFinished || e.kind == EventKind::IoCompleting ||
            e.kind == EventKind::IoCompleted)
            io_sequence.push_back(e.kind);
    }
    EXPECT_TRUE(named_ro);
    EXPECT_TRUE(named_source);
    EXPECT_TRUE(internal_pending);
    EXPECT_TRUE(internal_done);
    EXPECT_EQ(io_sequence, (std::vector<EventKind>{EventKind::IoIssued, EventKind::IoFinished, EventKind::IoCompleting,
                                                   EventKind::IoCompleted}));
}

int blocked_forever_lesson(int, char** argv) {
    HANDLE hSrc = CreateFileA(argv[1], GENERIC_READ, 0, nullptr, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, nullptr);
    static char buffer[8];
    static OVERLAPPED ro;
    ro = {};
    ReadFile(hSrc, buffer, sizeof buffer, nullptr, &ro);  // held: never delivered
    HANDLE never = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    WaitForSingleObject(never, INFINITE);
    ADD_FAILURE() << "the wait must be unwound by the reset, not return";
    return 1;
}

TEST_F(RuntimeInSession, AResetUnwindsABlockedWaitDrainsItsIoAndClosesItsHandles) {
    {
        Session session({"runtime-reset", blocked_forever_lesson, write_sample, nullptr});
        session.stepper().set_hold(true);
        session.stepper().run(0us);
        session.start();
        const auto deadline = std::chrono::steady_clock::now() + 5s;
        while (posix::blocked_waiter_count() == 0 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(1ms);
        ASSERT_EQ(posix::blocked_waiter_count(), 1u);
    }  // the destructor resets the lesson
}

int endless_lesson(int, char**) {
    HANDLE hEvent = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    for (;;) {
        note_callsite(__LINE__, "hEvent");
        SetEvent(hEvent);
        ResetEvent(hEvent);
    }
}

TEST_F(RuntimeInSession, ARunWhoseHistoryFillsStopsAtItsLastStepAndCanStillBeReset) {
    Session session({"runtime-endless", endless_lesson, nullptr, nullptr}, 2 * trace::Recorder::kReserve);
    session.stepper().run(0us);
    session.start();
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (!session.history_full() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
    ASSERT_TRUE(session.history_full());
    EXPECT_TRUE(session.stepper().halted());
    std::this_thread::sleep_for(50ms);
    const trace::Recorder& recorder = session.recorder();
    const uint64_t kept = recorder.published();
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(recorder.published(), kept) << "nothing moves after the stop";
    EXPECT_LT(kept, recorder.capacity()) << "the stop came before the reserve ran out";
    EXPECT_EQ(recorder.dropped(), 0u);
    bool said_why = false;
    for (uint64_t i = 0; i < kept; ++i)
        said_why = said_why || recorder.at(i).kind == EventKind::HistoryFull;
    EXPECT_TRUE(said_why) << "the trace says why the run stopped";

    session.stop();
    ASSERT_TRUE(session.result().has_value());
    EXPECT_FALSE(session.result()->check.passed);
    EXPECT_EQ(session.result()->leaked_handles, 1u) << "the event, closed by the session";
}

}  // namespace
}  // namespace ovlab::testing
