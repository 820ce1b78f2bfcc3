// Lessons of one's own: folders outside the lab, each with lesson.json, narration.<lang>.md, the
// program's sources and the program itself, built with ovlab_add_lab_lesson (docs/lesson-format.md).
// The lab finds them in the folders --lessons-dir and OVLAB_LESSONS_DIR name and runs their program in
// its own process, as it runs --program PATH: POSIX only so far, so the Windows build lists none (each
// folder is one line saying so).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "lesson_metadata.h"

namespace ovlab::lessons {

struct OutsideLesson {
    std::string id;                    // the folder's name, as for a built-in lesson
    std::filesystem::path folder;
    std::filesystem::path executable;  // <folder>/<id>
    LessonMetadata metadata;
};

struct OutsideLessonScan {
    std::vector<OutsideLesson> lessons;  // in the order the folders were named, each folder's sorted by order
    std::vector<LocalizedText> errors;   // one line per folder left out, naming it and why
};

// Each of `folders` is a lesson folder (it holds lesson.json) or a folder of lesson folders. A lesson
// whose id is in `taken_ids` (a built-in lesson's, or one found earlier) is left out, as is one whose
// lesson.json does not read or whose program is missing. Never throws.
OutsideLessonScan scan_lesson_folders(const std::vector<std::filesystem::path>& folders,
                                      std::vector<std::string> taken_ids);

// OVLAB_LESSONS_DIR's folders: separated by ':' (';' on Windows, where ':' follows a drive letter);
// empty entries are skipped.
std::vector<std::filesystem::path> split_lesson_folders(std::string_view list);

}  // namespace ovlab::lessons
