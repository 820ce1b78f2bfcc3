// How socket requests report completion (docs/windows-rules.md §4, §11-14): completion routines as
// APCs to the issuing thread, completion-port packets, the Win32 file calls on a SOCKET, and
// cancellation.
#include <cstring>
#include <string>
#include <vector>

#include "runtime_socket_support.h"

namespace ovlab::testing {
namespace {

using SocketChannels = SocketTest;

struct RoutineCall {
    DWORD error, bytes, flags;
    LPWSAOVERLAPPED overlapped;
};
std::vector<RoutineCall> g_wsa_calls;
std::vector<RoutineCall> g_file_calls;

void CALLBACK OnWsaCompletion(DWORD dwError, DWORD cbTransferred, LPWSAOVERLAPPED lpOverlapped, DWORD dwFlags) {
    g_wsa_calls.push_back({dwError, cbTransferred, dwFlags, lpOverlapped});
}

void CALLBACK OnFileCompletion(DWORD dwErrorCode, DWORD dwNumberOfBytesTransfered, LPOVERLAPPED lpOverlapped) {
    g_file_calls.push_back({dwErrorCode, dwNumberOfBytesTransfered, 0, lpOverlapped});
}

TEST_F(SocketChannels, ACompletionRoutineRunsOnlyInAnAlertableWaitOfTheIssuingThread) {
    g_wsa_calls.clear();
    SOCKET client, server;
    connect_pair(&client, &server);
    char buffer[16] = {};
    WSABUF part = {sizeof buffer, buffer};
    WSAOVERLAPPED ov = {};
    ov.hEvent = reinterpret_cast<HANDLE>(0x1234);  // ignored with a routine: free for the program's data
    DWORD flags = 0;
    ASSERT_EQ(WSARecv(server, &part, 1, nullptr, &flags, &ov, OnWsaCompletion), SOCKET_ERROR);
    ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
    send_text(client, "hello");
    Sleep(50);  // the receive finishes meanwhile, but a non-alertable wait runs no routine
    EXPECT_TRUE(g_wsa_calls.empty());
    EXPECT_EQ(SleepEx(5000, TRUE), WAIT_IO_COMPLETION);
    ASSERT_EQ(g_wsa_calls.size(), 1u);
    EXPECT_EQ(g_wsa_calls[0].error, 0u);
    EXPECT_EQ(g_wsa_calls[0].bytes, 5u);
    EXPECT_EQ(g_wsa_calls[0].flags, 0u);
    EXPECT_EQ(g_wsa_calls[0].overlapped, &ov);
    EXPECT_EQ(ov.hEvent, reinterpret_cast<HANDLE>(0x1234));
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
}

TEST_F(SocketChannels, AnImmediateSuccessStillQueuesItsRoutineAndAnAlertableWsaWaitRunsIt) {
    g_wsa_calls.clear();
    SOCKET client, server;
    connect_pair(&client, &server);
    send_text(client, "now");
    ASSERT_TRUE(wait_readable(server, 3));
    char buffer[8];
    WSABUF part = {sizeof buffer, buffer};
    WSAOVERLAPPED ov = {};
    DWORD received = 0, flags = 0;
    ASSERT_EQ(WSARecv(server, &part, 1, &received, &flags, &ov, OnWsaCompletion), 0);
    EXPECT_EQ(received, 3u);
    EXPECT_TRUE(g_wsa_calls.empty()) << "queued, not run: the thread is not in an alertable wait";
    WSAEVENT never = WSACreateEvent();
    EXPECT_EQ(WSAWaitForMultipleEvents(1, &never, FALSE, WSA_INFINITE, TRUE), WSA_WAIT_IO_COMPLETION);
    ASSERT_EQ(g_wsa_calls.size(), 1u);
    EXPECT_EQ(g_wsa_calls[0].bytes, 3u);
    EXPECT_EQ(SleepEx(0, TRUE), 0u) << "exactly one routine per started request";
    EXPECT_TRUE(WSACloseEvent(never));
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
}

TEST_F(SocketChannels, TheRoutineOfAResetReceiveGetsTheWinsockError) {
    g_wsa_calls.clear();
    SOCKET client, server;
    connect_pair(&client, &server);
    char buffer[8];
    WSABUF part = {sizeof buffer, buffer};
    WSAOVERLAPPED ov = {};
    DWORD flags = 0;
    ASSERT_EQ(WSARecv(server, &part, 1, nullptr, &flags, &ov, OnWsaCompletion), SOCKET_ERROR);
    const linger abortive = {1, 0};
    setsockopt(client, SOL_SOCKET, SO_LINGER, reinterpret_cast<const char*>(&abortive), sizeof abortive);
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(SleepEx(5000, TRUE), WAIT_IO_COMPLETION);
    ASSERT_EQ(g_wsa_calls.size(), 1u);
    EXPECT_EQ(g_wsa_calls[0].error, static_cast<DWORD>(WSAECONNRESET));
    EXPECT_EQ(g_wsa_calls[0].bytes, 0u);
    EXPECT_EQ(closesocket(server), 0);
}

TEST_F(SocketChannels, ACompletionPortGetsAPacketForPendingAndImmediateCompletionsButNotForFailures) {
    SOCKET client, server;
    connect_pair(&client, &server);
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 1);
    ASSERT_EQ(CreateIoCompletionPort(reinterpret_cast<HANDLE>(server), port, 42, 0), port);
    char buffer[8];
    WSABUF part = {sizeof buffer, buffer};
    WSAOVERLAPPED pending = {}, immediate = {};
    DWORD flags = 0;
    ASSERT_EQ(WSARecv(server, &part, 1, nullptr, &flags, &pending, nullptr), SOCKET_ERROR);
    ASSERT_EQ(WSAGetLastError(), WSA_IO_PENDING);
    send_text(client, "ab");
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED dequeued = nullptr;
    ASSERT_TRUE(GetQueuedCompletionStatus(port, &bytes, &key, &dequeued, 5000));
    EXPECT_EQ(dequeued, &pending);
    EXPECT_EQ(bytes, 2u);
    EXPECT_EQ(key, 42u);

    send_text(client, "cd");
    ASSERT_TRUE(wait_readable(server, 2));
    DWORD received = 0;
    ASSERT_EQ(WSARecv(server, &part, 1, &received, &flags, &immediate, nullptr), 0);
    ASSERT_TRUE(GetQueuedCompletionStatus(port, &bytes, &key, &dequeued, 0)) << "immediate success: a packet all the same";
    EXPECT_EQ(dequeued, &immediate);

    EXPECT_EQ(WSARecv(server, &part, 1, nullptr, nullptr, &immediate, nullptr), SOCKET_ERROR);  // lpFlags NULL
    EXPECT_FALSE(GetQueuedCompletionStatus(port, &bytes, &key, &dequeued, 50));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(WAIT_TIMEOUT)) << "an immediate failure queues no packet";
    EXPECT_EQ(dequeued, nullptr);

    EXPECT_EQ(WSARecv(server, &part, 1, nullptr, &flags, &pending, OnWsaCompletion), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAEINVAL) << "a routine on a port-bound socket would be a second channel";

    ASSERT_EQ(WSARecv(server, &part, 1, nullptr, &flags, &pending, nullptr), SOCKET_ERROR);
    const linger abortive = {1, 0};
    setsockopt(client, SOL_SOCKET, SO_LINGER, reinterpret_cast<const char*>(&abortive), sizeof abortive);
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_FALSE(GetQueuedCompletionStatus(port, &bytes, &key, &dequeued, 5000));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NETNAME_DELETED));
    EXPECT_EQ(dequeued, &pending) << "a failed request's packet carries its OVERLAPPED";
    EXPECT_EQ(closesocket(server), 0);
    EXPECT_TRUE(CloseHandle(port));
}

TEST_F(SocketChannels, ReadFileAndWriteFileWorkOnASocketWithWin32Codes) {
    SOCKET client, server;
    connect_pair(&client, &server);
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    OVERLAPPED write_ov = {};
    write_ov.hEvent = event;
    DWORD written = 0;
    ASSERT_TRUE(WriteFile(reinterpret_cast<HANDLE>(client), "file api", 8, &written, &write_ov))
        << "a send that fits the buffer completes at once";
    EXPECT_EQ(written, 8u);
    ASSERT_TRUE(wait_readable(server, 8));
    char buffer[16] = {};
    OVERLAPPED read_ov = {};
    read_ov.hEvent = event;
    DWORD read = 0;
    ASSERT_TRUE(ReadFile(reinterpret_cast<HANDLE>(server), buffer, sizeof buffer, &read, &read_ov));
    EXPECT_EQ(read, 8u);
    EXPECT_EQ(std::string(buffer), "file api");

    ASSERT_FALSE(ReadFile(reinterpret_cast<HANDLE>(server), buffer, sizeof buffer, &read, &read_ov));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_IO_PENDING));
    EXPECT_FALSE(ReadFile(reinterpret_cast<HANDLE>(server), buffer, 4, &read, nullptr));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER)) << "an overlapped handle needs an OVERLAPPED";
    send_text(client, "xyz");
    DWORD transferred = 0;
    EXPECT_TRUE(GetOverlappedResult(reinterpret_cast<HANDLE>(server), &read_ov, &transferred, TRUE));
    EXPECT_EQ(transferred, 3u);
    EXPECT_TRUE(CloseHandle(event));
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
}

TEST_F(SocketChannels, ReadFileExOnASocketReportsAResetAs64) {
    g_file_calls.clear();
    SOCKET client, server;
    connect_pair(&client, &server);
    char buffer[8];
    OVERLAPPED ov = {};
    ASSERT_TRUE(ReadFileEx(reinterpret_cast<HANDLE>(server), buffer, sizeof buffer, &ov, OnFileCompletion));
    const linger abortive = {1, 0};
    setsockopt(client, SOL_SOCKET, SO_LINGER, reinterpret_cast<const char*>(&abortive), sizeof abortive);
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(SleepEx(5000, TRUE), WAIT_IO_COMPLETION);
    ASSERT_EQ(g_file_calls.size(), 1u);
    EXPECT_EQ(g_file_calls[0].error, static_cast<DWORD>(ERROR_NETNAME_DELETED));
    EXPECT_EQ(g_file_calls[0].overlapped, &ov);
    EXPECT_EQ(closesocket(server), 0);
}

TEST_F(SocketChannels, CancelIoExEndsAPendingReceiveAndTheConnectionStaysUsable) {
    SOCKET client, server;
    connect_pair(&client, &server);
    WSAEVENT event = WSACreateEvent();
    char buffer[8] = {};
    WSABUF part = {sizeof buffer, buffer};
    WSAOVERLAPPED ov = overlapped_with_event(event);
    DWORD flags = 0;
    ASSERT_EQ(WSARecv(server, &part, 1, nullptr, &flags, &ov, nullptr), SOCKET_ERROR);
    ASSERT_TRUE(CancelIoEx(reinterpret_cast<HANDLE>(server), &ov));
    ASSERT_EQ(WSAWaitForMultipleEvents(1, &event, TRUE, 5000, FALSE), WSA_WAIT_EVENT_0);
    EXPECT_EQ(static_cast<DWORD>(ov.Internal), kStatusCancelled);
    DWORD transferred = 0;
    EXPECT_FALSE(WSAGetOverlappedResult(server, &ov, &transferred, FALSE, &flags));
    EXPECT_EQ(WSAGetLastError(), WSA_OPERATION_ABORTED);
    EXPECT_FALSE(CancelIoEx(reinterpret_cast<HANDLE>(server), &ov));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NOT_FOUND));

    WSAOVERLAPPED again = overlapped_with_event(event);
    ASSERT_EQ(WSARecv(server, &part, 1, nullptr, &flags, &again, nullptr), SOCKET_ERROR);
    send_text(client, "alive");
    EXPECT_TRUE(WSAGetOverlappedResult(server, &again, &transferred, TRUE, &flags));
    EXPECT_EQ(transferred, 5u) << "a cancelled receive does not break the connection";
    EXPECT_TRUE(WSACloseEvent(event));
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
}

TEST_F(SocketChannels, CancelIoExWithoutAnOverlappedCancelsEveryQueuedReceive) {
    SOCKET client, server;
    connect_pair(&client, &server);
    WSAEVENT events[3];
    WSAOVERLAPPED ov[3];
    char buffers[3][4];
    DWORD flags = 0;
    for (int i = 0; i < 3; ++i) {
        events[i] = WSACreateEvent();
        ov[i] = overlapped_with_event(events[i]);
        WSABUF part = {4, buffers[i]};
        ASSERT_EQ(WSARecv(server, &part, 1, nullptr, &flags, &ov[i], nullptr), SOCKET_ERROR);
    }
    ASSERT_TRUE(CancelIoEx(reinterpret_cast<HANDLE>(server), nullptr));
    ASSERT_EQ(WSAWaitForMultipleEvents(3, events, TRUE, 5000, FALSE), WSA_WAIT_EVENT_0);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(static_cast<DWORD>(ov[i].Internal), kStatusCancelled) << "receive " << i;
        EXPECT_TRUE(WSACloseEvent(events[i]));
    }
    EXPECT_EQ(closesocket(client), 0);
    EXPECT_EQ(closesocket(server), 0);
}

}  // namespace
}  // namespace ovlab::testing
