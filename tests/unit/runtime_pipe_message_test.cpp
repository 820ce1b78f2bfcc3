// Message-type named pipes (docs/windows-rules.md §8): one message per read in message read mode,
// the part that fits with STATUS_BUFFER_OVERFLOW and the rest for the next read (also for a read
// that waited behind another, and through ReadFileEx's routine), empty messages, byte read mode
// across messages, a large message.
#include <string>

#include "ovlab/status_codes.h"
#include "runtime_socket_support.h"

namespace ovlab::testing {
namespace {

using MessagePipes = RuntimeTest;

HANDLE create_message_server(const char* name, DWORD read_mode = PIPE_READMODE_MESSAGE) {
    return CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_MESSAGE | read_mode, 1, 4096,
                            4096, 0, nullptr);
}

HANDLE open_message_client(const char* name) {
    HANDLE client =
        CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, nullptr);
    DWORD mode = PIPE_READMODE_MESSAGE;
    EXPECT_TRUE(SetNamedPipeHandleState(client, &mode, nullptr, nullptr));
    return client;
}

void write_message(HANDLE h, const std::string& text) {
    OVERLAPPED ov = {};
    DWORD bytes = 0;
    if (!WriteFile(h, text.data(), static_cast<DWORD>(text.size()), nullptr, &ov)) {
        ASSERT_EQ(GetLastError(), static_cast<DWORD>(ERROR_IO_PENDING));
    }
    ASSERT_TRUE(GetOverlappedResult(h, &ov, &bytes, TRUE));
    EXPECT_EQ(bytes, text.size());
}

TEST_F(MessagePipes, AReadTakesOneMessageAndALongOneInParts) {
    const char* name = "\\\\.\\pipe\\ovlab-test-messages";
    HANDLE server = create_message_server(name);
    ASSERT_NE(server, INVALID_HANDLE_VALUE);
    HANDLE client = open_message_client(name);
    write_message(server, "short");
    write_message(server, "0123456789");
    char got[16] = {};
    OVERLAPPED ov = {};
    DWORD bytes = 0;
    ASSERT_TRUE(ReadFile(client, got, sizeof got, nullptr, &ov)) << "completed at once";
    ASSERT_TRUE(GetOverlappedResult(client, &ov, &bytes, FALSE));
    EXPECT_EQ(std::string(got, bytes), "short");
    ov = {};
    EXPECT_FALSE(ReadFile(client, got, 4, nullptr, &ov));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_MORE_DATA));
    EXPECT_EQ(static_cast<DWORD>(ov.Internal), kStatusBufferOverflow);
    EXPECT_EQ(ov.InternalHigh, 4u);
    EXPECT_FALSE(GetOverlappedResult(client, &ov, &bytes, FALSE));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_MORE_DATA));
    EXPECT_EQ(std::string(got, bytes), "0123");
    ov = {};
    ASSERT_TRUE(ReadFile(client, got, sizeof got, nullptr, &ov));
    ASSERT_TRUE(GetOverlappedResult(client, &ov, &bytes, FALSE));
    EXPECT_EQ(std::string(got, bytes), "456789");
    EXPECT_TRUE(CloseHandle(client));
    EXPECT_TRUE(CloseHandle(server));
}

// The second read waits in line while the first has the kernel; the rest of the message the first
// read left is in the process, not in the socket, and must still reach it.
TEST_F(MessagePipes, AReadWaitingBehindAnotherGetsTheRestOfItsMessage) {
    const char* name = "\\\\.\\pipe\\ovlab-test-messages-queued";
    HANDLE server = create_message_server(name);
    HANDLE client = open_message_client(name);
    HANDLE first_event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    HANDLE second_event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    char first_got[3] = {}, second_got[16] = {};
    OVERLAPPED first = {}, second = {};
    first.hEvent = first_event;
    second.hEvent = second_event;
    EXPECT_FALSE(ReadFile(client, first_got, sizeof first_got, nullptr, &first));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_IO_PENDING));
    EXPECT_FALSE(ReadFile(client, second_got, sizeof second_got, nullptr, &second));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_IO_PENDING));
    write_message(server, "abcdefgh");
    ASSERT_EQ(WaitForSingleObject(first_event, 5000), WAIT_OBJECT_0);
    ASSERT_EQ(WaitForSingleObject(second_event, 5000), WAIT_OBJECT_0) << "the rest must not wait for new data";
    EXPECT_EQ(static_cast<DWORD>(first.Internal), kStatusBufferOverflow);
    EXPECT_EQ(std::string(first_got, first.InternalHigh), "abc");
    EXPECT_EQ(second.Internal, 0u);
    EXPECT_EQ(std::string(second_got, second.InternalHigh), "defgh");
    EXPECT_TRUE(CloseHandle(client));
    EXPECT_TRUE(CloseHandle(server));
    EXPECT_TRUE(CloseHandle(first_event));
    EXPECT_TRUE(CloseHandle(second_event));
}

TEST_F(MessagePipes, AnEmptyMessageIsReadAsZeroBytesAndTheEndStillBreaksThePipe) {
    const char* name = "\\\\.\\pipe\\ovlab-test-messages-empty";
    HANDLE server = create_message_server(name);
    HANDLE client = open_message_client(name);
    write_message(server, "");
    char got[8];
    OVERLAPPED ov = {};
    DWORD bytes = 7;
    ASSERT_TRUE(ReadFile(client, got, sizeof got, nullptr, &ov));
    ASSERT_TRUE(GetOverlappedResult(client, &ov, &bytes, FALSE));
    EXPECT_EQ(bytes, 0u);
    EXPECT_TRUE(CloseHandle(server));
    ov = {};
    EXPECT_FALSE(ReadFile(client, got, sizeof got, nullptr, &ov));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_BROKEN_PIPE));
    EXPECT_TRUE(CloseHandle(client));
}

TEST_F(MessagePipes, ByteReadModeReadsAcrossMessages) {
    const char* name = "\\\\.\\pipe\\ovlab-test-messages-bytes";
    HANDLE server = create_message_server(name, PIPE_READMODE_BYTE);
    HANDLE client = open_message_client(name);
    write_message(client, "ab");
    write_message(client, "cdef");
    char got[5] = {};
    DWORD bytes = 0;
    OVERLAPPED ov = {};
    ASSERT_TRUE(ReadFile(server, got, sizeof got, nullptr, &ov));
    ASSERT_TRUE(GetOverlappedResult(server, &ov, &bytes, FALSE));
    EXPECT_EQ(std::string(got, bytes), "abcde");
    DWORD read = 0, available = 0, left = 0;
    ASSERT_TRUE(PeekNamedPipe(server, got, sizeof got, &read, &available, &left));
    EXPECT_EQ(std::string(got, read), "f");
    EXPECT_EQ(available, 1u);
    EXPECT_TRUE(CloseHandle(client));
    EXPECT_TRUE(CloseHandle(server));
}

// Byte read mode with only empty messages waiting: each read takes one and completes with 0 bytes
// (under Wine too).
TEST_F(MessagePipes, ByteReadModeTakesOneEmptyMessageWhenNoByteWaits) {
    const char* name = "\\\\.\\pipe\\ovlab-test-messages-bytes-empty";
    HANDLE server = create_message_server(name, PIPE_READMODE_BYTE);
    HANDLE client =
        CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, nullptr);
    write_message(server, "");
    write_message(server, "");
    char got[8];
    for (int i = 0; i < 2; ++i) {
        OVERLAPPED ov = {};
        DWORD bytes = 7;
        ASSERT_TRUE(ReadFile(client, got, sizeof got, nullptr, &ov)) << "empty message " << i;
        ASSERT_TRUE(GetOverlappedResult(client, &ov, &bytes, FALSE));
        EXPECT_EQ(bytes, 0u);
    }
    OVERLAPPED ov = {};
    EXPECT_FALSE(ReadFile(client, got, sizeof got, nullptr, &ov));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_IO_PENDING)) << "nothing left: the read waits";
    EXPECT_TRUE(CancelIoEx(client, &ov));
    DWORD bytes = 0;
    EXPECT_FALSE(GetOverlappedResult(client, &ov, &bytes, TRUE));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_OPERATION_ABORTED));
    EXPECT_TRUE(CloseHandle(client));
    EXPECT_TRUE(CloseHandle(server));
}

// A message-type pipe created in byte read mode peeks in byte mode: every byte waiting, across
// messages and after the rest of one read in part, without taking any.
TEST_F(MessagePipes, PeekInByteReadModeCopiesAcrossMessages) {
    const char* name = "\\\\.\\pipe\\ovlab-test-messages-peek-bytes";
    HANDLE server = create_message_server(name, PIPE_READMODE_BYTE);
    HANDLE client = open_message_client(name);
    write_message(client, "ab");
    write_message(client, "");
    write_message(client, "cd");
    write_message(client, "ef");
    char got[16] = {};
    DWORD read = 0, available = 0, left = 0;
    ASSERT_TRUE(PeekNamedPipe(server, got, 5, &read, &available, &left));
    EXPECT_EQ(std::string(got, read), "abcde");
    EXPECT_EQ(available, 6u);
    EXPECT_EQ(left, 2u - 5u) << "the next message's length minus the bytes copied";
    OVERLAPPED ov = {};
    DWORD bytes = 0;
    ASSERT_TRUE(ReadFile(server, got, 1, nullptr, &ov));
    ASSERT_TRUE(GetOverlappedResult(server, &ov, &bytes, FALSE));
    ASSERT_TRUE(PeekNamedPipe(server, got, sizeof got, &read, &available, &left));
    EXPECT_EQ(std::string(got, read), "bcdef");
    EXPECT_EQ(available, 5u);
    ov = {};
    ASSERT_TRUE(ReadFile(server, got, sizeof got, nullptr, &ov));
    ASSERT_TRUE(GetOverlappedResult(server, &ov, &bytes, FALSE));
    EXPECT_EQ(std::string(got, bytes), "bcdef") << "the peeks took nothing";
    EXPECT_TRUE(CloseHandle(client));
    EXPECT_TRUE(CloseHandle(server));
}

// Larger than a Linux socket's default send buffer (212992 bytes): the end's socket is enlarged.
TEST_F(MessagePipes, AMessageLargerThanTheDefaultSocketBufferArrivesWhole) {
    const char* name = "\\\\.\\pipe\\ovlab-test-messages-large";
    HANDLE server = create_message_server(name);
    HANDLE client = open_message_client(name);
    const std::string message(300000, 'm');
    OVERLAPPED write = {};
    const BOOL written = WriteFile(server, message.data(), static_cast<DWORD>(message.size()), nullptr, &write);
    EXPECT_TRUE(written || GetLastError() == ERROR_IO_PENDING) << GetLastError();
    std::string got(message.size(), '\0');
    OVERLAPPED read = {};
    DWORD bytes = 0;
    if (!ReadFile(client, got.data(), static_cast<DWORD>(got.size()), nullptr, &read)) {
        EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_IO_PENDING));
    }
    EXPECT_TRUE(GetOverlappedResult(client, &read, &bytes, TRUE));
    EXPECT_EQ(bytes, message.size());
    EXPECT_TRUE(GetOverlappedResult(server, &write, &bytes, TRUE)) << "the reader took it: room in the quota";
    EXPECT_EQ(got, message);
    EXPECT_TRUE(CloseHandle(client));
    EXPECT_TRUE(CloseHandle(server));
}

DWORD routine_error = 0;
DWORD routine_bytes = 0;

void CALLBACK note_routine(DWORD error, DWORD bytes, LPOVERLAPPED) {
    routine_error = error;
    routine_bytes = bytes;
}

// ReadFileEx of part of a message: the request completed with a warning, so ReadFileEx succeeds
// with ERROR_MORE_DATA as the last error and the routine gets 234 and the bytes copied.
TEST_F(MessagePipes, ReadFileExOfPartOfAMessageSucceedsAndItsRoutineGetsMoreData) {
    const char* name = "\\\\.\\pipe\\ovlab-test-messages-routine";
    HANDLE server = create_message_server(name);
    ASSERT_NE(server, INVALID_HANDLE_VALUE);
    HANDLE client = open_message_client(name);
    write_message(server, "0123456789");
    char got[16] = {};
    OVERLAPPED ov = {};
    SetLastError(ERROR_SUCCESS);
    EXPECT_TRUE(ReadFileEx(client, got, 4, &ov, note_routine));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_MORE_DATA));
    routine_error = routine_bytes = 0xDEAD;
    EXPECT_EQ(SleepEx(0, TRUE), static_cast<DWORD>(WAIT_IO_COMPLETION));
    EXPECT_EQ(routine_error, static_cast<DWORD>(ERROR_MORE_DATA));
    EXPECT_EQ(routine_bytes, 4u);
    EXPECT_EQ(std::string(got, 4), "0123");
    ov = {};
    EXPECT_TRUE(ReadFileEx(client, got, sizeof got, &ov, note_routine));
    EXPECT_EQ(SleepEx(0, TRUE), static_cast<DWORD>(WAIT_IO_COMPLETION));
    EXPECT_EQ(routine_error, 0u);
    EXPECT_EQ(std::string(got, routine_bytes), "456789");
    EXPECT_TRUE(CloseHandle(client));
    EXPECT_TRUE(CloseHandle(server));
}

TEST_F(MessagePipes, MessageReadModeNeedsAMessageTypePipe) {
    const char* name = "\\\\.\\pipe\\ovlab-test-messages-modes";
    EXPECT_EQ(CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_READMODE_MESSAGE, 1, 0, 0, 0, nullptr),
              INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
    HANDLE server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1, 0, 0, 0, nullptr);
    ASSERT_NE(server, INVALID_HANDLE_VALUE);
    DWORD mode = PIPE_READMODE_MESSAGE;
    EXPECT_FALSE(SetNamedPipeHandleState(server, &mode, nullptr, nullptr));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
    EXPECT_TRUE(CloseHandle(server));
}

}  // namespace
}  // namespace ovlab::testing
