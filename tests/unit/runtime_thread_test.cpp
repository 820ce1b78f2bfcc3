// Threads, pseudo-handles, DuplicateHandle, Sleep, tick counts and the Interlocked functions
// (docs/windows-rules.md §9-§10; the thread rules are the documented CreateThread contract).
#include <atomic>
#include <algorithm>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "runtime_diagnostics.h"
#include "runtime_test_support.h"

namespace ovlab::testing {
namespace {

using Threads = RuntimeTest;

DWORD WINAPI ReturnParameter(LPVOID parameter) { return static_cast<DWORD>(reinterpret_cast<ULONG_PTR>(parameter)); }

DWORD WINAPI WaitForEvent(LPVOID parameter) {
    return WaitForSingleObject(static_cast<HANDLE>(parameter), INFINITE) == WAIT_OBJECT_0 ? 7 : 99;
}

DWORD WINAPI CallExitThread(LPVOID) {
    ExitThread(42);
}

TEST_F(Threads, AThreadHandleIsSignalledWhenTheThreadEndsAndKeepsItsExitCode) {
    DWORD id = 0;
    HANDLE thread = CreateThread(nullptr, 0, ReturnParameter, reinterpret_cast<LPVOID>(ULONG_PTR{5}), 0, &id);
    ASSERT_NE(thread, nullptr);
    EXPECT_NE(id, 0u);
    EXPECT_EQ(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    EXPECT_EQ(WaitForSingleObject(thread, 0), WAIT_OBJECT_0) << "an ended thread stays signalled";
    DWORD code = 0;
    EXPECT_TRUE(GetExitCodeThread(thread, &code));
    EXPECT_EQ(code, 5u);
    EXPECT_TRUE(CloseHandle(thread));
}

TEST_F(Threads, GetExitCodeThreadSaysStillActiveWhileTheThreadRuns) {
    HANDLE go = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    HANDLE thread = CreateThread(nullptr, 0, WaitForEvent, go, 0, nullptr);
    DWORD code = 0;
    EXPECT_TRUE(GetExitCodeThread(thread, &code));
    EXPECT_EQ(code, STILL_ACTIVE);
    EXPECT_EQ(code, 259u);
    EXPECT_EQ(WaitForSingleObject(thread, 20), static_cast<DWORD>(WAIT_TIMEOUT));
    EXPECT_TRUE(SetEvent(go));
    EXPECT_EQ(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    EXPECT_TRUE(GetExitCodeThread(thread, &code));
    EXPECT_EQ(code, 7u);
    EXPECT_TRUE(CloseHandle(thread));
    EXPECT_TRUE(CloseHandle(go));
}

TEST_F(Threads, ExitThreadEndsTheThreadWithItsCode) {
    HANDLE thread = CreateThread(nullptr, 0, CallExitThread, nullptr, 0, nullptr);
    EXPECT_EQ(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    DWORD code = 0;
    EXPECT_TRUE(GetExitCodeThread(thread, &code));
    EXPECT_EQ(code, 42u);
    EXPECT_TRUE(CloseHandle(thread));
}

TEST_F(Threads, ExitThreadAlsoEndsAThreadTheRuntimeDidNotStart) {
    HANDLE handle = nullptr;
    std::thread other([&] {
        DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &handle, 0, FALSE,
                        DUPLICATE_SAME_ACCESS);
        ExitThread(3);
    });
    other.join();
    ASSERT_NE(handle, nullptr);
    EXPECT_EQ(WaitForSingleObject(handle, 0), WAIT_OBJECT_0);
    DWORD code = 0;
    EXPECT_TRUE(GetExitCodeThread(handle, &code));
    EXPECT_EQ(code, 3u);
    EXPECT_TRUE(CloseHandle(handle));
}

TEST_F(Threads, ClosingTheHandleDoesNotStopTheThread) {
    HANDLE go = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    HANDLE thread = CreateThread(nullptr, 0, WaitForEvent, go, 0, nullptr);
    EXPECT_TRUE(CloseHandle(thread));
    EXPECT_EQ(posix::running_thread_count(), 1u);
    EXPECT_TRUE(SetEvent(go));
    // The fixture waits for the thread to end before it checks that nothing leaked.
    EXPECT_TRUE(CloseHandle(go));
}

TEST_F(Threads, ACreatedSuspendedThreadRunsOnlyAfterResumeThread) {
    std::atomic<bool> ran{false};
    auto routine = [](LPVOID flag) -> DWORD {
        static_cast<std::atomic<bool>*>(flag)->store(true);
        return 0;
    };
    HANDLE thread = CreateThread(nullptr, 0, routine, &ran, CREATE_SUSPENDED, nullptr);
    ASSERT_NE(thread, nullptr);
    EXPECT_EQ(WaitForSingleObject(thread, 30), static_cast<DWORD>(WAIT_TIMEOUT));
    EXPECT_FALSE(ran.load());
    EXPECT_EQ(SuspendThread(thread), 1u) << "returns the previous suspend count";
    EXPECT_EQ(ResumeThread(thread), 2u);
    EXPECT_EQ(WaitForSingleObject(thread, 30), static_cast<DWORD>(WAIT_TIMEOUT)) << "still suspended once";
    EXPECT_EQ(ResumeThread(thread), 1u);
    EXPECT_EQ(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    EXPECT_TRUE(ran.load());
    EXPECT_EQ(ResumeThread(thread), 0u) << "a thread that is not suspended reports 0";
    EXPECT_TRUE(CloseHandle(thread));
}

TEST_F(Threads, SuspendingARunningThreadIsNotSupportedHere) {
    HANDLE go = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    HANDLE thread = CreateThread(nullptr, 0, WaitForEvent, go, 0, nullptr);
    EXPECT_EQ(SuspendThread(thread), static_cast<DWORD>(-1));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NOT_SUPPORTED));
    EXPECT_TRUE(SetEvent(go));
    EXPECT_EQ(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    EXPECT_EQ(SuspendThread(thread), static_cast<DWORD>(-1)) << "an ended thread cannot be suspended";
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_ACCESS_DENIED));
    EXPECT_TRUE(CloseHandle(thread));
    EXPECT_TRUE(CloseHandle(go));
}

TEST_F(Threads, BadArgumentsFailWithTheWindowsErrors) {
    EXPECT_EQ(CreateThread(nullptr, 0, nullptr, nullptr, 0, nullptr), nullptr);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    DWORD code = 0;
    EXPECT_FALSE(GetExitCodeThread(event, &code)) << "an event is not a thread";
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
    EXPECT_EQ(ResumeThread(event), static_cast<DWORD>(-1));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
    EXPECT_EQ(ResumeThread(nullptr), static_cast<DWORD>(-1));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
    EXPECT_TRUE(CloseHandle(event));
}

TEST_F(Threads, PseudoHandlesNameTheCallerAndDuplicateHandleMakesThemReal) {
    EXPECT_EQ(GetCurrentProcess(), reinterpret_cast<HANDLE>(LONG_PTR{-1}));
    EXPECT_EQ(GetCurrentThread(), reinterpret_cast<HANDLE>(LONG_PTR{-2}));
    DWORD code = 0;
    EXPECT_TRUE(GetExitCodeThread(GetCurrentThread(), &code));
    EXPECT_EQ(code, STILL_ACTIVE);
    EXPECT_EQ(WaitForSingleObject(GetCurrentProcess(), 0), static_cast<DWORD>(WAIT_TIMEOUT))
        << "the process pseudo-handle (= INVALID_HANDLE_VALUE) is a wait on the running process";

    HANDLE real = nullptr;
    ASSERT_TRUE(DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &real, 0, FALSE,
                                DUPLICATE_SAME_ACCESS));
    EXPECT_NE(real, GetCurrentThread());
    EXPECT_EQ(reinterpret_cast<ULONG_PTR>(real) % 4, 0u);
    // In another thread the pseudo-handle would be that thread; the real handle is still this one.
    std::atomic<DWORD> other_code{0};
    std::thread other([&] {
        DWORD value = 0;
        GetExitCodeThread(real, &value);
        other_code = value;
    });
    other.join();
    EXPECT_EQ(other_code.load(), STILL_ACTIVE);
    EXPECT_TRUE(CloseHandle(real));
    EXPECT_TRUE(CloseHandle(GetCurrentThread())) << "closing a pseudo-handle does nothing and succeeds";
}

TEST_F(Threads, DuplicateHandleGivesASecondHandleToTheSameObject) {
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    HANDLE copy = nullptr;
    ASSERT_TRUE(DuplicateHandle(GetCurrentProcess(), event, GetCurrentProcess(), &copy, 0, FALSE, DUPLICATE_SAME_ACCESS));
    EXPECT_NE(copy, event);
    EXPECT_TRUE(SetEvent(copy));
    EXPECT_EQ(WaitForSingleObject(event, 0), WAIT_OBJECT_0);
    HANDLE moved = nullptr;
    ASSERT_TRUE(DuplicateHandle(GetCurrentProcess(), copy, GetCurrentProcess(), &moved, 0, FALSE,
                                DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE));
    EXPECT_FALSE(CloseHandle(copy)) << "DUPLICATE_CLOSE_SOURCE closed it";
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
    EXPECT_FALSE(DuplicateHandle(GetCurrentProcess(), copy, GetCurrentProcess(), &moved, 0, FALSE, 0));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
    EXPECT_FALSE(DuplicateHandle(event, event, GetCurrentProcess(), &moved, 0, FALSE, 0)) << "not a process handle";
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
    EXPECT_TRUE(CloseHandle(moved));
    EXPECT_TRUE(CloseHandle(event));
}

TEST_F(Threads, ThreadIdsAreDistinctAndStable) {
    const DWORD mine = GetCurrentThreadId();
    EXPECT_EQ(GetCurrentThreadId(), mine);
    std::set<DWORD> ids{mine};
    std::vector<std::thread> others;
    std::mutex guard;
    for (int i = 0; i < 4; ++i)
        others.emplace_back([&] {
            const DWORD id = GetCurrentThreadId();
            std::lock_guard lock(guard);
            ids.insert(id);
        });
    for (std::thread& t : others) t.join();
    EXPECT_EQ(ids.size(), 5u);
    EXPECT_NE(GetCurrentProcessId(), 0u);
}

TEST_F(Threads, SleepExWithoutApcsSleepsAndReturnsZero) {
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(SleepEx(20, FALSE), 0u);
    EXPECT_EQ(SleepEx(20, TRUE), 0u);
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(40));
    EXPECT_EQ(SleepEx(0, FALSE), 0u);
    EXPECT_EQ(SleepEx(0, TRUE), 0u) << "nothing to drain";
}

TEST_F(Threads, TickCountsAdvanceInMilliseconds) {
    const ULONGLONG start64 = GetTickCount64();
    const DWORD start = GetTickCount();
    Sleep(30);
    EXPECT_GE(GetTickCount64() - start64, 30u);
    EXPECT_GE(static_cast<DWORD>(GetTickCount() - start), 30u);
    const DWORD low = GetTickCount();
    const ULONGLONG full = GetTickCount64();
    EXPECT_LE(static_cast<DWORD>(full) - low, 5u) << "the same clock, the 32-bit one truncated";
}

TEST_F(Threads, GetSystemInfoReportsTheProcessors) {
    SYSTEM_INFO info = {};
    GetSystemInfo(&info);
    EXPECT_GE(info.dwNumberOfProcessors, 1u);
    EXPECT_EQ(info.dwNumberOfProcessors, std::max(1u, std::thread::hardware_concurrency()));
    EXPECT_EQ(info.wProcessorArchitecture, PROCESSOR_ARCHITECTURE_AMD64);
    EXPECT_GT(info.dwPageSize, 0u);
}

TEST_F(Threads, InterlockedFunctionsReturnWhatTheSdkSays) {
    volatile LONG value = 5;
    EXPECT_EQ(InterlockedIncrement(&value), 6) << "the new value";
    EXPECT_EQ(InterlockedDecrement(&value), 5);
    EXPECT_EQ(InterlockedExchange(&value, 9), 5) << "the old value";
    EXPECT_EQ(InterlockedExchangeAdd(&value, 3), 9) << "the old value";
    EXPECT_EQ(InterlockedAdd(&value, 3), 15) << "the new value";
    EXPECT_EQ(InterlockedCompareExchange(&value, 100, 14), 15) << "no exchange: the current value";
    EXPECT_EQ(value, 15);
    EXPECT_EQ(InterlockedCompareExchange(&value, 100, 15), 15) << "exchanged: the old value";
    EXPECT_EQ(value, 100);

    volatile LONG64 big = 0x1'0000'0000LL;
    EXPECT_EQ(InterlockedIncrement64(&big), 0x1'0000'0001LL);
    EXPECT_EQ(InterlockedDecrement64(&big), 0x1'0000'0000LL);
    EXPECT_EQ(InterlockedExchangeAdd64(&big, 2), 0x1'0000'0000LL);
    EXPECT_EQ(InterlockedAdd64(&big, 2), 0x1'0000'0004LL);
    EXPECT_EQ(InterlockedExchange64(&big, 7), 0x1'0000'0004LL);
    EXPECT_EQ(InterlockedCompareExchange64(&big, 8, 7), 7);
    EXPECT_EQ(big, 8);

    int a = 0, b = 0;
    PVOID volatile pointer = &a;
    EXPECT_EQ(InterlockedExchangePointer(&pointer, &b), &a);
    EXPECT_EQ(InterlockedCompareExchangePointer(&pointer, &a, &a), &b) << "no exchange";
    EXPECT_EQ(InterlockedCompareExchangePointer(&pointer, &a, &b), &b);
    EXPECT_EQ(pointer, &a);
}

TEST_F(Threads, InterlockedIncrementCountsEveryIncrementFromManyThreads) {
    static volatile LONG counter;
    counter = 0;
    auto add = [](LPVOID) -> DWORD {
        for (int i = 0; i < 10000; ++i) InterlockedIncrement(&counter);
        return 0;
    };
    HANDLE threads[4];
    for (HANDLE& t : threads) t = CreateThread(nullptr, 0, add, nullptr, 0, nullptr);
    EXPECT_EQ(WaitForMultipleObjects(4, threads, TRUE, 10000), WAIT_OBJECT_0);
    EXPECT_EQ(counter, 40000);
    for (HANDLE t : threads) EXPECT_TRUE(CloseHandle(t));
}

}  // namespace
}  // namespace ovlab::testing
