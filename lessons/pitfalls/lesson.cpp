// What the lab adds around pitfalls.cpp: titles, the sample file, the parameters and the check.
#include <fmt/format.h>

#include "lesson_catalog.h"
#include "sample_files.h"

// The lesson's main, renamed by the build (see ovlab_add_lesson in lessons/CMakeLists.txt).
int ovlab_lesson_pitfalls_main(int argc, char** argv);

namespace ovlab::lessons {
namespace {

constexpr const char* kSampleName = "blocks.txt";
constexpr size_t kBlockSize = 4096;
constexpr size_t kBlocks = 4;
constexpr unsigned kLoops = 3;
constexpr unsigned kWaitMs = 500;

std::vector<std::string> prepare(const std::filesystem::path& workdir)
{
    std::filesystem::path sample = workdir / kSampleName;
    write_labelled_file(sample, kSampleName, kBlocks, kBlockSize);
    return {sample.string(), "part=0", fmt::format("loops={}", kLoops), fmt::format("wait={}", kWaitMs)};
}

CheckResult check(const std::filesystem::path&, int exit_code)
{
    if (exit_code != 0) {
        return {false, fmt::format("the program exited with code {} (0 means every fix worked)", exit_code)};
    }
    return {true, std::string("all six mistakes were made and stopped before they could "
                              "hang or damage anything, and every fix worked")};
}

}  // namespace

LessonInfo pitfalls()
{
    LessonInfo lesson;
    lesson.id = "pitfalls";
    lesson.title_en = "Pitfalls: the classic overlapped I/O mistakes, made live and fixed";
    lesson.title_ko = "함정: 비동기 I/O의 전형적인 실수를 직접 저질러 보고 고치기";
    lesson.source_file = "pitfalls.cpp";
    lesson.make_program = [] {
        LessonProgram program;
        program.id = "pitfalls";
        program.entry = ovlab_lesson_pitfalls_main;
        program.prepare = prepare;
        program.check = check;
        return program;
    };
    return lesson;
}

}  // namespace ovlab::lessons
