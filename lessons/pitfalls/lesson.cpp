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

std::vector<ConsoleWording> console_ko()
{
    return {
        {R"re(-- 1\. Offset not set per read)re", "-- 1. 읽기마다 Offset을 정하지 않음"},
        {R"re(bug: read (\d+) asked for Offset (\d+) and got "(.*)")re", "버그: 읽기 $1: Offset $2 요청, 받은 것 \"$3\""},
        {R"re(fix: read (\d+) asked for Offset (\d+) and got "(.*)")re", "고침: 읽기 $1: Offset $2 요청, 받은 것 \"$3\""},
        {R"re(-- 2\. STATUS_END_OF_FILE written as 0xc000001)re", "-- 2. STATUS_END_OF_FILE을 0xc000001로 잘못 씀"},
        {R"re(bug: ReadFile failed at once \(error (\d+)\): this loop stops by luck)re",
         "버그: ReadFile이 바로 실패함(오류 $1): 이 루프는 운 좋게 멈춤"},
        {R"re(bug: offset (\d+): Internal (0x[0-9A-F]+), (\d+) bytes)re", "버그: 오프셋 $1: Internal $2, $3바이트"},
        {R"re(bug: stopped by the lesson after (\d+) rounds at the end; left alone it never stops)re",
         "버그: 끝에서 $1바퀴를 돈 뒤 레슨이 멈춤. 내버려 두면 멈추지 않음"},
        {R"re(fix: offset (\d+): error (\d+) = ERROR_HANDLE_EOF: the end, the loop stops)re",
         "고침: 오프셋 $1: 오류 $2 = ERROR_HANDLE_EOF: 끝, 루프가 멈춤"},
        {R"re(fix: offset (\d+): error (\d+))re", "고침: 오프셋 $1: 오류 $2"},
        {R"re(fix: offset (\d+): (\d+) bytes)re", "고침: 오프셋 $1: $2바이트"},
        {R"re(-- 3\. The completion key in a DWORD)re", "-- 3. 완료 키를 DWORD에 담음"},
        {R"re(cannot set up the port: error (\d+))re", "포트를 준비할 수 없음: 오류 $1"},
        {R"re(bug: DWORD key = (\d+) \(another file's key is (\d+)!\); the DWORD after it went)re"
         R"re( (0x[0-9A-F]+) -> (0x[0-9A-F]+))re",
         "버그: DWORD 완료 키 = $1 (다른 파일의 완료 키가 $2!). 그 뒤의 DWORD가 $3 -> $4로 바뀜"},
        {R"re(fix: ULONG_PTR key = (0x[0-9A-F]+): the file's key, whole)re",
         "고침: ULONG_PTR 완료 키 = $1: 파일의 완료 키가 온전함"},
        {R"re(routine: error (\d+), (\d+) bytes, for the record of the read at offset (\d+))re",
         "완료 루틴: 오류 $1, $2바이트, 오프셋 $3 읽기의 기록에 대해"},
        {R"re(-- 4\. One OVERLAPPED for two requests in flight)re", "-- 4. 진행 중인 요청 둘에 OVERLAPPED 하나"},
        {R"re(bug: before reusing it, HasOverlappedIoCompleted says complete)re",
         "버그: 다시 쓰기 전에 HasOverlappedIoCompleted가 완료라고 함"},
        {R"re(bug: before reusing it, HasOverlappedIoCompleted says PENDING: it must not be reused yet)re",
         "버그: 다시 쓰기 전에 HasOverlappedIoCompleted가 대기 중이라고 함: 아직 다시 쓰면 안 됨"},
        {R"re(bug: 2 completions, 1 record: it says offset (\d+) twice; block 0 arrived unnoticed:)re",
         "버그: 완료 2번, 기록 1개: 기록은 두 번 다 오프셋 $1. 블록 0은 아무도 모르게 도착함:"},
        {R"re( +"(.*)" in the buffer the record forgot)re", "     기록이 잊은 버퍼 안의 \"$1\""},
        {R"re(fix: record (\d+): offset (\d+), (\d+) call, "(.*)")re", "고침: 기록 $1: 오프셋 $2, 호출 $3번, \"$4\""},
        {R"re(-- 5\. Returning while a read is pending)re", "-- 5. 읽기가 대기 중인데 반환함"},
        {R"re(bug: the next function's variables hold (0x[0-9A-F]+))re", "버그: 다음 함수의 변수에 든 값: $1"},
        {R"re(bug: after the read completed they hold (0x[0-9A-F]+) and (0x[0-9A-F]+), and the old buffer "(.*)")re",
         "버그: 읽기가 완료된 뒤 그 변수의 값: $1, $2. 옛 버퍼: \"$3\""},
        {R"re(bug: this time the read finished first, and the next function wrote over its results)re",
         "버그: 이번에는 읽기가 먼저 끝났고, 다음 함수가 그 결과를 덮어씀"},
        {R"re(-- 6\. Waiting for a completion routine without being alertable)re", "-- 6. alertable이 아닌 채로 완료 루틴을 기다림"},
        {R"re(bug: WaitForSingleObject returned (\d+) after (\d+) ms; the routine ran (\d+) times)re",
         "버그: WaitForSingleObject가 $2ms 뒤에 $1을 반환함. 완료 루틴 실행 횟수 $3"},
        {R"re(fix: WaitForSingleObjectEx returned (\d+); the routine ran (\d+) time\(s\))re",
         "고침: WaitForSingleObjectEx가 $1을 반환함. 완료 루틴 실행 횟수 $2"},
        {R"re(cannot use (.*): error (\d+) \(it must exist and hold at least (\d+) bytes\))re",
         "$1을 쓸 수 없음: 오류 $2(파일이 있어야 하고 적어도 $3바이트여야 함)"},
        {R"re(done: every mistake was made, stopped in time, and fixed)re", "끝: 모든 실수를 저질러 보고, 제때 멈추고, 고침"},
        {R"re(a fix did not work)re", "고친 방법 하나가 통하지 않음"},
    };
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
    lesson.console_ko = console_ko();
    lesson.make_program = make_program;
    return lesson;
}

}  // namespace ovlab::lessons
