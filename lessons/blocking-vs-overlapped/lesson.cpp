// What lesson.json cannot say about blocking_vs_overlapped.cpp: the sample file, sized from the
// parameters, and the check's message, which multiplies two of them.
#include <fmt/format.h>

#include <algorithm>

#include "built_in_lessons.h"
#include "sample_files.h"

namespace ovlab::lessons {
namespace {

constexpr const char* kSampleName = "sample.txt";
constexpr size_t kBlockSize = 4096;
constexpr size_t kBlocks = 16;  // 64 KB at the defaults, so the default transcript never changes

}  // namespace

void blocking_vs_overlapped(LessonProgram& program, const ParameterValues& values)
{
    const unsigned chunk = values.at("chunk");
    const unsigned reads = values.at("reads");
    // Large enough for every read to get data: a read past the end would teach something else.
    program.prepare = [chunk, reads](const std::filesystem::path& workdir) {
        std::filesystem::path sample = workdir / kSampleName;
        const size_t blocks = std::max(kBlocks, (size_t{chunk} * reads + kBlockSize - 1) / kBlockSize);
        write_labelled_file(sample, kSampleName, blocks, kBlockSize);
        return std::vector<std::string>{sample.string()};
    };
    program.check = [chunk, reads](const std::filesystem::path&, int) -> CheckResult {
        return {true, fmt::format("{} blocking reads and {} overlapped reads in flight at once returned the same {} "
                                  "bytes of {}",
                                  reads, reads, reads * chunk, kSampleName),
                fmt::format("블로킹 읽기 {}개와, 동시에 진행된 중첩 I/O 읽기 {}개가 {}의 같은 {}바이트를 돌려주었습니다",
                            reads, reads, kSampleName, reads * chunk)};
    };
}

}  // namespace ovlab::lessons
