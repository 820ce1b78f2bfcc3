// The lessons the app knows, their sources and their narration. Implemented in lessons/.
//
// Narration is keyed by step tags written as comments in the lesson source:
//     BOOL ok = ReadFile(hSrc, buffer, sizeof buffer, NULL, &readOv);  // [step: issue-read]
// A checkpoint on line L takes the tag of the nearest tagged line at or above L. The narration
// file has one "## key" section per tag; a call's return uses "## key.return" and an I/O
// completion "## key.complete" when those exist, else "## key". "## intro" is shown before the
// first step and "## finished" after the lesson ended.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ovlab/session.h"
#include "ovlab/trace_state.h"

namespace ovlab {

enum class Language { English, Korean };
std::optional<Language> parse_language(std::string_view code);  // "en" / "ko"
std::string_view language_code(Language language);

struct LessonInfo {
    std::string id;          // a contract: see DESIGN.md §2
    std::string title_en;
    std::string title_ko;
    std::string source_file; // file name of the Win32 program inside the lesson folder
    std::function<LessonProgram()> make_program;

    const std::string& title(Language language) const { return language == Language::Korean ? title_ko : title_en; }
};

const std::vector<LessonInfo>& all_lessons();
const LessonInfo* find_lesson(std::string_view id);

// Where lesson folders are at run time: $OVLAB_LESSONS_DIR, else next to the installed binary
// (../share/overlapped-lab/lessons), else the source tree the binary was built from.
std::filesystem::path lessons_root();
std::filesystem::path lesson_folder(const LessonInfo& lesson);

struct LessonSource {
    std::filesystem::path path;
    std::vector<std::string> lines;      // lines[0] is line 1
    std::vector<std::string> tag_at;     // the step tag in force at each line ("" before the first)

    // Throws std::runtime_error("cannot read <path>: <reason>").
    static LessonSource load(const std::filesystem::path& path);
    const std::string& tag_for_line(uint32_t line) const;
};

struct Narration {
    std::map<std::string, std::string, std::less<>> sections;  // key -> Markdown body

    // Throws std::runtime_error("cannot read <path>: <reason>").
    static Narration load(const std::filesystem::path& path);
    static std::filesystem::path file_for(const LessonInfo& lesson, Language language);
    // Section for `key` + `suffix` (".return", ".complete" or ""), falling back to `key`; null if none.
    const std::string* find(std::string_view key, std::string_view suffix = {}) const;
};

// The narration for a checkpoint event (ApiEnter, ApiLeave, IoCompleting) folded into `state`,
// following the rules at the top of this file; null when the lesson has no section for it.
// Implemented in lessons/narration_lookup.cpp; used by the GUI and the headless printer alike.
const std::string* narration_for_checkpoint(const trace::Event& checkpoint, const trace::State& state,
                                            const LessonSource& source, const Narration& narration);

}  // namespace ovlab
