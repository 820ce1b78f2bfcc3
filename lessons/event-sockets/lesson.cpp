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

std::vector<ConsoleWording> console_ko()
{
    return {
        {R"re(sender: WSASend completed at once: (\d+) bytes)re", "보내는 쪽: WSASend가 즉시 완료됨: $1바이트"},
        {R"re(sender: (\w+) failed: error (\d+))re", "보내는 쪽: $1 실패: 오류 $2"},
        {R"re(sender: cannot connect: error (\d+))re", "보내는 쪽: 연결 실패: 오류 $1"},
        {R"re(sender: peeked (\d+) bytes, still queued; lpFlags went in as MSG_PEEK, came back (\d+))re",
         "보내는 쪽: $1바이트를 엿봄, 수신 버퍼에 그대로 있음. lpFlags는 MSG_PEEK로 들어갔고 돌아올 때는 $2"},
        {R"re(sender: reply "(.*)")re", "보내는 쪽: 답장 \"$1\""},
        {R"re(connection (\d+): (\d+) bytes: header "(.*)", body "(.*)")re",
         "연결 $1: $2바이트: 헤더 \"$3\", 본문 \"$4\""},
        {R"re(receive on connection (\d+) failed: error (\d+))re", "연결 $1의 수신 실패: 오류 $2"},
        {R"re(idle receive: polled while pending: error (\d+); after CancelIoEx: error (\d+))re",
         "답이 오지 않는 수신: 대기 중에 확인하니 오류 $1, CancelIoEx 뒤에는 오류 $2"},
        {R"re(FD_READ, then recv copied (\d+) bytes?)re", "FD_READ, 그다음 recv가 $1바이트를 복사함"},
        {R"re(FD_CLOSE, error (\d+): "(.*)" arrived before the close)re", "FD_CLOSE, 오류 $1: 닫히기 전에 \"$2\"가 도착함"},
        {R"re(a connection from (.*) is not the lesson's peer: closed)re", "$1에서 온 연결은 레슨의 상대가 아님: 닫음"},
        {R"re((\d+) connections were not the lesson's peer: giving up)re", "레슨의 상대가 아닌 연결이 $1개: 그만둠"},
        {R"re(done: every message arrived whole, in two buffers, the reply came back, and the notified recv got )re"
         R"re(the last words)re",
         "끝: 모든 메시지가 버퍼 두 개에 나뉘어 온전히 도착했고, 답장이 돌아왔으며, 통지를 받은 recv가 마지막 말을 받음"},
        {R"re(the exchange failed)re", "주고받기 실패"},
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
                                       "message and the reply arrived intact, the unanswered receive "
                                       "was polled (996) and cancelled (995), and WSAEventSelect reported "
                                       "FD_READ, then FD_CLOSE with error 0)",
                                       exit_code),
                    fmt::format("프로그램이 종료 코드 {}로 끝났습니다(0이면 모든 메시지와 답장이 온전히 "
                                "도착했고, 답이 오지 않는 수신을 확인(996)하고 취소(995)했으며, WSAEventSelect가 "
                                "FD_READ, 이어서 오류 0인 FD_CLOSE를 알린 것)",
                                exit_code)};
        }
        return {true, fmt::format("{} messages arrived whole, scattered into 2 WSABUFs "
                                  "each, the gathered reply came back (peeked first without an OVERLAPPED), and "
                                  "the receive nobody answered reported WSA_IO_INCOMPLETE (996) while pending, "
                                  "then WSA_OPERATION_ABORTED (995) once cancelled; with WSAEventSelect, FD_READ "
                                  "announced the last words, recv copied them, and FD_CLOSE (error 0) followed",
                                  connections),
                fmt::format("메시지 {}개가 각각 WSABUF 2개에 나뉘어 온전히 도착했고, 모아 보낸 답장도 돌아왔으며(먼저 "
                            "OVERLAPPED 없이 엿보았습니다), 답이 오지 않는 수신은 대기 중에 WSA_IO_INCOMPLETE(996), "
                            "취소 뒤에 WSA_OPERATION_ABORTED(995)를 알렸습니다. WSAEventSelect에서는 FD_READ가 "
                            "마지막 말을 알렸고 recv가 그것을 복사했으며, 이어서 FD_CLOSE(오류 0)가 왔습니다",
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
    lesson.console_ko = console_ko();
    return lesson;
}

}  // namespace ovlab::lessons
