// UDP (docs/windows-rules.md §21): WSARecvFrom fills lpFrom when it completes, one receive takes
// one datagram, a datagram longer than the buffer completes with STATUS_BUFFER_OVERFLOW and the
// bytes that fit (its rest is lost) and still notifies, connect() names the peer, and what a UDP
// socket refuses.
#include <cstring>
#include <string>

#include "runtime_socket_support.h"

namespace ovlab::testing {
namespace {

class UdpSockets : public SocketTest {
protected:
    // A UDP socket bound to 127.0.0.1 at a free port; its address in *address.
    static SOCKET bound(sockaddr_in* address) {
        SOCKET s = WSASocketA(AF_INET, SOCK_DGRAM, IPPROTO_UDP, nullptr, 0, WSA_FLAG_OVERLAPPED);
        EXPECT_NE(s, INVALID_SOCKET);
        *address = loopback(0);
        int length = sizeof *address;
        EXPECT_EQ(bind(s, reinterpret_cast<sockaddr*>(address), sizeof *address), 0);
        EXPECT_EQ(getsockname(s, reinterpret_cast<sockaddr*>(address), &length), 0);
        return s;
    }
    static int send_to(SOCKET s, const char* text, const sockaddr_in& to) {
        return sendto(s, text, static_cast<int>(std::strlen(text)), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
    }
};

TEST_F(UdpSockets, APendingReceiveFillsTheSenderAtCompletionAndTakesOneDatagram) {
    sockaddr_in a_address, b_address;
    SOCKET a = bound(&a_address), b = bound(&b_address);
    WSAEVENT event = WSACreateEvent();
    char buffer[32] = {};
    WSABUF part = {sizeof buffer, buffer};
    sockaddr_in from{};
    int from_length = sizeof from;
    DWORD flags = 0;
    WSAOVERLAPPED ov = overlapped_with_event(event);
    ASSERT_EQ(WSARecvFrom(b, &part, 1, nullptr, &flags, reinterpret_cast<sockaddr*>(&from), &from_length, &ov, nullptr),
              SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSA_IO_PENDING);
    EXPECT_EQ(send_to(a, "one", b_address), 3);
    EXPECT_EQ(send_to(a, "two22", b_address), 5);
    ASSERT_EQ(WSAWaitForMultipleEvents(1, &event, TRUE, 5000, FALSE), WSA_WAIT_EVENT_0);
    EXPECT_EQ(ov.Internal, 0u);
    EXPECT_EQ(ov.InternalHigh, 3u) << "one datagram, not the two waiting";
    EXPECT_EQ(std::string(buffer), "one");
    EXPECT_EQ(from_length, static_cast<int>(sizeof(sockaddr_in)));
    EXPECT_EQ(from.sin_port, a_address.sin_port);
    EXPECT_EQ(from.sin_addr.s_addr, a_address.sin_addr.s_addr);
    std::memset(buffer, 0, sizeof buffer);
    EXPECT_EQ(recvfrom(b, buffer, sizeof buffer, 0, nullptr, nullptr), 5);
    EXPECT_EQ(std::string(buffer), "two22");
    EXPECT_TRUE(WSACloseEvent(event));
    EXPECT_EQ(closesocket(a), 0);
    EXPECT_EQ(closesocket(b), 0);
}

TEST_F(UdpSockets, ADatagramLongerThanTheBufferCompletesWithBufferOverflowAndLosesItsRest) {
    sockaddr_in a_address, b_address;
    SOCKET a = bound(&a_address), b = bound(&b_address);
    WSAEVENT event = WSACreateEvent();
    char buffer[8] = {};
    WSABUF part = {4, buffer};
    DWORD flags = 0;
    WSAOVERLAPPED ov = overlapped_with_event(event);
    ASSERT_EQ(WSARecvFrom(b, &part, 1, nullptr, &flags, nullptr, nullptr, &ov, nullptr), SOCKET_ERROR);
    EXPECT_EQ(send_to(a, "0123456789", b_address), 10);
    ASSERT_EQ(WSAWaitForMultipleEvents(1, &event, TRUE, 5000, FALSE), WSA_WAIT_EVENT_0);
    EXPECT_EQ(ov.Internal, 0x80000005u) << "STATUS_BUFFER_OVERFLOW, a warning";
    EXPECT_EQ(ov.InternalHigh, 4u);
    DWORD transferred = 0;
    EXPECT_FALSE(WSAGetOverlappedResult(b, &ov, &transferred, FALSE, &flags));
    EXPECT_EQ(WSAGetLastError(), WSAEMSGSIZE);
    EXPECT_EQ(transferred, 4u);
    EXPECT_FALSE(GetOverlappedResult(reinterpret_cast<HANDLE>(b), reinterpret_cast<OVERLAPPED*>(&ov), &transferred, FALSE));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_MORE_DATA));
    EXPECT_EQ(std::string(buffer, 4), "0123");

    // Completed inside the call: SOCKET_ERROR and WSAEMSGSIZE, yet the event and the port hear of it.
    HANDLE port = CreateIoCompletionPort(reinterpret_cast<HANDLE>(b), nullptr, 9, 0);
    ASSERT_NE(port, nullptr);
    EXPECT_EQ(send_to(a, "abcdefgh", b_address), 8);
    EXPECT_EQ(send_to(a, "xy", b_address), 2);
    ASSERT_TRUE(wait_readable(b, 1));
    ov = overlapped_with_event(event);
    EXPECT_EQ(WSARecvFrom(b, &part, 1, nullptr, &flags, nullptr, nullptr, &ov, nullptr), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAEMSGSIZE);
    EXPECT_EQ(WSAWaitForMultipleEvents(1, &event, FALSE, 0, FALSE), WSA_WAIT_EVENT_0);
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED packet = nullptr;
    EXPECT_FALSE(GetQueuedCompletionStatus(port, &bytes, &key, &packet, 5000));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_MORE_DATA));
    EXPECT_EQ(packet, reinterpret_cast<LPOVERLAPPED>(&ov));
    EXPECT_EQ(bytes, 4u);
    EXPECT_EQ(key, 9u);
    std::memset(buffer, 0, sizeof buffer);
    EXPECT_EQ(recvfrom(b, buffer, sizeof buffer, 0, nullptr, nullptr), 2) << "the rest of the long datagram is gone";
    EXPECT_EQ(std::string(buffer), "xy");
    EXPECT_TRUE(CloseHandle(port));
    EXPECT_TRUE(WSACloseEvent(event));
    EXPECT_EQ(closesocket(a), 0);
    EXPECT_EQ(closesocket(b), 0);
}

TEST_F(UdpSockets, ConnectNamesThePeerForSendAndReceive) {
    sockaddr_in a_address, b_address;
    SOCKET a = bound(&a_address), b = bound(&b_address);
    EXPECT_EQ(connect(a, reinterpret_cast<sockaddr*>(&b_address), sizeof b_address), 0);
    EXPECT_EQ(connect(b, reinterpret_cast<sockaddr*>(&a_address), sizeof a_address), 0);
    char text[] = "linked";
    WSABUF out = {6, text};
    DWORD sent = 0;
    EXPECT_EQ(WSASend(a, &out, 1, &sent, 0, nullptr, nullptr), 0);
    EXPECT_EQ(sent, 6u);
    char buffer[16] = {};
    WSABUF in = {sizeof buffer, buffer};
    DWORD received = 0, flags = 0;
    EXPECT_EQ(WSARecv(b, &in, 1, &received, &flags, nullptr, nullptr), 0);
    EXPECT_EQ(received, 6u);
    EXPECT_EQ(std::string(buffer), "linked");
    EXPECT_EQ(closesocket(a), 0);
    EXPECT_EQ(closesocket(b), 0);
}

TEST_F(UdpSockets, RefusesReceivingBeforeBindSendingWithNoPeerAndListening) {
    SOCKET s = WSASocketA(AF_INET, SOCK_DGRAM, 0, nullptr, 0, WSA_FLAG_OVERLAPPED);
    ASSERT_NE(s, INVALID_SOCKET);
    char buffer[4];
    EXPECT_EQ(recvfrom(s, buffer, sizeof buffer, 0, nullptr, nullptr), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAEINVAL);
    EXPECT_EQ(send(s, "hi", 2, 0), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAEINVAL);
    sockaddr_in address = loopback(0);
    EXPECT_EQ(bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    EXPECT_EQ(send(s, "hi", 2, 0), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAENOTCONN);
    EXPECT_EQ(listen(s, 1), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAEOPNOTSUPP);
    int type = 0, length = sizeof type;
    EXPECT_EQ(getsockopt(s, SOL_SOCKET, SO_TYPE, reinterpret_cast<char*>(&type), &length), 0);
    EXPECT_EQ(type, SOCK_DGRAM);
    EXPECT_EQ(closesocket(s), 0);
}

}  // namespace
}  // namespace ovlab::testing
