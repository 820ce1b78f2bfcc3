// The socket lessons listen on 127.0.0.1, where any local program may connect. A stranger that
// connects right after the lesson listens, before the lesson's own peer, is queued first; the
// lesson must close it, say so, and still finish its exchange with its peer.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "ovlab/lesson_registry.h"
#include "ovlab/session.h"
#include "test_support.h"

namespace ovlab {
namespace {

using namespace std::chrono_literals;

bool eventually(const std::function<bool()>& condition)
{
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

bool has_returned_from(Session& session, std::string_view api)
{
    for (uint64_t i = 0; i < session.recorder().published(); ++i) {
        const trace::Event& event = session.recorder().at(i);
        if (event.kind == trace::EventKind::ApiLeave && event.name_view() == api) {
            return true;
        }
    }
    return false;
}

// Everything the lesson printed, a line per console event.
std::string console_text(Session& session)
{
    std::string text;
    for (uint64_t i = 0; i < session.recorder().published(); ++i) {
        const trace::Event& event = session.recorder().at(i);
        if (event.kind == trace::EventKind::Console) {
            text += event.text_view();
            text += '\n';
        }
    }
    return text;
}

struct ListeningSocket {
    std::string host;  // as inet_ntop prints it
    uint16_t port = 0;
};

// Every socket of this process in the listening state (the runtime gives each lesson socket a
// real descriptor), IPv4 and IPv6.
std::vector<ListeningSocket> listening_sockets()
{
    std::vector<ListeningSocket> found;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
        const int fd = std::stoi(entry.path().filename().string());
        int listening = 0;
        socklen_t size = sizeof listening;
        sockaddr_storage address = {};
        socklen_t length = sizeof address;
        if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) != 0 || !listening ||
            getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
            continue;
        }
        char host[INET6_ADDRSTRLEN] = {};
        if (address.ss_family == AF_INET) {
            const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
            inet_ntop(AF_INET, &v4.sin_addr, host, sizeof host);
            found.push_back({host, ntohs(v4.sin_port)});
        } else if (address.ss_family == AF_INET6) {
            const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
            inet_ntop(AF_INET6, &v6.sin6_addr, host, sizeof host);
            found.push_back({host, ntohs(v6.sin6_port)});
        }
    }
    return found;
}

// The port of this process's one listening socket on 127.0.0.1: the lesson's.
std::optional<uint16_t> lesson_listening_port()
{
    std::optional<uint16_t> port;
    for (const ListeningSocket& socket : listening_sockets()) {
        if (socket.host == "127.0.0.1") {
            EXPECT_FALSE(port.has_value()) << "more than one socket listens on 127.0.0.1";
            port = socket.port;
        }
    }
    return port;
}

// Steps the session until main's listen() has returned.
void step_until_listening(Session& session)
{
    while (!has_returned_from(session, "listen")) {
        const uint64_t passed = session.stepper().checkpoints_passed();
        session.stepper().step();
        ASSERT_TRUE(eventually([&] { return session.stepper().checkpoints_passed() > passed; }))
            << "the lesson stopped before it listened:\n" << console_text(session);
    }
}

// A plain socket of the test, connected to 127.0.0.1:port; its own port goes to *local_port.
int connect_stranger(uint16_t port, uint16_t* local_port)
{
    const int fd = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    EXPECT_EQ(connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0) << "errno " << errno;
    socklen_t length = sizeof address;
    EXPECT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
    *local_port = ntohs(address.sin_port);
    return fd;
}

class LessonStranger : public testing::TestWithParam<std::string> {};

TEST_P(LessonStranger, IsClosedAndTheLessonStillPassesWithItsOwnPeer)
{
    const LessonInfo* lesson = find_lesson(GetParam());
    ASSERT_NE(lesson, nullptr);
    Session session(lesson->program());
    session.start();
    // Step by step until main is listening; the peer thread does not exist yet.
    ASSERT_NO_FATAL_FAILURE(step_until_listening(session));
    const std::optional<uint16_t> port = lesson_listening_port();
    ASSERT_TRUE(port.has_value()) << "no socket listens on 127.0.0.1";
    uint16_t stranger_port = 0;
    const int stranger = connect_stranger(*port, &stranger_port);

    session.stepper().run(0us);
    const bool finished = eventually([&] { return session.finished(); });
    close(stranger);
    ASSERT_TRUE(finished) << "the lesson did not finish:\n" << console_text(session);
    const SessionResult& result = session.wait();
    const std::string printed = console_text(session);
    EXPECT_EQ(result.exit_code, 0) << printed;
    EXPECT_TRUE(result.check.passed) << result.check.message << "\n" << printed;
    EXPECT_EQ(result.leaked_handles, 0u);
    const std::string refused =
        fmt::format("a connection from 127.0.0.1:{} is not the lesson's peer: closed\n", stranger_port);
    EXPECT_NE(printed.find(refused), std::string::npos) << printed;
}

INSTANTIATE_TEST_SUITE_P(SocketLessons, LessonStranger, testing::Values("event-sockets", "completion-routine"),
                         [](const testing::TestParamInfo<std::string>& param) {
                             return test::lesson_test_name(param.param);
                         });

// A lesson's server is reachable from this computer only: a classroom network never sees it.
class LessonServer : public testing::TestWithParam<std::string> {};

TEST_P(LessonServer, ListensOnLoopbackOnly)
{
    const LessonInfo* lesson = find_lesson(GetParam());
    ASSERT_NE(lesson, nullptr);
    Session session(lesson->program());
    session.start();
    ASSERT_NO_FATAL_FAILURE(step_until_listening(session));
    const std::vector<ListeningSocket> sockets = listening_sockets();
    EXPECT_FALSE(sockets.empty()) << "listen() returned but no socket of this process listens";
    for (const ListeningSocket& socket : sockets) {
        EXPECT_EQ(socket.host, "127.0.0.1") << "a socket listens on " << socket.host << ":" << socket.port;
    }
    session.stepper().run(0us);
    ASSERT_TRUE(eventually([&] { return session.finished(); })) << console_text(session);
    EXPECT_EQ(session.wait().exit_code, 0) << console_text(session);
}

INSTANTIATE_TEST_SUITE_P(SocketLessons, LessonServer,
                         testing::Values("event-sockets", "completion-routine", "iocp-echo-server"),
                         [](const testing::TestParamInfo<std::string>& param) {
                             return test::lesson_test_name(param.param);
                         });

}  // namespace
}  // namespace ovlab
