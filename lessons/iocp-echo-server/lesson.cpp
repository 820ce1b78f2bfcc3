// What lesson.json cannot say about iocp_echo_server.cpp: with clients=0, the file the program
// writes its port to (the window's Peer client panel plays the clients), and the check's message,
// which tells how the clients closed. Otherwise the clients are threads of the program, on 127.0.0.1.
#include <fmt/format.h>

#include "built_in_lessons.h"

namespace ovlab::lessons {
namespace {

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

}  // namespace

void iocp_echo_server(LessonProgram& program, const ParameterValues& values)
{
    const unsigned workers = values.at("workers");
    const unsigned clients = values.at("clients");
    const unsigned messages = values.at("messages");
    const bool reset = values.at("reset") != 0;
    if (clients == 0) {
        program.peer_port_file = kPortFile;
        program.peer_stop_text = "stop";
        program.peer_echoes = true;
        program.prepare = [](const std::filesystem::path& workdir) {
            return std::vector<std::string>{"portfile=" + (workdir / kPortFile).string()};
        };
    }
    program.check = [=](const std::filesystem::path&, int) -> CheckResult {
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
}

}  // namespace ovlab::lessons
