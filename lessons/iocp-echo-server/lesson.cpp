// What the lab adds around iocp_echo_server.cpp: titles, the parameters and the check. The clients
// are threads of the program, on 127.0.0.1.
#include <fmt/format.h>

#include "lesson_catalog.h"

// The lesson's main, renamed by the build (see ovlab_add_lesson in lessons/CMakeLists.txt).
int ovlab_lesson_iocp_echo_server_main(int argc, char** argv);

namespace ovlab::lessons {
namespace {

constexpr unsigned kWorkers = 2;
constexpr unsigned kConcurrency = 1;
constexpr unsigned kClients = 2;
constexpr unsigned kMessages = 2;
constexpr unsigned kBuffer = 64;
constexpr unsigned kReset = 1;

std::vector<std::string> prepare(const std::filesystem::path&)
{
    return {fmt::format("workers={}", kWorkers), fmt::format("concurrency={}", kConcurrency),
            fmt::format("clients={}", kClients), fmt::format("messages={}", kMessages),
            fmt::format("buffer={}", kBuffer), fmt::format("reset={}", kReset)};
}

CheckResult check(const std::filesystem::path&, int exit_code)
{
    if (exit_code != 0) {
        return {false, fmt::format("the program exited with code {} (0 means every echo "
                                   "came back and every worker stopped)",
                                   exit_code)};
    }
    return {true, fmt::format("{} clients x {} messages came back intact, one client closed "
                              "gracefully and one reset, and the {} workers all stopped",
                              kClients, kMessages, kWorkers)};
}

}  // namespace

LessonInfo iocp_echo_server()
{
    LessonInfo lesson;
    lesson.id = "iocp-echo-server";
    lesson.title_en =
        "An echo server on a completion port: accept, WSARecv, WSASend, workers, clients that close or reset";
    lesson.title_ko = "완료 포트 에코 서버: accept, WSARecv, WSASend, 작업자 스레드, 정상 종료와 리셋하는 "
                      "클라이언트";
    lesson.source_file = "iocp_echo_server.cpp";
    lesson.make_program = [] {
        LessonProgram program;
        program.id = "iocp-echo-server";
        program.entry = ovlab_lesson_iocp_echo_server_main;
        program.prepare = prepare;
        program.check = check;
        return program;
    };
    return lesson;
}

}  // namespace ovlab::lessons
