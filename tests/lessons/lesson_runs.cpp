// Running a lesson to its end as the lesson tests do (docs in lesson_runs.h).
#include "lesson_runs.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <set>
#include <thread>

#include "text_file.h"

namespace ovlab::test {
namespace {

using namespace std::chrono_literals;

// The port a peer-served lesson wrote to its port file, once it did; 0 until then.
int published_port(const Session& session)
{
    std::ifstream file(session.workdir() / session.program().peer_port_file);
    int port = 0;
    return file >> port ? port : 0;
}

int connect_to(int port)
{
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s >= 0 && ::connect(s, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) return s;
    if (s >= 0) ::close(s);
    return -1;
}

// Plays the window's Peer client panel for a lesson that serves connections until told to stop:
// more connections than the server takes, one message echoed, "stop", then every socket closed.
// A server that accepts with blocking accept() refuses the connection too many at once; one that
// posts AcceptEx stops posting and leaves it waiting in the backlog.
std::string play_peer(Session& session, bool refuses_extra)
{
    constexpr int kConnections = 17;  // one more than the echo server's MAX_CONNECTIONS
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    int port = 0;
    while ((port = published_port(session)) == 0) {
        if (std::chrono::steady_clock::now() > deadline) return "the lesson never wrote its port";
        std::this_thread::sleep_for(5ms);
    }
    std::vector<int> sockets;
    for (int i = 0; i < kConnections; ++i) {
        const int s = connect_to(port);
        if (s < 0) break;
        sockets.push_back(s);
    }
    std::string problem = sockets.size() == kConnections ? "" : "a peer connection failed";
    char echo[64];
    if (problem.empty() && (::send(sockets[0], "hello\n", 6, 0) != 6 || ::recv(sockets[0], echo, sizeof echo, 0) != 6))
        problem = "the first connection's message came back wrong";
    // The connection too many is closed by the server (recv sees its end) before "stop" closes the listener.
    const timeval limit = {10, 0};
    ::setsockopt(sockets.back(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    if (refuses_extra && problem.empty() && ::recv(sockets.back(), echo, sizeof echo, 0) != 0)
        problem = "the server did not refuse the connection too many";
    if (problem.empty() && ::send(sockets[1], "stop\n", 5, 0) != 5) problem = "cannot send \"stop\"";
    std::this_thread::sleep_for(200ms);  // the server stops listening before the rest close
    for (int s : sockets) ::close(s);
    return problem;
}

// Plays the Peer client panel for a lesson that serves one connection until it ends: one
// message, then a graceful close.
std::string play_one_peer(Session& session)
{
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    int port = 0;
    while ((port = published_port(session)) == 0) {
        if (std::chrono::steady_clock::now() > deadline) return "the lesson never wrote its port";
        std::this_thread::sleep_for(5ms);
    }
    const int s = connect_to(port);
    if (s < 0) return "the peer connection failed";
    const bool sent = ::send(s, "hello", 5, 0) == 5;
    std::this_thread::sleep_for(200ms);  // the message and the close arrive apart
    ::close(s);
    return sent ? "" : "cannot send to the lesson";
}

}  // namespace

// The parameter sets a lesson is run with: the defaults, and each "name=value" its narration
// mentions for a parameter it declares; assignments chained with --param ("block=200 --param
// clients=4") are one set.
std::vector<ParameterValues> parameter_sets(const LessonInfo& lesson)
{
    static const std::regex chain(R"(\b[a-z_]+=(?:\d+|on|off)(?:\s+--param\s+[a-z_]+=(?:\d+|on|off))*)");
    static const std::regex assignment(R"([a-z_]+=(?:\d+|on|off))");
    std::set<std::string> seen;
    std::vector<ParameterValues> sets = {{}};
    for (Language language : {Language::English, Language::Korean}) {
        for (const std::string& line : lessons::read_text_lines(Narration::file_for(lesson, language))) {
            for (std::sregex_iterator it(line.begin(), line.end(), chain), end; it != end; ++it) {
                const std::string text = it->str();
                ParameterValues changes;
                bool usable = true;
                for (std::sregex_iterator one(text.begin(), text.end(), assignment); one != end; ++one) {
                    const std::string name = one->str().substr(0, one->str().find('='));
                    usable = usable && lesson.find_parameter(name) && !parse_parameter(lesson, one->str(), changes);
                }
                if (usable && seen.insert(text).second) sets.push_back(changes);
            }
        }
    }
    return sets;
}

std::string run_to_end(Session& session, const ParameterValues& changes)
{
    session.start();
    session.stepper().run(0us);
    if (!session.program().peer_port_file.empty()) {
        const bool blocking_accept = changes.count("acceptex") && changes.at("acceptex") == 0;
        const std::string problem = session.program().peer_stop_text.empty() ? play_one_peer(session)
                                                                               : play_peer(session, blocking_accept);
        if (!problem.empty()) return problem;
    }
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (!session.finished()) {
        if (std::chrono::steady_clock::now() > deadline) return "the run did not finish within 60 s";
        std::this_thread::sleep_for(5ms);
    }
    const SessionResult& result = session.wait();
    if (!result.check.passed) return fmt::format("the lesson's check failed: {}", result.check.message);
    return {};
}

}  // namespace ovlab::test
