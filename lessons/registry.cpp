// The lesson list: each built-in lesson's lesson.json, read once at start-up, joined to its program.
#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include <cstdlib>

#include "built_in_lessons.h"
#include "lesson_metadata.h"
#include "outside_lessons.h"
#include "ovlab/lesson_load_errors.h"
#include "ovlab/lesson_registry.h"

namespace ovlab {
namespace {

using Check = std::function<CheckResult(const std::filesystem::path& workdir, int exit_code)>;

// Every lesson's check starts the same way: a program that did not exit with 0 failed, and
// lesson.json says what 0 would have meant.
Check check_with_exit_code(const lessons::LessonMetadata& metadata, Check on_success, const ParameterValues& values)
{
    return [means = metadata.exit_zero_means, passed = metadata.passed, on_success = std::move(on_success),
            values](const std::filesystem::path& workdir, int exit_code) -> CheckResult {
        if (exit_code != 0) {
            return {false, fmt::format("the program exited with code {} (0 means {})", exit_code, means.en),
                    fmt::format("프로그램이 종료 코드 {}로 끝났습니다(0이면 {})", exit_code, means.ko)};
        }
        if (on_success) {
            return on_success(workdir, exit_code);
        }
        if (passed) {
            return {true, lessons::fill_in_parameters(passed->en, values), lessons::fill_in_parameters(passed->ko, values)};
        }
        return {true, fmt::format("the program exited with code 0: {}", means.en),
                fmt::format("프로그램이 종료 코드 0으로 끝났습니다. 즉 {}입니다", means.ko)};
    };
}

// What lesson.json tells the list, for a built-in lesson and a lesson of one's own alike.
LessonInfo described_by(std::string id, const lessons::LessonMetadata& metadata)
{
    LessonInfo lesson;
    lesson.id = std::move(id);
    lesson.title_en = metadata.title.en;
    lesson.title_ko = metadata.title.ko;
    lesson.source_file = metadata.program;
    lesson.parameters = metadata.parameters;
    lesson.views = metadata.views;
    lesson.console_ko = metadata.console_ko;
    return lesson;
}

LessonInfo lesson_from(const lessons::BuiltInLesson& built_in, const lessons::LessonMetadata& metadata)
{
    LessonInfo lesson = described_by(built_in.id, metadata);
    lesson.make_program = [built_in, metadata](const ParameterValues& values) {
        LessonProgram program;
        program.id = built_in.id;
        program.entry = built_in.entry;
        if (built_in.complete != nullptr) {
            built_in.complete(program, values);
        }
        program.check = check_with_exit_code(metadata, std::move(program.check), values);
        return program;
    };
    return lesson;
}

// A lesson of one's own runs its program in its own process (app/program_run.h); its run has the
// check lesson.json describes and the parameters' name=value arguments, and no entry in this process.
LessonInfo lesson_from(lessons::OutsideLesson outside)
{
    LessonInfo lesson = described_by(outside.id, outside.metadata);
    lesson.folder = std::move(outside.folder);
    lesson.executable = std::move(outside.executable);
    lesson.make_program = [id = lesson.id, metadata = std::move(outside.metadata)](const ParameterValues& values) {
        LessonProgram program;
        program.id = id;
        program.check = check_with_exit_code(metadata, {}, values);
        return program;
    };
    return lesson;
}

struct LessonList {
    std::vector<LessonInfo> lessons;
    std::vector<std::string> errors;
    std::vector<std::string> errors_ko;  // the same lines in Korean

    void add_folders(const std::vector<std::filesystem::path>& folders)
    {
        std::vector<std::string> taken;
        for (const LessonInfo& lesson : lessons) {
            taken.push_back(lesson.id);
        }
        lessons::OutsideLessonScan scan = lessons::scan_lesson_folders(folders, std::move(taken));
        for (lessons::OutsideLesson& outside : scan.lessons) {
            lessons.push_back(lesson_from(std::move(outside)));
        }
        for (const lessons::LocalizedText& error : scan.errors) {
            errors.push_back(error.en);
            errors_ko.push_back(error.ko);
        }
    }
};

LessonList& lesson_list()
{
    static LessonList list = [] {
        LessonList read;
        std::vector<std::pair<int, LessonInfo>> ordered;
        for (const lessons::BuiltInLesson& built_in : lessons::built_in_lessons()) {
            try {
                lessons::LessonMetadata metadata = lessons::parse_lesson_metadata(built_in.metadata, built_in.metadata_path);
                ordered.emplace_back(metadata.order, lesson_from(built_in, metadata));
            } catch (const std::runtime_error& error) {
                // A lesson.json built into the lab that does not read is the developers' mistake,
                // caught by the tests before a release: its line is the reader's own in both.
                read.errors.push_back(error.what());
                read.errors_ko.push_back(error.what());
            }
        }
        // In teaching order, as each lesson.json's "order" says. Ids are a contract (docs/design.md §2).
        std::stable_sort(ordered.begin(), ordered.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (auto& [order, lesson] : ordered) {
            read.lessons.push_back(std::move(lesson));
        }
        if (const char* folders = std::getenv("OVLAB_LESSONS_DIR"); folders != nullptr) {
            read.add_folders(lessons::split_lesson_folders(folders));
        }
        return read;
    }();
    return list;
}

}  // namespace

const std::vector<LessonInfo>& all_lessons()
{
    return lesson_list().lessons;
}

const std::vector<std::string>& lesson_load_errors()
{
    return lesson_list().errors;
}

std::vector<std::string> lesson_load_errors(Language language)
{
    return language == Language::Korean ? lesson_list().errors_ko : lesson_list().errors;
}

void add_lesson_folders(const std::vector<std::filesystem::path>& folders)
{
    lesson_list().add_folders(folders);
}

const LessonInfo* find_lesson(std::string_view id)
{
    const std::vector<LessonInfo>& lessons = all_lessons();
    auto it = std::find_if(lessons.begin(), lessons.end(), [id](const LessonInfo& lesson) { return lesson.id == id; });
    return it == lessons.end() ? nullptr : &*it;
}

}  // namespace ovlab
