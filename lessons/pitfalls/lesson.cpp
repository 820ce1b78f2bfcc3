// What the lab adds around pitfalls.cpp: titles, the sample file, the parameters and the check.
#include <fmt/format.h>

#include <algorithm>

#include "lesson_catalog.h"
#include "sample_files.h"

// The lesson's main, renamed by the build (see ovlab_add_lesson in lessons/CMakeLists.txt).
int ovlab_lesson_pitfalls_main(int argc, char** argv);

namespace ovlab::lessons {
namespace {

constexpr const char* kSampleName = "blocks.txt";
constexpr size_t kBlockSize = 4096;
constexpr size_t kBlocks = 4;  // at the defaults, so the default transcript never changes

std::vector<LessonParameter> parameters()
{
    return {
        {.name = "part", .default_value = 0, .min = 0, .max = 6,
         .explain_en = "0 makes all six mistakes; 1 to 6 just one: offset, end-of-file status, key in a DWORD, "
                       "reused OVERLAPPED, returning while pending, non-alertable wait.",
         .explain_ko = "0이면 여섯 가지 실수를 모두, 1~6이면 하나만: 오프셋, 파일 끝 상태 값, DWORD에 담은 키, 재사용한 "
                       "OVERLAPPED, 대기 중에 반환, alertable이 아닌 대기."},
        {.name = "loops", .default_value = 3, .min = 1, .max = 10,
         .explain_en = "Rounds a buggy loop may go before the lesson stops it: how often a mistake repeats.",
         .explain_ko = "버그 있는 루프를 멈추기 전에 허용하는 횟수: 실수가 몇 번 되풀이되는지 보여 줍니다."},
        {.name = "wait", .default_value = 500, .min = 100, .max = 5000,
         .explain_en = "Milliseconds part 6's non-alertable wait lasts while the routine that would end it "
                       "stays queued.",
         .explain_ko = "6번의 alertable이 아닌 대기가 계속되는 시간(밀리초): 그동안 대기를 끝낼 루틴은 큐에 "
                       "남아 있습니다."},
    };
}

LessonProgram make_program(const ParameterValues& values)
{
    const int part = values.at("part");
    const size_t loops = values.at("loops");
    LessonProgram program;
    program.id = "pitfalls";
    program.entry = ovlab_lesson_pitfalls_main;
    // Part 1's fix reads block after block, `loops` of them: each must exist, or the fix reads past
    // the end and fails.
    program.prepare = [loops](const std::filesystem::path& workdir) {
        std::filesystem::path sample = workdir / kSampleName;
        write_labelled_file(sample, kSampleName, std::max(kBlocks, loops), kBlockSize);
        return std::vector<std::string>{sample.string()};
    };
    program.check = [part](const std::filesystem::path&, int exit_code) -> CheckResult {
        if (exit_code != 0) {
            return {false, fmt::format("the program exited with code {} (0 means every fix worked)", exit_code),
                    fmt::format("프로그램이 종료 코드 {}로 끝났습니다(0이면 모든 고친 코드가 동작한 것)", exit_code)};
        }
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
    return program;
}

}  // namespace

LessonInfo pitfalls()
{
    LessonInfo lesson;
    lesson.id = "pitfalls";
    lesson.title_en = "Pitfalls: the classic overlapped I/O mistakes, made live and fixed";
    lesson.title_ko = "함정: 중첩 I/O의 전형적인 실수를 직접 저질러 보고 고치기";
    lesson.source_file = "pitfalls.cpp";
    lesson.parameters = parameters();
    lesson.make_program = make_program;
    return lesson;
}

}  // namespace ovlab::lessons
