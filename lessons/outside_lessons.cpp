// Finds lessons of one's own in the folders a teacher names. A folder that does not make a lesson is
// one line in the errors, and the others stay (docs/lesson-format.md, "A lesson of one's own").
#include "outside_lessons.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <system_error>

namespace ovlab::lessons {
namespace {

namespace fs = std::filesystem;

#ifdef _WIN32
constexpr char kFolderSeparator = ';';
#else
constexpr char kFolderSeparator = ':';
#endif

bool has_lesson_file(const fs::path& folder) {
    std::error_code error;
    return fs::exists(folder / "lesson.json", error);
}

// The lesson folders in `folder`: itself when it holds lesson.json, else its sub-folders that do, by name.
std::vector<fs::path> lesson_folders_in(const fs::path& folder, std::vector<std::string>& errors) {
    std::error_code error;
    if (!fs::is_directory(folder, error)) {
        errors.push_back(fmt::format("{}: lessons folder not found ({})", folder.string(),
                                     error ? error.message() : std::string("not a folder")));
        return {};
    }
    if (has_lesson_file(folder)) return {folder};
    std::vector<fs::path> found;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
        std::error_code kind_error;
        if (it->is_directory(kind_error) && has_lesson_file(it->path())) found.push_back(it->path());
    }
    if (error) {
        errors.push_back(fmt::format("{}: cannot read the lessons folder ({})", folder.string(), error.message()));
        return {};
    }
    if (found.empty())
        errors.push_back(fmt::format("{}: no lesson.json in it or in its folders, so no lesson was found there",
                                     folder.string()));
    std::sort(found.begin(), found.end());
    return found;
}

OutsideLesson read_lesson(const fs::path& folder, const std::vector<std::string>& taken_ids) {
    const fs::path normal = folder.lexically_normal();
    const std::string id = (normal.has_filename() ? normal : normal.parent_path()).filename().string();
    if (std::find(taken_ids.begin(), taken_ids.end(), id) != taken_ids.end())
        throw std::runtime_error(fmt::format("{}: the lesson id '{}' is already in the list (a built-in lesson or "
                                             "a folder named before); rename the folder",
                                             folder.string(), id));
#ifdef _WIN32
    throw std::runtime_error(fmt::format("{}: a lesson of one's own runs its program in its own process, which the "
                                         "Windows build does not do yet",
                                         folder.string()));
#else
    OutsideLesson lesson{id, folder, folder / id, load_lesson_metadata(folder / "lesson.json")};
    std::error_code error;
    if (!fs::is_regular_file(lesson.executable, error))
        throw std::runtime_error(fmt::format("{}: the lesson's program is missing: build the lesson with "
                                             "ovlab_add_lab_lesson, which puts it next to lesson.json",
                                             lesson.executable.string()));
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
            } catch (const std::exception& error) {
                scan.errors.push_back(error.what());
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
