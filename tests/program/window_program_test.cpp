// The window's controller on a program of one's own (lesson_controller_program.cpp), driven a frame at
// a time as the window drives it: the steps go over the link, Reset ends the process and starts a new
// one, a crash ends only the program. The programs come from program.outside_programs.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "lesson_controller.h"

namespace ovlab::gui {
namespace {

using namespace std::chrono_literals;

// Calls update() as each frame does until `done`; false after 20 s.
bool frames_until(LessonController& lessons, const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (std::chrono::steady_clock::now() < deadline) {
        lessons.update();
        if (done()) return true;
        std::this_thread::sleep_for(5ms);
    }
    return false;
}

uint64_t checkpoints(const LessonController& lessons) { return lessons.trace().live_state().checkpoints; }

TEST(ProgramInTheWindow, StepsGoOverTheLinkAndResetStartsTheProgramAgain) {
    LessonController lessons;
    lessons.open_program({OVLAB_OUTSIDE_BUILD "/file_copy", {"source.bin", "reset-copy.bin"}, {}});
    ASSERT_TRUE(frames_until(lessons, [&] { return lessons.can_step_forward(); })) << "it never connected";
    for (uint64_t step = 1; step <= 3; ++step) {
        lessons.step_forward();
        ASSERT_TRUE(frames_until(lessons, [&] { return checkpoints(lessons) >= step; })) << "step " << step;
    }
    std::this_thread::sleep_for(200ms);
    lessons.update();
    EXPECT_EQ(checkpoints(lessons), 3u) << "paused: nothing passes without a Step";
    ASSERT_NE(lessons.source(), nullptr);
    EXPECT_EQ(lessons.source()->path.filename(), "copy_main.cpp");

    const uint64_t generation = lessons.generation();
    lessons.reset();
    EXPECT_NE(lessons.generation(), generation);
    EXPECT_EQ(checkpoints(lessons), 0u);
    ASSERT_TRUE(frames_until(lessons, [&] { return lessons.can_step_forward(); })) << "the new process never connected";
    lessons.step_forward();
    ASSERT_TRUE(frames_until(lessons, [&] { return checkpoints(lessons) >= 1; }));

    lessons.set_speed(50);
    lessons.run();
    ASSERT_TRUE(frames_until(lessons, [&] { return lessons.lesson_finished(); }));
    lessons.update();
    EXPECT_FALSE(lessons.running());
    EXPECT_EQ(lessons.program_end(), "");
    ASSERT_TRUE(lessons.trace().live_state().exit_code.has_value());
    EXPECT_EQ(*lessons.trace().live_state().exit_code, 0);
    EXPECT_FALSE(lessons.source() == nullptr);
    EXPECT_EQ(lessons.narration(Language::English), nullptr);
}

TEST(ProgramInTheWindow, ACrashEndsOnlyTheProgramAndResetIsOffered) {
    LessonController lessons;
    lessons.open_program({OVLAB_OUTSIDE_BUILD "/crash_after_read", {"source.bin"}, {}});
    ASSERT_TRUE(frames_until(lessons, [&] { return lessons.can_step_forward(); }));
    lessons.set_speed(50);
    lessons.run();
    ASSERT_TRUE(frames_until(lessons, [&] { return lessons.lesson_finished(); }));
    EXPECT_EQ(lessons.program_end(), "Crashed: SIGSEGV");
    EXPECT_NE(lessons.program_end_help().find("thread main, crash_after_read.cpp:16 (GetOverlappedResult)"),
              std::string::npos)
        << lessons.program_end_help();
    EXPECT_FALSE(lessons.can_step_forward());

    lessons.reset();
    EXPECT_EQ(lessons.program_end(), "");
    ASSERT_TRUE(frames_until(lessons, [&] { return lessons.can_step_forward(); })) << "Reset did not start it again";
}

}  // namespace
}  // namespace ovlab::gui
