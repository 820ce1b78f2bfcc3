#include "runtime_socket_support.h"

#include <chrono>
#include <cstring>
#include <thread>

namespace ovlab::testing {

void SocketTest::SetUp() {
    RuntimeTest::SetUp();
    WSADATA data;
    ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &data), 0);
}

void SocketTest::TearDown() {
    EXPECT_EQ(WSACleanup(), 0);
    RuntimeTest::TearDown();
}

sockaddr_in SocketTest::loopback(unsigned short port) {
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

SOCKET SocketTest::listen_on_loopback(unsigned short* port, DWORD flags) {
    SOCKET listener = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, nullptr, 0, flags);
    EXPECT_NE(listener, INVALID_SOCKET);
    sockaddr_in address = loopback(0);
    EXPECT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    EXPECT_EQ(listen(listener, SOMAXCONN), 0);
    int length = sizeof address;
    EXPECT_EQ(getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), 0);
    *port = ntohs(address.sin_port);
    return listener;
}

void SocketTest::connect_pair(SOCKET* client, SOCKET* server, DWORD flags) {
    unsigned short port = 0;
    SOCKET listener = listen_on_loopback(&port, flags);
    *client = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, nullptr, 0, flags);
    ASSERT_NE(*client, INVALID_SOCKET);
    sockaddr_in address = loopback(port);
    ASSERT_EQ(connect(*client, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    *server = accept(listener, nullptr, nullptr);
    ASSERT_NE(*server, INVALID_SOCKET);
    EXPECT_EQ(closesocket(listener), 0);
}

bool SocketTest::wait_readable(SOCKET s, u_long bytes) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    for (;;) {
        u_long available = 0;
        if (ioctlsocket(s, FIONREAD, &available) != 0) return false;
        if (available >= bytes) return true;
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

void SocketTest::send_text(SOCKET s, const char* text) {
    const int length = static_cast<int>(std::strlen(text));
    EXPECT_EQ(send(s, text, length, 0), length);
}

WSAOVERLAPPED SocketTest::overlapped_with_event(WSAEVENT event) {
    WSAOVERLAPPED overlapped = {};
    overlapped.hEvent = event;
    return overlapped;
}

}  // namespace ovlab::testing
