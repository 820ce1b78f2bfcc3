// Overlapped file I/O on real files (docs/windows-rules.md §2-§7). Outside a lesson session nothing
// holds completions, so a request may already be complete when ReadFile returns; the exact
// pending state (Internal STATUS_PENDING while in flight) is checked in runtime_session_test.cpp.
#include <cstring>
#include <string>
#include <vector>

#include "runtime_test_support.h"

namespace ovlab::testing {
namespace {

using OverlappedFile = RuntimeTest;

TEST_F(OverlappedFile, ReadPendsThenCompletesThroughTheFileHandleWhenHEventIsNull) {
    const std::vector<char> data = write_pattern_file("a.bin", 100);
    HANDLE file = open_overlapped("a.bin");
    ASSERT_NE(file, INVALID_HANDLE_VALUE);
    char buffer[64] = {};
    OVERLAPPED o = {};
    o.Offset = 10;
    o.InternalHigh = 0xDEAD;
    DWORD got = 12345;

    EXPECT_FALSE(ReadFile(file, buffer, 50, &got, &o));
    EXPECT_EQ(GetLastError(), ERROR_IO_PENDING);
    EXPECT_EQ(got, 0u) << "ReadFile zeroes the byte count at entry";

    ASSERT_EQ(WaitForSingleObject(file, 5000), WAIT_OBJECT_0);
    EXPECT_EQ(o.Internal, 0u);
    EXPECT_EQ(o.InternalHigh, 50u);
    EXPECT_EQ(o.Offset, 10u) << "the system never moves Offset";
    EXPECT_EQ(o.OffsetHigh, 0u);
    EXPECT_TRUE(HasOverlappedIoCompleted(&o));
    EXPECT_EQ(std::memcmp(buffer, data.data() + 10, 50), 0);

    DWORD transferred = 0;
    EXPECT_TRUE(GetOverlappedResult(file, &o, &transferred, FALSE));
    EXPECT_EQ(transferred, 50u);
    EXPECT_EQ(WaitForSingleObject(file, 0), WAIT_OBJECT_0) << "the file handle stays signalled (manual reset)";
    EXPECT_TRUE(CloseHandle(file));
}

TEST_F(OverlappedFile, WithAnEventTheEventIsSignalledAndTheFileHandleIsNot) {
    write_pattern_file("a.bin", 100);
    HANDLE file = open_overlapped("a.bin");
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    char buffer[16];

    OVERLAPPED first = {};  // hEvent NULL: leaves the file handle signalled
    ASSERT_FALSE(ReadFile(file, buffer, sizeof buffer, nullptr, &first));
    ASSERT_EQ(WaitForSingleObject(file, 5000), WAIT_OBJECT_0);

    OVERLAPPED second = {};
    second.hEvent = event;
    ASSERT_FALSE(ReadFile(file, buffer, sizeof buffer, nullptr, &second));
    ASSERT_EQ(GetLastError(), ERROR_IO_PENDING);
    ASSERT_EQ(WaitForSingleObject(event, 5000), WAIT_OBJECT_0);
    EXPECT_EQ(second.Internal, 0u);
    EXPECT_EQ(second.InternalHigh, 16u);
    EXPECT_EQ(WaitForSingleObject(file, 0), static_cast<DWORD>(WAIT_TIMEOUT))
        << "the request reset the file handle at issue and does not signal it when hEvent is set";
    EXPECT_TRUE(CloseHandle(event));
    EXPECT_TRUE(CloseHandle(file));
}

TEST_F(OverlappedFile, ReadAtEndOfFileCompletesWithStatusEndOfFile) {
    write_pattern_file("a.bin", 20);
    HANDLE file = open_overlapped("a.bin");
    char buffer[8];
    OVERLAPPED o = {};
    o.Offset = 20;
    o.InternalHigh = 0xDEAD;
    EXPECT_FALSE(ReadFile(file, buffer, sizeof buffer, nullptr, &o));
    EXPECT_EQ(GetLastError(), ERROR_IO_PENDING) << "EOF is delivered through the completion";

    DWORD transferred = 77;
    EXPECT_FALSE(GetOverlappedResult(file, &o, &transferred, TRUE));
    EXPECT_EQ(GetLastError(), ERROR_HANDLE_EOF);
    EXPECT_EQ(transferred, 0u);
    EXPECT_EQ(static_cast<DWORD>(o.Internal), kStatusEndOfFile);
    EXPECT_EQ(o.InternalHigh, 0u);
    EXPECT_FALSE(GetOverlappedResult(file, &o, &transferred, FALSE)) << "GetOverlappedResult is idempotent";
    EXPECT_EQ(GetLastError(), ERROR_HANDLE_EOF);
    EXPECT_TRUE(CloseHandle(file));
}

TEST_F(OverlappedFile, ShortReadAcrossTheEndSucceedsAndZeroLengthReadAtTheEndSucceeds) {
    write_pattern_file("a.bin", 20);
    HANDLE file = open_overlapped("a.bin");
    char buffer[50];
    OVERLAPPED across = {};
    across.Offset = 10;
    ASSERT_FALSE(ReadFile(file, buffer, sizeof buffer, nullptr, &across));
    DWORD transferred = 0;
    EXPECT_TRUE(GetOverlappedResult(file, &across, &transferred, TRUE));
    EXPECT_EQ(transferred, 10u);

    OVERLAPPED empty = {};
    empty.Offset = 20;
    ASSERT_FALSE(ReadFile(file, buffer, 0, nullptr, &empty));
    EXPECT_TRUE(GetOverlappedResult(file, &empty, &transferred, TRUE));
    EXPECT_EQ(transferred, 0u);
    EXPECT_EQ(empty.Internal, 0u);
    EXPECT_TRUE(CloseHandle(file));
}

TEST_F(OverlappedFile, OffsetHighAddressesBeyondFourGigabytes) {
    write_pattern_file("a.bin", 20);
    HANDLE file = open_overlapped("a.bin", GENERIC_READ | GENERIC_WRITE);
    char buffer[8];
    OVERLAPPED far_read = {};
    far_read.OffsetHigh = 1;
    ASSERT_FALSE(ReadFile(file, buffer, sizeof buffer, nullptr, &far_read));
    DWORD transferred = 0;
    EXPECT_FALSE(GetOverlappedResult(file, &far_read, &transferred, TRUE));
    EXPECT_EQ(GetLastError(), ERROR_HANDLE_EOF) << "a read at 4 GiB of a 20-byte file is at EOF";

    OVERLAPPED far_write = {};
    far_write.Offset = 0x10;
    far_write.OffsetHigh = 1;
    ASSERT_FALSE(WriteFile(file, "12345678", 8, nullptr, &far_write));
    EXPECT_EQ(GetLastError(), ERROR_IO_PENDING);
    EXPECT_TRUE(GetOverlappedResult(file, &far_write, &transferred, TRUE));
    EXPECT_EQ(transferred, 8u);
    LARGE_INTEGER size = {};
    EXPECT_TRUE(GetFileSizeEx(file, &size));
    EXPECT_EQ(size.QuadPart, 0x100000018LL);
    EXPECT_EQ(far_write.Offset, 0x10u);
    EXPECT_EQ(far_write.OffsetHigh, 1u);
    EXPECT_TRUE(CloseHandle(file));
}

TEST_F(OverlappedFile, WriteAtOffsetAllOnesAppends) {
    write_text_file("log.txt", "abc");
    HANDLE file = open_overlapped("log.txt", GENERIC_WRITE);
    OVERLAPPED o = {};
    o.Offset = 0xFFFFFFFF;
    o.OffsetHigh = 0xFFFFFFFF;
    ASSERT_FALSE(WriteFile(file, "def", 3, nullptr, &o));
    EXPECT_EQ(GetLastError(), ERROR_IO_PENDING);
    DWORD transferred = 0;
    EXPECT_TRUE(GetOverlappedResult(file, &o, &transferred, TRUE));
    EXPECT_EQ(transferred, 3u);
    EXPECT_EQ(o.Offset, 0xFFFFFFFFu);
    EXPECT_EQ(o.OffsetHigh, 0xFFFFFFFFu);
    EXPECT_TRUE(CloseHandle(file));
    EXPECT_EQ(read_whole_file("log.txt"), "abcdef");
}

TEST_F(OverlappedFile, CopiesAFileWithSeveralRequestsInFlight) {
    const std::vector<char> data = write_pattern_file("source.bin", 300000);
    HANDLE source = open_overlapped("source.bin");
    HANDLE target = open_overlapped("copy.bin", GENERIC_WRITE, CREATE_ALWAYS);
    ASSERT_NE(target, INVALID_HANDLE_VALUE);
    constexpr DWORD kChunk = 65536;
    constexpr int kRequests = 5;
    std::vector<std::vector<char>> buffers(kRequests, std::vector<char>(kChunk));
    OVERLAPPED reads[kRequests] = {};
    HANDLE events[kRequests];
    for (int i = 0; i < kRequests; ++i) {
        events[i] = CreateEventA(nullptr, TRUE, FALSE, nullptr);
        reads[i].Offset = static_cast<DWORD>(i) * kChunk;
        reads[i].hEvent = events[i];
        ASSERT_FALSE(ReadFile(source, buffers[i].data(), kChunk, nullptr, &reads[i]));
        ASSERT_EQ(GetLastError(), ERROR_IO_PENDING);
    }
    EXPECT_EQ(WaitForMultipleObjects(kRequests, events, TRUE, 5000), WAIT_OBJECT_0);
    OVERLAPPED writes[kRequests] = {};
    for (int i = 0; i < kRequests; ++i) {
        DWORD got = 0;
        ASSERT_TRUE(GetOverlappedResult(source, &reads[i], &got, FALSE));
        writes[i].Offset = reads[i].Offset;
        writes[i].hEvent = events[i];
        ASSERT_FALSE(WriteFile(target, buffers[i].data(), got, nullptr, &writes[i]));
        ASSERT_EQ(GetLastError(), ERROR_IO_PENDING);
    }
    for (int i = 0; i < kRequests; ++i) {
        DWORD put = 0;
        EXPECT_TRUE(GetOverlappedResult(target, &writes[i], &put, TRUE));
        EXPECT_EQ(put, i < 4 ? kChunk : 300000 - 4 * kChunk);
    }
    for (HANDLE event : events) EXPECT_TRUE(CloseHandle(event));
    EXPECT_TRUE(CloseHandle(source));
    EXPECT_TRUE(CloseHandle(target));
    const std::string copy = read_whole_file("copy.bin");
    ASSERT_EQ(copy.size(), data.size());
    EXPECT_EQ(std::memcmp(copy.data(), data.data(), data.size()), 0);
}

TEST_F(OverlappedFile, ClosingTheHandleWithARequestPendingLetsTheRequestComplete) {
    const std::vector<char> data = write_pattern_file("a.bin", 4096);
    HANDLE file = open_overlapped("a.bin");
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    std::vector<char> buffer(4096);
    OVERLAPPED o = {};
    o.hEvent = event;
    ASSERT_FALSE(ReadFile(file, buffer.data(), 4096, nullptr, &o));
    EXPECT_TRUE(CloseHandle(file));
    ASSERT_EQ(WaitForSingleObject(event, 5000), WAIT_OBJECT_0);
    EXPECT_EQ(o.Internal, 0u);
    EXPECT_EQ(o.InternalHigh, 4096u);
    EXPECT_EQ(std::memcmp(buffer.data(), data.data(), 4096), 0);
    DWORD transferred = 0;
    EXPECT_TRUE(GetOverlappedResult(file, &o, &transferred, FALSE)) << "a final OVERLAPPED needs no valid hFile";
    EXPECT_TRUE(CloseHandle(event));
}

}  // namespace
}  // namespace ovlab::testing
