// The lessons the app knows, their sources and their narration. Implemented in lessons/.
//
// Narration is keyed by step tags written as comments in the lesson source:
//     BOOL ok = ReadFile(hSrc, buffer, sizeof buffer, NULL, &readOv);  // [step: issue-read]
// A checkpoint on line L takes the tag of the nearest tagged line at or above L. The narration
// file has one "## key" section per tag; a call's return uses "## key.return" and an I/O
// completion "## key.complete" when those exist, else "## key". "## intro" is shown before the
// first step and "## finished" after the lesson ended. A tagged line without a traced call carries
// LAB_STEP(), so the thread stops there too (see narration_for_checkpoint below).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ovlab/language.h"
#include "ovlab/predict.h"
#include "ovlab/session.h"
#include "ovlab/trace_state.h"

namespace ovlab {

std::optional<Language> parse_language(std::string_view code);  // "en" / "ko"
std::string_view language_code(Language language);

// A value of the lesson program a teacher may change (worker threads, buffer size, alertable or
// not...). It reaches the program's command line as "name=value". Every parameter is a whole
// number; a choice such as alertable on/off is a switch (0 or 1).
struct LessonParameter {
    std::string name;        // as the program reads it: "workers" in "workers=3"
    int default_value = 0;   // the value the narration and the golden transcript are written for
    int min = 0;             // inclusive range; a switch is 0..1
    int max = 0;
    bool is_switch = false;  // 0 = off, 1 = on: a checkbox in the window
    std::string explain_en;  // one line: what changing it shows
    std::string explain_ko;

    const std::string& explain(Language language) const { return language == Language::Korean ? explain_ko : explain_en; }
};

// A line the lesson program prints (its printf goes to the Console panel and the transcript), in
// Korean: `english` is an ECMAScript regular expression the whole line must match, `korean` the
// replacement ($1, $2... are its groups). The program itself stays a plain Win32 program printing
// English; the lab words its lines in the student's language.
struct ConsoleWording {
    std::string english;
    std::string korean;
};

// Parameter name -> value. What a teacher asked for may name only some parameters; the values a
// program is built with (see LessonInfo::program) name every declared one.
using ParameterValues = std::map<std::string, int, std::less<>>;

// The panels only some lessons need, as the lesson's lesson.json declares them.
struct LessonViews {
    bool port = false;  // the completion port panel
    bool apc = false;   // the APC panel
};

struct LessonInfo {
    std::string id;          // a contract: see docs/design.md §2
    std::string title_en;
    std::string title_ko;
    std::string source_file; // file name of the Win32 program inside the lesson folder
    std::vector<LessonParameter> parameters;  // in the order the program's usage line lists them
    LessonViews views;
    // Builds the run with `values`: every declared parameter, each inside its range. The lesson's
    // prepare returns only the arguments that are not parameters (the sample files).
    std::function<LessonProgram(const ParameterValues& values)> make_program;
    std::vector<ConsoleWording> console_ko;  // the program's own lines; common ones are in console_line
    // A lesson of one's own, found in a folder named by --lessons-dir or OVLAB_LESSONS_DIR: its folder
    // and its program, built with ovlab_add_lab_lesson, which the lab runs in its own process as it
    // runs --program PATH. Both empty for a lesson built into the lab (make_program's entry runs it).
    std::filesystem::path folder;
    std::filesystem::path executable;

    bool runs_in_own_process() const { return !executable.empty(); }
    const std::string& title(Language language) const { return language == Language::Korean ? title_ko : title_en; }
    const LessonParameter* find_parameter(std::string_view name) const;
    // The run with the defaults changed by `changes`; every parameter is appended to the program's
    // arguments as "name=value". Throws std::invalid_argument(check_parameters' message) for bad changes.
    LessonProgram program(const ParameterValues& changes = {}) const;
};

// `line` (one printed line, without its newline) in `language`: the lesson's wording, else a form
// every lesson prints ("X failed: error N"), else the line as printed.
std::string console_line(const LessonInfo& lesson, std::string_view line, Language language);

// One line for the first unknown name or out-of-range value in `changes`, or nothing when all are good.
std::optional<std::string> check_parameters(const LessonInfo& lesson, const ParameterValues& changes);
// Parses "name=value" (value: a whole number; a switch also takes on/off) into `changes`, replacing
// an earlier value of that name. Returns a one-line error (unknown name, not a number, out of range).
std::optional<std::string> parse_parameter(const LessonInfo& lesson, std::string_view assignment,
                                           ParameterValues& changes);
// The entries of `changes` that differ from their defaults, as "name=value" in declaration order.
std::vector<std::string> changed_parameters(const LessonInfo& lesson, const ParameterValues& changes);

// Every lesson whose lesson.json reads well, in list order: the built-in lessons, then the lessons of
// one's own in the folders $OVLAB_LESSONS_DIR lists. A lesson whose folder does not read is left out,
// and lesson_load_errors() says why (one line naming the file).
const std::vector<LessonInfo>& all_lessons();
const LessonInfo* find_lesson(std::string_view id);
const std::vector<std::string>& lesson_load_errors();
// Adds the lessons of one's own in `folders` (--lessons-dir) after those already listed. Call it
// before taking a pointer into all_lessons(): the list may move.
void add_lesson_folders(const std::vector<std::filesystem::path>& folders);

// Where the built-in lessons' folders (their sources and narration) are at run time: next to the
// installed binary (../share/overlapped-lab/lessons), else the source tree the binary was built from.
std::filesystem::path lessons_root();
// The lesson's folder: its own for a lesson of one's own, else lessons_root() / id.
std::filesystem::path lesson_folder(const LessonInfo& lesson);

struct LessonSource {
    std::filesystem::path path;
    std::vector<std::string> lines;      // lines[0] is line 1
    std::vector<std::string> tag_at;     // the step tag in force at each line ("" before the first)

    // Throws std::runtime_error("cannot read <path>: <reason>").
    static LessonSource load(const std::filesystem::path& path);
    // The same from lines already read; `path` names them in error messages. Throws std::runtime_error
    // ("<path>:<line>: …") for a malformed step tag.
    static LessonSource parse(std::vector<std::string> lines, const std::filesystem::path& path);
    const std::string& tag_for_line(uint32_t line) const;
};

struct Narration {
    std::map<std::string, std::string, std::less<>> sections;  // key -> Markdown body
    std::vector<std::string> order;  // the sections' keys in the file's order (the lesson's outline)
    // The Predict mode's questions: the part after a "# Predict" line at the end of the file.
    std::vector<predict::Question> questions;

    // Throws std::runtime_error("cannot read <path>: <reason>").
    static Narration load(const std::filesystem::path& path);
    // The same from lines already read; `path` names them in error messages. Throws std::runtime_error
    // ("<path>:<line>: …") for a heading without a key, a section that appears twice or a malformed
    // question.
    static Narration parse(const std::vector<std::string>& lines, const std::filesystem::path& path);
    static std::filesystem::path file_for(const LessonInfo& lesson, Language language);
    // Section for `key` + `suffix` (".return", ".complete" or ""), falling back to `key`; null if none.
    const std::string* find(std::string_view key, std::string_view suffix = {}) const;
};

// What a step shows in the narration panel and the transcript.
struct CheckpointNarration {
    std::string key;                    // the section's heading ("issue-read.return"), "" when none
    const std::string* text = nullptr;  // its Markdown body; null when the step has no section
};

// The section of one checkpoint folded into `state`. The rule (the same for the window and the
// headless transcript):
//  - every checkpoint is about one lesson line: the line its thread is at, or for an I/O completion
//    the line of the call that issued the request;
//  - the step shows that line's tag with the checkpoint's suffix (".return" for a call returning,
//    ".complete" for a completion) when that section exists, else the tag's plain section;
//  - a tagged line that makes no traced call has a LAB_STEP() (ovlab/callsite.h), whose LineReached
//    checkpoint shows the plain section; an APC starting is on the alertable wait that runs it and
//    shows that wait's plain section, and the routine's LAB_STEP() its own section next;
//  - a line before the first tag has no section: the window says so, it never keeps an earlier
//    step's text.
CheckpointNarration narration_for_checkpoint(const trace::Event& checkpoint, const trace::State& state,
                                             const LessonSource& source, const Narration& narration);
// The same rule once the checkpoint's lesson line is known (a checkpoint of `kind` about `line`).
CheckpointNarration narration_for_line(uint32_t line, trace::EventKind kind, const LessonSource& source,
                                       const Narration& narration);
// What is shown after the end: `## finished.<tag>` when the narration has a section for the tag of
// the run's last step (a part of the lesson, chosen by a parameter, that ends its own way), else
// `## finished`. `last_checkpoint` is null when the run had no step.
CheckpointNarration narration_for_end(const trace::Event* last_checkpoint, const trace::State& state,
                                      const LessonSource& source, const Narration& narration);

}  // namespace ovlab
