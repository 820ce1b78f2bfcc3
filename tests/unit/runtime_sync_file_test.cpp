// Synchronous (non-overlapped) file handles: real blocking calls (docs/windows-rules.md §7).
#include <cstring>
#include <vector>

#include "runtime_test_support.h"

namespace ovlab::testing {
namespace {

using SynchronousFile = RuntimeTest;

TEST_F(SynchronousFile, ReadsAtTheFilePointerAndSucceedsWithZeroBytesAtTheEnd) {
    const std::vector<char> data = write_pattern_file("a.bin", 100);
    HANDLE file = open_synchronous("a.bin");
    ASSERT_NE(file, INVALID_HANDLE_VALUE);
    char buffer[60];
    DWORD got = 0;
    EXPECT_TRUE(ReadFile(file, buffer, 60, &got, nullptr));
    EXPECT_EQ(got, 60u);
    EXPECT_EQ(std::memcmp(buffer, data.data(), 60), 0);
    EXPECT_TRUE(ReadFile(file, buffer, 60, &got, nullptr));
    EXPECT_EQ(got, 40u);
    EXPECT_EQ(std::memcmp(buffer, data.data() + 60, 40), 0);
    EXPECT_TRUE(ReadFile(file, buffer, 60, &got, nullptr)) << "a plain synchronous read at EOF succeeds";
    EXPECT_EQ(got, 0u);
    EXPECT_TRUE(CloseHandle(file));
}

TEST_F(SynchronousFile, WithAnOverlappedReadsAtItsOffsetAndFailsWithHandleEofAtTheEnd) {
    const std::vector<char> data = write_pattern_file("a.bin", 100);
    HANDLE file = open_synchronous("a.bin");
    char buffer[10];
    OVERLAPPED o = {};
    o.Offset = 30;
    DWORD got = 0;
    EXPECT_TRUE(ReadFile(file, buffer, 10, &got, &o));
    EXPECT_EQ(got, 10u);
    EXPECT_EQ(std::memcmp(buffer, data.data() + 30, 10), 0);
    EXPECT_EQ(o.Internal, 0u);
    EXPECT_EQ(o.InternalHigh, 10u);
    EXPECT_EQ(o.Offset, 30u) << "Offset is never modified, also not on a synchronous handle";

    EXPECT_TRUE(ReadFile(file, buffer, 10, &got, nullptr)) << "the file pointer moved to offset + n";
    EXPECT_EQ(std::memcmp(buffer, data.data() + 40, 10), 0);

    OVERLAPPED at_end = {};
    at_end.Offset = 100;
    EXPECT_FALSE(ReadFile(file, buffer, 10, &got, &at_end));
    EXPECT_EQ(GetLastError(), ERROR_HANDLE_EOF);
    EXPECT_EQ(static_cast<DWORD>(at_end.Internal), kStatusEndOfFile);
    EXPECT_EQ(at_end.InternalHigh, 0u);
    EXPECT_TRUE(CloseHandle(file));
}

TEST_F(SynchronousFile, WritesAtTheFilePointerAndAppendsAtAllOnes) {
    HANDLE file = open_synchronous("out.txt", GENERIC_WRITE, CREATE_NEW);
    ASSERT_NE(file, INVALID_HANDLE_VALUE);
    DWORD put = 0;
    EXPECT_TRUE(WriteFile(file, "hello", 5, &put, nullptr));
    EXPECT_EQ(put, 5u);
    OVERLAPPED append = {};
    append.Offset = 0xFFFFFFFF;
    append.OffsetHigh = 0xFFFFFFFF;
    EXPECT_TRUE(WriteFile(file, " world", 6, &put, &append));
    EXPECT_EQ(put, 6u);
    EXPECT_TRUE(CloseHandle(file));
    EXPECT_EQ(read_whole_file("out.txt"), "hello world");
}

}  // namespace
}  // namespace ovlab::testing
