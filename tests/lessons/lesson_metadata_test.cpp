// lesson.json: every lesson folder's file reads, and a broken one is refused with one line naming
// the file and, for a file that is not JSON, the line.
#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "lesson_metadata.h"
#include "ovlab/lesson_registry.h"
#include "ovlab/localized_error.h"

namespace ovlab::lessons {
namespace {

constexpr const char* kGood = R"({
  "title": {"en": "A", "ko": "가"},
  "program": "p.cpp",
  "parameters": [{"name": "n", "default": 2, "min": 1, "max": 4, "explain": {"en": "x", "ko": "엑스"}}],
  "check": {"exit_zero_means": {"en": "ok", "ko": "됨"}, "passed": {"en": "{n} done", "ko": "{n}개 끝"}}
})";

std::string refusal(const std::string& text)
{
    try {
        parse_lesson_metadata(text, "teacher/lesson.json");
    } catch (const std::runtime_error& error) {
        return error.what();
    }
    return "(read without complaint)";
}

// The line a Korean run shows for the same refusal.
std::string korean_refusal(const std::string& text)
{
    try {
        parse_lesson_metadata(text, "teacher/lesson.json");
    } catch (const std::exception& error) {
        return message_in(error, Language::Korean);
    }
    return "(read without complaint)";
}

std::string good_with(const std::string& from, const std::string& to)
{
    std::string text = kGood;
    text.replace(text.find(from), from.size(), to);
    return text;
}

TEST(LessonMetadata, EveryLessonFolderReads)
{
    size_t folders = 0;
    for (const auto& entry : std::filesystem::directory_iterator(OVLAB_SOURCE_LESSONS_DIR)) {
        if (std::filesystem::exists(entry.path() / "lesson.json")) {
            ++folders;
            const LessonMetadata metadata = load_lesson_metadata(entry.path() / "lesson.json");
            EXPECT_TRUE(std::filesystem::exists(entry.path() / metadata.program)) << entry.path();
            EXPECT_NE(find_lesson(entry.path().filename().string()), nullptr) << entry.path();
        }
    }
    EXPECT_EQ(folders, all_lessons().size());
    EXPECT_TRUE(lesson_load_errors().empty());
}

TEST(LessonMetadata, ReadsTheFields)
{
    const LessonMetadata metadata = parse_lesson_metadata(kGood, "teacher/lesson.json");
    ASSERT_EQ(metadata.parameters.size(), 1u);
    EXPECT_EQ(metadata.parameters[0].max, 4);
    EXPECT_EQ(fill_in_parameters(metadata.passed->ko, {{"n", 3}}), "3개 끝");
}

TEST(LessonMetadata, ASyntaxErrorNamesFileAndLine)
{
    EXPECT_TRUE(refusal(good_with("\"program\": \"p.cpp\",", "\"program\": \"p.cpp\"")).starts_with("teacher/lesson.json:4: not valid JSON ("));
}

// The Korean line says where in its own words, never in the JSON reader's English.
TEST(LessonMetadata, ASyntaxErrorIsAlsoWordedInKorean)
{
    EXPECT_EQ(korean_refusal("{\n  \"title\": {\"ko\": \"가나\" \"en\": \"A\"}\n}"),
              "teacher/lesson.json: 2번째 줄 27번째 글자에서 올바른 JSON이 아닙니다(문법이 맞지 않습니다)");
    EXPECT_EQ(korean_refusal("{\n  \"title\": {\"en\": \"x\",\n"),
              "teacher/lesson.json: 3번째 줄 1번째 글자에서 올바른 JSON이 아닙니다(JSON이 끝나기 전에 파일이 끝났습니다)");
    EXPECT_EQ(korean_refusal(good_with("\"default\": 2", "\"default\": 1e999")),
              "teacher/lesson.json: 올바른 JSON이 아닙니다(읽을 수 없을 만큼 큰 수가 있습니다)");
}

// A wrong field is said in Korean too, naming the same file and field.
TEST(LessonMetadata, AWrongFieldIsAlsoWordedInKorean)
{
    EXPECT_EQ(korean_refusal(good_with("\"default\": 2", "\"default\": 7")),
              "teacher/lesson.json: parameters[0].default: 7은(는) 1부터 4까지의 범위 밖입니다");
    EXPECT_EQ(korean_refusal(good_with("\"ko\": \"가\"", "\"ko\": 1")),
              "teacher/lesson.json: title.ko: 비어 있지 않은 문자열이어야 합니다");
    EXPECT_EQ(korean_refusal(good_with("\"program\": \"p.cpp\",", "")),
              "teacher/lesson.json: (최상위): 'program' 항목이 없습니다");
}

TEST(LessonMetadata, AWrongFieldNamesFileAndField)
{
    EXPECT_EQ(refusal(good_with("\"min\": 1", "\"minimum\": 1")),
              "teacher/lesson.json: parameters[0]: unknown key 'minimum' (known: name, switch, default, min, max, explain)");
    EXPECT_EQ(refusal(good_with("\"default\": 2", "\"default\": 7")), "teacher/lesson.json: parameters[0].default: 7 is outside 1 to 4");
    EXPECT_EQ(refusal(good_with("\"ko\": \"가\"", "\"ko\": 1")), "teacher/lesson.json: title.ko: must be a non-empty string");
    EXPECT_EQ(refusal(good_with("{n} done", "{m} done")),
              "teacher/lesson.json: check.passed.en: '{' must start {name} of a declared parameter");
    EXPECT_EQ(refusal(good_with("\"default\": 2", "\"default\": 4294967296")),
              "teacher/lesson.json: parameters[0].default: must be a whole number from -2147483648 to 2147483647");
}

}  // namespace
}  // namespace ovlab::lessons
