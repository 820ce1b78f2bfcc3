// What the lab adds around wait_on_another_thread.cpp: titles, the sample file, the parameters and
// the check.
#include <fmt/format.h>

#include "lesson_catalog.h"
#include "sample_files.h"

// The lesson's main, renamed by the build (see ovlab_add_lesson in lessons/CMakeLists.txt).
int ovlab_lesson_wait_on_another_thread_main(int argc, char** argv);

namespace ovlab::lessons {
namespace {

constexpr const char* kSampleName = "sample.txt";
constexpr size_t kBlockSize = 4096;
constexpr size_t kBlocks = 16;  // 64 KB: room for the most requests x the largest size a teacher may pick
constexpr unsigned kRequests = 2;
constexpr unsigned kSize = 4096;

std::vector<std::string> prepare(const std::filesystem::path& workdir)
{
    std::filesystem::path sample = workdir / kSampleName;
    write_labelled_file(sample, kSampleName, kBlocks, kBlockSize);
    return {sample.string(), fmt::format("requests={}", kRequests), fmt::format("size={}", kSize)};
}

CheckResult check(const std::filesystem::path&, int exit_code)
{
    if (exit_code != 0) {
        return {false, fmt::format("the program exited with code {} (0 means every waiter "
                                   "got the data its request asked for)",
                                   exit_code)};
    }
    return {true, fmt::format("{} waiter threads each got the {}-byte block of {} "
                              "their request asked for, and exited with 0",
                              kRequests, kSize, kSampleName)};
}

}  // namespace

LessonInfo wait_on_another_thread()
{
    LessonInfo lesson;
    lesson.id = "wait-on-another-thread";
    lesson.title_en = "Waiting on another thread: a request struct carries the buffer to a waiter thread";
    lesson.title_ko = "다른 스레드에서 기다리기: 요청 구조체가 버퍼를 대기 스레드에 넘긴다";
    lesson.source_file = "wait_on_another_thread.cpp";
    lesson.make_program = [] {
        LessonProgram program;
        program.id = "wait-on-another-thread";
        program.entry = ovlab_lesson_wait_on_another_thread_main;
        program.prepare = prepare;
        program.check = check;
        return program;
    };
    return lesson;
}

}  // namespace ovlab::lessons
