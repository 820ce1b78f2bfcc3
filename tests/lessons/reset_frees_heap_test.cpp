// A Reset while reads are pending frees what the lesson program allocated for them: the requests
// live in the run's process heap (GetProcessHeap), which the session frees when the run ends, as
// Windows frees a process's heap when the process ends.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "ovlab/lesson_registry.h"
#include "ovlab/platform.h"
#include "ovlab/session.h"
#include "test_support.h"

namespace ovlab {
namespace {

using namespace std::chrono_literals;

// Runs flat out with completions held until every thread waits and at least one read is held.
bool run_until_reads_are_held(Session& session)
{
    session.stepper().set_hold(true);
    session.start();
    session.stepper().run(0us);
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (std::chrono::steady_clock::now() < deadline) {
        if (session.stepper().held_count() > 0 && !session.stepper().has_waiting()) return true;
        std::this_thread::sleep_for(5ms);
    }
    return false;
}

class ResetWhileReadsArePending : public testing::TestWithParam<std::string> {};

TEST_P(ResetWhileReadsArePending, FreesEveryBlockTheLessonAllocated)
{
    const LessonInfo& lesson = *find_lesson(GetParam());
    for (int round = 0; round < 3; ++round) {
        SCOPED_TRACE(round);
        Session session(lesson.program());
        ASSERT_TRUE(run_until_reads_are_held(session)) << "the run never stopped with reads held";
        session.stop();
        const std::optional<SessionResult> result = session.result();
        ASSERT_TRUE(result.has_value());
        EXPECT_FALSE(result->check.passed) << "the run was reset before it finished";
        EXPECT_GT(result->leaked_heap_blocks, 0u) << "the pending requests' blocks were freed by the reset";
        EXPECT_EQ(platform::free_process_heap(), 0u) << "nothing of the run is left in its heap";
    }
}

INSTANTIATE_TEST_SUITE_P(Lessons, ResetWhileReadsArePending,
                         testing::Values("iocp-file-reads", "wait-on-another-thread"),
                         [](const testing::TestParamInfo<std::string>& param) {
                             return test::lesson_test_name(param.param);
                         });

}  // namespace
}  // namespace ovlab
