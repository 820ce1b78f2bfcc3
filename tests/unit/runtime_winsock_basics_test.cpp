// Winsock basics (docs/windows-rules.md §13): WSAStartup, the SDK's types and byte order, a socket's
// life (socket, bind, listen, accept, connect, shutdown, closesocket) and its error numbers.
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <thread>
#include <vector>

#include "runtime_socket_support.h"

namespace ovlab::testing {
namespace {

using WinsockStartup = RuntimeTest;
using WinsockBasics = SocketTest;

TEST_F(WinsockStartup, NegotiatesTheVersionAndFillsWsadata) {
    WSADATA data;
    std::memset(&data, 0xCC, sizeof data);
    ASSERT_EQ(WSAStartup(MAKEWORD(2, 2), &data), 0);
    EXPECT_EQ(data.wVersion, MAKEWORD(2, 2));
    EXPECT_EQ(data.wHighVersion, MAKEWORD(2, 2));
    EXPECT_STREQ(data.szDescription, "WinSock 2.0");
    EXPECT_STREQ(data.szSystemStatus, "Running");
    ASSERT_EQ(WSAStartup(MAKEWORD(1, 1), &data), 0) << "WSAStartup counts: every call needs a WSACleanup";
    EXPECT_EQ(data.wVersion, MAKEWORD(1, 1));
    ASSERT_EQ(WSAStartup(MAKEWORD(3, 0), &data), 0);
    EXPECT_EQ(data.wVersion, MAKEWORD(2, 2)) << "a newer version than Winsock has gets its highest";
    EXPECT_EQ(WSAStartup(MAKEWORD(0, 9), &data), WSAVERNOTSUPPORTED);
    EXPECT_EQ(WSAStartup(MAKEWORD(2, 2), nullptr), WSAEFAULT);
    EXPECT_EQ(WSACleanup(), 0);
    EXPECT_EQ(WSACleanup(), 0);
    EXPECT_EQ(WSACleanup(), 0);
    EXPECT_EQ(WSACleanup(), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSANOTINITIALISED);
}

TEST_F(WinsockStartup, SocketCallsBeforeWsastartupFailWithWsanotinitialised) {
    EXPECT_EQ(socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), INVALID_SOCKET);
    EXPECT_EQ(WSAGetLastError(), WSANOTINITIALISED);
    EXPECT_EQ(closesocket(4), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSANOTINITIALISED);
}

TEST_F(WinsockBasics, TheSdkTypesHaveTheirWindowsLayoutAndValues) {
    EXPECT_EQ(sizeof(SOCKET), 8u);
    EXPECT_EQ(INVALID_SOCKET, ~SOCKET{0});
    EXPECT_EQ(SOCKET_ERROR, -1);
    EXPECT_EQ(sizeof(sockaddr_in), 16u);
    EXPECT_EQ(sizeof(SOCKADDR_IN6), 28u);
    EXPECT_EQ(sizeof(WSAOVERLAPPED), sizeof(OVERLAPPED));
    EXPECT_EQ(AF_INET6, 23);
    EXPECT_EQ(SOL_SOCKET, 0xffff);
    EXPECT_EQ(SO_LINGER, 0x80);
    EXPECT_EQ(static_cast<DWORD>(FIONBIO), 0x8004667Eu);
    EXPECT_EQ(static_cast<DWORD>(SIO_GET_EXTENSION_FUNCTION_POINTER), 0xC8000006u);
    IN_ADDR address = {};
    address.S_un.S_un_b.s_b1 = 127;
    address.S_un.S_un_b.s_b4 = 1;
    EXPECT_EQ(address.s_addr, htonl(INADDR_LOOPBACK));
    EXPECT_STREQ(inet_ntoa(address), "127.0.0.1");
}

TEST_F(WinsockBasics, ByteOrderAndAddressTextConvert) {
    EXPECT_EQ(htons(0x1234), 0x3412);
    EXPECT_EQ(ntohs(0x3412), 0x1234);
    EXPECT_EQ(htonl(0x01020304), 0x04030201u);
    EXPECT_EQ(ntohl(0x04030201), 0x01020304u);
    EXPECT_EQ(inet_addr("127.0.0.1"), htonl(INADDR_LOOPBACK));
    EXPECT_EQ(inet_addr("300.0.0.1"), INADDR_NONE);
    EXPECT_EQ(inet_addr(""), INADDR_NONE);
    EXPECT_EQ(inet_addr(nullptr), INADDR_NONE);
    IN_ADDR parsed = {};
    EXPECT_EQ(inet_pton(AF_INET, "10.1.2.3", &parsed), 1);
    EXPECT_EQ(parsed.S_un.S_un_b.s_b1, 10);
    EXPECT_EQ(parsed.S_un.S_un_b.s_b4, 3);
    EXPECT_EQ(inet_pton(AF_INET, "10.1.2", &parsed), 0);
    EXPECT_EQ(inet_pton(99, "10.1.2.3", &parsed), -1);
    EXPECT_EQ(WSAGetLastError(), WSAEAFNOSUPPORT);
    IN6_ADDR parsed6 = {};
    EXPECT_EQ(inet_pton(AF_INET6, "::1", &parsed6), 1);
    EXPECT_EQ(parsed6.s6_addr[15], 1);
    char text[INET6_ADDRSTRLEN];
    EXPECT_STREQ(inet_ntop(AF_INET, &parsed, text, sizeof text), "10.1.2.3");
    EXPECT_STREQ(inet_ntop(AF_INET6, &parsed6, text, sizeof text), "::1");
    EXPECT_EQ(inet_ntop(AF_INET, &parsed, text, 4), nullptr);
    EXPECT_EQ(WSAGetLastError(), ERROR_INVALID_PARAMETER);
}

TEST_F(WinsockBasics, SocketRefusesWhatTheLabDoesNotProvideWithWinsockErrors) {
    EXPECT_EQ(socket(12345, SOCK_STREAM, 0), INVALID_SOCKET);
    EXPECT_EQ(WSAGetLastError(), WSAEAFNOSUPPORT);
    EXPECT_EQ(socket(AF_INET, 99, 0), INVALID_SOCKET);
    EXPECT_EQ(WSAGetLastError(), WSAESOCKTNOSUPPORT);
    EXPECT_EQ(socket(AF_INET, SOCK_STREAM, 99), INVALID_SOCKET);
    EXPECT_EQ(WSAGetLastError(), WSAEPROTONOSUPPORT);
    EXPECT_EQ(closesocket(12345), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAENOTSOCK);
    HANDLE event = WSACreateEvent();
    EXPECT_EQ(closesocket(reinterpret_cast<SOCKET>(event)), SOCKET_ERROR) << "an event is not a socket";
    EXPECT_EQ(WSAGetLastError(), WSAENOTSOCK);
    EXPECT_TRUE(WSACloseEvent(event));
}

TEST_F(WinsockBasics, ASocketIsAHandleInTheHandleTable) {
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ASSERT_NE(s, INVALID_SOCKET);
    EXPECT_EQ(s % 4, 0u) << "handle values are multiples of 4";
    EXPECT_TRUE(CloseHandle(reinterpret_cast<HANDLE>(s))) << "CloseHandle closes a socket too";
    EXPECT_EQ(closesocket(s), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAENOTSOCK);
}

TEST_F(WinsockBasics, BindListenAcceptConnectAndTheNames) {
    SOCKET listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    sockaddr_in address = loopback(0);
    int length = sizeof address;
    EXPECT_EQ(getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAEINVAL) << "an unbound socket has no name";
    EXPECT_EQ(listen(listener, 5), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAEINVAL) << "Windows refuses to listen before bind";
    EXPECT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), 8), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAEFAULT);
    ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    EXPECT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAEINVAL) << "already bound";
    ASSERT_EQ(listen(listener, SOMAXCONN), 0);
    ASSERT_EQ(getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), 0);
    EXPECT_EQ(length, 16);
    EXPECT_EQ(address.sin_family, AF_INET);
    EXPECT_NE(address.sin_port, 0) << "port 0 binds a free port";

    SOCKET client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    sockaddr_in peer = {};
    length = sizeof peer;
    EXPECT_EQ(getpeername(client, reinterpret_cast<sockaddr*>(&peer), &length), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAENOTCONN);
    ASSERT_EQ(connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    EXPECT_EQ(connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAEISCONN);

    int small = 4;
    EXPECT_EQ(accept(listener, reinterpret_cast<sockaddr*>(&peer), &small), INVALID_SOCKET);
    EXPECT_EQ(WSAGetLastError(), WSAEFAULT);
    length = sizeof peer;
    SOCKET server = accept(listener, reinterpret_cast<sockaddr*>(&peer), &length);
    ASSERT_NE(server, INVALID_SOCKET);
    EXPECT_EQ(length, 16);
    EXPECT_EQ(peer.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
    sockaddr_in client_name = {};
    length = sizeof client_name;
    ASSERT_EQ(getsockname(client, reinterpret_cast<sockaddr*>(&client_name), &length), 0);
    EXPECT_EQ(client_name.sin_port, peer.sin_port) << "accept reports the client's address";
    sockaddr_in server_peer = {};
    length = sizeof server_peer;
    ASSERT_EQ(getpeername(client, reinterpret_cast<sockaddr*>(&server_peer), &length), 0);
    EXPECT_EQ(server_peer.sin_port, address.sin_port);

    send_text(client, "hello");
    char buffer[16] = {};
    EXPECT_EQ(recv(server, buffer, sizeof buffer, 0), 5);
    EXPECT_STREQ(buffer, "hello");
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
    EXPECT_EQ(closesocket(listener), 0);
}

TEST_F(WinsockBasics, ConnectToAPortNobodyListensOnIsRefused) {
    unsigned short port = 0;
    SOCKET listener = listen_on_loopback(&port);
    EXPECT_EQ(closesocket(listener), 0);  // the port is free again, and nobody listens
    SOCKET client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    sockaddr_in address = loopback(port);
    EXPECT_EQ(connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAECONNREFUSED);
    EXPECT_EQ(closesocket(client), 0);
}

TEST_F(WinsockBasics, AcceptBlocksUntilAClientConnects) {
    unsigned short port = 0;
    SOCKET listener = listen_on_loopback(&port);
    SOCKET client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    std::thread connector([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        sockaddr_in address = loopback(port);
        EXPECT_EQ(connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    });
    SOCKET server = accept(listener, nullptr, nullptr);
    connector.join();
    EXPECT_NE(server, INVALID_SOCKET);
    EXPECT_EQ(closesocket(server), 0);
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(listener), 0);
}

TEST_F(WinsockBasics, AServerCanBindItsPortAgainWhileOldConnectionsAreInTimeWait) {
    unsigned short port = 0;
    SOCKET listener = listen_on_loopback(&port);
    SOCKET client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    sockaddr_in address = loopback(port);
    ASSERT_EQ(connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    SOCKET server = accept(listener, nullptr, nullptr);
    // The server closes first: its end of the connection (on `port`) goes to TIME_WAIT.
    EXPECT_EQ(closesocket(server), 0);
    EXPECT_EQ(closesocket(listener), 0);
    char buffer[4];
    EXPECT_EQ(recv(client, buffer, sizeof buffer, 0), 0) << "the server's FIN";
    EXPECT_EQ(closesocket(client), 0);
    SOCKET restarted = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    EXPECT_EQ(bind(restarted, reinterpret_cast<sockaddr*>(&address), sizeof address), 0)
        << "Windows lets a restarted server bind at once; error " << WSAGetLastError();
    EXPECT_EQ(listen(restarted, 5), 0);
    EXPECT_EQ(closesocket(restarted), 0);
}

TEST_F(WinsockBasics, ShutdownSendGivesThePeerAZeroByteReceiveAndRefusesLaterSends) {
    SOCKET client, server;
    connect_pair(&client, &server);
    EXPECT_EQ(shutdown(client, 7), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAEINVAL);
    ASSERT_EQ(shutdown(client, SD_SEND), 0);
    char buffer[8];
    EXPECT_EQ(recv(server, buffer, sizeof buffer, 0), 0);
    EXPECT_EQ(send(client, "x", 1, 0), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAESHUTDOWN);
    send_text(server, "still open");  // the other direction still works
    EXPECT_EQ(recv(client, buffer, sizeof buffer, 0), 8);
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
}

// Takes every free descriptor number of the process for as long as it lives, as a program that
// leaks handles would, then gives them back and restores the limit.
class DescriptorsExhausted {
public:
    DescriptorsExhausted() {
        getrlimit(RLIMIT_NOFILE, &saved_);
        int highest = 0;
        for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd"))
            highest = std::max(highest, std::stoi(entry.path().filename().string()));
        rlimit lowered = saved_;
        lowered.rlim_cur = static_cast<rlim_t>(highest) + 1;
        setrlimit(RLIMIT_NOFILE, &lowered);
        for (int fd; (fd = open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0;) taken_.push_back(fd);
    }
    ~DescriptorsExhausted() {
        for (int fd : taken_) close(fd);
        setrlimit(RLIMIT_NOFILE, &saved_);
    }

private:
    rlimit saved_{};
    std::vector<int> taken_;
};

TEST_F(WinsockBasics, WithNoDescriptorLeftSocketAndAcceptFailWithWsaemfile) {
    unsigned short port = 0;
    const SOCKET listener = listen_on_loopback(&port);
    const SOCKET client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    const sockaddr_in address = loopback(port);
    ASSERT_EQ(connect(client, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
    {
        DescriptorsExhausted exhausted;
        EXPECT_EQ(accept(listener, nullptr, nullptr), INVALID_SOCKET);
        EXPECT_EQ(WSAGetLastError(), WSAEMFILE);
        EXPECT_EQ(socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), INVALID_SOCKET);
        EXPECT_EQ(WSAGetLastError(), WSAEMFILE);
    }
    // The connection waited in the backlog all along: with descriptors back, accept takes it.
    const SOCKET server = accept(listener, nullptr, nullptr);
    EXPECT_NE(server, INVALID_SOCKET);
    closesocket(server);
    closesocket(client);
    closesocket(listener);
}

}  // namespace
}  // namespace ovlab::testing
