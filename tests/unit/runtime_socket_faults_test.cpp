// Real faults in a TCP conversation (docs/windows-rules.md §19): a refused connection, a peer that
// stops reading, a reset at each point of the conversation, and a process out of descriptors. Each
// test checks the Win32 and Winsock errors a program sees and that the runtime serves the next request.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "fault_injection.h"
#include "ovlab/platform.h"
#include "runtime_socket_support.h"

namespace ovlab::testing {
namespace {

class SocketFaults : public SocketTest {
protected:
    void TearDown() override {
        posix::clear_faults();
        SocketTest::TearDown();
    }

    // Closes `s` with SO_LINGER 0: the peer gets a RST instead of a FIN.
    static void reset(SOCKET s) {
        const linger abortive = {1, 0};
        EXPECT_EQ(setsockopt(s, SOL_SOCKET, SO_LINGER, reinterpret_cast<const char*>(&abortive), sizeof abortive), 0);
        EXPECT_EQ(closesocket(s), 0);
    }

    // A send far larger than both socket buffers to a peer that does not read: it pends.
    struct StuckSend {
        std::string data = std::string(8 << 20, 's');
        WSABUF buffer = {static_cast<ULONG>(data.size()), data.data()};
        WSAEVENT event = WSACreateEvent();
        WSAOVERLAPPED overlapped = overlapped_with_event(event);
    };
    static void start(SOCKET s, StuckSend& send) {
        ASSERT_EQ(WSASend(s, &send.buffer, 1, nullptr, 0, &send.overlapped, nullptr), SOCKET_ERROR);
        ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
    }

    // The runtime still carries a conversation after the fault: a fresh pair exchanges a message.
    void expect_next_conversation_works() {
        SOCKET client, server;
        connect_pair(&client, &server);
        send_text(client, "next");
        char buffer[4] = {};
        EXPECT_EQ(recv(server, buffer, 4, MSG_WAITALL), 4);
        EXPECT_EQ(std::string(buffer, 4), "next");
        EXPECT_EQ(closesocket(client), 0);
        EXPECT_EQ(closesocket(server), 0);
    }
};

TEST_F(SocketFaults, ASendToAPeerThatStopsReadingPendsUntilThePeerDrainsIt) {
    SOCKET client, server;
    connect_pair(&client, &server);
    StuckSend send;
    start(client, send);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    DWORD bytes = 0, flags = 0;
    EXPECT_FALSE(WSAGetOverlappedResult(client, &send.overlapped, &bytes, FALSE, &flags));
    EXPECT_EQ(WSAGetLastError(), WSA_IO_INCOMPLETE) << "the buffers are full: the send waits";
    std::vector<char> chunk(1 << 16);
    size_t received = 0;
    while (received < send.data.size()) {
        const int n = recv(server, chunk.data(), static_cast<int>(chunk.size()), 0);
        ASSERT_GT(n, 0);
        received += static_cast<size_t>(n);
    }
    EXPECT_TRUE(WSAGetOverlappedResult(client, &send.overlapped, &bytes, TRUE, &flags));
    EXPECT_EQ(bytes, send.data.size());
    EXPECT_TRUE(WSACloseEvent(send.event));
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
}

TEST_F(SocketFaults, CancellingASendStuckOnAFullBufferEndsItWith995) {
    SOCKET client, server;
    connect_pair(&client, &server);
    StuckSend send;
    start(client, send);
    EXPECT_TRUE(CancelIoEx(reinterpret_cast<HANDLE>(client), &send.overlapped));
    DWORD bytes = 0;
    EXPECT_FALSE(GetOverlappedResult(reinterpret_cast<HANDLE>(client), &send.overlapped, &bytes, TRUE));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_OPERATION_ABORTED));
    EXPECT_TRUE(WSACloseEvent(send.event));
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
    expect_next_conversation_works();
}

TEST_F(SocketFaults, AResetWhileASendIsStuckFailsItWith64And10054) {
    SOCKET client, server;
    connect_pair(&client, &server);
    StuckSend send;
    start(client, send);
    reset(server);
    ASSERT_EQ(WSAWaitForMultipleEvents(1, &send.event, TRUE, 5000, FALSE), WSA_WAIT_EVENT_0);
    EXPECT_EQ(static_cast<DWORD>(send.overlapped.Internal), kStatusConnectionReset);
    DWORD bytes = 1, flags = 0;
    EXPECT_FALSE(GetOverlappedResult(reinterpret_cast<HANDLE>(client), &send.overlapped, &bytes, FALSE));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NETNAME_DELETED));
    EXPECT_FALSE(WSAGetOverlappedResult(client, &send.overlapped, &bytes, FALSE, &flags));
    EXPECT_EQ(WSAGetLastError(), WSAECONNRESET);
    EXPECT_EQ(bytes, 0u);
    EXPECT_TRUE(WSACloseEvent(send.event));
    EXPECT_EQ(closesocket(client), 0);
    expect_next_conversation_works();
}

TEST_F(SocketFaults, AfterAResetReceivesAndSendsFailAtOnceWith10054) {
    SOCKET client, server;
    connect_pair(&client, &server);
    WSAEVENT event = WSACreateEvent();
    char buffer[8];
    WSABUF part = {sizeof buffer, buffer};
    WSAOVERLAPPED ov = overlapped_with_event(event);
    DWORD flags = 0, bytes = 0;
    ASSERT_EQ(WSARecv(server, &part, 1, nullptr, &flags, &ov, nullptr), SOCKET_ERROR);
    ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
    reset(client);
    EXPECT_FALSE(WSAGetOverlappedResult(server, &ov, &bytes, TRUE, &flags));
    EXPECT_EQ(WSAGetLastError(), WSAECONNRESET);
    WSAOVERLAPPED later = overlapped_with_event(event);
    EXPECT_EQ(WSARecv(server, &part, 1, nullptr, &flags, &later, nullptr), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAECONNRESET) << "a receive after the reset";
    WSAOVERLAPPED sending = overlapped_with_event(event);
    EXPECT_EQ(WSASend(server, &part, 1, nullptr, 0, &sending, nullptr), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAECONNRESET) << "a send after the reset (EPIPE underneath)";
    EXPECT_EQ(send(server, buffer, 1, 0), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAECONNRESET);
    EXPECT_TRUE(WSACloseEvent(event));
    EXPECT_EQ(closesocket(server), 0);
    expect_next_conversation_works();
}

// The first point of a conversation: ConnectEx to a port where nobody listens, refused by a RST
// (ECONNREFUSED underneath): 1225 through Win32, 10061 through Winsock, and the socket stays usable
// for closesocket.
TEST_F(SocketFaults, AConnectExThatIsRefusedFailsWith1225And10061) {
    unsigned short port = 0;
    EXPECT_EQ(closesocket(listen_on_loopback(&port)), 0);  // the port is free again, and nobody listens
    SOCKET client = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, nullptr, 0, WSA_FLAG_OVERLAPPED);
    ASSERT_NE(client, INVALID_SOCKET);
    sockaddr_in any = loopback(0);
    ASSERT_EQ(bind(client, reinterpret_cast<sockaddr*>(&any), sizeof any), 0);
    GUID id = WSAID_CONNECTEX;
    LPFN_CONNECTEX connect_ex = nullptr;
    DWORD returned = 0;
    ASSERT_EQ(WSAIoctl(client, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof id, &connect_ex, sizeof connect_ex,
                       &returned, nullptr, nullptr),
              0);
    sockaddr_in address = loopback(port);
    WSAEVENT event = WSACreateEvent();
    WSAOVERLAPPED ov = overlapped_with_event(event);
    EXPECT_FALSE(connect_ex(client, reinterpret_cast<sockaddr*>(&address), sizeof address, nullptr, 0, nullptr, &ov));
    if (WSAGetLastError() == WSA_IO_PENDING) {
        DWORD bytes = 1, flags = 0;
        EXPECT_FALSE(WSAGetOverlappedResult(client, &ov, &bytes, TRUE, &flags));
        EXPECT_EQ(WSAGetLastError(), WSAECONNREFUSED);
        EXPECT_EQ(static_cast<DWORD>(ov.Internal), kStatusConnectionRefused);
        EXPECT_FALSE(GetOverlappedResult(reinterpret_cast<HANDLE>(client), &ov, &bytes, FALSE));
        EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_CONNECTION_REFUSED));
        EXPECT_EQ(bytes, 0u);
    } else {
        EXPECT_EQ(WSAGetLastError(), WSAECONNREFUSED) << "refused at once";
    }
    EXPECT_TRUE(WSACloseEvent(event));
    EXPECT_EQ(closesocket(client), 0);
    expect_next_conversation_works();
}

// io_uring refusing the receive's submission: the request, already reported pending, completes
// with STATUS_INSUFFICIENT_RESOURCES (WSAENOBUFS through Winsock, 1450 through Win32). The thread-pool
// backend has no ring.
TEST_F(SocketFaults, ARingThatRefusesAReceiveCompletesItWith10055) {
    SOCKET client, server;
    connect_pair(&client, &server);
    WSAEVENT event = WSACreateEvent();
    char buffer[8];
    WSABUF part = {sizeof buffer, buffer};
    WSAOVERLAPPED ov = overlapped_with_event(event);
    DWORD flags = 0, bytes = 0;
    posix::inject_fault(posix::FaultPoint::UringSubmit, EAGAIN);
    const int started = WSARecv(server, &part, 1, nullptr, &flags, &ov, nullptr);
    const int error = WSAGetLastError();
    if (platform::io_backend_name() == "io_uring") {
        EXPECT_EQ(started, SOCKET_ERROR);
        EXPECT_EQ(error, WSA_IO_PENDING);
        EXPECT_FALSE(WSAGetOverlappedResult(server, &ov, &bytes, TRUE, &flags));
        EXPECT_EQ(WSAGetLastError(), WSAENOBUFS);
        EXPECT_EQ(static_cast<DWORD>(ov.Internal), kStatusInsufficientResources);
        EXPECT_FALSE(GetOverlappedResult(reinterpret_cast<HANDLE>(server), &ov, &bytes, FALSE));
        EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NO_SYSTEM_RESOURCES));
    } else {
        posix::clear_faults();
        send_text(client, "x");
        EXPECT_TRUE(WSAGetOverlappedResult(server, &ov, &bytes, TRUE, &flags));
        EXPECT_EQ(bytes, 1u);
    }
    EXPECT_TRUE(WSACloseEvent(event));
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
    expect_next_conversation_works();
}

// Out of descriptors (ulimit -n): no new socket, accepted connection or file.
TEST_F(SocketFaults, OutOfDescriptorsSocketAcceptAndCreateFileFailWith10024And4) {
    unsigned short port = 0;
    SOCKET listener = listen_on_loopback(&port);
    SOCKET client = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, nullptr, 0, WSA_FLAG_OVERLAPPED);
    ASSERT_NE(client, INVALID_SOCKET);
    sockaddr_in address = loopback(port);
    ASSERT_EQ(connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    rlimit saved{};
    ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &saved), 0);
    const int lowest_free = ::dup(0);
    ASSERT_GE(lowest_free, 0);
    ::close(lowest_free);
    rlimit exhausted = saved;
    exhausted.rlim_cur = static_cast<rlim_t>(lowest_free);  // every descriptor below it is taken
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &exhausted), 0);

    const SOCKET refused = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, nullptr, 0, WSA_FLAG_OVERLAPPED);
    const int socket_error = WSAGetLastError();
    const SOCKET not_accepted = accept(listener, nullptr, nullptr);
    const int accept_error = WSAGetLastError();
    const HANDLE no_file = open_overlapped("new.bin", GENERIC_WRITE, CREATE_ALWAYS);
    const DWORD file_error = GetLastError();
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &saved), 0);

    EXPECT_EQ(refused, INVALID_SOCKET);
    EXPECT_EQ(socket_error, WSAEMFILE);
    EXPECT_EQ(not_accepted, INVALID_SOCKET);
    EXPECT_EQ(accept_error, WSAEMFILE);
    EXPECT_EQ(no_file, INVALID_HANDLE_VALUE);
    EXPECT_EQ(file_error, static_cast<DWORD>(ERROR_TOO_MANY_OPEN_FILES));
    // With descriptors again, the waiting connection is accepted and carries data.
    SOCKET server = accept(listener, nullptr, nullptr);
    ASSERT_NE(server, INVALID_SOCKET);
    send_text(client, "ok");
    char buffer[2] = {};
    EXPECT_EQ(recv(server, buffer, 2, MSG_WAITALL), 2);
    for (SOCKET s : {listener, client, server}) EXPECT_EQ(closesocket(s), 0);
}

}  // namespace
}  // namespace ovlab::testing
