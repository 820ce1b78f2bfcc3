// The student playing the device (Session::deliver_held_first, Session::cancel_request): a held
// completion chosen ahead of an earlier one is delivered first, and a cancelled pending receive ends
// with ERROR_OPERATION_ABORTED in the lesson's own handler; the trace records both actions.
#include <winsock2.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <functional>
#include <string>
#include <thread>

#include "ovlab/session.h"
#include "runtime_diagnostics.h"
#include "runtime_test_support.h"

namespace ovlab::testing {
namespace {

using namespace std::chrono_literals;
using trace::EventKind;

using StudentInSession = RuntimeTest;

bool wait_for(const std::function<bool()>& condition) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

// What the lessons below tell the test: the request to act on, once it is there.
std::atomic<uint64_t> g_handle{0};
std::atomic<uint64_t> g_overlapped{0};
std::atomic<bool> g_ready{false};

std::vector<std::string> write_sample(const std::filesystem::path& workdir) {
    std::ofstream(workdir / "source.bin", std::ios::binary) << "0123456789abcdef";
    return {(workdir / "source.bin").string()};
}

std::vector<std::string> no_sample(const std::filesystem::path&) { return {}; }

// Two reads held; the test delivers the second first: its event is the one the wait sees.
int two_reads_lesson(int, char** argv) {
    HANDLE hSrc = CreateFileA(argv[1], GENERIC_READ, 0, nullptr, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, nullptr);
    HANDLE events[2] = {CreateEventA(nullptr, TRUE, FALSE, nullptr), CreateEventA(nullptr, TRUE, FALSE, nullptr)};
    char first[8] = {}, second[8] = {};
    OVERLAPPED o1 = {}, o2 = {};
    o1.hEvent = events[0];
    o2.Offset = 8;
    o2.hEvent = events[1];
    EXPECT_FALSE(ReadFile(hSrc, first, sizeof first, nullptr, &o1));
    EXPECT_FALSE(ReadFile(hSrc, second, sizeof second, nullptr, &o2));
    EXPECT_TRUE(wait_for([] { return current_stepper()->held_count() == 2; }));
    g_overlapped = reinterpret_cast<uint64_t>(&o2);
    g_ready = true;
    const DWORD woke = WaitForMultipleObjects(2, events, FALSE, 5000);
    current_stepper()->release_held();
    DWORD got = 0;
    EXPECT_TRUE(GetOverlappedResult(hSrc, &o1, &got, TRUE));
    EXPECT_EQ(std::string(second, 8), "89abcdef");
    for (HANDLE e : events) CloseHandle(e);
    CloseHandle(hSrc);
    return woke == WAIT_OBJECT_0 + 1 ? 0 : static_cast<int>(woke) + 100;
}

TEST_F(StudentInSession, AHeldCompletionChosenFirstIsDeliveredAheadOfAnEarlierOne) {
    g_ready = false;
    Session session({"runtime-student-order", two_reads_lesson, write_sample, nullptr});
    session.stepper().set_hold(true);
    session.stepper().run(0us);
    session.start();
    ASSERT_TRUE(wait_for([] { return g_ready.load(); }));
    EXPECT_TRUE(session.deliver_held_first(g_overlapped));
    EXPECT_FALSE(session.deliver_held_first(g_overlapped)) << "already on its way: nothing held has it";
    const SessionResult& result = session.wait();
    EXPECT_EQ(result.exit_code, 0) << "the wait saw the first read's event (0) or timed out (258), +100";
    std::vector<uint64_t> completed;
    bool recorded = false;
    for (uint64_t i = 0; i < session.recorder().published(); ++i) {
        const trace::Event& e = session.recorder().at(i);
        if (e.kind == EventKind::IoCompleting) completed.push_back(e.object);
        if (e.kind == EventKind::StudentAction && e.object == g_overlapped &&
            e.a == static_cast<uint64_t>(trace::StudentAction::DeliveredFirst))
            recorded = completed.empty();
    }
    ASSERT_EQ(completed.size(), 2u);
    EXPECT_EQ(completed.front(), g_overlapped.load());
    EXPECT_TRUE(recorded) << "the trace records the choice before the completion it lets through";
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
    closesocket(listener);
}

// A receive no data ever comes for; the student cancels it, and the lesson's wait sees 995.
int cancelled_receive_lesson(int, char**) {
    WSADATA data;
    WSAStartup(MAKEWORD(2, 2), &data);
    SOCKET client, server;
    make_pair(&client, &server);
    WSAEVENT hEvent = WSACreateEvent();
    char buffer[16] = {};
    WSABUF part = {sizeof buffer, buffer};
    WSAOVERLAPPED ro = {};
    ro.hEvent = hEvent;
    DWORD flags = 0;
    EXPECT_EQ(WSARecv(server, &part, 1, nullptr, &flags, &ro, nullptr), SOCKET_ERROR);
    g_handle = static_cast<uint64_t>(server);
    g_overlapped = reinterpret_cast<uint64_t>(&ro);
    g_ready = true;
    EXPECT_EQ(WSAWaitForMultipleEvents(1, &hEvent, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0);
    DWORD got = 0;
    const BOOL ok = WSAGetOverlappedResult(server, &ro, &got, FALSE, &flags);
    const int error = WSAGetLastError();
    WSACloseEvent(hEvent);
    closesocket(client);
    closesocket(server);
    WSACleanup();
    return !ok && error == WSA_OPERATION_ABORTED ? 0 : 1;
}

TEST_F(StudentInSession, CancellingAPendingReceiveEndsItWithOperationAborted) {
    g_ready = false;
    Session session({"runtime-student-cancel", cancelled_receive_lesson, no_sample, nullptr});
    session.stepper().run(0us);
    session.start();
    ASSERT_TRUE(wait_for([] { return g_ready.load() && posix::blocked_waiter_count() == 1; }));
    EXPECT_TRUE(session.cancel_request(g_handle, g_overlapped));
    const SessionResult& result = session.wait();
    EXPECT_EQ(result.exit_code, 0);
    bool recorded = false;
    for (uint64_t i = 0; i < session.recorder().published(); ++i) {
        const trace::Event& e = session.recorder().at(i);
        if (e.kind == EventKind::StudentAction && e.a == static_cast<uint64_t>(trace::StudentAction::Cancelled))
            recorded = e.object == g_overlapped && e.b == g_handle && e.c == 1;
    }
    EXPECT_TRUE(recorded);
}

}  // namespace
}  // namespace ovlab::testing
