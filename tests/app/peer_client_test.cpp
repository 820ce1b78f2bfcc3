// iocp-echo-server with clients=0, played from the app's side as the Peer client panel plays it:
// the server runs in a Session, app/peer_client connects to the port the server published, sends
// text and reads the echo, closes gracefully and with a reset, and stops the server with "stop".
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <string>
#include <thread>

#include "ovlab/lesson_registry.h"
#include "ovlab/session.h"
#include "peer_client.h"

namespace ovlab {
namespace {

using namespace std::chrono_literals;
using app::PeerClients;
using app::PeerStatus;

// Polls the peer until `done` holds; false after 20 s.
bool poll_until(PeerClients& peers, const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (std::chrono::steady_clock::now() < deadline) {
        peers.poll();
        if (done()) return true;
        std::this_thread::sleep_for(2ms);
    }
    return false;
}

// The port the server wrote to its port file: 0 until the whole line is there.
uint16_t published_port(const Session& session) {
    std::ifstream file(session.workdir() / session.program().peer_port_file);
    std::string line;
    if (!std::getline(file, line) || file.eof()) return 0;  // no newline yet: still being written
    return static_cast<uint16_t>(std::stoul(line));
}

// Everything the lesson printed.
std::string console_text(Session& session) {
    std::string text;
    for (uint64_t i = 0; i < session.recorder().published(); ++i) {
        const trace::Event& event = session.recorder().at(i);
        if (event.kind == trace::EventKind::Console) text += event.text_view();
    }
    return text;
}

class PeerClient : public testing::Test {
protected:
    // The lesson in interactive mode, running flat out (the GUI steps it instead).
    void start(int workers, int acceptex = 1) {
        const LessonInfo* lesson = find_lesson("iocp-echo-server");
        ASSERT_NE(lesson, nullptr);
        session_ = std::make_unique<Session>(
            lesson->program({{"clients", 0}, {"workers", workers}, {"acceptex", acceptex}}));
        ASSERT_EQ(session_->program().peer_port_file, "server-port.txt");
        session_->start();
        session_->stepper().run(0us);
        const auto deadline = std::chrono::steady_clock::now() + 20s;
        while ((port_ = published_port(*session_)) == 0) {
            ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the server never published its port";
            std::this_thread::sleep_for(2ms);
        }
    }

    // Connects, sends `text` and waits for its whole echo; returns the connection's number.
    int echo(const std::string& text) {
        const int number = peers_.connect(port_);
        EXPECT_TRUE(peers_.send(number, text));
        EXPECT_TRUE(poll_until(peers_, [&] { return peers_.find(number)->echoed.size() >= text.size(); }))
            << "no echo; status " << static_cast<int>(peers_.find(number)->status);
        EXPECT_EQ(peers_.find(number)->echoed, text);
        return number;
    }

    // Two echoes, a graceful close, a reset and "stop"; `accepting_ended` is what the server prints
    // when its listening socket closes.
    void echo_close_reset_stop(const std::string& accepting_ended);

    PeerClients peers_;
    std::unique_ptr<Session> session_;
    uint16_t port_ = 0;
};

void PeerClient::echo_close_reset_stop(const std::string& accepting_ended) {
    const int graceful = echo("hello from the peer");
    const int abrupt = echo("and another one");
    // Sent as two pieces: TCP is a stream, the echo is whatever arrived.
    ASSERT_TRUE(peers_.send(abrupt, " more"));
    ASSERT_TRUE(poll_until(peers_, [&] { return peers_.find(abrupt)->echoed == "and another one more"; }));

    peers_.close(graceful);
    // Closing until the server's answer is read (close() polls once, so it may be read already).
    EXPECT_NE(peers_.find(graceful)->status, PeerStatus::Connected);
    ASSERT_TRUE(poll_until(peers_, [&] { return peers_.find(graceful)->status == PeerStatus::Closed; }));
    EXPECT_FALSE(peers_.find(graceful)->server_closed) << "we closed first; the server answered our FIN";
    EXPECT_FALSE(peers_.send(graceful, "too late"));

    peers_.reset(abrupt);
    EXPECT_EQ(peers_.find(abrupt)->status, PeerStatus::Reset);
    EXPECT_FALSE(peers_.find(abrupt)->reset_by_server);

    const int stop = peers_.connect(port_);
    ASSERT_TRUE(peers_.send(stop, "stop\r\n"));
    ASSERT_TRUE(poll_until(peers_, [&] { return peers_.find(stop)->status == PeerStatus::Closed; }))
        << "the server closes the connection that asked it to stop";
    EXPECT_EQ(peers_.find(stop)->echoed, "") << "\"stop\" is not echoed";
    EXPECT_TRUE(peers_.find(stop)->server_closed);
    EXPECT_EQ(peers_.open_count(), 0u);

    const SessionResult& result = session_->wait();
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_TRUE(result.check.passed) << result.check.message;
    EXPECT_EQ(result.leaked_handles, 0u);
    const std::string printed = console_text(*session_);
    EXPECT_NE(printed.find("connection 1: the client closed the connection"), std::string::npos) << printed;
    EXPECT_NE(printed.find("connection 2: receive failed: error 64, closing"), std::string::npos) << printed;
    EXPECT_NE(printed.find("connection 3: \"stop\": no more connections"), std::string::npos) << printed;
    EXPECT_NE(printed.find(accepting_ended), std::string::npos) << printed;
}

TEST_F(PeerClient, EchoesThenClosesGracefullyAndWithAResetThenStops) {
    start(2);
    echo_close_reset_stop("server: AcceptEx ended with error 995: no more connections");
}

TEST_F(PeerClient, SameWithTheBlockingAccept) {
    start(2, 0);
    echo_close_reset_stop("server: accept failed with error 10004: no more connections");
}

TEST_F(PeerClient, StopWaitsForConnectionsStillOpen) {
    start(1);
    const int open = echo("still here");
    const int stop = peers_.connect(port_);
    ASSERT_TRUE(peers_.send(stop, "stop"));
    ASSERT_TRUE(poll_until(peers_, [&] { return peers_.find(stop)->status == PeerStatus::Closed; }));
    std::this_thread::sleep_for(200ms);
    EXPECT_FALSE(session_->finished()) << "the server waits until connection 1 closes";
    const int late = peers_.connect(port_);
    ASSERT_TRUE(poll_until(peers_, [&] { return peers_.find(late)->status == PeerStatus::Failed; }))
        << "the listening socket is closed: a new connection is refused";
    peers_.close(open);
    ASSERT_TRUE(poll_until(peers_, [&] { return peers_.find(open)->status == PeerStatus::Closed; }));
    const SessionResult& result = session_->wait();
    EXPECT_TRUE(result.check.passed) << result.check.message;
    EXPECT_EQ(result.leaked_handles, 0u);
}

// A lesson reset (the Session destroyed) while the peer has connections open and the server waits
// in accept and GetQueuedCompletionStatus: no hang, no leak; the peer then sees its connections end.
TEST_F(PeerClient, SessionEndsSafelyWhileThePeerIsConnected) {
    start(2);
    const int first = echo("one");
    const int second = peers_.connect(port_);
    ASSERT_TRUE(peers_.send(second, "two, not read back"));
    session_.reset();
    ASSERT_TRUE(poll_until(peers_, [&] { return peers_.open_count() == 0; }))
        << "the server's sockets were closed with the session";
    EXPECT_NE(peers_.find(first)->status, PeerStatus::Connected);
    peers_.clear();
    EXPECT_TRUE(peers_.connections().empty());
}

}  // namespace
}  // namespace ovlab
