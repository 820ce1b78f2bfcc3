// Built for Windows only, run under Wine by windows.reset_every_lesson: starts every lesson, lets
// it take a few steps, and destroys the session (what Reset does) while its threads are blocked in
// real kernel waits, GetQueuedCompletionStatus or pending requests. The Windows layer must cancel,
// wake and unwind them all quickly (runtime/win32: wait.cpp, completion_port.cpp, platform.cpp).
#include <chrono>
#include <cstdio>
#include <thread>

#include "ovlab/lesson_registry.h"
#include "ovlab/session.h"

int main() {
    using namespace std::chrono;
    constexpr auto kResetLimit = seconds(5);
    int slow = 0;
    for (const ovlab::LessonInfo& lesson : ovlab::all_lessons()) {
        for (int steps : {2, 9, 30, 80}) {
            auto reset_started = steady_clock::now();
            {
                ovlab::Session session(lesson.program());
                session.start();
                for (int i = 0; i < steps; ++i) {
                    session.stepper().step();
                    std::this_thread::sleep_for(milliseconds(3));
                }
                std::this_thread::sleep_for(milliseconds(20));  // let blocked threads settle in their waits
                reset_started = steady_clock::now();
            }
            const auto took = duration_cast<milliseconds>(steady_clock::now() - reset_started);
            const bool too_slow = took > kResetLimit;
            slow += too_slow ? 1 : 0;
            std::printf("%s %s after %d steps: reset in %lld ms\n", too_slow ? "SLOW" : "ok  ", lesson.id.c_str(), steps,
                        static_cast<long long>(took.count()));
            std::fflush(stdout);
        }
    }
    if (slow) std::printf("%d resets took longer than %lld s\n", slow, static_cast<long long>(kResetLimit.count()));
    return slow == 0 ? 0 : 1;
}
