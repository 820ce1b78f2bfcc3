// The lesson source and narration loaders: tags, sections, suffix fallback, and clear errors.
#include <gtest/gtest.h>

#include <cstdlib>
#include <stdexcept>

#include "ovlab/lesson_registry.h"
#include "ovlab/localized_error.h"
#include "test_support.h"

namespace ovlab {
namespace {

using test::TempFolder;
using test::write_file;

std::string error_of(const std::function<void()>& action)
{
    try {
        action();
    } catch (const std::runtime_error& error) {
        return error.what();
    }
    return "(no error)";
}

// The line a Korean run shows (the narration panel, --headless --lang ko).
std::string korean_error_of(const std::function<void()>& action)
{
    try {
        action();
    } catch (const std::exception& error) {
        return message_in(error, Language::Korean);
    }
    return "(no error)";
}

TEST(LessonSource, TagHoldsFromItsLineToTheNextTag)
{
    TempFolder folder;
    write_file(folder / "p.cpp",
               "int main()\n"                                      // 1
               "{\n"                                               // 2
               "    HANDLE h = CreateFileA(a,  // [step: open]\n"  // 3
               "                           b);\n"                  // 4
               "    ReadFile(h);  //  [step:  read ]  trailing\n"  // 5
               "    CloseHandle(h);\n"                             // 6
               "}\n");                                             // 7
    LessonSource source = LessonSource::load(folder / "p.cpp");
    ASSERT_EQ(source.lines.size(), 7u);
    EXPECT_EQ(source.lines[2], "    HANDLE h = CreateFileA(a,  // [step: open]");
    EXPECT_EQ(source.tag_for_line(1), "");
    EXPECT_EQ(source.tag_for_line(2), "");
    EXPECT_EQ(source.tag_for_line(3), "open");
    EXPECT_EQ(source.tag_for_line(4), "open");
    EXPECT_EQ(source.tag_for_line(5), "read");
    EXPECT_EQ(source.tag_for_line(7), "read");
    EXPECT_EQ(source.tag_for_line(0), "");
    EXPECT_EQ(source.tag_for_line(8), "");
}

TEST(LessonSource, TagOutsideACommentIsIgnored)
{
    TempFolder folder;
    write_file(folder / "p.cpp", "const char* s = \"[step: fake]\";\n");
    EXPECT_EQ(LessonSource::load(folder / "p.cpp").tag_for_line(1), "");
}

TEST(LessonSource, CrlfAndByteOrderMarkAreNotPartOfTheText)
{
    TempFolder folder;
    write_file(folder / "p.cpp", "\xEF\xBB\xBFint x;  // [step: a]\r\nint y;\r\n");
    LessonSource source = LessonSource::load(folder / "p.cpp");
    ASSERT_EQ(source.lines.size(), 2u);
    EXPECT_EQ(source.lines[0], "int x;  // [step: a]");
    EXPECT_EQ(source.lines[1], "int y;");
    EXPECT_EQ(source.tag_for_line(2), "a");
}

TEST(LessonSource, MalformedTagsNameFileAndLine)
{
    TempFolder folder;
    std::string path = (folder / "p.cpp").string();
    write_file(folder / "p.cpp", "int x;\nint y;  // [step: open\n");
    EXPECT_EQ(error_of([&] { LessonSource::load(path); }), path + ":2: step tag has no closing ']'");
    write_file(folder / "p.cpp", "int x;  // [step: ]\n");
    EXPECT_EQ(error_of([&] { LessonSource::load(path); }), path + ":1: step tag has no key");
    write_file(folder / "p.cpp", "int x;  // [step: read.return]\n");
    EXPECT_EQ(error_of([&] { LessonSource::load(path); }),
              path + ":1: step key 'read.return' may use only letters, digits, '-' and '_'");
}

TEST(LessonSource, MissingFileSaysWhy)
{
    TempFolder folder;
    std::filesystem::path missing = folder / "nope.cpp";
    EXPECT_EQ(error_of([&] { LessonSource::load(missing); }),
              "cannot read " + missing.string() + ": No such file or directory");
    EXPECT_EQ(error_of([&] { LessonSource::load(folder.path()); }),
              "cannot read " + folder.path().string() + ": it is a folder, not a file");
}

TEST(LessonSource, AHugeFileIsRefusedBeforeItIsRead)
{
    TempFolder folder;
    std::filesystem::path huge = folder / "huge.md";
    write_file(huge, "## a\n");
    std::filesystem::resize_file(huge, 17 * 1024 * 1024);
    EXPECT_EQ(error_of([&] { Narration::load(huge); }),
              "cannot read " + huge.string() + ": it is 17 MiB; a lesson text file may be at most 16 MiB");
    std::filesystem::resize_file(huge, 16 * 1024 * 1024);
    EXPECT_NO_THROW(Narration::load(huge));
}

TEST(Narration, SectionsAreKeyedByTheirHeading)
{
    TempFolder folder;
    write_file(folder / "n.md",
               "# Title, not a section\n"
               "notes for translators\n"
               "\n"
               "## intro\n"
               "\n"
               "Hello **students**.\n"
               "\n"
               "Second paragraph.\n"
               "\n"
               "## issue-read\n"
               "### a sub-heading stays in the body\n"
               "```\n"
               "## not a section: inside a code block\n"
               "```\n"
               "## issue-read.return\n"
               "  indented first line\n");
    Narration narration = Narration::load(folder / "n.md");
    ASSERT_EQ(narration.sections.size(), 3u);
    EXPECT_EQ(narration.sections.at("intro"), "Hello **students**.\n\nSecond paragraph.");
    EXPECT_EQ(narration.sections.at("issue-read"),
              "### a sub-heading stays in the body\n```\n## not a section: inside a code block\n```");
    EXPECT_EQ(narration.sections.at("issue-read.return"), "  indented first line");
}

TEST(Narration, FindFallsBackFromSuffixToKey)
{
    TempFolder folder;
    write_file(folder / "n.md", "## read\nplain\n## read.return\nreturned\n");
    Narration narration = Narration::load(folder / "n.md");
    ASSERT_NE(narration.find("read", ".return"), nullptr);
    EXPECT_EQ(*narration.find("read", ".return"), "returned");
    ASSERT_NE(narration.find("read", ".complete"), nullptr);
    EXPECT_EQ(*narration.find("read", ".complete"), "plain");
    EXPECT_EQ(*narration.find("read"), "plain");
    EXPECT_EQ(narration.find("write"), nullptr);
    EXPECT_EQ(narration.find("write", ".return"), nullptr);
}

TEST(Narration, BadFilesGiveClearErrors)
{
    TempFolder folder;
    std::string path = (folder / "n.md").string();
    write_file(folder / "n.md", "## a\none\n## a\ntwo\n");
    EXPECT_EQ(error_of([&] { Narration::load(path); }), path + ":3: section '## a' appears twice");
    write_file(folder / "n.md", "## \nbody\n");
    EXPECT_EQ(error_of([&] { Narration::load(path); }), path + ":1: '##' heading without a step key");
    EXPECT_EQ(error_of([&] { Narration::load(folder / "missing.md"); }),
              "cannot read " + (folder / "missing.md").string() + ": No such file or directory");
}

// A narration or program saved in another encoding (Korean Windows editors offer CP949) is
// refused with the line of its first such byte, before anything of it is shown.
TEST(Narration, TextThatIsNotUtf8IsRefusedWithItsLine)
{
    TempFolder folder;
    std::string path = (folder / "n.md").string();
    // 완료 in UTF-8, then in CP949.
    write_file(folder / "n.md", "## intro\n\xEC\x99\x84\xEB\xA3\x8C\n## done\n\xBF\xCF\xB7\xE1\n");
    EXPECT_EQ(error_of([&] { Narration::load(path); }),
              "cannot read " + path + ": line 4 is not UTF-8 text; save the file as UTF-8");
    // Overlong, a surrogate, beyond U+10FFFF, cut short.
    for (const char* bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82"}) {
        write_file(folder / "n.md", std::string("## a\n") + bad);
        EXPECT_EQ(error_of([&] { Narration::load(path); }),
                  "cannot read " + path + ": line 2 is not UTF-8 text; save the file as UTF-8");
    }
    write_file(folder / "n.md", "\xEF\xBB\xBF## a\n\xF0\x9F\x98\x80 \xC3\xA9\n");  // byte order mark, U+1F600, é
    EXPECT_NO_THROW(Narration::load(path));
    write_file(folder / "p.cpp", "int main() {}\n// \xB0\xA1\n");
    EXPECT_EQ(error_of([&] { LessonSource::load(folder / "p.cpp"); }),
              "cannot read " + (folder / "p.cpp").string() + ": line 2 is not UTF-8 text; save the file as UTF-8");
    write_file(folder / "n.md", "## a\n\xB0\xA1\n");
    EXPECT_EQ(korean_error_of([&] { Narration::load(path); }),
              path + "을(를) 읽을 수 없습니다: 2번째 줄이 UTF-8 텍스트가 아닙니다. 파일을 UTF-8로 저장하세요");
}

// A Korean run shows the same refusal in Korean (the narration panel, --headless --lang ko).
TEST(Narration, AFileThatDoesNotReadIsAlsoWordedInKorean)
{
    TempFolder folder;
    std::filesystem::create_directories(folder / "narration.ko.md");
    EXPECT_EQ(korean_error_of([&] { Narration::load(folder / "narration.ko.md"); }),
              (folder / "narration.ko.md").string() + "을(를) 읽을 수 없습니다: 파일이 아니라 폴더입니다");
    EXPECT_EQ(korean_error_of([&] { Narration::load(folder / "missing.md"); }),
              (folder / "missing.md").string() + "을(를) 읽을 수 없습니다: 그런 파일이 없습니다");
}

TEST(Language, CodesRoundTrip)
{
    EXPECT_EQ(parse_language("en"), Language::English);
    EXPECT_EQ(parse_language("ko"), Language::Korean);
    EXPECT_EQ(parse_language("fr"), std::nullopt);
    EXPECT_EQ(parse_language(""), std::nullopt);
    EXPECT_EQ(language_code(Language::English), "en");
    EXPECT_EQ(language_code(Language::Korean), "ko");
}

TEST(LessonsRoot, TheSourceTreeWhenNotInstalled)
{
    // OVLAB_LESSONS_DIR names folders of lessons of one's own; the built-in lessons stay where they are.
    const char* saved = std::getenv("OVLAB_LESSONS_DIR");
    std::string saved_value = saved != nullptr ? saved : "";
    setenv("OVLAB_LESSONS_DIR", "/somewhere/else", 1);
    // The test binary is not installed, so nothing is found next to it.
    EXPECT_TRUE(std::filesystem::equivalent(lessons_root(), OVLAB_SOURCE_LESSONS_DIR)) << lessons_root();
    unsetenv("OVLAB_LESSONS_DIR");
    if (saved != nullptr) {
        setenv("OVLAB_LESSONS_DIR", saved_value.c_str(), 1);
    }
}

}  // namespace
}  // namespace ovlab
