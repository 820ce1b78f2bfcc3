// Named pipes in byte mode (docs/windows-rules.md §8): ConnectNamedPipe, the client's CreateFile,
// reads that pend in the kernel, the zero-byte read, a peer that closes, PeekNamedPipe,
// DisconnectNamedPipe and the Win32 error numbers of each state. Message-type pipes:
// runtime_pipe_message_test.cpp.
#include <atomic>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>

#include "runtime_socket_support.h"

namespace ovlab::testing {
namespace {

using NamedPipes = RuntimeTest;

constexpr DWORD kOverlappedDuplex = PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED;

HANDLE create_server(const char* name, DWORD open_mode = kOverlappedDuplex, DWORD instances = 1) {
    return CreateNamedPipeA(name, open_mode, PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT, instances, 4096, 4096, 0,
                            nullptr);
}

HANDLE open_client(const char* name, DWORD flags = FILE_FLAG_OVERLAPPED) {
    return CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_EXISTING, flags, nullptr);
}

TEST_F(NamedPipes, ConnectNamedPipePendsUntilAClientOpensThePipe) {
    const char* name = "\\\\.\\pipe\\ovlab-test-connect";
    HANDLE server = create_server(name);
    ASSERT_NE(server, INVALID_HANDLE_VALUE);
    HANDLE event = CreateEventA(nullptr, TRUE, TRUE, nullptr);
    OVERLAPPED ov = {};
    ov.hEvent = event;
    ASSERT_FALSE(ConnectNamedPipe(server, &ov));
    ASSERT_EQ(GetLastError(), static_cast<DWORD>(ERROR_IO_PENDING));
    EXPECT_EQ(ov.Internal, STATUS_PENDING);
    EXPECT_EQ(WaitForSingleObject(event, 0), static_cast<DWORD>(WAIT_TIMEOUT)) << "reset when the request starts";
    HANDLE client = open_client(name);
    ASSERT_NE(client, INVALID_HANDLE_VALUE);
    ASSERT_EQ(WaitForSingleObject(event, 5000), WAIT_OBJECT_0);
    DWORD transferred = 7;
    EXPECT_TRUE(GetOverlappedResult(server, &ov, &transferred, FALSE));
    EXPECT_EQ(transferred, 0u);
    EXPECT_TRUE(CloseHandle(client));
    EXPECT_TRUE(CloseHandle(server));
    EXPECT_TRUE(CloseHandle(event));
}

TEST_F(NamedPipes, AClientThatCameFirstMakesConnectNamedPipeSayPipeConnectedWithoutNotification) {
    const char* name = "\\\\.\\pipe\\ovlab-test-client-first";
    HANDLE server = create_server(name);
    HANDLE client = open_client(name);
    ASSERT_NE(client, INVALID_HANDLE_VALUE);
    // Signalled before the call: Windows resets hEvent before the pipe driver answers 535.
    HANDLE event = CreateEventA(nullptr, TRUE, TRUE, nullptr);
    OVERLAPPED ov = {};
    ov.hEvent = event;
    EXPECT_FALSE(ConnectNamedPipe(server, &ov));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_PIPE_CONNECTED));
    EXPECT_EQ(WaitForSingleObject(event, 0), static_cast<DWORD>(WAIT_TIMEOUT))
        << "reset at issue, and an error: no notification follows";
    // ... yet the connection is good.
    OVERLAPPED write_ov = {};
    DWORD written = 0;
    EXPECT_TRUE(WriteFile(client, "hello", 5, &written, &write_ov));
    char buffer[8] = {};
    OVERLAPPED read_ov = {};
    DWORD read = 0;
    if (!ReadFile(server, buffer, sizeof buffer, &read, &read_ov)) {
        ASSERT_EQ(GetLastError(), static_cast<DWORD>(ERROR_IO_PENDING));
        ASSERT_TRUE(GetOverlappedResult(server, &read_ov, &read, TRUE));
    }
    EXPECT_EQ(std::string(buffer, read), "hello");
    EXPECT_TRUE(CloseHandle(client));
    EXPECT_TRUE(CloseHandle(server));
    EXPECT_TRUE(CloseHandle(event));
}

TEST_F(NamedPipes, AReadWithNoDataPendsInTheKernelUntilThePeerWrites) {
    const char* name = "\\\\.\\pipe\\ovlab-test-read";
    HANDLE server = create_server(name);
    HANDLE client = open_client(name);
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    char buffer[16] = {};
    OVERLAPPED ov = {};
    ov.hEvent = event;
    ov.InternalHigh = 0xDEAD;
    DWORD read = 55;
    ASSERT_FALSE(ReadFile(server, buffer, sizeof buffer, &read, &ov));
    ASSERT_EQ(GetLastError(), static_cast<DWORD>(ERROR_IO_PENDING));
    EXPECT_EQ(read, 0u) << "ReadFile zeroes the count at entry";
    EXPECT_EQ(ov.Internal, STATUS_PENDING);
    EXPECT_EQ(ov.InternalHigh, 0xDEADu);
    EXPECT_EQ(WaitForSingleObject(event, 50), static_cast<DWORD>(WAIT_TIMEOUT));
    OVERLAPPED write_ov = {};
    DWORD written = 0;
    ASSERT_TRUE(WriteFile(client, "0123456789", 10, &written, &write_ov));
    ASSERT_EQ(WaitForSingleObject(event, 5000), WAIT_OBJECT_0);
    EXPECT_EQ(ov.Internal, 0u);
    EXPECT_EQ(ov.InternalHigh, 10u);
    EXPECT_EQ(std::string(buffer), "0123456789");
    EXPECT_TRUE(CloseHandle(client));
    EXPECT_TRUE(CloseHandle(server));
    EXPECT_TRUE(CloseHandle(event));
}

TEST_F(NamedPipes, AZeroByteReadWaitsForDataAndPeekNamedPipeStillSeesIt) {
    const char* name = "\\\\.\\pipe\\ovlab-test-zero";
    HANDLE server = create_server(name);
    HANDLE client = open_client(name);
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    OVERLAPPED ov = {};
    ov.hEvent = event;
    char none = 0;
    ASSERT_FALSE(ReadFile(server, &none, 0, nullptr, &ov));
    ASSERT_EQ(GetLastError(), static_cast<DWORD>(ERROR_IO_PENDING));
    OVERLAPPED write_ov = {};
    ASSERT_TRUE(WriteFile(client, "abcd", 4, nullptr, &write_ov));
    ASSERT_EQ(WaitForSingleObject(event, 5000), WAIT_OBJECT_0);
    EXPECT_EQ(ov.Internal, 0u);
    EXPECT_EQ(ov.InternalHigh, 0u) << "completes with 0 bytes and consumes nothing";
    char peeked[2] = {};
    DWORD read = 0, available = 0, left = 9;
    ASSERT_TRUE(PeekNamedPipe(server, peeked, sizeof peeked, &read, &available, &left));
    EXPECT_EQ(read, 2u);
    EXPECT_EQ(available, 4u);
    EXPECT_EQ(left, 0xFFFFFFFEu) << "the message length (0 in byte mode) minus the 2 bytes peeked";
    EXPECT_EQ(std::string(peeked, 2), "ab");
    char buffer[8] = {};
    OVERLAPPED read_ov = {};
    ASSERT_TRUE(ReadFile(server, buffer, sizeof buffer, &read, &read_ov)) << "the data waits: the read completes at once";
    EXPECT_EQ(std::string(buffer, read), "abcd");
    EXPECT_TRUE(CloseHandle(client));
    EXPECT_TRUE(CloseHandle(server));
    EXPECT_TRUE(CloseHandle(event));
}

TEST_F(NamedPipes, ThePeerClosingBreaksAPendingReadAndLaterReadsFailAtOnce) {
    const char* name = "\\\\.\\pipe\\ovlab-test-broken";
    HANDLE server = create_server(name);
    HANDLE client = open_client(name);
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    char buffer[8];
    OVERLAPPED ov = {};
    ov.hEvent = event;
    ASSERT_FALSE(ReadFile(server, buffer, sizeof buffer, nullptr, &ov));
    ASSERT_EQ(GetLastError(), static_cast<DWORD>(ERROR_IO_PENDING));
    EXPECT_TRUE(CloseHandle(client));
    ASSERT_EQ(WaitForSingleObject(event, 5000), WAIT_OBJECT_0);
    EXPECT_EQ(static_cast<DWORD>(ov.Internal), kStatusPipeBroken);
    EXPECT_EQ(ov.InternalHigh, 0u);
    DWORD transferred = 0;
    EXPECT_FALSE(GetOverlappedResult(server, &ov, &transferred, FALSE));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_BROKEN_PIPE));

    ASSERT_TRUE(ResetEvent(event));
    OVERLAPPED again = {};
    again.hEvent = event;
    EXPECT_FALSE(ReadFile(server, buffer, sizeof buffer, nullptr, &again));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_BROKEN_PIPE));
    EXPECT_EQ(WaitForSingleObject(event, 0), static_cast<DWORD>(WAIT_TIMEOUT)) << "no notification";
    EXPECT_FALSE(WriteFile(server, "x", 1, nullptr, &again));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NO_DATA)) << "writing to a pipe whose reader is gone";
    DWORD available = 0;
    EXPECT_FALSE(PeekNamedPipe(server, nullptr, 0, nullptr, &available, nullptr));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_BROKEN_PIPE));
    EXPECT_FALSE(ConnectNamedPipe(server, &again));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NO_DATA)) << "the instance must be disconnected first";
    EXPECT_TRUE(CloseHandle(server));
    EXPECT_TRUE(CloseHandle(event));
}

TEST_F(NamedPipes, EachStateHasItsError) {
    const char* name = "\\\\.\\pipe\\ovlab-test-states";
    char buffer[4];
    OVERLAPPED ov = {};
    EXPECT_EQ(open_client(name), INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_FILE_NOT_FOUND));
    HANDLE server = create_server(name);
    EXPECT_FALSE(ReadFile(server, buffer, sizeof buffer, nullptr, &ov));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_PIPE_LISTENING)) << "no client yet";
    HANDLE client = open_client(name);
    ASSERT_NE(client, INVALID_HANDLE_VALUE);
    EXPECT_EQ(open_client(name), INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_PIPE_BUSY)) << "the only instance is taken";
    EXPECT_FALSE(WaitNamedPipeA(name, 30));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_SEM_TIMEOUT));
    EXPECT_EQ(create_server(name, kOverlappedDuplex | FILE_FLAG_FIRST_PIPE_INSTANCE), INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_ACCESS_DENIED));
    EXPECT_EQ(create_server(name), INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_PIPE_BUSY)) << "nMaxInstances was 1";
    EXPECT_FALSE(ConnectNamedPipe(client, &ov));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_FUNCTION)) << "the client end cannot listen";

    EXPECT_TRUE(DisconnectNamedPipe(server));
    EXPECT_FALSE(DisconnectNamedPipe(server));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_PIPE_NOT_CONNECTED));
    EXPECT_FALSE(ReadFile(server, buffer, sizeof buffer, nullptr, &ov));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_PIPE_NOT_CONNECTED));
    EXPECT_FALSE(ReadFile(client, buffer, sizeof buffer, nullptr, &ov));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_PIPE_NOT_CONNECTED)) << "the server disconnected the client";
    EXPECT_TRUE(CloseHandle(client));

    // ConnectNamedPipe listens again, and a new client gets the instance.
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    OVERLAPPED listen_ov = {};
    listen_ov.hEvent = event;
    ASSERT_FALSE(ConnectNamedPipe(server, &listen_ov));
    ASSERT_EQ(GetLastError(), static_cast<DWORD>(ERROR_IO_PENDING));
    EXPECT_TRUE(WaitNamedPipeA(name, NMPWAIT_WAIT_FOREVER));
    HANDLE second = open_client(name);
    ASSERT_NE(second, INVALID_HANDLE_VALUE);
    EXPECT_EQ(WaitForSingleObject(event, 5000), WAIT_OBJECT_0);
    EXPECT_TRUE(CloseHandle(second));
    EXPECT_TRUE(CloseHandle(server));
    EXPECT_TRUE(CloseHandle(event));
    EXPECT_EQ(open_client(name), INVALID_HANDLE_VALUE) << "the name went with its last instance";
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_FILE_NOT_FOUND));
}

TEST_F(NamedPipes, CreateNamedPipeRefusesWhatTheLabDoesNotProvide) {
    EXPECT_EQ(create_server("pipe-without-prefix"), INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_NAME));
    EXPECT_EQ(CreateNamedPipeA("\\\\.\\pipe\\ovlab-test-nowait", kOverlappedDuplex, PIPE_NOWAIT, 1, 0, 0, 0, nullptr),
              INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
    EXPECT_EQ(create_server("\\\\.\\pipe\\ovlab-test-zero-instances", kOverlappedDuplex, 0), INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
}

TEST_F(NamedPipes, ClientsTakeTheInstancesInCreationOrder) {
    const char* name = "\\\\.\\pipe\\ovlab-test-instances";
    HANDLE first = create_server(name, kOverlappedDuplex, 2);
    HANDLE second = create_server(name, kOverlappedDuplex, 2);
    ASSERT_NE(second, INVALID_HANDLE_VALUE);
    HANDLE a = open_client(name);
    HANDLE b = open_client(name);
    ASSERT_NE(b, INVALID_HANDLE_VALUE);
    OVERLAPPED ov = {};
    ASSERT_TRUE(WriteFile(a, "A", 1, nullptr, &ov));
    ASSERT_TRUE(WriteFile(b, "B", 1, nullptr, &ov));
    char got = 0;
    DWORD read = 0;
    OVERLAPPED read_ov = {};
    const auto read_one = [&](HANDLE end) {
        got = 0;
        if (!ReadFile(end, &got, 1, &read, &read_ov)) {
            EXPECT_TRUE(GetOverlappedResult(end, &read_ov, &read, TRUE));
        }
        return got;
    };
    EXPECT_EQ(read_one(first), 'A');
    EXPECT_EQ(read_one(second), 'B');
    for (HANDLE h : {a, b, first, second}) EXPECT_TRUE(CloseHandle(h));
}

TEST_F(NamedPipes, SynchronousEndsBlockInConnectAndRead) {
    const char* name = "\\\\.\\pipe\\ovlab-test-sync";
    HANDLE server = create_server(name, PIPE_ACCESS_DUPLEX);
    std::atomic<HANDLE> client{INVALID_HANDLE_VALUE};
    std::thread opener([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        client = open_client(name, 0);
        DWORD written = 0;
        EXPECT_TRUE(WriteFile(client, "sync", 4, &written, nullptr));
    });
    EXPECT_TRUE(ConnectNamedPipe(server, nullptr)) << "blocks until the client opens the pipe";
    char buffer[8] = {};
    DWORD read = 0;
    EXPECT_TRUE(ReadFile(server, buffer, sizeof buffer, &read, nullptr));
    opener.join();
    EXPECT_EQ(std::string(buffer, read), "sync");
    EXPECT_TRUE(CloseHandle(client));
    EXPECT_FALSE(ReadFile(server, buffer, sizeof buffer, &read, nullptr));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_BROKEN_PIPE));
    EXPECT_TRUE(CloseHandle(server));
}

TEST_F(NamedPipes, ACompletionPortGetsThePipesPackets) {
    const char* name = "\\\\.\\pipe\\ovlab-test-port";
    HANDLE server = create_server(name);
    HANDLE port = CreateIoCompletionPort(server, nullptr, 7, 1);
    ASSERT_NE(port, nullptr);
    OVERLAPPED listen_ov = {};
    ASSERT_FALSE(ConnectNamedPipe(server, &listen_ov));
    HANDLE client = open_client(name);
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED done = nullptr;
    ASSERT_TRUE(GetQueuedCompletionStatus(port, &bytes, &key, &done, 5000));
    EXPECT_EQ(done, &listen_ov);
    EXPECT_EQ(key, 7u);
    char buffer[4];
    OVERLAPPED read_ov = {};
    ASSERT_FALSE(ReadFile(server, buffer, sizeof buffer, nullptr, &read_ov));
    EXPECT_TRUE(CloseHandle(client));
    EXPECT_FALSE(GetQueuedCompletionStatus(port, &bytes, &key, &done, 5000));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_BROKEN_PIPE));
    EXPECT_EQ(done, &read_ov);
    EXPECT_TRUE(CloseHandle(server));
    EXPECT_TRUE(CloseHandle(port));
}

}  // namespace
}  // namespace ovlab::testing
