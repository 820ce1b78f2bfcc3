// The Korean run shows the program's own lines in Korean: every line a lesson with Korean console
// wordings prints, in every documented run, matches one of them (or a form every lesson prints).
// A line the program prints that no wording covers would appear in English in the Korean transcript
// and Console panel.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <set>

#include "lesson_runs.h"
#include "ovlab/lesson_registry.h"
#include "test_support.h"

namespace ovlab {
namespace {

bool has_hangul(std::string_view text)
{
    // Hangul syllables U+AC00..U+D7A3 are 0xEA 0xB0 0x80 .. 0xED 0x9E 0xA3 in UTF-8.
    for (unsigned char c : text)
        if (c >= 0xEA && c <= 0xED) return true;
    return false;
}

class KoreanConsole : public testing::TestWithParam<std::string> {};

TEST_P(KoreanConsole, EveryPrintedLineIsWorded)
{
    const LessonInfo& lesson = *find_lesson(GetParam());
    std::set<std::string> unworded;
    for (const ParameterValues& changes : test::parameter_sets(lesson)) {
        Session session(lesson.program(changes));
        ASSERT_EQ(test::run_to_end(session, changes), "") << lesson.id;
        const trace::Recorder& recorder = session.recorder();
        for (uint64_t i = 0; i < recorder.published(); ++i) {
            const trace::Event& event = recorder.at(i);
            if (event.kind != trace::EventKind::Console) continue;
            const std::string korean = console_line(lesson, event.text_view(), Language::Korean);
            if (!has_hangul(korean)) unworded.insert(std::string(event.text_view()));
        }
    }
    EXPECT_TRUE(unworded.empty()) << "lines printed in English in the Korean run:\n  "
                                  << fmt::format("{}", fmt::join(unworded, "\n  "));
}

// The lessons whose program lines have Korean wordings.
std::vector<std::string> worded_lessons()
{
    std::vector<std::string> ids;
    for (const LessonInfo& lesson : all_lessons())
        if (!lesson.console_ko.empty()) ids.push_back(lesson.id);
    return ids;
}

INSTANTIATE_TEST_SUITE_P(Lessons, KoreanConsole, testing::ValuesIn(worded_lessons()),
                         [](const testing::TestParamInfo<std::string>& param) {
                             return test::lesson_test_name(param.param);
                         });

TEST(ConsoleLine, EnglishIsKeptAndCommonFormsAreWorded)
{
    LessonInfo lesson;
    lesson.id = "made-up";
    lesson.console_ko = {{R"re(copied (\d+) bytes)re", "$1바이트 복사함"}};
    EXPECT_EQ(console_line(lesson, "copied 5 bytes", Language::English), "copied 5 bytes");
    EXPECT_EQ(console_line(lesson, "copied 5 bytes", Language::Korean), "5바이트 복사함");
    EXPECT_EQ(console_line(lesson, "CreateFile failed: error 2", Language::Korean), "CreateFile 실패: 오류 2");
    EXPECT_EQ(console_line(lesson, "something else", Language::Korean), "something else");
}

}  // namespace
}  // namespace ovlab
