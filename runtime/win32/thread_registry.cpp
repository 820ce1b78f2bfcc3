#include "thread_registry.h"

#include <cstdio>
#include <mutex>
#include <vector>

#include "ovlab/platform.h"

namespace ovlab::win32 {
namespace {

// A lesson thread unwinds within milliseconds once the stepper throws at its next checkpoint; one
// blocked in a real call the lab cannot interrupt (a generic wrapper) ends when that call returns.
constexpr DWORD kJoinLimitMs = 10000;

struct Threads {
    std::mutex mutex;
    std::vector<HANDLE> running;
};

Threads& threads() {
    static Threads instance;
    return instance;
}

}  // namespace

void remember_lesson_thread(HANDLE thread) {
    HANDLE copy = nullptr;
    if (!DuplicateHandle(GetCurrentProcess(), thread, GetCurrentProcess(), &copy, SYNCHRONIZE, FALSE, 0)) return;
    Threads& t = threads();
    std::lock_guard lock(t.mutex);
    t.running.push_back(copy);
}

}  // namespace ovlab::win32

namespace ovlab::platform {

void join_lesson_threads() {
    std::vector<HANDLE> running;
    {
        win32::Threads& t = win32::threads();
        std::lock_guard lock(t.mutex);
        running.swap(t.running);
    }
    for (HANDLE thread : running) {
        if (WaitForSingleObject(thread, win32::kJoinLimitMs) != WAIT_OBJECT_0)
            std::fprintf(stderr, "overlapped-lab: a lesson thread did not end within %lu ms of the reset (it is "
                                 "blocked in a call the lab cannot interrupt)\n", win32::kJoinLimitMs);
        CloseHandle(thread);
    }
}

}  // namespace ovlab::platform
