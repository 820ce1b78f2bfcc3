// What the lab adds around wait_on_another_thread.cpp: titles, the sample file, the parameters and
// the check.
#include <fmt/format.h>

#include <algorithm>

#include "lesson_catalog.h"
#include "sample_files.h"

// The lesson's main, renamed by the build (see ovlab_add_lesson in lessons/CMakeLists.txt).
int ovlab_lesson_wait_on_another_thread_main(int argc, char** argv);

namespace ovlab::lessons {
namespace {

constexpr const char* kSampleName = "sample.txt";
constexpr size_t kMinimumFileBytes = 64 * 1024;  // 16 blocks at the default size: the default transcript stays as it is

std::vector<LessonParameter> parameters()
{
    return {
        {.name = "requests", .default_value = 2, .min = 1, .max = 4,
         .explain_en = "Reads main starts, each handed to its own waiter thread: main stays free however many "
                       "there are.",
         .explain_ko = "main이 시작하는 읽기 수: 각 읽기는 자기 대기 스레드에 넘겨지고, 몇 개든 main은 자유롭습니다."},
        {.name = "size", .default_value = 4096, .min = 512, .max = 65536,
         .explain_en = "Bytes per read: the buffer each request carries to its waiter, which frees it.",
         .explain_ko = "읽기 한 번의 바이트 수: 요청마다 대기 스레드로 넘어가고, 대기 스레드가 해제하는 버퍼의 크기입니다."},
    };
}

LessonProgram make_program(const ParameterValues& values)
{
    const unsigned requests = values.at("requests");
    const unsigned size = values.at("size");
    LessonProgram program;
    program.id = "wait-on-another-thread";
    program.entry = ovlab_lesson_wait_on_another_thread_main;
    // Large enough for every read to get data: a read past the end would teach something else.
    program.prepare = [requests, size](const std::filesystem::path& workdir) {
        std::filesystem::path sample = workdir / kSampleName;
        // One labelled block per request size, so every request starts on a label whatever the size.
        const size_t bytes = std::max(kMinimumFileBytes, size_t{size} * requests);
        write_labelled_file(sample, kSampleName, (bytes + size - 1) / size, size);
        return std::vector<std::string>{sample.string()};
    };
    program.check = [requests, size](const std::filesystem::path&, int exit_code) -> CheckResult {
        if (exit_code != 0) {
            return {false, fmt::format("the program exited with code {} (0 means every waiter "
                                       "got the data its request asked for)",
                                       exit_code),
                    fmt::format("프로그램이 종료 코드 {}로 끝났습니다(0이면 모든 대기 스레드가 요청한 데이터를 받은 것)",
                                exit_code)};
        }
        return {true, fmt::format("{} waiter thread{} each got the {}-byte block of {} "
                                  "their request asked for, and exited with 0",
                                  requests, requests == 1 ? "" : "s", size, kSampleName),
                fmt::format("대기 스레드 {}개가 각자 요청한 {}의 {}바이트 블록을 받고 0으로 끝났습니다", requests,
                            kSampleName, size)};
    };
    return program;
}

std::vector<ConsoleWording> console_ko()
{
    return {
        {R"re(request (\d+): wait failed: error (\d+))re", "요청 $1: 대기 실패: 오류 $2"},
        {R"re(request (\d+) failed: error (\d+))re", "요청 $1 실패: 오류 $2"},
        {R"re(request (\d+): (\d+) bytes at offset (\d+), the block labelled offset (\d+))re",
         "요청 $1: 오프셋 $3에서 $2바이트, 블록 표시: 오프셋 $4"},
        {R"re(request (\d+) did not start: error (\d+))re", "요청 $1이 시작되지 않음: 오류 $2"},
        {R"re(out of memory for request (\d+))re", "요청 $1에 쓸 메모리가 없음"},
        {R"re(main: request (\d+) handed to a waiter thread; main does not wait for it)re",
         "main: 요청 $1 → 대기 스레드. main은 그 요청을 기다리지 않음"},
        {R"re(main: (\d+) reads in flight, main still running)re", "main: 읽기 $1개가 진행 중, main은 계속 실행 중"},
        {R"re(done: every waiter got the part of the file its request asked for)re",
         "끝: 모든 대기 스레드가 자기 요청이 부탁한 파일 부분을 받음"},
        {R"re(a read failed)re", "읽기 하나가 실패함"},
    };
}

}  // namespace

LessonInfo wait_on_another_thread()
{
    LessonInfo lesson;
    lesson.id = "wait-on-another-thread";
    lesson.title_en = "Waiting on another thread: a request struct carries the buffer to a waiter thread";
    lesson.title_ko = "다른 스레드에서 기다리기: 요청 구조체가 버퍼를 대기 스레드에 넘긴다";
    lesson.source_file = "wait_on_another_thread.cpp";
    lesson.parameters = parameters();
    lesson.console_ko = console_ko();
    lesson.make_program = make_program;
    return lesson;
}

}  // namespace ovlab::lessons
