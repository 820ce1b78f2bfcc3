// What the lab adds around iocp_file_reads.cpp: titles, the two sample files, the parameters and the
// check.
#include <fmt/format.h>

#include "lesson_catalog.h"
#include "sample_files.h"

// The lesson's main, renamed by the build (see ovlab_add_lesson in lessons/CMakeLists.txt).
int ovlab_lesson_iocp_file_reads_main(int argc, char** argv);

namespace ovlab::lessons {
namespace {

constexpr const char* kFileA = "file-a.txt";
constexpr const char* kFileB = "file-b.txt";
constexpr size_t kBlockSize = 4096;
constexpr size_t kBlocks = 8;  // room for the most reads per file a teacher may pick
constexpr unsigned kWorkers = 2;
constexpr unsigned kConcurrency = 2;
constexpr unsigned kReadsPerFile = 2;
constexpr unsigned kSize = 4096;

std::vector<std::string> prepare(const std::filesystem::path& workdir)
{
    write_labelled_file(workdir / kFileA, kFileA, kBlocks, kBlockSize);
    write_labelled_file(workdir / kFileB, kFileB, kBlocks, kBlockSize);
    return {(workdir / kFileA).string(), (workdir / kFileB).string(), fmt::format("workers={}", kWorkers),
            fmt::format("concurrency={}", kConcurrency), fmt::format("reads={}", kReadsPerFile),
            fmt::format("size={}", kSize)};
}

CheckResult check(const std::filesystem::path&, int exit_code)
{
    if (exit_code != 0) {
        return {false, fmt::format("the program exited with code {} (0 means every read was "
                                   "handled correctly and every worker stopped)",
                                   exit_code)};
    }
    return {true, fmt::format("{} reads ({} per file, keys 100 and 200) each returned the block "
                              "at its offset, and the {} workers all stopped",
                              2 * kReadsPerFile, kReadsPerFile, kWorkers)};
}

}  // namespace

LessonInfo iocp_file_reads()
{
    LessonInfo lesson;
    lesson.id = "iocp-file-reads";
    lesson.title_en = "I/O completion port: worker threads handle four file reads, then stop";
    lesson.title_ko = "입출력 완료 포트: 작업자 스레드가 파일 읽기 네 개를 처리하고 멈춘다";
    lesson.source_file = "iocp_file_reads.cpp";
    lesson.make_program = [] {
        LessonProgram program;
        program.id = "iocp-file-reads";
        program.entry = ovlab_lesson_iocp_file_reads_main;
        program.prepare = prepare;
        program.check = check;
        return program;
    };
    return lesson;
}

}  // namespace ovlab::lessons
