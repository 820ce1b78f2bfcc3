// The mswsock extensions: AcceptEx (called directly or through the WSAIoctl pointer),
// GetAcceptExSockaddrs, SO_UPDATE_ACCEPT_CONTEXT, ConnectEx.
#include <cstring>
#include <string>

#include "runtime_socket_support.h"

namespace ovlab::testing {
namespace {

using SocketExtensions = SocketTest;

constexpr DWORD kAddressBlock = sizeof(sockaddr_in) + 16;

template <class Function>
Function extension(SOCKET s, GUID id) {
    Function function = nullptr;
    DWORD returned = 0;
    EXPECT_EQ(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof id, &function, sizeof function, &returned,
                       nullptr, nullptr),
              0);
    EXPECT_EQ(returned, sizeof function);
    return function;
}

TEST_F(SocketExtensions, AcceptExThroughWsaIoctlPendsUntilAClientConnects) {
    unsigned short port = 0;
    SOCKET listener = listen_on_loopback(&port);
    const LPFN_ACCEPTEX accept_ex = extension<LPFN_ACCEPTEX>(listener, WSAID_ACCEPTEX);
    const LPFN_GETACCEPTEXSOCKADDRS sockaddrs = extension<LPFN_GETACCEPTEXSOCKADDRS>(listener, WSAID_GETACCEPTEXSOCKADDRS);
    ASSERT_NE(accept_ex, nullptr);
    ASSERT_NE(sockaddrs, nullptr);
    SOCKET accepted = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, nullptr, 0, WSA_FLAG_OVERLAPPED);
    char buffer[2 * kAddressBlock];
    WSAEVENT event = WSACreateEvent();
    WSAOVERLAPPED ov = overlapped_with_event(event);
    DWORD received = 7;
    ASSERT_FALSE(accept_ex(listener, accepted, buffer, 0, kAddressBlock, kAddressBlock, &received, &ov));
    ASSERT_EQ(WSAGetLastError(), ERROR_IO_PENDING);
    EXPECT_EQ(ov.Internal, STATUS_PENDING);

    SOCKET client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    sockaddr_in address = loopback(port);
    ASSERT_EQ(connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(WSAWaitForMultipleEvents(1, &event, TRUE, 5000, FALSE), WSA_WAIT_EVENT_0);
    DWORD transferred = 9, flags = 0;
    EXPECT_TRUE(WSAGetOverlappedResult(listener, &ov, &transferred, FALSE, &flags));
    EXPECT_EQ(transferred, 0u);

    sockaddr *local = nullptr, *remote = nullptr;
    int local_length = 0, remote_length = 0;
    sockaddrs(buffer, 0, kAddressBlock, kAddressBlock, &local, &local_length, &remote, &remote_length);
    ASSERT_EQ(local_length, 16);
    ASSERT_EQ(remote_length, 16);
    EXPECT_EQ(reinterpret_cast<sockaddr_in*>(local)->sin_port, htons(port));
    sockaddr_in client_name = {};
    int length = sizeof client_name;
    ASSERT_EQ(getsockname(client, reinterpret_cast<sockaddr*>(&client_name), &length), 0);
    EXPECT_EQ(reinterpret_cast<sockaddr_in*>(remote)->sin_port, client_name.sin_port);

    sockaddr_in peer = {};
    length = sizeof peer;
    EXPECT_EQ(getpeername(accepted, reinterpret_cast<sockaddr*>(&peer), &length), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAENOTCONN) << "until SO_UPDATE_ACCEPT_CONTEXT is set";
    ASSERT_EQ(setsockopt(accepted, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, reinterpret_cast<char*>(&listener),
                         sizeof listener),
              0);
    EXPECT_EQ(getpeername(accepted, reinterpret_cast<sockaddr*>(&peer), &length), 0);
    EXPECT_EQ(peer.sin_port, client_name.sin_port);

    send_text(client, "via AcceptEx");
    char data[16] = {};
    EXPECT_EQ(recv(accepted, data, sizeof data, 0), 12);
    EXPECT_TRUE(WSACloseEvent(event));
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(accepted), 0);
    EXPECT_EQ(closesocket(listener), 0);
}

TEST_F(SocketExtensions, AcceptExWithAReceiveBufferCompletesWithTheFirstData) {
    unsigned short port = 0;
    SOCKET listener = listen_on_loopback(&port);
    SOCKET accepted = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    char buffer[32 + 2 * kAddressBlock] = {};
    WSAEVENT event = WSACreateEvent();
    WSAOVERLAPPED ov = overlapped_with_event(event);
    ASSERT_FALSE(AcceptEx(listener, accepted, buffer, 32, kAddressBlock, kAddressBlock, nullptr, &ov));
    ASSERT_EQ(WSAGetLastError(), ERROR_IO_PENDING);
    SOCKET client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    sockaddr_in address = loopback(port);
    ASSERT_EQ(connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    EXPECT_EQ(WSAWaitForMultipleEvents(1, &event, FALSE, 100, FALSE), WSA_WAIT_TIMEOUT)
        << "connected, but AcceptEx also waits for the first data";
    send_text(client, "first words");
    ASSERT_EQ(WSAWaitForMultipleEvents(1, &event, TRUE, 5000, FALSE), WSA_WAIT_EVENT_0);
    EXPECT_EQ(ov.InternalHigh, 11u);
    EXPECT_EQ(std::string(buffer, 11), "first words");
    sockaddr *local = nullptr, *remote = nullptr;
    int local_length = 0, remote_length = 0;
    GetAcceptExSockaddrs(buffer, 32, kAddressBlock, kAddressBlock, &local, &local_length, &remote, &remote_length);
    EXPECT_EQ(reinterpret_cast<sockaddr_in*>(local)->sin_port, htons(port));
    EXPECT_TRUE(WSACloseEvent(event));
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(accepted), 0);
    EXPECT_EQ(closesocket(listener), 0);
}

TEST_F(SocketExtensions, AcceptExOfAWaitingConnectionCompletesAtOnce) {
    unsigned short port = 0;
    SOCKET listener = listen_on_loopback(&port);
    SOCKET client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    sockaddr_in address = loopback(port);
    ASSERT_EQ(connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    SOCKET accepted = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    char buffer[2 * kAddressBlock];
    WSAEVENT event = WSACreateEvent();
    WSAOVERLAPPED ov = overlapped_with_event(event);
    DWORD received = 5;
    ASSERT_TRUE(AcceptEx(listener, accepted, buffer, 0, kAddressBlock, kAddressBlock, &received, &ov));
    EXPECT_EQ(received, 0u);
    EXPECT_EQ(ov.Internal, 0u);
    EXPECT_EQ(WSAWaitForMultipleEvents(1, &event, FALSE, 0, FALSE), WSA_WAIT_EVENT_0);
    EXPECT_TRUE(WSACloseEvent(event));
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(accepted), 0);
    EXPECT_EQ(closesocket(listener), 0);
}

TEST_F(SocketExtensions, AcceptExRefusesBadArguments) {
    unsigned short port = 0;
    SOCKET listener = listen_on_loopback(&port);
    SOCKET idle = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    SOCKET accepted = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    char buffer[2 * kAddressBlock];
    WSAOVERLAPPED ov = {};
    EXPECT_FALSE(AcceptEx(idle, accepted, buffer, 0, kAddressBlock, kAddressBlock, nullptr, &ov));
    EXPECT_EQ(WSAGetLastError(), WSAEINVAL) << "not listening";
    EXPECT_FALSE(AcceptEx(listener, 12345, buffer, 0, kAddressBlock, kAddressBlock, nullptr, &ov));
    EXPECT_EQ(WSAGetLastError(), WSAENOTSOCK);
    EXPECT_FALSE(AcceptEx(listener, accepted, buffer, 0, kAddressBlock, 0, nullptr, &ov));
    EXPECT_EQ(WSAGetLastError(), WSAEFAULT) << "no remote address block (a short one fails later, §13)";
    EXPECT_FALSE(AcceptEx(listener, accepted, buffer, 0, kAddressBlock, kAddressBlock, nullptr, nullptr));
    EXPECT_EQ(WSAGetLastError(), WSA_INVALID_PARAMETER);
    GUID unknown = {1, 2, 3, {4, 5, 6, 7, 8, 9, 10, 11}};
    void* function = nullptr;
    DWORD returned = 0;
    EXPECT_EQ(WSAIoctl(listener, SIO_GET_EXTENSION_FUNCTION_POINTER, &unknown, sizeof unknown, &function,
                       sizeof function, &returned, nullptr, nullptr),
              SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAEINVAL);
    EXPECT_EQ(closesocket(idle), 0);
    EXPECT_EQ(closesocket(accepted), 0);
    EXPECT_EQ(closesocket(listener), 0);
}

TEST_F(SocketExtensions, ConnectExNeedsABoundSocketAndSendsItsFirstData) {
    unsigned short port = 0;
    SOCKET listener = listen_on_loopback(&port);
    SOCKET client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    const LPFN_CONNECTEX connect_ex = extension<LPFN_CONNECTEX>(client, WSAID_CONNECTEX);
    ASSERT_NE(connect_ex, nullptr);
    sockaddr_in address = loopback(port);
    WSAEVENT event = WSACreateEvent();
    WSAOVERLAPPED ov = overlapped_with_event(event);
    char hello[] = "hello";
    EXPECT_FALSE(connect_ex(client, reinterpret_cast<sockaddr*>(&address), sizeof address, hello, 5, nullptr, &ov));
    EXPECT_EQ(WSAGetLastError(), WSAEINVAL) << "ConnectEx wants bind() first";
    sockaddr_in any = loopback(0);
    ASSERT_EQ(bind(client, reinterpret_cast<sockaddr*>(&any), sizeof any), 0);
    DWORD sent = 0;
    if (!connect_ex(client, reinterpret_cast<sockaddr*>(&address), sizeof address, hello, 5, &sent, &ov)) {
        ASSERT_EQ(WSAGetLastError(), ERROR_IO_PENDING);
    }
    DWORD flags = 0;
    ASSERT_TRUE(WSAGetOverlappedResult(client, &ov, &sent, TRUE, &flags));
    EXPECT_EQ(sent, 5u);
    EXPECT_EQ(setsockopt(client, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, nullptr, 0), 0);
    SOCKET server = accept(listener, nullptr, nullptr);
    char data[8] = {};
    EXPECT_EQ(recv(server, data, sizeof data, 0), 5);
    EXPECT_EQ(std::string(data), "hello");
    EXPECT_TRUE(WSACloseEvent(event));
    EXPECT_EQ(closesocket(server), 0);
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(listener), 0);
}

}  // namespace
}  // namespace ovlab::testing
