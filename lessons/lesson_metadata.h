// A lesson's lesson.json: everything the lab knows about a lesson besides its program and narration
// (titles, parameters, the views it uses, what its check says). Read for the lessons built into the
// app and for a teacher's own lessons alike; docs/lesson-format.md describes the file.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ovlab/lesson_registry.h"

namespace ovlab::lessons {

struct LocalizedText {
    std::string en;
    std::string ko;
};

struct LessonMetadata {
    int order = 0;  // place in the lesson list: lower first
    LocalizedText title;
    std::string program;  // the Win32 program's source file, in the lesson folder
    std::vector<LessonParameter> parameters;
    LessonViews views;
    LocalizedText exit_zero_means;       // the check: what exit code 0 tells
    std::optional<LocalizedText> passed;  // the check's message on success; "{name}" is a parameter's value
    std::vector<ConsoleWording> console_ko;  // the program's printed lines in Korean
};

// Throws std::runtime_error with one line naming `path`: "<path>:<line>: not valid JSON (...)" for a
// syntax error, "<path>: <field>: ..." for a field that is missing, of the wrong type or out of range.
LessonMetadata parse_lesson_metadata(std::string_view text, const std::filesystem::path& path);
// The same for the file at `path`; also throws std::runtime_error("cannot read <path>: <reason>").
LessonMetadata load_lesson_metadata(const std::filesystem::path& path);

// `text` with each "{name}" replaced by that parameter's value in `values`.
std::string fill_in_parameters(std::string_view text, const ParameterValues& values);

}  // namespace ovlab::lessons
