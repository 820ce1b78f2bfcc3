// What lesson.json cannot say about wait_on_another_thread.cpp: the sample file, sized from the
// parameters, and the check's message, which says "thread" or "threads".
#include <fmt/format.h>

#include <algorithm>

#include "built_in_lessons.h"
#include "sample_files.h"

namespace ovlab::lessons {
namespace {

constexpr const char* kSampleName = "sample.txt";
constexpr size_t kMinimumFileBytes = 64 * 1024;  // 16 blocks at the default size: the default transcript stays as it is

}  // namespace

void wait_on_another_thread(LessonProgram& program, const ParameterValues& values)
{
    const unsigned requests = values.at("requests");
    const unsigned size = values.at("size");
    // Large enough for every read to get data: a read past the end would teach something else.
    program.prepare = [requests, size](const std::filesystem::path& workdir) {
        std::filesystem::path sample = workdir / kSampleName;
        // One labelled block per request size, so every request starts on a label whatever the size.
        const size_t bytes = std::max(kMinimumFileBytes, size_t{size} * requests);
        write_labelled_file(sample, kSampleName, (bytes + size - 1) / size, size);
        return std::vector<std::string>{sample.string()};
    };
    program.check = [requests, size](const std::filesystem::path&, int) -> CheckResult {
        return {true, fmt::format("{} waiter thread{} each got the {}-byte block of {} "
                                  "their request asked for, and exited with 0",
                                  requests, requests == 1 ? "" : "s", size, kSampleName),
                fmt::format("대기 스레드 {}개가 각자 요청한 {}의 {}바이트 블록을 받고 0으로 끝났습니다", requests,
                            kSampleName, size)};
    };
}

}  // namespace ovlab::lessons
