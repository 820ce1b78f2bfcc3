// CreateFile dispositions and the errors Windows reports for them.
#include <string>

#include "runtime_test_support.h"

namespace ovlab::testing {
namespace {

using CreateFileDisposition = RuntimeTest;

TEST_F(CreateFileDisposition, HandlesAreMultiplesOfFour) {
    write_text_file("a.txt", "x");
    HANDLE first = open_overlapped("a.txt");
    HANDLE second = CreateEventA(nullptr, FALSE, FALSE, nullptr);
    ASSERT_NE(first, INVALID_HANDLE_VALUE);
    ASSERT_NE(second, nullptr);
    EXPECT_EQ(reinterpret_cast<ULONG_PTR>(first) % 4, 0u);
    EXPECT_EQ(reinterpret_cast<ULONG_PTR>(second) % 4, 0u);
    EXPECT_NE(first, second);
    EXPECT_TRUE(CloseHandle(first));
    EXPECT_TRUE(CloseHandle(second));
}

TEST_F(CreateFileDisposition, CreateNewFailsWithFileExistsWhenTheFileExists) {
    write_text_file("a.txt", "x");
    EXPECT_EQ(open_synchronous("a.txt", GENERIC_WRITE, CREATE_NEW), INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), ERROR_FILE_EXISTS);
    HANDLE created = open_synchronous("b.txt", GENERIC_WRITE, CREATE_NEW);
    EXPECT_NE(created, INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), ERROR_SUCCESS);
    EXPECT_TRUE(CloseHandle(created));
}

TEST_F(CreateFileDisposition, OpenExistingReportsAMissingFileOrFolder) {
    EXPECT_EQ(open_synchronous("missing.txt"), INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), ERROR_FILE_NOT_FOUND);
    EXPECT_EQ(open_synchronous("no-such-folder/missing.txt"), INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), ERROR_PATH_NOT_FOUND);
}

TEST_F(CreateFileDisposition, CreateAlwaysAndOpenAlwaysSayWhetherTheFileExisted) {
    write_text_file("a.txt", "old contents");
    HANDLE truncated = open_synchronous("a.txt", GENERIC_WRITE, CREATE_ALWAYS);
    ASSERT_NE(truncated, INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), ERROR_ALREADY_EXISTS);
    EXPECT_TRUE(CloseHandle(truncated));
    EXPECT_EQ(read_whole_file("a.txt"), "");

    HANDLE fresh = open_synchronous("b.txt", GENERIC_WRITE, OPEN_ALWAYS);
    ASSERT_NE(fresh, INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), ERROR_SUCCESS);
    EXPECT_TRUE(CloseHandle(fresh));
    HANDLE again = open_synchronous("b.txt", GENERIC_READ, OPEN_ALWAYS);
    EXPECT_EQ(GetLastError(), ERROR_ALREADY_EXISTS);
    EXPECT_TRUE(CloseHandle(again));
}

TEST_F(CreateFileDisposition, TruncateExistingEmptiesTheFileAndNeedsWriteAccess) {
    write_text_file("a.txt", "contents");
    EXPECT_EQ(open_synchronous("a.txt", 0, TRUNCATE_EXISTING), INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    HANDLE file = open_synchronous("a.txt", GENERIC_WRITE, TRUNCATE_EXISTING);
    ASSERT_NE(file, INVALID_HANDLE_VALUE);
    LARGE_INTEGER size = {};
    size.QuadPart = -1;
    EXPECT_TRUE(GetFileSizeEx(file, &size));
    EXPECT_EQ(size.QuadPart, 0);
    EXPECT_TRUE(CloseHandle(file));
    EXPECT_EQ(open_synchronous("missing.txt", GENERIC_WRITE, TRUNCATE_EXISTING), INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), ERROR_FILE_NOT_FOUND);
}

TEST_F(CreateFileDisposition, AFolderCannotBeOpenedAsAFile) {
    EXPECT_EQ(open_synchronous("."), INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), ERROR_ACCESS_DENIED);
}

TEST_F(CreateFileDisposition, TheWideVersionOpensTheSameFiles) {
    write_text_file("wide.txt", "12345");
    std::wstring wide_path;
    for (char ch : path("wide.txt")) wide_path += static_cast<wchar_t>(ch);
    HANDLE file = CreateFileW(wide_path.c_str(), GENERIC_READ, 0, nullptr, OPEN_EXISTING, 0, nullptr);
    ASSERT_NE(file, INVALID_HANDLE_VALUE);
    LARGE_INTEGER size = {};
    EXPECT_TRUE(GetFileSizeEx(file, &size));
    EXPECT_EQ(size.QuadPart, 5);
    EXPECT_TRUE(CloseHandle(file));
}

}  // namespace
}  // namespace ovlab::testing
