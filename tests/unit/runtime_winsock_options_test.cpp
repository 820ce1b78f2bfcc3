// Socket options and modes: setsockopt/getsockopt, ioctlsocket (FIONBIO, FIONREAD), receive
// time-outs, blocking calls on other threads, and sockets made without WSA_FLAG_OVERLAPPED.
#include <atomic>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>

#include "runtime_socket_support.h"

namespace ovlab::testing {
namespace {

using SocketOptions = SocketTest;

int int_option(SOCKET s, int level, int name) {
    int value = -1;
    int length = sizeof value;
    EXPECT_EQ(getsockopt(s, level, name, reinterpret_cast<char*>(&value), &length), 0) << "option " << name;
    EXPECT_EQ(length, static_cast<int>(sizeof value));
    return value;
}

TEST_F(SocketOptions, OptionsReadBackAsTheProgramSetThem) {
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    EXPECT_EQ(int_option(s, SOL_SOCKET, SO_REUSEADDR), 0) << "off until the program sets it";
    const BOOL on = TRUE;
    ASSERT_EQ(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const char*>(&on), sizeof on), 0);
    EXPECT_EQ(int_option(s, SOL_SOCKET, SO_REUSEADDR), 1);
    ASSERT_EQ(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, reinterpret_cast<const char*>(&on), sizeof on), 0);
    EXPECT_NE(int_option(s, IPPROTO_TCP, TCP_NODELAY), 0);
    const int size = 65536;
    ASSERT_EQ(setsockopt(s, SOL_SOCKET, SO_RCVBUF, reinterpret_cast<const char*>(&size), sizeof size), 0);
    EXPECT_EQ(int_option(s, SOL_SOCKET, SO_RCVBUF), size);
    EXPECT_EQ(int_option(s, SOL_SOCKET, SO_TYPE), SOCK_STREAM);
    EXPECT_EQ(int_option(s, SOL_SOCKET, SO_ACCEPTCONN), 0);
    EXPECT_EQ(int_option(s, SOL_SOCKET, SO_ERROR), 0);

    linger current = {7, 7};
    int length = sizeof current;
    ASSERT_EQ(getsockopt(s, SOL_SOCKET, SO_LINGER, reinterpret_cast<char*>(&current), &length), 0);
    EXPECT_EQ(length, 4);
    EXPECT_EQ(current.l_onoff, 0);
    const linger wanted = {1, 5};
    ASSERT_EQ(setsockopt(s, SOL_SOCKET, SO_LINGER, reinterpret_cast<const char*>(&wanted), sizeof wanted), 0);
    ASSERT_EQ(getsockopt(s, SOL_SOCKET, SO_LINGER, reinterpret_cast<char*>(&current), &length), 0);
    EXPECT_EQ(current.l_onoff, 1);
    EXPECT_EQ(current.l_linger, 5);
    EXPECT_EQ(int_option(s, SOL_SOCKET, SO_DONTLINGER), 0);
    EXPECT_EQ(closesocket(s), 0);
}

TEST_F(SocketOptions, UnknownOptionsAndShortBuffersFailWithWinsockErrors) {
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int value = 1;
    EXPECT_EQ(setsockopt(s, SOL_SOCKET, 0x4242, reinterpret_cast<char*>(&value), sizeof value), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAENOPROTOOPT);
    EXPECT_EQ(setsockopt(s, 77, SO_REUSEADDR, reinterpret_cast<char*>(&value), sizeof value), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAEINVAL);
    EXPECT_EQ(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<char*>(&value), 2), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAEFAULT);
    int length = 2;
    EXPECT_EQ(getsockopt(s, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<char*>(&value), &length), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAEFAULT);
    u_long argument = 0;
    EXPECT_EQ(ioctlsocket(s, 0x1234, &argument), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAEINVAL);
    EXPECT_EQ(closesocket(s), 0);
}

TEST_F(SocketOptions, ANonBlockingSocketSaysWouldBlockWhereABlockingOneWaits) {
    SOCKET client, server;
    connect_pair(&client, &server);
    u_long non_blocking = 1;
    ASSERT_EQ(ioctlsocket(server, FIONBIO, &non_blocking), 0);
    char buffer[8];
    EXPECT_EQ(recv(server, buffer, sizeof buffer, 0), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAEWOULDBLOCK);
    send_text(client, "data");
    ASSERT_TRUE(wait_readable(server, 4));
    u_long waiting = 0;
    EXPECT_EQ(ioctlsocket(server, FIONREAD, &waiting), 0);
    EXPECT_EQ(waiting, 4u);
    EXPECT_EQ(recv(server, buffer, sizeof buffer, 0), 4);
    // Overlapped requests on a non-blocking socket still pend as usual.
    WSAEVENT event = WSACreateEvent();
    WSABUF part = {sizeof buffer, buffer};
    WSAOVERLAPPED ov = overlapped_with_event(event);
    DWORD flags = 0;
    EXPECT_EQ(WSARecv(server, &part, 1, nullptr, &flags, &ov, nullptr), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSA_IO_PENDING);
    send_text(client, "more");
    DWORD transferred = 0;
    EXPECT_TRUE(WSAGetOverlappedResult(server, &ov, &transferred, TRUE, &flags));
    EXPECT_TRUE(WSACloseEvent(event));
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
}

TEST_F(SocketOptions, AReceiveTimeOutEndsABlockingReceiveWithWsaetimedout) {
    SOCKET client, server;
    connect_pair(&client, &server);
    const DWORD timeout = 50;
    ASSERT_EQ(setsockopt(server, SOL_SOCKET, SO_RCVTIMEO, reinterpret_cast<const char*>(&timeout), sizeof timeout), 0);
    EXPECT_EQ(static_cast<DWORD>(int_option(server, SOL_SOCKET, SO_RCVTIMEO)), timeout);
    char buffer[8];
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(recv(server, buffer, sizeof buffer, 0), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAETIMEDOUT);
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(45));
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
}

TEST_F(SocketOptions, ABlockingReceiveOnAnotherThreadReturnsWhenDataArrives) {
    SOCKET client, server;
    connect_pair(&client, &server);
    std::atomic<int> result{-2};
    char buffer[16] = {};
    std::thread reader([&] { result = recv(server, buffer, sizeof buffer, 0); });
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    EXPECT_EQ(result.load(), -2) << "still blocked";
    send_text(client, "wake up");
    reader.join();
    EXPECT_EQ(result.load(), 7);
    EXPECT_EQ(std::string(buffer), "wake up");
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
}

TEST_F(SocketOptions, ClosingASocketEndsABlockingReceiveOnAnotherThread) {
    SOCKET client, server;
    connect_pair(&client, &server);
    std::atomic<int> result{-2};
    std::atomic<int> error{0};
    std::thread reader([&] {
        char buffer[8];
        result = recv(server, buffer, sizeof buffer, 0);
        error = WSAGetLastError();
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    EXPECT_EQ(closesocket(server), 0);
    reader.join();
    EXPECT_EQ(result.load(), SOCKET_ERROR);
    EXPECT_EQ(error.load(), WSAEINTR) << "a blocking call cut short by closesocket";
    EXPECT_EQ(closesocket(client), 0);
}

TEST_F(SocketOptions, ASocketWithoutWsaFlagOverlappedBlocksEvenWhenGivenAnOverlapped) {
    SOCKET client, server;
    connect_pair(&client, &server, 0);
    std::thread sender([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        send_text(client, "sync");
    });
    char buffer[8] = {};
    WSABUF part = {sizeof buffer, buffer};
    WSAOVERLAPPED ov = {};
    DWORD received = 0, flags = 0;
    EXPECT_EQ(WSARecv(server, &part, 1, &received, &flags, &ov, nullptr), 0) << "the call blocked until data came";
    sender.join();
    EXPECT_EQ(received, 4u);
    EXPECT_EQ(ov.Internal, 0u) << "a non-overlapped socket ignores lpOverlapped";
    send_text(client, "file");
    DWORD read = 0;
    EXPECT_TRUE(ReadFile(reinterpret_cast<HANDLE>(server), buffer, sizeof buffer, &read, nullptr));
    EXPECT_EQ(read, 4u);
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
}

}  // namespace
}  // namespace ovlab::testing
