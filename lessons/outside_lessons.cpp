// Finds lessons of one's own in the folders a teacher names. A folder that does not make a lesson is
// one line in the errors, and the others stay (docs/lesson-format.md, "A lesson of one's own").
#include "outside_lessons.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <system_error>

#include "ovlab/localized_error.h"

namespace ovlab::lessons {
namespace {

namespace fs = std::filesystem;

#ifdef _WIN32
constexpr char kFolderSeparator = ';';
#else
constexpr char kFolderSeparator = ':';
#endif

// Thrown for a folder that is no lesson: the line in both languages.
struct NotALesson {
    LocalizedText line;
};

#ifndef _WIN32
// lesson.json's own reader names the file, the field and what is wrong in the terms of the file
// (docs/lesson-format.md); the Korean line says the same around it.
LessonMetadata read_metadata(const fs::path& path) {
    try {
        return load_lesson_metadata(path);
    } catch (const std::runtime_error& error) {
        throw NotALesson{{error.what(), fmt::format("lesson.json을 읽지 못해 이 레슨은 목록에서 빠졌습니다: {}",
                                                    message_in(error, Language::Korean))}};
    }
}
#endif

bool has_lesson_file(const fs::path& folder) {
    std::error_code error;
    return fs::exists(folder / "lesson.json", error);
}

// A line in both languages; `{}` in each is the folder.
LocalizedText problem(const fs::path& folder, std::string_view en, std::string_view ko) {
    return {fmt::format(fmt::runtime(en), folder.string()), fmt::format(fmt::runtime(ko), folder.string())};
}

// The lesson folders in `folder`: itself when it holds lesson.json, else its sub-folders that do, by name.

std::vector<fs::path> lesson_folders_in(const fs::path& folder, std::vector<LocalizedText>& errors) {
    std::error_code error;
    if (!fs::is_directory(folder, error)) {
        errors.push_back(error ? LocalizedText{fmt::format("{}: lessons folder not found ({})", folder.string(),
                                                           error.message()),
                                               fmt::format("{}: 레슨 폴더를 찾을 수 없습니다", folder.string())}
                               : problem(folder, "{}: lessons folder not found (not a folder)",
                                         "{}: 레슨 폴더를 찾을 수 없습니다 (폴더가 아닙니다)"));
        return {};
    }
    if (has_lesson_file(folder)) return {folder};
    std::vector<fs::path> found;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
        std::error_code kind_error;
        if (it->is_directory(kind_error) && has_lesson_file(it->path())) found.push_back(it->path());
    }
    if (error) {
        errors.push_back({fmt::format("{}: cannot read the lessons folder ({})", folder.string(), error.message()),
                          fmt::format("{}: 레슨 폴더를 읽을 수 없습니다", folder.string())});
        return {};
    }
    if (found.empty())
        errors.push_back(problem(folder, "{}: no lesson.json in it or in its folders, so no lesson was found there",
                                 "{}: 이 폴더에도 그 안의 폴더에도 lesson.json이 없어 레슨을 찾지 못했습니다"));
    std::sort(found.begin(), found.end());
    return found;
}


OutsideLesson read_lesson(const fs::path& folder, const std::vector<std::string>& taken_ids) {
    const fs::path normal = folder.lexically_normal();
    const std::string id = (normal.has_filename() ? normal : normal.parent_path()).filename().string();
    if (std::find(taken_ids.begin(), taken_ids.end(), id) != taken_ids.end())
        throw NotALesson{{fmt::format("{}: the lesson id '{}' is already in the list (a built-in lesson or a folder "
                                      "named before); rename the folder",
                                      folder.string(), id),
                          fmt::format("{}: 레슨 id '{}'가 이미 목록에 있습니다 (기본 레슨이거나 앞에서 지정한 폴더의 "
                                      "레슨입니다). 폴더 이름을 바꾸세요",
                                      folder.string(), id)}};
#ifdef _WIN32
    throw NotALesson{problem(folder,
                             "{}: a lesson of one's own runs its program in its own process, which the Windows build "
                             "does not do yet",
                             "{}: 직접 만든 레슨은 프로그램을 자체 프로세스에서 실행하는데, Windows 빌드는 아직 그렇게 "
                             "하지 못합니다")};
#else
    OutsideLesson lesson{id, folder, folder / id, read_metadata(folder / "lesson.json")};
    std::error_code error;
    if (!fs::is_regular_file(lesson.executable, error))
        throw NotALesson{problem(lesson.executable,
                                 "{}: the lesson's program is missing: build the lesson with ovlab_add_lab_lesson, "
                                 "which puts it next to lesson.json",
                                 "{}: 레슨의 프로그램이 없습니다. ovlab_add_lab_lesson으로 레슨을 빌드하면 프로그램이 "
                                 "lesson.json 옆에 만들어집니다")};
    return lesson;
#endif
}

}  // namespace

OutsideLessonScan scan_lesson_folders(const std::vector<fs::path>& folders, std::vector<std::string> taken_ids) {
    OutsideLessonScan scan;
    for (const fs::path& folder : folders) {
        std::vector<OutsideLesson> found;
        for (const fs::path& lesson_folder : lesson_folders_in(folder, scan.errors)) {
            try {
                found.push_back(read_lesson(lesson_folder, taken_ids));
                taken_ids.push_back(found.back().id);
            } catch (const NotALesson& problem) {
                scan.errors.push_back(problem.line);
            }
        }
        std::stable_sort(found.begin(), found.end(),
                         [](const OutsideLesson& a, const OutsideLesson& b) { return a.metadata.order < b.metadata.order; });
        std::move(found.begin(), found.end(), std::back_inserter(scan.lessons));
    }
    return scan;
}

std::vector<fs::path> split_lesson_folders(std::string_view list) {
    std::vector<fs::path> folders;
    while (!list.empty()) {
        const size_t end = std::min(list.find(kFolderSeparator), list.size());
        if (end > 0) folders.emplace_back(std::string(list.substr(0, end)));
        list.remove_prefix(std::min(end + 1, list.size()));
    }
    return folders;
}

}  // namespace ovlab::lessons
