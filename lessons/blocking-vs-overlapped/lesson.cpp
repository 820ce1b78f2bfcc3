// What the lab adds around blocking_vs_overlapped.cpp: titles, the sample file, the parameters and
// the check.
#include <fmt/format.h>

#include "lesson_catalog.h"
#include "sample_files.h"

// The lesson's main, renamed by the build (see ovlab_add_lesson in lessons/CMakeLists.txt).
int ovlab_lesson_blocking_vs_overlapped_main(int argc, char** argv);

namespace ovlab::lessons {
namespace {

constexpr const char* kSampleName = "sample.txt";
constexpr size_t kBlockSize = 4096;
constexpr size_t kBlocks = 16;  // 64 KB: room for the largest chunk x reads a teacher may pick
constexpr unsigned kChunk = 4096;
constexpr unsigned kReads = 3;

std::vector<std::string> prepare(const std::filesystem::path& workdir)
{
    std::filesystem::path sample = workdir / kSampleName;
    write_labelled_file(sample, kSampleName, kBlocks, kBlockSize);
    return {sample.string(), fmt::format("chunk={}", kChunk), fmt::format("reads={}", kReads)};
}

CheckResult check(const std::filesystem::path&, int exit_code)
{
    if (exit_code != 0) {
        return {false, fmt::format("the program exited with code {} (0 means both parts read the same bytes)",
                                   exit_code)};
    }
    return {true, fmt::format("{} blocking reads and {} overlapped reads in flight at once returned the same {} bytes "
                              "of {}",
                              kReads, kReads, kReads * kChunk, kSampleName)};
}

}  // namespace

LessonInfo blocking_vs_overlapped()
{
    LessonInfo lesson;
    lesson.id = "blocking-vs-overlapped";
    lesson.title_en = "Blocking or overlapped: a ReadFile that waits, and ReadFile calls that only start";
    lesson.title_ko = "동기와 비동기: 끝날 때까지 기다리는 ReadFile과 시작만 하는 ReadFile";
    lesson.source_file = "blocking_vs_overlapped.cpp";
    lesson.make_program = [] {
        LessonProgram program;
        program.id = "blocking-vs-overlapped";
        program.entry = ovlab_lesson_blocking_vs_overlapped_main;
        program.prepare = prepare;
        program.check = check;
        return program;
    };
    return lesson;
}

}  // namespace ovlab::lessons
