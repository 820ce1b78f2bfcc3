// Sockets and pipes inside a lesson session: a held network completion keeps a WSARecv visibly
// pending, the trace names the request, and a reset ends a lesson whose threads wait in blocking
// socket calls or have receives pending, leaving nothing behind. The trace shows WSARecvFrom and
// WSASendTo with their addresses in place.
#include <winsock2.h>

#include <chrono>
#include <string>
#include <thread>

#include "ovlab/callsite.h"
#include "ovlab/session.h"
#include "runtime_diagnostics.h"
#include "runtime_test_support.h"

namespace ovlab::testing {
namespace {

using namespace std::chrono_literals;
using trace::EventKind;

using SocketsInSession = RuntimeTest;

std::vector<std::string> no_sample(const std::filesystem::path&) { return {}; }

bool wait_for(const std::function<bool()>& condition) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

// A connected pair made by the lesson thread itself: connect() lands in the backlog, accept() takes it.
void make_pair(SOCKET* client, SOCKET* server) {
    SOCKET listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int length = sizeof address;
    bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address);
    listen(listener, 1);
    getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
    *client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    EXPECT_EQ(connect(*client, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    *server = accept(listener, nullptr, nullptr);
    EXPECT_NE(*server, INVALID_SOCKET);
    closesocket(listener);
}

int held_receive_lesson(int, char**) {
    WSADATA data;
    EXPECT_EQ(WSAStartup(MAKEWORD(2, 2), &data), 0);
    SOCKET client, server;
    make_pair(&client, &server);
    // Held from here on: the blocking connect above needed its completion delivered.
    current_stepper()->set_hold(true);
    WSAEVENT hEvent = WSACreateEvent();
    char buffer[16] = {};
    WSABUF part = {sizeof buffer, buffer};
    WSAOVERLAPPED ro = {};
    ro.hEvent = hEvent;
    DWORD flags = 0;
    note_callsite(__LINE__, "server, &part, 1, NULL, &flags, &ro, NULL");
    EXPECT_EQ(WSARecv(server, &part, 1, nullptr, &flags, &ro, nullptr), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSA_IO_PENDING);
    EXPECT_EQ(send(client, "held", 4, 0), 4);
    EXPECT_TRUE(wait_for([] { return current_stepper()->held_count() == 1; }));
    EXPECT_EQ(ro.Internal, STATUS_PENDING) << "received by the kernel, held by the lab: still pending";
    EXPECT_EQ(WSAWaitForMultipleEvents(1, &hEvent, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT);
    current_stepper()->release_held();
    DWORD got = 0;
    EXPECT_TRUE(WSAGetOverlappedResult(server, &ro, &got, TRUE, &flags));
    EXPECT_EQ(got, 4u);
    EXPECT_EQ(std::string(buffer), "held");
    WSACloseEvent(hEvent);
    closesocket(client);
    closesocket(server);
    WSACleanup();
    return 0;
}

TEST_F(SocketsInSession, AHeldReceiveStaysPendingAndTheTraceNamesTheRequest) {
    Session session({"runtime-held-recv", held_receive_lesson, no_sample, nullptr});
    session.stepper().run(0us);
    session.start();
    const SessionResult& result = session.wait();
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.leaked_handles, 0u);
    bool recv_issued = false, socket_created = false;
    for (uint64_t i = 0; i < session.recorder().published(); ++i) {
        const trace::Event& e = session.recorder().at(i);
        if (e.kind == EventKind::IoIssued && e.name_view() == "recv") recv_issued = true;
        if (e.kind == EventKind::HandleCreated && e.a == static_cast<uint64_t>(trace::HandleKind::Socket))
            socket_created = true;
    }
    EXPECT_TRUE(recv_issued);
    EXPECT_TRUE(socket_created);
}

int datagram_lesson(int, char**) {
    WSADATA data;
    EXPECT_EQ(WSAStartup(MAKEWORD(2, 2), &data), 0);
    SOCKET s = WSASocketA(AF_INET, SOCK_DGRAM, IPPROTO_UDP, nullptr, 0, WSA_FLAG_OVERLAPPED);
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int length = sizeof address;
    bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address);
    getsockname(s, reinterpret_cast<sockaddr*>(&address), &length);
    char buffer[8] = {};
    WSABUF part = {sizeof buffer, buffer};
    sockaddr_in from = {};
    int fromlen = sizeof from;
    WSAOVERLAPPED ro = {};
    ro.hEvent = WSACreateEvent();
    DWORD flags = 0;
    note_callsite(__LINE__, "s, &part, 1, NULL, &flags, (sockaddr*)&from, &fromlen, &ro, NULL");
    EXPECT_EQ(WSARecvFrom(s, &part, 1, nullptr, &flags, reinterpret_cast<sockaddr*>(&from), &fromlen, &ro, nullptr),
              SOCKET_ERROR);
    WSAOVERLAPPED so = {};
    so.hEvent = WSACreateEvent();
    char message[] = "datagram";
    WSABUF out = {8, message};
    note_callsite(__LINE__, "s, &out, 1, NULL, 0, (sockaddr*)&address, sizeof address, &so, NULL");
    WSASendTo(s, &out, 1, nullptr, 0, reinterpret_cast<sockaddr*>(&address), sizeof address, &so, nullptr);
    DWORD got = 0;
    EXPECT_TRUE(WSAGetOverlappedResult(s, &ro, &got, TRUE, &flags));
    EXPECT_EQ(got, 8u);
    EXPECT_EQ(from.sin_port, address.sin_port) << "it came from itself";
    EXPECT_TRUE(WSAGetOverlappedResult(s, &so, &got, TRUE, &flags));
    WSACloseEvent(ro.hEvent);
    WSACloseEvent(so.hEvent);
    closesocket(s);
    WSACleanup();
    return 0;
}

TEST_F(SocketsInSession, TheTraceShowsTheAddressesOfWSARecvFromAndWSASendToBeforeTheirOVERLAPPED) {
    Session session({"runtime-datagram", datagram_lesson, no_sample, nullptr});
    session.stepper().run(0us);
    session.start();
    EXPECT_EQ(session.wait().exit_code, 0);
    std::string receive, send;
    bool named_ro = false, named_so = false;
    for (uint64_t i = 0; i < session.recorder().published(); ++i) {
        const trace::Event& e = session.recorder().at(i);
        if (e.kind == EventKind::ApiEnter && e.name_view() == "WSARecvFrom") receive = std::string(e.text_view());
        if (e.kind == EventKind::ApiEnter && e.name_view() == "WSASendTo") send = std::string(e.text_view());
        if (e.kind == EventKind::ObjectNamed && e.text_view() == "ro") named_ro = true;
        if (e.kind == EventKind::ObjectNamed && e.text_view() == "so") named_so = true;
    }
    EXPECT_NE(receive.find("lpFrom=(sockaddr*)&from, lpFromlen=&fromlen, lpOverlapped=&ro, lpCompletionRoutine=NULL"),
              std::string::npos)
        << receive;
    EXPECT_NE(send.find("lpTo=(sockaddr*)&address (127.0.0.1:(system port)), iTolen=16, lpOverlapped=&so"),
              std::string::npos)
        << send;
    EXPECT_TRUE(named_ro);
    EXPECT_TRUE(named_so);
}

int blocked_lesson(int, char**) {
    WSADATA data;
    WSAStartup(MAKEWORD(2, 2), &data);
    SOCKET client, server;
    make_pair(&client, &server);
    static char buffer[8];
    static WSAOVERLAPPED pending;
    pending = {};
    WSABUF part = {sizeof buffer, buffer};
    DWORD flags = 0;
    WSARecv(client, &part, 1, nullptr, &flags, &pending, nullptr);  // never completes
    char stack_buffer[8];
    recv(server, stack_buffer, sizeof stack_buffer, 0);  // blocks until the reset
    ADD_FAILURE() << "the reset must unwind the blocking recv, not end it";
    return 1;
}

TEST_F(SocketsInSession, AResetEndsABlockingReceiveAndAPendingOneAndClosesTheSockets) {
    {
        Session session({"runtime-socket-reset", blocked_lesson, no_sample, nullptr});
        session.stepper().run(0us);
        session.start();
        // Blocked in recv with the WSARecv pending (connect() blocks for a moment before that).
        ASSERT_TRUE(wait_for([] { return posix::blocked_waiter_count() == 1 && posix::requests_in_flight() == 1; }));
    }  // the destructor resets the lesson
    EXPECT_EQ(posix::stream_ops_in_flight(), 0u);
    WSADATA data;
    EXPECT_EQ(WSAStartup(MAKEWORD(2, 2), &data), 0) << "Winsock starts afresh in the next session";
    EXPECT_EQ(WSACleanup(), 0);
    EXPECT_EQ(WSACleanup(), SOCKET_ERROR) << "the reset forgot the lesson's WSAStartup";
}

}  // namespace
}  // namespace ovlab::testing
