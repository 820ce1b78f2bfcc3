// What lesson.json cannot say about pitfalls.cpp: the sample file, sized from the parameters, and the
// check's message, which reads differently for all six mistakes and for one.
#include <fmt/format.h>

#include <algorithm>

#include "built_in_lessons.h"
#include "sample_files.h"

namespace ovlab::lessons {
namespace {

constexpr const char* kSampleName = "blocks.txt";
constexpr size_t kBlockSize = 4096;
constexpr size_t kBlocks = 4;  // at the defaults, so the default transcript never changes

}  // namespace

void pitfalls(LessonProgram& program, const ParameterValues& values)
{
    const int part = values.at("part");
    const size_t loops = values.at("loops");
    // Part 1's fix reads block after block, `loops` of them: each must exist, or the fix reads past
    // the end and fails.
    program.prepare = [loops](const std::filesystem::path& workdir) {
        std::filesystem::path sample = workdir / kSampleName;
        write_labelled_file(sample, kSampleName, std::max(kBlocks, loops), kBlockSize);
        return std::vector<std::string>{sample.string()};
    };
    program.check = [part](const std::filesystem::path&, int) -> CheckResult {
        if (part != 0) {
            return {true, fmt::format("mistake {} was made and stopped before it could hang or damage anything, "
                                      "and its fix worked",
                                      part),
                    fmt::format("{}번 실수를 저질렀고, 멈추거나 무언가를 망가뜨리기 전에 막았으며, 고친 코드가 동작했습니다",
                                part)};
        }
        return {true, std::string("all six mistakes were made and stopped before they could "
                                  "hang or damage anything, and every fix worked"),
                std::string("실수 여섯 가지를 모두 저질렀고, 멈추거나 무언가를 망가뜨리기 전에 막았으며, 고친 코드가 "
                            "모두 동작했습니다")};
    };
}

}  // namespace ovlab::lessons
