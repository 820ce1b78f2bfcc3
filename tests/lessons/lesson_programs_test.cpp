// Every registered lesson's standalone program (built without the lab's prelude, so its threads
// and completions race as they would on Windows) runs with the lesson's own sample data and
// arguments, exits 0, never hangs, and passes the lesson's check. Then the same with the
// parameters a teacher may change, each set to other values.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <map>

#include "ovlab/lesson_registry.h"
#include "test_support.h"

namespace ovlab {
namespace {

using test::ProgramRun;
using test::run_program;
using test::TempFolder;

std::filesystem::path program_path(const std::string& id)
{
    return std::filesystem::path(OVLAB_LESSON_PROGRAMS_DIR) / ("lesson-" + id);
}

// The lesson's arguments with each "name=value" in `overrides` replacing the one of that name.
std::vector<std::string> with_overrides(std::vector<std::string> args, const std::vector<std::string>& overrides)
{
    for (const std::string& change : overrides) {
        std::string name = change.substr(0, change.find('=') + 1);
        bool replaced = false;
        for (std::string& arg : args) {
            if (arg.rfind(name, 0) == 0) {
                arg = change;
                replaced = true;
            }
        }
        if (!replaced) {
            ADD_FAILURE() << "no argument '" << name << "' to override among " << fmt::format("{}", fmt::join(args, " "));
        }
    }
    return args;
}

void expect_runs_and_passes(const LessonInfo& lesson, const std::vector<std::string>& overrides)
{
    SCOPED_TRACE(fmt::format("{} {}", lesson.id, fmt::join(overrides, " ")));
    TempFolder folder;
    LessonProgram program = lesson.program();
    std::vector<std::string> args = with_overrides(program.prepare(folder.path()), overrides);
    ProgramRun run = run_program(program_path(lesson.id), args, std::chrono::seconds(30));
    ASSERT_FALSE(run.timed_out) << "the program hung:\n" << run.output;
    EXPECT_EQ(run.exit_code, 0) << run.output;
    CheckResult check = program.check(folder.path(), run.exit_code);
    EXPECT_TRUE(check.passed) << check.message;
}

TEST(LessonPrograms, EveryLessonRunsStandaloneAndPassesItsCheck)
{
    for (const LessonInfo& lesson : all_lessons()) {
        expect_runs_and_passes(lesson, {});
    }
}

// Standalone runs race freely, so run the thread-heavy lessons a few times.
TEST(LessonPrograms, RepeatedRunsAllPass)
{
    for (const LessonInfo& lesson : all_lessons()) {
        for (int round = 0; round < 5; ++round) {
            expect_runs_and_passes(lesson, {});
        }
    }
}

TEST(LessonPrograms, TeacherParametersWorkAtOtherValues)
{
    const std::map<std::string, std::vector<std::vector<std::string>>> variants = {
        {"blocking-vs-overlapped", {{"chunk=512", "reads=8"}, {"chunk=8192", "reads=1"}}},
        {"wait-on-another-thread", {{"requests=1"}, {"requests=4", "size=512"}}},
        {"iocp-file-reads",
         {{"workers=1", "concurrency=1"}, {"workers=4", "concurrency=0", "reads=8"}, {"size=512"}}},
        {"completion-routine", {{"alertable=0", "wait=100"}}},
        {"event-sockets", {{"connections=1"}, {"connections=4"}}},
        {"iocp-echo-server",
         {{"workers=1", "concurrency=1", "clients=1"}, {"workers=4", "concurrency=0", "clients=4", "messages=4"},
          {"reset=0"}, {"buffer=8"}, {"acceptex=0"}, {"acceptex=0", "clients=4", "workers=1"},
          {"block=20", "clients=4"}, {"block=20", "acceptex=0", "concurrency=2", "messages=1"}}},
        {"pitfalls", {{"part=1"}, {"part=2", "loops=1"}, {"part=3"}, {"part=4"}, {"part=5"}, {"part=6", "wait=100"}}},
    };
    for (const auto& [id, runs] : variants) {
        const LessonInfo* lesson = find_lesson(id);
        if (lesson == nullptr) {
            continue;  // not registered in this build (its runtime support has not landed)
        }
        for (const std::vector<std::string>& overrides : runs) {
            expect_runs_and_passes(*lesson, overrides);
        }
    }
}

TEST(LessonPrograms, MissingArgumentsPrintUsageAndExit2)
{
    for (const char* id : {"blocking-vs-overlapped", "wait-on-another-thread", "iocp-file-reads", "completion-routine",
                           "pitfalls"}) {
        if (find_lesson(id) == nullptr) {
            continue;
        }
        ProgramRun run = run_program(program_path(id), {});
        EXPECT_EQ(run.exit_code, 2) << id << ":\n" << run.output;
        EXPECT_NE(run.output.find("usage:"), std::string::npos) << id << ":\n" << run.output;
    }
}

TEST(LessonPrograms, MissingFileIsReportedNotACrash)
{
    TempFolder folder;
    std::string missing = (folder / "no-such-file.txt").string();
    for (const char* id : {"blocking-vs-overlapped", "wait-on-another-thread", "completion-routine", "pitfalls"}) {
        if (find_lesson(id) == nullptr) {
            continue;
        }
        ProgramRun run = run_program(program_path(id), {missing});
        EXPECT_FALSE(run.timed_out) << id;
        EXPECT_EQ(run.exit_code, 1) << id << ":\n" << run.output;
        EXPECT_NE(run.output.find("error 2"), std::string::npos) << id << ":\n" << run.output;  // ERROR_FILE_NOT_FOUND
    }
    ProgramRun run = run_program(program_path("iocp-file-reads"), {missing, missing});
    EXPECT_EQ(run.exit_code, 1) << run.output;
}

}  // namespace
}  // namespace ovlab
