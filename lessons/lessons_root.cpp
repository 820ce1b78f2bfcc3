#include <system_error>

#include <fmt/format.h>

#include "executable_path.h"
#include "ovlab/lesson_registry.h"

namespace ovlab {

std::filesystem::path lessons_root()
{
    // Installed layout: <prefix>/bin/overlapped-lab and <prefix>/share/overlapped-lab/lessons.
    if (std::optional<std::filesystem::path> exe = lessons::executable_path()) {
        std::filesystem::path installed =
            (exe->parent_path() / OVLAB_INSTALLED_LESSONS_FROM_BIN).lexically_normal();
        std::error_code error;
        if (std::filesystem::is_directory(installed, error)) {
            return installed;
        }
    }
    // A binary run from its build tree reads the sources it was built from.
    return std::filesystem::path(OVLAB_SOURCE_LESSONS_DIR);
}

std::filesystem::path lesson_folder(const LessonInfo& lesson)
{
    return lesson.folder.empty() ? lessons_root() / lesson.id : lesson.folder;
}

std::filesystem::path Narration::file_for(const LessonInfo& lesson, Language language)
{
    return lesson_folder(lesson) / fmt::format("narration.{}.md", language_code(language));
}

}  // namespace ovlab
