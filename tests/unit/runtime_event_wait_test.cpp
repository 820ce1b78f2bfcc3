// Events and waits (docs/windows-rules.md §5, §9): reset modes, wait-any/all, time-outs.
#include <atomic>
#include <chrono>
#include <thread>

#include "runtime_test_support.h"

namespace ovlab::testing {
namespace {

using Clock = std::chrono::steady_clock;
using EventsAndWaits = RuntimeTest;

TEST_F(EventsAndWaits, AnAutoResetEventIsConsumedByTheWaitItSatisfies) {
    HANDLE event = CreateEventA(nullptr, FALSE, TRUE, nullptr);
    EXPECT_EQ(WaitForSingleObject(event, 0), WAIT_OBJECT_0);
    EXPECT_EQ(WaitForSingleObject(event, 0), static_cast<DWORD>(WAIT_TIMEOUT));
    EXPECT_TRUE(SetEvent(event));
    EXPECT_EQ(WaitForSingleObject(event, 0), WAIT_OBJECT_0);
    EXPECT_TRUE(CloseHandle(event));
}

TEST_F(EventsAndWaits, AManualResetEventStaysSignalledUntilReset) {
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    EXPECT_EQ(WaitForSingleObject(event, 0), static_cast<DWORD>(WAIT_TIMEOUT));
    EXPECT_TRUE(SetEvent(event));
    EXPECT_EQ(WaitForSingleObject(event, 0), WAIT_OBJECT_0);
    EXPECT_EQ(WaitForSingleObject(event, 0), WAIT_OBJECT_0);
    EXPECT_TRUE(ResetEvent(event));
    EXPECT_EQ(WaitForSingleObject(event, 0), static_cast<DWORD>(WAIT_TIMEOUT));
    EXPECT_TRUE(CloseHandle(event));
}

TEST_F(EventsAndWaits, SetEventWakesAThreadBlockedInAWait) {
    HANDLE event = CreateEventA(nullptr, FALSE, FALSE, nullptr);
    std::atomic<DWORD> result{0xBAD};
    std::thread waiter([&] { result = WaitForSingleObject(event, INFINITE); });
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    EXPECT_EQ(result.load(), 0xBADu) << "the waiter must still be blocked";
    EXPECT_TRUE(SetEvent(event));
    waiter.join();
    EXPECT_EQ(result.load(), WAIT_OBJECT_0);
    EXPECT_EQ(WaitForSingleObject(event, 0), static_cast<DWORD>(WAIT_TIMEOUT)) << "the waiter consumed the signal";
    EXPECT_TRUE(CloseHandle(event));
}

TEST_F(EventsAndWaits, OneSetEventOfAnAutoResetEventReleasesExactlyOneWaiter) {
    HANDLE event = CreateEventA(nullptr, FALSE, FALSE, nullptr);
    std::atomic<int> woken{0};
    auto wait_once = [&] {
        if (WaitForSingleObject(event, 2000) == WAIT_OBJECT_0) ++woken;
    };
    std::thread first(wait_once), second(wait_once);
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    EXPECT_TRUE(SetEvent(event));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(woken.load(), 1);
    EXPECT_TRUE(SetEvent(event));
    first.join();
    second.join();
    EXPECT_EQ(woken.load(), 2);
    EXPECT_TRUE(CloseHandle(event));
}

TEST_F(EventsAndWaits, WaitAnyReturnsTheLowestSignalledIndexAndConsumesOnlyThatEvent) {
    HANDLE events[3] = {CreateEventA(nullptr, FALSE, FALSE, nullptr), CreateEventA(nullptr, FALSE, TRUE, nullptr),
                        CreateEventA(nullptr, FALSE, TRUE, nullptr)};
    EXPECT_EQ(WaitForMultipleObjects(3, events, FALSE, 0), WAIT_OBJECT_0 + 1);
    EXPECT_EQ(WaitForSingleObject(events[2], 0), WAIT_OBJECT_0) << "index 2 was not consumed";
    EXPECT_EQ(WaitForMultipleObjects(3, events, FALSE, 0), static_cast<DWORD>(WAIT_TIMEOUT));
    for (HANDLE event : events) EXPECT_TRUE(CloseHandle(event));
}

TEST_F(EventsAndWaits, WaitAllNeedsEveryObjectAtOnceAndConsumesNothingUntilThen) {
    HANDLE events[2] = {CreateEventA(nullptr, FALSE, TRUE, nullptr), CreateEventA(nullptr, FALSE, FALSE, nullptr)};
    EXPECT_EQ(WaitForMultipleObjects(2, events, TRUE, 20), static_cast<DWORD>(WAIT_TIMEOUT));
    EXPECT_EQ(WaitForSingleObject(events[0], 0), WAIT_OBJECT_0) << "the unsatisfied wait-all consumed nothing";

    EXPECT_TRUE(SetEvent(events[0]));
    std::atomic<DWORD> result{0xBAD};
    std::thread waiter([&] { result = WaitForMultipleObjects(2, events, TRUE, INFINITE); });
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    EXPECT_EQ(result.load(), 0xBADu);
    EXPECT_TRUE(SetEvent(events[1]));
    waiter.join();
    EXPECT_EQ(result.load(), WAIT_OBJECT_0);
    EXPECT_EQ(WaitForSingleObject(events[0], 0), static_cast<DWORD>(WAIT_TIMEOUT)) << "both auto-reset events consumed";
    EXPECT_EQ(WaitForSingleObject(events[1], 0), static_cast<DWORD>(WAIT_TIMEOUT));
    for (HANDLE event : events) EXPECT_TRUE(CloseHandle(event));
}

TEST_F(EventsAndWaits, WaitsTimeOutAfterTheirTimeOut) {
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    const auto start = Clock::now();
    EXPECT_EQ(WaitForSingleObject(event, 50), static_cast<DWORD>(WAIT_TIMEOUT));
    EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(50));
    const auto start_multiple = Clock::now();
    EXPECT_EQ(WaitForMultipleObjects(1, &event, FALSE, 30), static_cast<DWORD>(WAIT_TIMEOUT));
    EXPECT_GE(Clock::now() - start_multiple, std::chrono::milliseconds(30));
    EXPECT_TRUE(CloseHandle(event));
}

TEST_F(EventsAndWaits, SleepSleeps) {
    const auto start = Clock::now();
    Sleep(20);
    EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(20));
    Sleep(0);
}

TEST_F(EventsAndWaits, GetOverlappedResultOfAFinishedRequestLeavesAnAutoResetEventSignalled) {
    write_text_file("a.txt", "0123456789");
    HANDLE file = open_overlapped("a.txt");
    HANDLE event = CreateEventA(nullptr, FALSE, FALSE, nullptr);
    char buffer[10];
    OVERLAPPED o = {};
    o.hEvent = event;
    ASSERT_FALSE(ReadFile(file, buffer, 10, nullptr, &o));
    while (!completed_now(o)) Sleep(1);  // HasOverlappedIoCompleted, without the data race
    DWORD got = 0;
    EXPECT_TRUE(GetOverlappedResult(file, &o, &got, TRUE));
    EXPECT_EQ(got, 10u);
    EXPECT_EQ(WaitForSingleObject(event, 0), WAIT_OBJECT_0) << "Internal was final: GetOverlappedResult did not wait";
    EXPECT_TRUE(CloseHandle(event));
    EXPECT_TRUE(CloseHandle(file));
}

TEST_F(EventsAndWaits, ARequestResetsItsEventAtIssue) {
    write_text_file("a.txt", "0123456789");
    HANDLE file = open_overlapped("a.txt");
    HANDLE event = CreateEventA(nullptr, TRUE, TRUE, nullptr);
    char buffer[10];
    OVERLAPPED o = {};
    o.hEvent = event;
    ASSERT_FALSE(ReadFile(file, buffer, 10, nullptr, &o));
    DWORD got = 0;
    EXPECT_TRUE(GetOverlappedResult(file, &o, &got, TRUE));
    EXPECT_EQ(WaitForSingleObject(event, 0), WAIT_OBJECT_0) << "signalled again by the completion";
    EXPECT_TRUE(CloseHandle(event));
    EXPECT_TRUE(CloseHandle(file));
}

TEST_F(EventsAndWaits, ANamedEventOpensTheSameObjectTheSecondTime) {
    HANDLE first = CreateEventA(nullptr, TRUE, FALSE, "lab-event");
    EXPECT_EQ(GetLastError(), ERROR_SUCCESS);
    HANDLE second = CreateEventW(nullptr, FALSE, FALSE, L"lab-event");
    EXPECT_EQ(GetLastError(), ERROR_ALREADY_EXISTS);
    EXPECT_NE(first, second);
    EXPECT_TRUE(SetEvent(second));
    EXPECT_EQ(WaitForSingleObject(first, 0), WAIT_OBJECT_0);
    EXPECT_EQ(WaitForSingleObject(first, 0), WAIT_OBJECT_0) << "the existing event keeps its manual reset";
    EXPECT_TRUE(CloseHandle(first));
    EXPECT_TRUE(CloseHandle(second));
}

TEST_F(EventsAndWaits, LastErrorBelongsToEachThread) {
    SetLastError(1234);
    std::thread other([] {
        EXPECT_EQ(GetLastError(), 0u);
        SetLastError(5);
    });
    other.join();
    EXPECT_EQ(GetLastError(), 1234u);
}

}  // namespace
}  // namespace ovlab::testing
