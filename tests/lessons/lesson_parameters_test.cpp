// The parameters a teacher may change: every declaration is sound (default inside its range, both
// languages explained, a program argument the program knows), bad values are refused with a clear
// message, and every lesson still passes in the lab at each parameter's min and max.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "ovlab/lesson_registry.h"
#include "test_support.h"
#include "ovlab/session.h"

namespace ovlab {
namespace {

using namespace std::chrono_literals;

TEST(LessonParameters, DeclarationsAreSound)
{
    for (const LessonInfo& lesson : all_lessons()) {
        for (const LessonParameter& parameter : lesson.parameters) {
            SCOPED_TRACE(fmt::format("{} {}", lesson.id, parameter.name));
            EXPECT_FALSE(parameter.name.empty());
            EXPECT_EQ(parameter.name.find_first_of("= "), std::string::npos);
            EXPECT_LT(parameter.min, parameter.max);
            EXPECT_GE(parameter.default_value, parameter.min);
            EXPECT_LE(parameter.default_value, parameter.max);
            if (parameter.is_switch) {
                EXPECT_EQ(parameter.min, 0);
                EXPECT_EQ(parameter.max, 1);
            }
            EXPECT_FALSE(parameter.explain_en.empty());
            EXPECT_FALSE(parameter.explain_ko.empty());
            EXPECT_EQ(lesson.find_parameter(parameter.name), &parameter);
        }
    }
}

// The program's own usage comment lists each parameter with its default ("[workers=2]"): the
// declaration must agree with the program, or the lab and a reader of the source disagree.
TEST(LessonParameters, DefaultsMatchTheProgramsUsageLine)
{
    for (const LessonInfo& lesson : all_lessons()) {
        const LessonSource source = LessonSource::load(lesson_folder(lesson) / lesson.source_file);
        std::string usage;
        for (const std::string& line : source.lines) {
            if (line.find("usage:") != std::string::npos) {
                usage = line;
                break;
            }
        }
        for (const LessonParameter& parameter : lesson.parameters) {
            EXPECT_NE(usage.find(fmt::format("[{}={}]", parameter.name, parameter.default_value)), std::string::npos)
                << lesson.id << ": '" << usage << "' does not show " << parameter.name << "=" << parameter.default_value;
        }
    }
}

TEST(LessonParameters, ParametersReachTheProgramAsArguments)
{
    const LessonInfo* lesson = find_lesson("iocp-echo-server");
    ASSERT_NE(lesson, nullptr);
    const std::vector<std::string> defaults = lesson->program().prepare("/unused");
    EXPECT_EQ(defaults, (std::vector<std::string>{"workers=2", "concurrency=1", "clients=2", "messages=2",
                                                  "buffer=64", "reset=1", "acceptex=1", "block=0"}));
    const std::vector<std::string> changed = lesson->program({{"workers", 3}, {"reset", 0}}).prepare("/unused");
    EXPECT_EQ(changed, (std::vector<std::string>{"workers=3", "concurrency=1", "clients=2", "messages=2",
                                                 "buffer=64", "reset=0", "acceptex=1", "block=0"}));
}

TEST(LessonParameters, BadValuesAreRefusedWithAClearMessage)
{
    const LessonInfo& lesson = *find_lesson("iocp-echo-server");
    ParameterValues changes;
    EXPECT_EQ(parse_parameter(lesson, "workers=3", changes), std::nullopt);
    EXPECT_EQ(parse_parameter(lesson, "reset=off", changes), std::nullopt);
    EXPECT_EQ(changes, (ParameterValues{{"workers", 3}, {"reset", 0}}));
    EXPECT_EQ(changed_parameters(lesson, changes), (std::vector<std::string>{"workers=3", "reset=0"}));

    EXPECT_EQ(parse_parameter(lesson, "workers=5", changes),
              "workers=5 is out of range: workers takes 1 to 4 (default 2)");
    EXPECT_EQ(parse_parameter(lesson, "workers=-1", changes),
              "workers=-1 is out of range: workers takes 1 to 4 (default 2)");
    EXPECT_EQ(parse_parameter(lesson, "workers=three", changes),
              "workers=three is not a whole number: workers takes 1 to 4 (default 2)");
    EXPECT_EQ(parse_parameter(lesson, "workers=", changes),
              "workers= is not a whole number: workers takes 1 to 4 (default 2)");
    EXPECT_EQ(parse_parameter(lesson, "reset=2", changes),
              "reset=2 is out of range: reset takes 0 (off) or 1 (on) (default 1)");
    EXPECT_EQ(parse_parameter(lesson, "threads=2", changes),
              "lesson iocp-echo-server has no parameter 'threads' (it has: workers, concurrency, clients, messages, "
              "buffer, reset, acceptex, block)");
    EXPECT_EQ(parse_parameter(lesson, "workers", changes), "'workers' is not name=value");
    EXPECT_EQ(parse_parameter(*find_lesson("event-file-copy"), "chunk=1", changes),
              "lesson event-file-copy has no parameters (got 'chunk')");
    EXPECT_EQ(changes, (ParameterValues{{"workers", 3}, {"reset", 0}})) << "a refused value must change nothing";

    EXPECT_THROW(lesson.program({{"buffer", 4}}), std::invalid_argument);
    EXPECT_THROW(lesson.program({{"nonsense", 1}}), std::invalid_argument);
}

// Runs the lesson in a session, as the headless runner does, and returns its result.
SessionResult run_in_lab(const LessonInfo& lesson, const ParameterValues& changes)
{
    Session session(lesson.program(changes));
    session.start();
    session.stepper().run(0us);
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (!session.finished()) {
        if (std::chrono::steady_clock::now() > deadline) {
            ADD_FAILURE() << "the lesson did not finish in 60 s";
            return {};
        }
        std::this_thread::sleep_for(5ms);
    }
    return session.wait();
}

class EveryParameterAtItsLimits : public testing::TestWithParam<std::string> {};

// Each parameter alone at its min and at its max, then all at their mins and all at their maxes.
TEST_P(EveryParameterAtItsLimits, LessonPassesInTheLab)
{
    const LessonInfo& lesson = *find_lesson(GetParam());
    std::vector<ParameterValues> runs;
    ParameterValues all_min;
    ParameterValues all_max;
    for (const LessonParameter& parameter : lesson.parameters) {
        runs.push_back({{parameter.name, parameter.min}});
        runs.push_back({{parameter.name, parameter.max}});
        all_min[parameter.name] = parameter.min;
        all_max[parameter.name] = parameter.max;
    }
    if (lesson.parameters.size() > 1) {
        runs.push_back(all_min);
        runs.push_back(all_max);
    }
    for (const ParameterValues& changes : runs) {
        // A run that serves a peer never ends by itself (tests/app/peer_client_test.cpp plays the peer).
        if (!lesson.program(changes).peer_port_file.empty()) {
            continue;
        }
        SCOPED_TRACE(fmt::format("{} {}", lesson.id, fmt::join(changed_parameters(lesson, changes), " ")));
        const SessionResult result = run_in_lab(lesson, changes);
        EXPECT_EQ(result.exit_code, 0);
        EXPECT_TRUE(result.check.passed) << result.check.message;
        EXPECT_EQ(result.leaked_handles, 0u);
    }
}

std::vector<std::string> lessons_with_parameters()
{
    std::vector<std::string> ids;
    for (const LessonInfo& lesson : all_lessons()) {
        if (!lesson.parameters.empty()) {
            ids.push_back(lesson.id);
        }
    }
    return ids;
}

INSTANTIATE_TEST_SUITE_P(Lessons, EveryParameterAtItsLimits, testing::ValuesIn(lessons_with_parameters()),
                         [](const testing::TestParamInfo<std::string>& param) {
                             return test::lesson_test_name(param.param);
                         });

}  // namespace
}  // namespace ovlab
