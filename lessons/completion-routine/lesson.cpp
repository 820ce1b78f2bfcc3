// What the lab adds around completion_routine.cpp: titles, the sample file, the parameters and the
// check.
#include <fmt/format.h>

#include "lesson_catalog.h"
#include "sample_files.h"

// The lesson's main, renamed by the build (see ovlab_add_lesson in lessons/CMakeLists.txt).
int ovlab_lesson_completion_routine_main(int argc, char** argv);

namespace ovlab::lessons {
namespace {

constexpr const char* kSampleName = "sample.txt";
constexpr size_t kBlockSize = 4096;
constexpr size_t kBlocks = 2;
constexpr unsigned kAlertable = 1;
constexpr unsigned kWaitMs = 1000;

std::vector<std::string> prepare(const std::filesystem::path& workdir)
{
    std::filesystem::path sample = workdir / kSampleName;
    write_labelled_file(sample, kSampleName, kBlocks, kBlockSize);
    return {sample.string(), fmt::format("alertable={}", kAlertable), fmt::format("wait={}", kWaitMs)};
}

CheckResult check(const std::filesystem::path&, int exit_code)
{
    if (exit_code != 0) {
        return {false, fmt::format("the program exited with code {} (0 means every "
                                   "routine ran and reported success)",
                                   exit_code)};
    }
    return {true, std::string("the file read and both socket receives ran their completion "
                              "routines, on main, inside alertable waits")};
}

}  // namespace

LessonInfo completion_routine()
{
    LessonInfo lesson;
    lesson.id = "completion-routine";
    lesson.title_en = "Completion routines: ReadFileEx and WSARecv, run in alertable waits";
    lesson.title_ko = "완료 루틴: ReadFileEx와 WSARecv, 알림 가능 대기(alertable wait)에서 실행된다";
    lesson.source_file = "completion_routine.cpp";
    lesson.make_program = [] {
        LessonProgram program;
        program.id = "completion-routine";
        program.entry = ovlab_lesson_completion_routine_main;
        program.prepare = prepare;
        program.check = check;
        return program;
    };
    return lesson;
}

}  // namespace ovlab::lessons
