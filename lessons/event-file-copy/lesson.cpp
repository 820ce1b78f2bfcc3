// What lesson.json cannot say about event_file_copy.cpp: the sample file, and the check that all
// three copies came out byte-identical.
#include <fmt/format.h>

#include <array>

#include "built_in_lessons.h"
#include "sample_files.h"

namespace ovlab::lessons {
namespace {

constexpr const char* kSourceName = "source.bin";
// One destination per part, named after how that part learns a request finished.
constexpr std::array<const char*, 3> kCopyNames = {"copy-a-handle.bin", "copy-b-event.bin", "copy-c-result.bin"};
// Three full 4096-byte requests and a short one, so every part shows a full read, a short read
// and the end of the file, in about four reads per part.
constexpr size_t kSampleSize = 3 * 4096 + 1234;
constexpr uint32_t kSampleSeed = 0x0EF1C0B7;

std::vector<std::string> prepare(const std::filesystem::path& workdir)
{
    std::filesystem::path source = workdir / kSourceName;
    write_sample_file(source, kSampleSize, kSampleSeed);
    std::vector<std::string> args = {source.string()};
    for (const char* name : kCopyNames) {
        args.push_back((workdir / name).string());
    }
    return args;
}

CheckResult check(const std::filesystem::path& workdir, int)
{
    for (const char* name : kCopyNames) {
        if (std::optional<std::string> difference = describe_difference(workdir / kSourceName, workdir / name)) {
            return {false, *difference};
        }
    }
    return {true,
            fmt::format("{} copies of {} ({} bytes) are byte-identical", kCopyNames.size(), kSourceName, kSampleSize),
            fmt::format("{}({}바이트)의 복사본 {}개가 바이트 단위로 같습니다", kSourceName, kSampleSize, kCopyNames.size())};
}

}  // namespace

void event_file_copy(LessonProgram& program, const ParameterValues&)
{
    program.prepare = prepare;
    program.check = check;
}

}  // namespace ovlab::lessons
