// Overlapped WSASend/WSARecv (docs/windows-rules.md §3-6, §13): the three outcomes of an issue, the
// completion sequence, scatter/gather, posting order, the zero-byte receive, and the Winsock
// numbers of WSAGetOverlappedResult.
#include <cstring>
#include <string>
#include <vector>

#include "runtime_socket_support.h"

namespace ovlab::testing {
namespace {

using OverlappedSockets = SocketTest;

TEST_F(OverlappedSockets, AReceiveWithNoDataPendsAndTheEventIsSetWhenDataArrives) {
    SOCKET client, server;
    connect_pair(&client, &server);
    WSAEVENT event = WSACreateEvent();
    ASSERT_TRUE(WSASetEvent(event));
    char buffer[32] = {};
    WSABUF part = {sizeof buffer, buffer};
    WSAOVERLAPPED ov = overlapped_with_event(event);
    ov.InternalHigh = 0xDEAD;
    DWORD received = 77, flags = 0;
    EXPECT_EQ(WSARecv(server, &part, 1, &received, &flags, &ov, nullptr), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSA_IO_PENDING);
    EXPECT_EQ(ov.Internal, STATUS_PENDING);
    EXPECT_EQ(ov.InternalHigh, 0xDEADu) << "untouched while pending";
    EXPECT_EQ(received, 77u) << "the byte count is written only for an immediate success";
    EXPECT_EQ(WSAWaitForMultipleEvents(1, &event, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT) << "reset at issue";
    DWORD transferred = 5;
    EXPECT_FALSE(WSAGetOverlappedResult(server, &ov, &transferred, FALSE, &flags));
    EXPECT_EQ(WSAGetLastError(), WSA_IO_INCOMPLETE);
    EXPECT_EQ(transferred, 5u);

    send_text(client, "Network is Computer");
    ASSERT_EQ(WSAWaitForMultipleEvents(1, &event, TRUE, 5000, FALSE), WSA_WAIT_EVENT_0);
    EXPECT_EQ(ov.Internal, 0u);
    EXPECT_EQ(ov.InternalHigh, 19u);
    flags = 99;
    EXPECT_TRUE(WSAGetOverlappedResult(server, &ov, &transferred, FALSE, &flags));
    EXPECT_EQ(transferred, 19u);
    EXPECT_EQ(flags, 0u);
    EXPECT_EQ(std::string(buffer), "Network is Computer");
    EXPECT_TRUE(WSACloseEvent(event));
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
}

TEST_F(OverlappedSockets, AReceiveOfDataAlreadyThereCompletesAtOnceAndStillSignalsItsEvent) {
    SOCKET client, server;
    connect_pair(&client, &server);
    send_text(client, "ready");
    ASSERT_TRUE(wait_readable(server, 5));
    WSAEVENT event = WSACreateEvent();
    char buffer[16] = {};
    WSABUF part = {sizeof buffer, buffer};
    WSAOVERLAPPED ov = overlapped_with_event(event);
    DWORD received = 0, flags = MSG_PARTIAL;
    ASSERT_EQ(WSARecv(server, &part, 1, &received, &flags, &ov, nullptr), 0);
    EXPECT_EQ(received, 5u);
    EXPECT_EQ(flags, 0u);
    EXPECT_EQ(ov.Internal, 0u);
    EXPECT_EQ(ov.InternalHigh, 5u);
    EXPECT_EQ(WSAWaitForMultipleEvents(1, &event, FALSE, 0, FALSE), WSA_WAIT_EVENT_0)
        << "an immediate success still signals the event (all notifications happen)";
    EXPECT_EQ(std::string(buffer), "ready");
    EXPECT_TRUE(WSACloseEvent(event));
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
}

TEST_F(OverlappedSockets, GatherSendAndScatterReceiveKeepTheBufferOrder) {
    SOCKET client, server;
    connect_pair(&client, &server);
    WSAEVENT event = WSACreateEvent();
    char a[] = "len=0005", b[] = "hel", c[] = "lo";
    WSABUF out[3] = {{8, a}, {3, b}, {2, c}};
    WSAOVERLAPPED send_ov = overlapped_with_event(event);
    DWORD sent = 0;
    ASSERT_EQ(WSASend(client, out, 3, &sent, 0, &send_ov, nullptr), 0) << "a small send completes at once";
    EXPECT_EQ(sent, 13u);
    EXPECT_EQ(send_ov.InternalHigh, 13u);
    ASSERT_TRUE(wait_readable(server, 13));
    char header[8], body[16] = {};
    WSABUF in[2] = {{sizeof header, header}, {sizeof body, body}};
    WSAOVERLAPPED recv_ov = overlapped_with_event(event);
    DWORD received = 0, flags = 0;
    ASSERT_EQ(WSARecv(server, in, 2, &received, &flags, &recv_ov, nullptr), 0);
    EXPECT_EQ(received, 13u) << "the byte count is the total over the buffers";
    EXPECT_EQ(std::string(header, 8), "len=0005");
    EXPECT_EQ(std::string(body), "hello");
    EXPECT_TRUE(WSACloseEvent(event));
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
}

TEST_F(OverlappedSockets, SeveralPendingReceivesCompleteInPostingOrder) {
    SOCKET client, server;
    connect_pair(&client, &server);
    constexpr int kCount = 3;
    WSAEVENT events[kCount];
    WSAOVERLAPPED ov[kCount];
    char buffers[kCount][4];
    DWORD flags = 0;
    for (int i = 0; i < kCount; ++i) {
        events[i] = WSACreateEvent();
        ov[i] = overlapped_with_event(events[i]);
        WSABUF part = {4, buffers[i]};
        ASSERT_EQ(WSARecv(server, &part, 1, nullptr, &flags, &ov[i], nullptr), SOCKET_ERROR);
        ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
    }
    send_text(client, "AAAABBBBCCCC");
    ASSERT_EQ(WSAWaitForMultipleEvents(kCount, events, TRUE, 5000, FALSE), WSA_WAIT_EVENT_0);
    for (int i = 0; i < kCount; ++i) {
        EXPECT_EQ(ov[i].InternalHigh, 4u);
        EXPECT_EQ(std::string(buffers[i], 4), std::string(4, static_cast<char>('A' + i))) << "receive " << i;
        EXPECT_TRUE(WSACloseEvent(events[i]));
    }
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
}

TEST_F(OverlappedSockets, ASendLargerThanTheBuffersPendsUntilAllOfItIsTakenAndLaterSendsQueueBehind) {
    SOCKET client, server;
    connect_pair(&client, &server);
    const std::string big(8 << 20, 'x');  // far more than the two socket buffers hold
    WSAEVENT events[2] = {WSACreateEvent(), WSACreateEvent()};
    WSABUF first = {static_cast<ULONG>(big.size()), const_cast<char*>(big.data())};
    char tail[] = "END";
    WSABUF second = {3, tail};
    WSAOVERLAPPED ov[2] = {overlapped_with_event(events[0]), overlapped_with_event(events[1])};
    ASSERT_EQ(WSASend(client, &first, 1, nullptr, 0, &ov[0], nullptr), SOCKET_ERROR);
    ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
    ASSERT_EQ(WSASend(client, &second, 1, nullptr, 0, &ov[1], nullptr), SOCKET_ERROR);
    ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING) << "it waits behind the first send";
    std::string received;
    std::vector<char> chunk(1 << 16);
    while (received.size() < big.size() + 3) {
        const int n = recv(server, chunk.data(), static_cast<int>(chunk.size()), 0);
        ASSERT_GT(n, 0);
        received.append(chunk.data(), static_cast<size_t>(n));
    }
    ASSERT_EQ(WSAWaitForMultipleEvents(2, events, TRUE, 5000, FALSE), WSA_WAIT_EVENT_0);
    EXPECT_EQ(ov[0].InternalHigh, big.size()) << "a stream send completes when every byte is taken";
    EXPECT_EQ(ov[1].InternalHigh, 3u);
    EXPECT_EQ(received.substr(received.size() - 3), "END");
    EXPECT_EQ(received.find_first_not_of('x'), big.size()) << "the sends went out in posting order";
    for (WSAEVENT event : events) EXPECT_TRUE(WSACloseEvent(event));
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
}

TEST_F(OverlappedSockets, MsgWaitallCompletesOnlyWhenTheBuffersAreFull) {
    SOCKET client, server;
    connect_pair(&client, &server);
    WSAEVENT event = WSACreateEvent();
    char buffer[10] = {};
    WSABUF part = {sizeof buffer, buffer};
    WSAOVERLAPPED ov = overlapped_with_event(event);
    DWORD flags = MSG_WAITALL;
    ASSERT_EQ(WSARecv(server, &part, 1, nullptr, &flags, &ov, nullptr), SOCKET_ERROR);
    ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
    send_text(client, "0123");
    EXPECT_EQ(WSAWaitForMultipleEvents(1, &event, FALSE, 100, FALSE), WSA_WAIT_TIMEOUT);
    send_text(client, "456789");
    ASSERT_EQ(WSAWaitForMultipleEvents(1, &event, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0);
    EXPECT_EQ(ov.InternalHigh, 10u);
    EXPECT_EQ(std::string(buffer, 10), "0123456789");
    EXPECT_TRUE(WSACloseEvent(event));
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
}

TEST_F(OverlappedSockets, AZeroByteReceivePendsUntilDataArrivesAndConsumesNothing) {
    SOCKET client, server;
    connect_pair(&client, &server);
    WSAEVENT event = WSACreateEvent();
    WSABUF none = {0, nullptr};
    WSAOVERLAPPED ov = overlapped_with_event(event);
    DWORD flags = 0;
    ASSERT_EQ(WSARecv(server, &none, 1, nullptr, &flags, &ov, nullptr), SOCKET_ERROR);
    ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
    send_text(client, "12345");
    ASSERT_EQ(WSAWaitForMultipleEvents(1, &event, TRUE, 5000, FALSE), WSA_WAIT_EVENT_0);
    DWORD transferred = 9;
    EXPECT_TRUE(WSAGetOverlappedResult(server, &ov, &transferred, FALSE, &flags));
    EXPECT_EQ(transferred, 0u);
    u_long waiting = 0;
    EXPECT_EQ(ioctlsocket(server, FIONREAD, &waiting), 0);
    EXPECT_EQ(waiting, 5u) << "the data is still there for the real receive";
    char buffer[8];
    EXPECT_EQ(recv(server, buffer, sizeof buffer, 0), 5);
    EXPECT_TRUE(WSACloseEvent(event));
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
}

TEST_F(OverlappedSockets, AGracefulCloseCompletesAPendingReceiveWithZeroBytesAndLaterOnesAtOnce) {
    SOCKET client, server;
    connect_pair(&client, &server);
    WSAEVENT event = WSACreateEvent();
    char buffer[8];
    WSABUF part = {sizeof buffer, buffer};
    WSAOVERLAPPED ov = overlapped_with_event(event);
    DWORD flags = 0;
    ASSERT_EQ(WSARecv(server, &part, 1, nullptr, &flags, &ov, nullptr), SOCKET_ERROR);
    ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
    EXPECT_EQ(closesocket(client), 0);
    ASSERT_EQ(WSAWaitForMultipleEvents(1, &event, TRUE, 5000, FALSE), WSA_WAIT_EVENT_0);
    EXPECT_EQ(ov.Internal, 0u) << "the end of the stream is a success";
    EXPECT_EQ(ov.InternalHigh, 0u);
    DWORD received = 99;
    WSAOVERLAPPED again = overlapped_with_event(event);
    EXPECT_EQ(WSARecv(server, &part, 1, &received, &flags, &again, nullptr), 0);
    EXPECT_EQ(received, 0u);
    EXPECT_TRUE(WSACloseEvent(event));
    EXPECT_EQ(closesocket(server), 0);
}

TEST_F(OverlappedSockets, AResetFailsAPendingReceiveWith64ThroughWin32And10054ThroughWinsock) {
    SOCKET client, server;
    connect_pair(&client, &server);
    WSAEVENT event = WSACreateEvent();
    char buffer[8];
    WSABUF part = {sizeof buffer, buffer};
    WSAOVERLAPPED ov = overlapped_with_event(event);
    DWORD flags = 0;
    ASSERT_EQ(WSARecv(server, &part, 1, nullptr, &flags, &ov, nullptr), SOCKET_ERROR);
    ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
    const linger abortive = {1, 0};
    ASSERT_EQ(setsockopt(client, SOL_SOCKET, SO_LINGER, reinterpret_cast<const char*>(&abortive), sizeof abortive), 0);
    EXPECT_EQ(closesocket(client), 0);  // linger 0: RST instead of FIN
    ASSERT_EQ(WSAWaitForMultipleEvents(1, &event, TRUE, 5000, FALSE), WSA_WAIT_EVENT_0);
    EXPECT_EQ(static_cast<DWORD>(ov.Internal), kStatusConnectionReset);
    EXPECT_EQ(ov.InternalHigh, 0u);
    DWORD transferred = 5;
    EXPECT_FALSE(GetOverlappedResult(reinterpret_cast<HANDLE>(server), &ov, &transferred, FALSE));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NETNAME_DELETED));
    EXPECT_FALSE(WSAGetOverlappedResult(server, &ov, &transferred, FALSE, &flags));
    EXPECT_EQ(WSAGetLastError(), WSAECONNRESET);
    EXPECT_EQ(transferred, 0u);
    EXPECT_TRUE(WSACloseEvent(event));
    EXPECT_EQ(closesocket(server), 0);
}

TEST_F(OverlappedSockets, AnImmediateFailureGivesNoNotificationAtAll) {
    SOCKET unconnected = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, nullptr, 0, WSA_FLAG_OVERLAPPED);
    WSAEVENT event = WSACreateEvent();
    ASSERT_TRUE(WSASetEvent(event));
    char buffer[8];
    WSABUF part = {sizeof buffer, buffer};
    WSAOVERLAPPED ov = overlapped_with_event(event);
    DWORD flags = 0;
    EXPECT_EQ(WSARecv(unconnected, &part, 1, nullptr, &flags, &ov, nullptr), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAENOTCONN);
    EXPECT_EQ(WSAWaitForMultipleEvents(1, &event, FALSE, 50, FALSE), WSA_WAIT_TIMEOUT)
        << "reset at issue and never set: no completion follows an immediate failure";
    EXPECT_TRUE(WSACloseEvent(event));
    EXPECT_EQ(closesocket(unconnected), 0);
}

TEST_F(OverlappedSockets, ClosingASocketCompletesItsPendingRequestsWithConnectionAborted) {
    SOCKET client, server;
    connect_pair(&client, &server);
    WSAEVENT event = WSACreateEvent();
    char buffer[8];
    WSABUF part = {sizeof buffer, buffer};
    WSAOVERLAPPED ov = overlapped_with_event(event);
    DWORD flags = 0;
    ASSERT_EQ(WSARecv(server, &part, 1, nullptr, &flags, &ov, nullptr), SOCKET_ERROR);
    ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
    EXPECT_EQ(closesocket(server), 0);
    ASSERT_EQ(WaitForSingleObject(event, 5000), WAIT_OBJECT_0) << "it completes through its normal channel";
    EXPECT_EQ(static_cast<DWORD>(ov.Internal), kStatusConnectionAborted) << "Windows Vista and later (not Wine's 676)";
    DWORD transferred = 3;
    EXPECT_FALSE(GetOverlappedResult(nullptr, &ov, &transferred, FALSE));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_CONNECTION_ABORTED));
    char peer_buffer[4];
    EXPECT_EQ(recv(client, peer_buffer, sizeof peer_buffer, 0), 0) << "the peer sees the connection close";
    EXPECT_TRUE(WSACloseEvent(event));
    EXPECT_EQ(closesocket(client), 0);
}

TEST_F(OverlappedSockets, WithoutAnEventTheSocketHandleIsSignalled) {
    SOCKET client, server;
    connect_pair(&client, &server);
    char buffer[8];
    WSABUF part = {sizeof buffer, buffer};
    WSAOVERLAPPED ov = {};
    DWORD flags = 0;
    ASSERT_EQ(WSARecv(server, &part, 1, nullptr, &flags, &ov, nullptr), SOCKET_ERROR);
    ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
    EXPECT_EQ(WaitForSingleObject(reinterpret_cast<HANDLE>(server), 0), static_cast<DWORD>(WAIT_TIMEOUT));
    send_text(client, "abc");
    DWORD transferred = 0;
    EXPECT_TRUE(WSAGetOverlappedResult(server, &ov, &transferred, TRUE, &flags)) << "fWait waits on the socket";
    EXPECT_EQ(transferred, 3u);
    EXPECT_EQ(WaitForSingleObject(reinterpret_cast<HANDLE>(server), 0), WAIT_OBJECT_0);
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
}

TEST_F(OverlappedSockets, ABadArgumentFailsWithTheWinsockError) {
    SOCKET client, server;
    connect_pair(&client, &server);
    char buffer[8];
    WSABUF part = {sizeof buffer, buffer};
    WSAOVERLAPPED ov = {};
    DWORD flags = 0;
    EXPECT_EQ(WSARecv(server, &part, 1, nullptr, nullptr, &ov, nullptr), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAEFAULT) << "lpFlags is required";
    EXPECT_EQ(WSARecv(server, nullptr, 1, nullptr, &flags, &ov, nullptr), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAEFAULT);
    EXPECT_EQ(WSASend(12345, &part, 1, nullptr, 0, &ov, nullptr), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAENOTSOCK);
    ov.hEvent = reinterpret_cast<HANDLE>(0x7770);
    EXPECT_EQ(WSARecv(server, &part, 1, nullptr, &flags, &ov, nullptr), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSA_INVALID_HANDLE);
    DWORD transferred = 0;
    EXPECT_FALSE(WSAGetOverlappedResult(12345, &ov, &transferred, FALSE, &flags));
    EXPECT_EQ(WSAGetLastError(), WSAENOTSOCK);
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
}

}  // namespace
}  // namespace ovlab::testing
