// Every lesson in the registry: its files exist, every step tag in its program has narration in
// English and Korean, both languages have the same sections, and every traced call is tagged.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <regex>
#include <set>

#include "ovlab/lesson_registry.h"
#include "text_file.h"

namespace ovlab {
namespace {

constexpr Language kLanguages[] = {Language::English, Language::Korean};

std::set<std::string> step_tags(const LessonSource& source)
{
    std::set<std::string> tags(source.tag_at.begin(), source.tag_at.end());
    tags.erase("");
    return tags;
}

LessonSource load_source(const LessonInfo& lesson)
{
    return LessonSource::load(lesson_folder(lesson) / lesson.source_file);
}

// "issue-read.return" -> "issue-read"; an ending for a part, "finished.wait-peer" -> "wait-peer"
std::string base_key(const std::string& key)
{
    if (key.starts_with("finished.")) {
        return key.substr(std::string_view("finished.").size());
    }
    for (std::string_view suffix : {".return", ".complete"}) {
        if (key.ends_with(suffix)) {
            return key.substr(0, key.size() - suffix.size());
        }
    }
    return key;
}

// The Win32 functions the lesson prelude traces, read from the prelude itself so the list can
// not drift: `#define ReadFile(...) OVLAB_TRACED_CALL(ReadFile, __VA_ARGS__)`.
std::vector<std::string> traced_functions()
{
    static const std::regex traced(R"(^#define (\w+)\(\.\.\.\) OVLAB_TRACED_CALL)");
    std::vector<std::string> names;
    for (const std::string& line : lessons::read_text_lines(OVLAB_LESSON_PRELUDE_PATH)) {
        std::smatch match;
        if (std::regex_search(line, match, traced)) {
            names.push_back(match[1]);
        }
    }
    return names;
}

TEST(LessonRegistry, IdsAreUniqueAndFindable)
{
    ASSERT_FALSE(all_lessons().empty());
    std::set<std::string> ids;
    for (const LessonInfo& lesson : all_lessons()) {
        EXPECT_TRUE(ids.insert(lesson.id).second) << "duplicate lesson id " << lesson.id;
        EXPECT_EQ(find_lesson(lesson.id), &lesson);
        EXPECT_FALSE(lesson.title_en.empty()) << lesson.id;
        EXPECT_FALSE(lesson.title_ko.empty()) << lesson.id;
        EXPECT_TRUE(lesson.make_program) << lesson.id;
        EXPECT_EQ(lesson.program().id, lesson.id);
    }
    EXPECT_EQ(find_lesson("no-such-lesson"), nullptr);
}

TEST(NarrationCoverage, EveryStepTagHasASectionInEveryLanguage)
{
    for (const LessonInfo& lesson : all_lessons()) {
        std::set<std::string> tags = step_tags(load_source(lesson));
        EXPECT_FALSE(tags.empty()) << lesson.id << ": the program has no [step: ...] tags";
        for (Language language : kLanguages) {
            Narration narration = Narration::load(Narration::file_for(lesson, language));
            for (const std::string& key : {std::string("intro"), std::string("finished")}) {
                EXPECT_NE(narration.find(key), nullptr)
                    << lesson.id << " (" << language_code(language) << "): no '## " << key << "' section";
            }
            for (const std::string& tag : tags) {
                EXPECT_NE(narration.find(tag), nullptr)
                    << lesson.id << " (" << language_code(language) << "): no '## " << tag << "' section";
            }
        }
    }
}

TEST(NarrationCoverage, EverySectionBelongsToATagAndIsNotEmpty)
{
    for (const LessonInfo& lesson : all_lessons()) {
        std::set<std::string> tags = step_tags(load_source(lesson));
        tags.insert({"intro", "finished"});
        for (Language language : kLanguages) {
            Narration narration = Narration::load(Narration::file_for(lesson, language));
            for (const auto& [key, body] : narration.sections) {
                EXPECT_TRUE(tags.contains(base_key(key)))
                    << lesson.id << " (" << language_code(language) << "): section '## " << key
                    << "' matches no [step: ...] tag in " << lesson.source_file;
                EXPECT_FALSE(body.empty()) << lesson.id << " (" << language_code(language) << "): '## " << key
                                           << "' is empty";
            }
        }
    }
}

TEST(NarrationCoverage, LanguagesHaveTheSameSections)
{
    for (const LessonInfo& lesson : all_lessons()) {
        std::set<std::string> english;
        for (const auto& [key, body] : Narration::load(Narration::file_for(lesson, Language::English)).sections) {
            english.insert(key);
        }
        std::set<std::string> korean;
        for (const auto& [key, body] : Narration::load(Narration::file_for(lesson, Language::Korean)).sections) {
            korean.insert(key);
        }
        EXPECT_EQ(english, korean) << lesson.id << ": narration.en.md and narration.ko.md differ in sections";
    }
}

// A call's narration comes from the nearest tag at or above it. Tags on lines without a call
// (`read-result`, `eof`) explain only those lines, so they must not be what a later call inherits:
// every traced call is on a tagged line or below a tagged line that is itself a call.
TEST(LessonSourceTags, EveryTracedCallGetsACallTag)
{
    std::vector<std::string> functions = traced_functions();
    ASSERT_FALSE(functions.empty()) << "no traced functions found in " << OVLAB_LESSON_PRELUDE_PATH;
    std::regex call(fmt::format(R"((^|[^A-Za-z0-9_])({})\s*\()", fmt::join(functions, "|")));
    for (const LessonInfo& lesson : all_lessons()) {
        LessonSource source = load_source(lesson);
        bool last_tag_is_on_a_call = false;
        size_t calls = 0;
        for (size_t i = 0; i < source.lines.size(); ++i) {
            const std::string& line = source.lines[i];
            size_t comment = line.find("//");
            bool has_call = std::regex_search(line.substr(0, comment), call);
            bool has_tag = comment != std::string::npos && line.find("[step:", comment) != std::string::npos;
            if (has_tag) {
                last_tag_is_on_a_call = has_call;
            }
            if (has_call) {
                ++calls;
                EXPECT_TRUE(last_tag_is_on_a_call)
                    << lesson.id << ": " << lesson.source_file << ":" << i + 1
                    << " calls a traced function but takes its narration from a tag on a line without a call "
                       "('" << source.tag_at[i] << "'); give this line its own [step: ...] tag:\n" << line;
            }
        }
        EXPECT_GT(calls, 0u) << lesson.id << ": no traced calls found";
    }
}

// A tagged line is a step: the thread stops there at a traced call, or at LAB_STEP() on a line
// without one. A tag on neither would name a section that no step shows.
TEST(LessonSourceTags, EveryTagIsOnACallOrALabStep)
{
    // The traced functions, those without arguments (WSACreateEvent()) and the names lessons write
    // for the A/W pairs (WSASocket for WSASocketA).
    std::vector<std::string> functions = {"LAB_STEP", "WSACreateEvent", "WSACleanup"};
    for (const std::string& name : traced_functions()) {
        functions.push_back(name);
        if (name.ends_with('A') || name.ends_with('W')) functions.push_back(name.substr(0, name.size() - 1));
    }
    std::regex stop(fmt::format(R"((^|[^A-Za-z0-9_])({})\s*\()", fmt::join(functions, "|")));
    for (const LessonInfo& lesson : all_lessons()) {
        LessonSource source = load_source(lesson);
        for (size_t i = 0; i < source.lines.size(); ++i) {
            const std::string& line = source.lines[i];
            size_t comment = line.find("//");
            if (comment == std::string::npos || line.find("[step:", comment) == std::string::npos) continue;
            EXPECT_TRUE(std::regex_search(line.substr(0, comment), stop))
                << lesson.id << ": " << lesson.source_file << ":" << i + 1
                << " is tagged but makes no traced call; no step would stop here, so put LAB_STEP() on it:\n"
                << line;
        }
    }
}

}  // namespace
}  // namespace ovlab
