// Socket rules whose Wine behaviour differs from Windows, so that the conformance comparison alone
// cannot catch a regression (docs/windows-rules.md §13, §21): AcceptEx with an address block too
// small, an APC during a blocking WSARecv or accept, "localhost", TransmitFile, and the ICMP "port
// unreachable" of a connected UDP socket.
#include <functional>
#include <string>

#include "runtime_socket_support.h"

namespace ovlab::testing {
namespace {

constexpr DWORD kAddressBlock = sizeof(sockaddr_in) + 16;

class SocketRules : public SocketTest {
protected:
    void expect_block_too_small_when_a_client_connects(DWORD local_length, DWORD remote_length);
};

// AcceptEx with these block sizes pends; when a client connects it fails with
// STATUS_BUFFER_TOO_SMALL and leaves the connection in the backlog.
void SocketRules::expect_block_too_small_when_a_client_connects(DWORD local_length, DWORD remote_length) {
    unsigned short port = 0;
    SOCKET listener = listen_on_loopback(&port);
    SOCKET target = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, nullptr, 0, WSA_FLAG_OVERLAPPED);
    char buffer[2 * kAddressBlock];
    WSAEVENT event = WSACreateEvent();
    WSAOVERLAPPED ov = overlapped_with_event(event);
    ASSERT_FALSE(AcceptEx(listener, target, buffer, 0, local_length, remote_length, nullptr, &ov));
    ASSERT_EQ(WSAGetLastError(), ERROR_IO_PENDING) << "the sizes are looked at when a client connects";

    SOCKET client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    sockaddr_in address = loopback(port);
    ASSERT_EQ(connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(WSAWaitForMultipleEvents(1, &event, TRUE, 5000, FALSE), WSA_WAIT_EVENT_0);
    EXPECT_EQ(static_cast<DWORD>(ov.Internal), 0xC0000023u);  // STATUS_BUFFER_TOO_SMALL
    DWORD transferred = 9;
    EXPECT_FALSE(GetOverlappedResult(reinterpret_cast<HANDLE>(listener), &ov, &transferred, FALSE));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INSUFFICIENT_BUFFER));
    EXPECT_EQ(transferred, 0u);
    u_long nonblocking = 1;  // a connection taken by mistake must fail the test, not hang it
    ASSERT_EQ(ioctlsocket(listener, FIONBIO, &nonblocking), 0);
    SOCKET next = accept(listener, nullptr, nullptr);
    EXPECT_NE(next, INVALID_SOCKET) << "the connection stays in the backlog";
    closesocket(next);
    EXPECT_TRUE(WSACloseEvent(event));
    closesocket(client);
    closesocket(target);
    closesocket(listener);
}

TEST_F(SocketRules, AcceptExWithALocalBlockTooSmallFailsWhenAClientConnectsAndLeavesTheConnection) {
    expect_block_too_small_when_a_client_connects(sizeof(sockaddr_in) + 4, kAddressBlock);
}

TEST_F(SocketRules, AcceptExWithARemoteBlockOneByteShortFailsWhenAClientConnectsAndLeavesTheConnection) {
    expect_block_too_small_when_a_client_connects(kAddressBlock, kAddressBlock - 1);
}

TEST_F(SocketRules, AcceptExWithNoRemoteBlockFailsAtOnce) {
    unsigned short port = 0;
    SOCKET listener = listen_on_loopback(&port);
    SOCKET target = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, nullptr, 0, WSA_FLAG_OVERLAPPED);
    char buffer[2 * kAddressBlock];
    WSAOVERLAPPED ov = overlapped_with_event(nullptr);
    EXPECT_FALSE(AcceptEx(listener, target, buffer, 0, kAddressBlock, 0, nullptr, &ov));
    EXPECT_EQ(WSAGetLastError(), WSAEFAULT);
    closesocket(target);
    closesocket(listener);
}

// A thread in a blocking Winsock call: WSARecv (no OVERLAPPED, a socket made without
// WSA_FLAG_OVERLAPPED), accept or select.
struct BlockedCall {
    SOCKET s = INVALID_SOCKET;
    HANDLE about_to_block = nullptr;
    int result = 0;
    DWORD bytes = 0;
};

DWORD WINAPI ReceiveBlocking(LPVOID parameter) {
    auto* blocked = static_cast<BlockedCall*>(parameter);
    char data[16];
    WSABUF buffer = {sizeof data, data};
    DWORD flags = 0;
    SetEvent(blocked->about_to_block);
    blocked->result = WSARecv(blocked->s, &buffer, 1, &blocked->bytes, &flags, nullptr, nullptr);
    return 0;
}

DWORD WINAPI AcceptBlocking(LPVOID parameter) {
    auto* blocked = static_cast<BlockedCall*>(parameter);
    SetEvent(blocked->about_to_block);
    const SOCKET accepted = accept(blocked->s, nullptr, nullptr);
    blocked->result = accepted == INVALID_SOCKET ? SOCKET_ERROR : 0;
    closesocket(accepted);
    return 0;
}

DWORD WINAPI SelectBlocking(LPVOID parameter) {
    auto* blocked = static_cast<BlockedCall*>(parameter);
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(blocked->s, &readable);
    SetEvent(blocked->about_to_block);
    blocked->result = select(0, &readable, nullptr, nullptr, nullptr);
    return 0;
}

void CALLBACK SetEventApc(ULONG_PTR event) { SetEvent(reinterpret_cast<HANDLE>(event)); }

// Starts `call` on `s` in a thread, queues an APC to it, and checks that the APC ran while the call
// kept waiting. `release` then ends the wait; returns the call's result. Wine 8 waits without
// alerts in accept and WSARecv, so only these tests catch a runtime that does the same.
int apc_runs_while_blocked(LPTHREAD_START_ROUTINE call, SOCKET s, const std::function<void()>& release,
                           DWORD* bytes = nullptr) {
    BlockedCall blocked;
    blocked.s = s;
    blocked.about_to_block = CreateEventA(nullptr, FALSE, FALSE, nullptr);
    HANDLE apc_ran = CreateEventA(nullptr, FALSE, FALSE, nullptr);
    HANDLE thread = CreateThread(nullptr, 0, call, &blocked, 0, nullptr);
    EXPECT_EQ(WaitForSingleObject(blocked.about_to_block, 5000), WAIT_OBJECT_0);
    Sleep(50);
    EXPECT_TRUE(QueueUserAPC(SetEventApc, thread, reinterpret_cast<ULONG_PTR>(apc_ran)));
    EXPECT_EQ(WaitForSingleObject(apc_ran, 5000), WAIT_OBJECT_0) << "the APC runs while the call waits";
    EXPECT_EQ(WaitForSingleObject(thread, 50), static_cast<DWORD>(WAIT_TIMEOUT)) << "the call goes on waiting";
    release();
    EXPECT_EQ(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    CloseHandle(thread);
    CloseHandle(apc_ran);
    CloseHandle(blocked.about_to_block);
    if (bytes) *bytes = blocked.bytes;
    return blocked.result;
}

TEST_F(SocketRules, AnApcRunsDuringABlockingWsaRecvWhichThenGoesOnWaiting) {
    SOCKET client = INVALID_SOCKET, server = INVALID_SOCKET;
    connect_pair(&client, &server, 0);
    DWORD bytes = 0;
    const auto send_three_bytes = [&] { send_text(client, "abc"); };
    EXPECT_EQ(apc_runs_while_blocked(ReceiveBlocking, server, send_three_bytes, &bytes), 0);
    EXPECT_EQ(bytes, 3u);
    closesocket(client);
    closesocket(server);
}

TEST_F(SocketRules, AnApcRunsDuringABlockingAcceptWhichThenGoesOnWaiting) {
    unsigned short port = 0;
    SOCKET listener = listen_on_loopback(&port);
    SOCKET client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    const auto connect_client = [&] {
        sockaddr_in address = loopback(port);
        EXPECT_EQ(connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    };
    EXPECT_EQ(apc_runs_while_blocked(AcceptBlocking, listener, connect_client), 0);
    closesocket(client);
    closesocket(listener);
}

TEST_F(SocketRules, AnApcRunsDuringABlockingSelectWhichThenGoesOnWaiting) {
    SOCKET client = INVALID_SOCKET, server = INVALID_SOCKET;
    connect_pair(&client, &server, 0);
    EXPECT_EQ(apc_runs_while_blocked(SelectBlocking, server, [&] { send_text(client, "abc"); }), 1);
    closesocket(client);
    closesocket(server);
}

// The addresses getaddrinfo gives for `node` and `family`, as text.
std::string addresses_of(const char* node, int family, int flags = 0) {
    ADDRINFOA hints{};
    hints.ai_family = family;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = flags;
    ADDRINFOA* list = nullptr;
    if (const int result = getaddrinfo(node, "80", &hints, &list); result != 0) return std::to_string(result);
    std::string text;
    for (const ADDRINFOA* entry = list; entry; entry = entry->ai_next) {
        char address[64] = "";
        const void* bytes = entry->ai_family == AF_INET6
                                ? static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(entry->ai_addr)->sin6_addr)
                                : static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(entry->ai_addr)->sin_addr);
        inet_ntop(entry->ai_family, bytes, address, sizeof address);
        text += (text.empty() ? "" : " ") + std::string(address);
    }
    freeaddrinfo(list);
    return text;
}

// Whatever /etc/hosts lists (Wine 8.0 asks it, so the comparison accepts its answer).
TEST_F(SocketRules, LocalhostNamesEveryLoopbackAddressOfTheFamiliesAskedFor) {
    EXPECT_EQ(addresses_of("localhost", AF_INET), "127.0.0.1");
    EXPECT_EQ(addresses_of("localhost", AF_INET6), "::1");
    EXPECT_EQ(addresses_of("LocalHost", AF_UNSPEC), "::1 127.0.0.1");
    EXPECT_EQ(addresses_of("localhost", AF_INET, AI_NUMERICHOST), std::to_string(WSAHOST_NOT_FOUND));
}

TEST_F(SocketRules, TransmitFileSendsHeadFilePartAndTailAndAlwaysPends) {
    const std::string file_path = path("transmit.bin");
    HANDLE file = CreateFileA(file_path.c_str(), GENERIC_READ | GENERIC_WRITE, 0, nullptr, CREATE_ALWAYS, 0, nullptr);
    ASSERT_NE(file, INVALID_HANDLE_VALUE);
    DWORD written = 0;
    ASSERT_TRUE(WriteFile(file, "0123456789", 10, &written, nullptr));
    SOCKET client = INVALID_SOCKET, server = INVALID_SOCKET;
    connect_pair(&client, &server);
    char head[] = "<", tail[] = ">";
    TRANSMIT_FILE_BUFFERS around = {head, 1, tail, 1};
    WSAEVENT event = WSACreateEvent();
    WSAOVERLAPPED ov = overlapped_with_event(event);
    ov.Offset = 3;
    ASSERT_FALSE(TransmitFile(client, file, 4, 0, &ov, &around, 0));
    ASSERT_EQ(WSAGetLastError(), ERROR_IO_PENDING);
    ASSERT_EQ(WSAWaitForMultipleEvents(1, &event, TRUE, 5000, FALSE), WSA_WAIT_EVENT_0);
    DWORD sent = 0, flags = 0;
    EXPECT_TRUE(WSAGetOverlappedResult(client, &ov, &sent, FALSE, &flags));
    EXPECT_EQ(sent, 6u);
    ASSERT_TRUE(wait_readable(server, 6));
    char data[8] = {};
    EXPECT_EQ(recv(server, data, 6, 0), 6);
    EXPECT_STREQ(data, "<3456>");
    EXPECT_FALSE(TransmitFile(client, nullptr, 0, 0, nullptr, nullptr, TF_DISCONNECT));
    EXPECT_EQ(WSAGetLastError(), WSAEINVAL) << "the lab refuses TF_DISCONNECT";
    EXPECT_TRUE(WSACloseEvent(event));
    closesocket(client);
    closesocket(server);
    EXPECT_TRUE(CloseHandle(file));
    EXPECT_TRUE(DeleteFileA(file_path.c_str()));
}

TEST_F(SocketRules, UdpPortUnreachableFailsTheNextReceiveUnlessSioUdpConnresetTurnedItOff) {
    SOCKET sender = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    SOCKET gone = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    sockaddr_in address = loopback(0);
    int length = sizeof address;
    ASSERT_EQ(bind(gone, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(getsockname(gone, reinterpret_cast<sockaddr*>(&address), &length), 0);
    closesocket(gone);
    DWORD timeout = 300;
    setsockopt(sender, SOL_SOCKET, SO_RCVTIMEO, reinterpret_cast<char*>(&timeout), sizeof timeout);
    ASSERT_EQ(connect(sender, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    char data[4];
    ASSERT_EQ(send(sender, "ping", 4, 0), 4);
    Sleep(100);
    EXPECT_EQ(recv(sender, data, sizeof data, 0), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAECONNRESET);
    BOOL report = FALSE;
    DWORD returned = 0;
    ASSERT_EQ(WSAIoctl(sender, SIO_UDP_CONNRESET, &report, sizeof report, nullptr, 0, &returned, nullptr, nullptr), 0);
    ASSERT_EQ(send(sender, "ping", 4, 0), 4);
    Sleep(100);
    EXPECT_EQ(recv(sender, data, sizeof data, 0), SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAETIMEDOUT) << "the report is off: the receive waits on";
    closesocket(sender);
}

}  // namespace
}  // namespace ovlab::testing
