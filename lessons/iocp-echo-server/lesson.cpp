// What the lab adds around iocp_echo_server.cpp: titles, the parameters and the check. The clients
// are threads of the program, on 127.0.0.1; with clients=0 the window's Peer client panel plays them.
#include <fmt/format.h>

#include "lesson_catalog.h"

// The lesson's main, renamed by the build (see ovlab_add_lesson in lessons/CMakeLists.txt).
int ovlab_lesson_iocp_echo_server_main(int argc, char** argv);

namespace ovlab::lessons {
namespace {

std::vector<LessonParameter> parameters()
{
    return {
        {.name = "workers", .default_value = 2, .min = 1, .max = 4,
         .explain_en = "Worker threads on the port: which one takes each packet, and how many wait idle.",
         .explain_ko = "포트의 작업자 스레드 수: 어느 스레드가 각 패킷을 가져가고, 몇 개가 할 일 없이 기다리는지 보여 줍니다."},
        {.name = "concurrency", .default_value = 1, .min = 0, .max = 4,
         .explain_en = "The port's concurrency value (0 = one per processor): at 1, the port releases a waiting worker "
                       "only while none runs, even while packets queue.",
         .explain_ko = "포트의 동시 실행 값 (0 = 프로세서당 하나): 1이면 패킷이 쌓여 있어도 실행 중인 작업자 스레드가 "
                       "없을 때만 포트가 기다리는 스레드를 풀어 줍니다."},
        {.name = "clients", .default_value = 2, .min = 0, .max = 4,
         .explain_en = "Built-in clients, each with its own connection and completion key. 0: none; you are the "
                       "client in the Peer client panel (connect, send, close, reset) until you stop the server.",
         .explain_ko = "내장 클라이언트 수: 각각 자기 연결과 완료 키를 가집니다. 0: 내장 클라이언트 없이, 서버를 멈출 "
                       "때까지 '피어 클라이언트' 패널에서 직접 클라이언트가 됩니다 (연결, 보내기, 닫기, 리셋)."},
        {.name = "messages", .default_value = 2, .min = 1, .max = 4,
         .explain_en = "Messages each client sends: each is one receive -> send -> next receive cycle on the server.",
         .explain_ko = "클라이언트마다 보내는 메시지 수: 서버에서 각각 수신 -> 송신 -> 다음 수신의 한 주기가 됩니다."},
        {.name = "buffer", .default_value = 64, .min = 8, .max = 256,
         .explain_en = "The server's receive buffer in bytes: below a message's 21 bytes, one message takes "
                       "several WSARecv completions.",
         .explain_ko = "서버의 수신 버퍼(바이트): 메시지 길이 21바이트보다 작으면, 메시지 하나가 여러 번의 WSARecv "
                       "완료로 나뉩니다."},
        {.name = "reset", .default_value = 1, .min = 0, .max = 1, .is_switch = true,
         .explain_en = "On: clients 2 and 4 close with a reset, so the server sees a failed receive instead of "
                       "one of 0 bytes.",
         .explain_ko = "켜면: 클라이언트 2와 4가 리셋으로 끊어, 서버는 0바이트 수신 대신 실패한 수신을 봅니다."},
        {.name = "acceptex", .default_value = 1, .min = 0, .max = 1, .is_switch = true,
         .explain_en = "On: the server accepts with AcceptEx, and a worker takes each accept as a packet from the "
                       "port. Off: main accepts with a blocking accept(), for comparison.",
         .explain_ko = "켜면: 서버가 AcceptEx로 연결을 받고, 작업자 스레드가 각 accept를 포트의 완료 패킷으로 "
                       "받습니다. 끄면: 비교를 위해 main이 블로킹 accept()로 받습니다."},
        {.name = "block", .default_value = 0, .min = 0, .max = 1000,
         .explain_en = "Milliseconds a worker sleeps before each echo, holding its packet (0 = none), and the clients "
                       "send at once: the port releases another worker, and running exceeds the concurrency value.",
         .explain_ko = "작업자 스레드가 패킷을 쥔 채 에코 전에 잠드는 밀리초 (0 = 없음). 클라이언트들은 한꺼번에 "
                       "보냅니다: 포트가 다른 작업자를 풀어 주어, 실행 중인 수가 동시 실행 값을 넘습니다."},
    };
}

// How the clients ended: odd-numbered ones close gracefully, even-numbered ones reset when
// reset=1. At most two of each, so words read better than digits.
std::string how_clients_closed(unsigned clients, bool reset)
{
    constexpr const char* kWords[] = {"no", "one", "two"};
    if (!reset || clients == 1) {
        return clients == 1 ? "the client closed gracefully" : "every client closed gracefully";
    }
    const unsigned graceful = (clients + 1) / 2;
    return fmt::format("{} client{} closed gracefully and {} reset", kWords[graceful], graceful == 1 ? "" : "s",
                       kWords[clients / 2]);
}

std::string how_clients_closed_ko(unsigned clients, bool reset)
{
    if (!reset || clients == 1) {
        return clients == 1 ? "클라이언트가 정상적으로 닫았고" : "모든 클라이언트가 정상적으로 닫았고";
    }
    return fmt::format("클라이언트 {}개는 정상적으로 닫고 {}개는 리셋했고", (clients + 1) / 2, clients / 2);
}

std::string workers_stopped_ko(unsigned workers)
{
    return workers == 1 ? std::string("작업자가 멈췄습니다") : fmt::format("작업자 {}개가 모두 멈췄습니다", workers);
}

// clients=0: the program writes its listening port here, in the working folder.
constexpr const char* kPortFile = "server-port.txt";

LessonProgram make_program(const ParameterValues& values)
{
    const unsigned workers = values.at("workers");
    const unsigned clients = values.at("clients");
    const unsigned messages = values.at("messages");
    const bool reset = values.at("reset") != 0;
    LessonProgram program;
    program.id = "iocp-echo-server";
    program.entry = ovlab_lesson_iocp_echo_server_main;
    if (clients == 0) {
        program.peer_port_file = kPortFile;
        program.prepare = [](const std::filesystem::path& workdir) {
            return std::vector<std::string>{"portfile=" + (workdir / kPortFile).string()};
        };
    }
    program.check = [=](const std::filesystem::path&, int exit_code) -> CheckResult {
        if (exit_code != 0) {
            return {false, fmt::format("the program exited with code {} (0 means every echo "
                                       "came back and every worker stopped)",
                                       exit_code),
                    fmt::format("프로그램이 종료 코드 {}로 끝났습니다(0이면 모든 에코가 돌아오고 모든 작업자가 멈춘 것)",
                                exit_code)};
        }
        if (clients == 0) {
            return {true, fmt::format("the server echoed what its clients sent, stopped on \"stop\", and {}",
                                      workers == 1 ? std::string("the worker stopped")
                                                   : fmt::format("the {} workers all stopped", workers)),
                    fmt::format("서버가 클라이언트가 보낸 것을 에코하고 \"stop\"에서 멈췄으며, {}", workers_stopped_ko(workers))};
        }
        return {true, fmt::format("{} client{} x {} messages came back intact, {}, and {}", clients,
                                  clients == 1 ? "" : "s", messages, how_clients_closed(clients, reset),
                                  workers == 1 ? std::string("the worker stopped")
                                               : fmt::format("the {} workers all stopped", workers)),
                fmt::format("클라이언트 {}개 x 메시지 {}개가 온전히 돌아왔고, {}, {}", clients, messages,
                            how_clients_closed_ko(clients, reset), workers_stopped_ko(workers))};
    };
    return program;
}

std::vector<ConsoleWording> console_ko()
{
    return {
        {R"re(connection (\d+): (WSARecv|WSASend) failed: error (\d+))re", "연결 $1: $2 실패: 오류 $3"},
        {R"re(connection (\d+): no socket, accept failed)re", "연결 $1: 소켓 없음, accept 실패"},
        {R"re(cannot associate connection (\d+): error (\d+))re", "연결 $1을 포트에 등록할 수 없음: 오류 $2"},
        {R"re(server: connection (\d+) accepted, key (\d+), first receive posted)re",
         "서버: 연결 $1 accept함, 완료 키 $2, 첫 수신을 걸어 둠"},
        {R"re(server: AcceptEx failed: error (\d+))re", "서버: AcceptEx 실패: 오류 $1"},
        {R"re(server: AcceptEx ended with error (\d+): no more connections)re",
         "서버: AcceptEx가 오류 $1로 끝남: 더 이상 연결을 받지 않음"},
        {R"re(server: SO_UPDATE_ACCEPT_CONTEXT failed: error (\d+))re", "서버: SO_UPDATE_ACCEPT_CONTEXT 실패: 오류 $1"},
        {R"re(server: AcceptEx accepted a client from (.*))re", "서버: AcceptEx가 $1에서 온 클라이언트를 받음"},
        {R"re(server: (\d+) connections already, no more accepts)re", "서버: 이미 연결 $1개, 더 이상 accept하지 않음"},
        {R"re(server: (\d+) connections already, refusing this one)re", "서버: 이미 연결 $1개, 이 연결은 거절함"},
        {R"re(server: accept failed with error (\d+): no more connections)re", "서버: accept가 오류 $1로 실패: 더 이상 연결을 받지 않음"},
        {R"re(server: listening on 127\.0\.0\.1 port (\d+); a client that sends "stop" ends the run)re",
         "서버: 127.0.0.1 포트 $1에서 listen 상태. \"stop\"을 보내는 클라이언트가 실행을 끝냄"},
        {R"re(connection (\d+): receive failed: error (\d+), closing)re", "연결 $1: 수신 실패: 오류 $2, 닫음"},
        {R"re(connection (\d+): send failed: error (\d+), closing)re", "연결 $1: 송신 실패: 오류 $2, 닫음"},
        {R"re(connection (\d+): the client closed the connection)re", "연결 $1: 클라이언트가 연결을 닫음"},
        {R"re(connection (\d+): "stop": no more connections)re", "연결 $1: \"stop\": 더 이상 연결을 받지 않음"},
        {R"re(connection (\d+): received (\d+) bytes "(.*)", echoing them)re", "연결 $1: $2바이트 받음: \"$3\", 그대로 돌려보냄"},
        // Data with a line break is printed over two lines.
        {R"re(connection (\d+): received (\d+) bytes "(.*))re", "연결 $1: $2바이트 받음: \"$3"},
        {R"re((.*)", echoing them)re", "$1\", 그대로 돌려보냄"},
        {R"re(client (\d+): echo "(.*)")re", "클라이언트 $1: 에코 \"$2\""},
        {R"re(client (\d+): echo "(.*)" \(wrong\))re", "클라이언트 $1: 에코 \"$2\" (틀림)"},
        {R"re(cannot write the port to (.*): error (\d+))re", "$1에 포트를 쓸 수 없음: 오류 $2"},
        {R"re(cannot load AcceptEx: error (\d+))re", "AcceptEx를 불러올 수 없음: 오류 $1"},
        {R"re(cannot associate the listening socket: error (\d+))re", "listen 소켓을 포트에 등록할 수 없음: 오류 $1"},
        {R"re(the server stopped on "stop"; (\d+) of (\d+) workers stopped)re", "서버가 \"stop\"에서 멈춤. 작업자 $2개 중 $1개가 멈춤"},
        {R"re(the server stopped on "stop" \(a connection failed\); (\d+) of (\d+) workers stopped)re",
         "서버가 \"stop\"에서 멈춤(연결 하나가 실패함). 작업자 $2개 중 $1개가 멈춤"},
        {R"re((\d+) clients, (\d+) messages each: every echo came back intact; (\d+) of (\d+) workers stopped)re",
         "클라이언트 $1개, 각각 메시지 $2개: 모든 에코가 온전히 돌아옴. 작업자 $4개 중 $3개가 멈춤"},
        {R"re((\d+) clients, (\d+) messages each: an echo failed; (\d+) of (\d+) workers stopped)re",
         "클라이언트 $1개, 각각 메시지 $2개: 에코 하나가 실패함. 작업자 $4개 중 $3개가 멈춤"},
    };
}

}  // namespace

LessonInfo iocp_echo_server()
{
    LessonInfo lesson;
    lesson.id = "iocp-echo-server";
    lesson.title_en =
        "An echo server on a completion port: AcceptEx, WSARecv, WSASend, workers, clients that close or reset";
    lesson.title_ko = "완료 포트 에코 서버: AcceptEx, WSARecv, WSASend, 작업자 스레드, 정상 종료와 리셋하는 "
                      "클라이언트";
    lesson.source_file = "iocp_echo_server.cpp";
    lesson.parameters = parameters();
    lesson.console_ko = console_ko();
    lesson.make_program = make_program;
    return lesson;
}

}  // namespace ovlab::lessons
