// What the lab adds around event_sockets.cpp: titles, the parameters and the check. The lesson needs
// no files: its peer is a thread of the program, on 127.0.0.1.
#include <fmt/format.h>

#include "lesson_catalog.h"

// The lesson's main, renamed by the build (see ovlab_add_lesson in lessons/CMakeLists.txt).
int ovlab_lesson_event_sockets_main(int argc, char** argv);

namespace ovlab::lessons {
namespace {

std::vector<LessonParameter> parameters()
{
    return {
        {.name = "connections", .default_value = 2, .min = 1, .max = 4,
         .explain_en = "Sender sockets: WSAWaitForMultipleEvents waits on this many receives at once and "
                       "returns the index of the one whose data arrived.",
         .explain_ko = "보내는 소켓 수: WSAWaitForMultipleEvents가 이만큼의 수신을 한꺼번에 기다리고, 데이터가 도착한 "
                       "수신의 인덱스를 돌려줍니다."},
    };
}

LessonProgram make_program(const ParameterValues& values)
{
    const unsigned connections = values.at("connections");
    LessonProgram program;
    program.id = "event-sockets";
    program.entry = ovlab_lesson_event_sockets_main;
    program.check = [connections](const std::filesystem::path&, int exit_code) -> CheckResult {
        if (exit_code != 0) {
            return {false, fmt::format("the program exited with code {} (0 means every "
                                       "message and the reply arrived intact, and the unanswered receive "
                                       "was polled (996) and cancelled (995))",
                                       exit_code),
                    fmt::format("프로그램이 종료 코드 {}로 끝났습니다(0이면 모든 메시지와 답장이 온전히 "
                                "도착했고, 답이 오지 않는 수신을 확인(996)하고 취소(995)한 것)",
                                exit_code)};
        }
        return {true, fmt::format("{} messages arrived whole, scattered into 2 WSABUFs "
                                  "each, the gathered reply came back (peeked first without an OVERLAPPED), and "
                                  "the receive nobody answered reported WSA_IO_INCOMPLETE (996) while pending, "
                                  "then WSA_OPERATION_ABORTED (995) once cancelled",
                                  connections),
                fmt::format("메시지 {}개가 각각 WSABUF 2개에 나뉘어 온전히 도착했고, 모아 보낸 답장도 돌아왔으며(먼저 "
                            "OVERLAPPED 없이 엿보았습니다), 답이 오지 않는 수신은 대기 중에 WSA_IO_INCOMPLETE(996), "
                            "취소 뒤에 WSA_OPERATION_ABORTED(995)를 알렸습니다",
                            connections)};
    };
    return program;
}

}  // namespace

LessonInfo event_sockets()
{
    LessonInfo lesson;
    lesson.id = "event-sockets";
    lesson.title_en = "Overlapped sockets with events: WSARecv, WSASend, WSAWaitForMultipleEvents, scatter/gather";
    lesson.title_ko = "이벤트로 완료를 확인하는 소켓: WSARecv, WSASend, WSAWaitForMultipleEvents, 스캐터/개더";
    lesson.source_file = "event_sockets.cpp";
    lesson.parameters = parameters();
    lesson.make_program = make_program;
    return lesson;
}

}  // namespace ovlab::lessons
