// What the lab adds around blocking_vs_overlapped.cpp: titles, the sample file, the parameters and
// the check.
#include <fmt/format.h>

#include <algorithm>

#include "lesson_catalog.h"
#include "sample_files.h"

// The lesson's main, renamed by the build (see ovlab_add_lesson in lessons/CMakeLists.txt).
int ovlab_lesson_blocking_vs_overlapped_main(int argc, char** argv);

namespace ovlab::lessons {
namespace {

constexpr const char* kSampleName = "sample.txt";
constexpr size_t kBlockSize = 4096;
constexpr size_t kBlocks = 16;  // 64 KB at the defaults, so the default transcript never changes

std::vector<LessonParameter> parameters()
{
    return {
        {.name = "chunk", .default_value = 4096, .min = 512, .max = 65536,
         .explain_en = "Bytes per ReadFile: bigger chunks make fewer, longer requests, yet each overlapped "
                       "ReadFile still returns at once.",
         .explain_ko = "ReadFile 한 번에 읽는 바이트 수: 크면 요청이 적고 길어지지만, 중첩 ReadFile은 여전히 바로 "
                       "반환됩니다."},
        {.name = "reads", .default_value = 3, .min = 1, .max = 8,
         .explain_en = "Reads per part: the blocking part waits for each in turn, the overlapped part has them "
                       "all in flight at once.",
         .explain_ko = "부분마다 읽는 횟수: 동기 부분은 하나씩 차례로 기다리고, 비동기 부분은 모두 동시에 진행합니다."},
    };
}

LessonProgram make_program(const ParameterValues& values)
{
    const unsigned chunk = values.at("chunk");
    const unsigned reads = values.at("reads");
    LessonProgram program;
    program.id = "blocking-vs-overlapped";
    program.entry = ovlab_lesson_blocking_vs_overlapped_main;
    // Large enough for every read to get data: a read past the end would teach something else.
    program.prepare = [chunk, reads](const std::filesystem::path& workdir) {
        std::filesystem::path sample = workdir / kSampleName;
        const size_t blocks = std::max(kBlocks, (size_t{chunk} * reads + kBlockSize - 1) / kBlockSize);
        write_labelled_file(sample, kSampleName, blocks, kBlockSize);
        return std::vector<std::string>{sample.string()};
    };
    program.check = [chunk, reads](const std::filesystem::path&, int exit_code) -> CheckResult {
        if (exit_code != 0) {
            return {false,
                    fmt::format("the program exited with code {} (0 means both parts read the same bytes)", exit_code),
                    fmt::format("프로그램이 종료 코드 {}로 끝났습니다(0이면 두 부분이 같은 바이트를 읽은 것)", exit_code)};
        }
        return {true, fmt::format("{} blocking reads and {} overlapped reads in flight at once returned the same {} "
                                  "bytes of {}",
                                  reads, reads, reads * chunk, kSampleName),
                fmt::format("블로킹 읽기 {}개와, 동시에 진행된 중첩 I/O 읽기 {}개가 {}의 같은 {}바이트를 돌려주었습니다",
                            reads, reads, kSampleName, reads * chunk)};
    };
    return program;
}

std::vector<ConsoleWording> console_ko()
{
    return {
        {R"re(blocking read (\d+): (\d+) bytes, starting "(.*)")re", "동기 읽기 $1: $2바이트, 시작 부분 \"$3\""},
        {R"re(overlapped read (\d+): (\d+) bytes, starting "(.*)")re", "중첩 읽기 $1: $2바이트, 시작 부분 \"$3\""},
        {R"re(main is free: read (\d+) is still pending)re", "main은 자유로움: 읽기 $1: 아직 대기 중"},
        {R"re(main is free: read (\d+) is already complete)re", "main은 자유로움: 읽기 $1: 이미 완료됨"},
        {R"re(overlapped read (\d+) did not start: error (\d+))re", "중첩 읽기 $1이 시작되지 않음: 오류 $2"},
        {R"re(overlapped read (\d+) failed: error (\d+))re", "중첩 읽기 $1 실패: 오류 $2"},
        {R"re(blocking ReadFile failed: error (\d+))re", "동기 ReadFile 실패: 오류 $1"},
        {R"re(WaitForMultipleObjects failed: (\d+), error (\d+))re", "WaitForMultipleObjects 실패: $1, 오류 $2"},
        {R"re((\d+) reads of (\d+) bytes each way)re", "방식마다 $2바이트 읽기 $1번"},
        {R"re(the two parts read different data \((\d+) and (\d+) bytes\))re", "두 부분이 서로 다른 데이터를 읽음($1바이트와 $2바이트)"},
        {R"re(done: both parts read the same (\d+) bytes)re", "끝: 두 부분이 같은 $1바이트를 읽음"},
    };
}

}  // namespace

LessonInfo blocking_vs_overlapped()
{
    LessonInfo lesson;
    lesson.id = "blocking-vs-overlapped";
    lesson.title_en = "Blocking or overlapped: a ReadFile that waits, and ReadFile calls that only start";
    lesson.title_ko = "동기와 비동기: 끝날 때까지 기다리는 ReadFile과 시작만 하는 ReadFile";
    lesson.source_file = "blocking_vs_overlapped.cpp";
    lesson.parameters = parameters();
    lesson.console_ko = console_ko();
    lesson.make_program = make_program;
    return lesson;
}

}  // namespace ovlab::lessons
