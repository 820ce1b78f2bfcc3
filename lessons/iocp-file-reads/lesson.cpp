// What lesson.json cannot say about iocp_file_reads.cpp: the two sample files, sized from the
// parameters, and the check's message, which counts reads and workers.
#include <fmt/format.h>

#include <algorithm>

#include "built_in_lessons.h"
#include "sample_files.h"

namespace ovlab::lessons {
namespace {

constexpr const char* kFileA = "file-a.txt";
constexpr const char* kFileB = "file-b.txt";
constexpr size_t kMinimumFileBytes = 32 * 1024;  // 8 blocks at the default size: the default transcript stays as it is

}  // namespace

void iocp_file_reads(LessonProgram& program, const ParameterValues& values)
{
    const unsigned workers = values.at("workers");
    const unsigned reads = values.at("reads");
    const unsigned size = values.at("size");
    // One labelled block per read size, so every read starts on a label whatever the size; large
    // enough for every read to get data: a read past the end would teach something else.
    program.prepare = [reads, size](const std::filesystem::path& workdir) {
        const size_t bytes = std::max(kMinimumFileBytes, size_t{size} * reads);
        const size_t blocks = (bytes + size - 1) / size;
        write_labelled_file(workdir / kFileA, kFileA, blocks, size);
        write_labelled_file(workdir / kFileB, kFileB, blocks, size);
        return std::vector<std::string>{(workdir / kFileA).string(), (workdir / kFileB).string()};
    };
    program.check = [workers, reads](const std::filesystem::path&, int) -> CheckResult {
        return {true, fmt::format("{} reads ({} per file, keys 100 and 200) each returned the block "
                                  "at its offset, {}, and the port was left empty (WAIT_TIMEOUT, no OVERLAPPED)",
                                  2 * reads, reads,
                                  workers == 1 ? std::string("the worker stopped")
                                               : fmt::format("the {} workers all stopped", workers)),
                fmt::format("읽기 {}개(파일마다 {}개, 완료 키 100과 200)가 각자 오프셋의 블록을 돌려주었고, {} 포트는 "
                            "비어 있었습니다(WAIT_TIMEOUT, OVERLAPPED 없음)",
                            2 * reads,
                            reads, workers == 1 ? std::string("작업자가 멈췄으며,")
                                                : fmt::format("작업자 {}개가 모두 멈췄으며,", workers))};
    };
}

}  // namespace ovlab::lessons
