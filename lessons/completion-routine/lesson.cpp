// What the lab adds around completion_routine.cpp: titles, the sample file, the parameters and the
// check.
#include <fmt/format.h>

#include "lesson_catalog.h"
#include "sample_files.h"

// The lesson's main, renamed by the build (see ovlab_add_lesson in lessons/CMakeLists.txt).
int ovlab_lesson_completion_routine_main(int argc, char** argv);

namespace ovlab::lessons {
namespace {

constexpr const char* kSampleName = "sample.txt";
constexpr size_t kBlockSize = 4096;
constexpr size_t kBlocks = 2;

std::vector<LessonParameter> parameters()
{
    return {
        {.name = "alertable", .default_value = 1, .min = 0, .max = 1, .is_switch = true,
         .explain_en = "Off: the waits are not alertable, so each one times out with the completion routine "
                       "still queued; SleepEx(0, TRUE) then runs it.",
         .explain_ko = "끄면: 대기가 alertable이 아니어서 완료 루틴이 큐에 남은 채 시간이 초과되고, 그 뒤 "
                       "SleepEx(0, TRUE)가 루틴을 실행합니다."},
        {.name = "wait", .default_value = 1000, .min = 100, .max = 10000,
         .explain_en = "Milliseconds each wait may last: with alertable off, how long a finished request's "
                       "routine sits queued.",
         .explain_ko = "대기 한 번의 최대 시간(밀리초): alertable을 끄면, 끝난 요청의 루틴이 큐에서 기다리는 시간입니다."},
    };
}

LessonProgram make_program(const ParameterValues& values)
{
    const bool alertable = values.at("alertable") != 0;
    LessonProgram program;
    program.id = "completion-routine";
    program.entry = ovlab_lesson_completion_routine_main;
    program.prepare = [](const std::filesystem::path& workdir) {
        std::filesystem::path sample = workdir / kSampleName;
        write_labelled_file(sample, kSampleName, kBlocks, kBlockSize);
        return std::vector<std::string>{sample.string()};
    };
    program.check = [alertable](const std::filesystem::path&, int exit_code) -> CheckResult {
        if (exit_code != 0) {
            return {false, fmt::format("the program exited with code {} (0 means every "
                                       "routine ran and reported success)",
                                       exit_code),
                    fmt::format("프로그램이 종료 코드 {}로 끝났습니다(0이면 모든 완료 루틴이 실행되어 성공을 알린 것)",
                                exit_code)};
        }
        return {true, alertable ? std::string("the file read and all three socket receives ran their completion "
                                              "routines, on main, inside alertable waits")
                                : std::string("the file read and all three socket receives ran their completion "
                                              "routines, on main, only once SleepEx(0, TRUE) made it alertable"),
                alertable ? std::string("파일 읽기와 세 소켓 수신의 완료 루틴이 main에서, alertable 대기 안에서 실행되었습니다")
                          : std::string("파일 읽기와 세 소켓 수신의 완료 루틴이 main에서, SleepEx(0, TRUE)로 alertable "
                                        "상태가 된 뒤에야 실행되었습니다")};
    };
    return program;
}

std::vector<ConsoleWording> console_ko()
{
    return {
        {R"re(OnFileRead: error (\d+), (\d+) bytes)re", "OnFileRead: 오류 $1, $2바이트"},
        {R"re(OnSocketRecv: error (\d+), (\d+) bytes, flags (\d+): "(.*)")re",
         "OnSocketRecv: 오류 $1, $2바이트, 플래그 $3: \"$4\""},
        {R"re(peer: cannot connect: error (\d+))re", "피어: 연결 실패: 오류 $1"},
        {R"re(peer: send failed: error (\d+))re", "피어: 전송 실패: 오류 $1"},
        {R"re(no connection from the peer: error (\d+))re", "피어에게서 연결이 오지 않음: 오류 $1"},
        {R"re(a connection from (.*) is not the lesson\'s peer: closed)re", "$1에서 온 연결은 레슨의 상대가 아님: 닫음"},
        {R"re((\d+) connections were not the lesson\'s peer: giving up)re", "레슨의 상대가 아닌 연결이 $1개: 그만둠"},
        {R"re((\w+) failed: error (\d+) \(no routine will run\))re", "$1 실패: 오류 $2(완료 루틴이 실행되지 않음)"},
        {R"re(SleepEx returned (0x[0-9A-F]+); routine ran: yes)re", "SleepEx 반환값 $1. 완료 루틴이 실행됨: 예"},
        {R"re(SleepEx returned (0x[0-9A-F]+); routine ran: no)re", "SleepEx 반환값 $1. 완료 루틴이 실행됨: 아니요"},
        {R"re(wait returned (0x[0-9A-F]+); routine for message (\d+) ran: yes)re", "대기 반환값 $1. 메시지 $2의 완료 루틴이 실행됨: 예"},
        {R"re(wait returned (0x[0-9A-F]+); routine for message (\d+) ran: no)re", "대기 반환값 $1. 메시지 $2의 완료 루틴이 실행됨: 아니요"},
        {R"re(waits are alertable, (\d+) ms at most)re", "대기는 alertable, 최대 $1ms"},
        {R"re(waits are NOT alertable, (\d+) ms at most)re", "대기는 alertable이 아님, 최대 $1ms"},
        {R"re(done: every routine ran, on main, inside an alertable wait)re",
         "끝: 모든 완료 루틴이 main에서, alertable 대기 안에서 실행됨"},
        {R"re(a request or its routine failed)re", "요청이나 그 완료 루틴이 실패함"},
    };
}

}  // namespace

LessonInfo completion_routine()
{
    LessonInfo lesson;
    lesson.id = "completion-routine";
    lesson.title_en = "Completion routines: ReadFileEx and WSARecv, run in alertable waits";
    lesson.title_ko = "완료 루틴: ReadFileEx와 WSARecv, alertable 대기에서 실행된다";
    lesson.source_file = "completion_routine.cpp";
    lesson.parameters = parameters();
    lesson.console_ko = console_ko();
    lesson.make_program = make_program;
    return lesson;
}

}  // namespace ovlab::lessons
