// SetFilePointerEx, SetEndOfFile, DeleteFile, GetTempPath, GetTempFileName, DeviceIoControl.
#include <cstring>
#include <filesystem>
#include <string>

#include <winioctl.h>

#include "runtime_test_support.h"

namespace ovlab::testing {
namespace {

using FileFunctions = RuntimeTest;

LARGE_INTEGER distance(LONGLONG value) {
    LARGE_INTEGER d;
    d.QuadPart = value;
    return d;
}

TEST_F(FileFunctions, SetFilePointerExMovesTheSynchronousFilePointer) {
    write_text_file("a.txt", "0123456789");
    HANDLE file = open_synchronous("a.txt");
    LARGE_INTEGER position = {};
    EXPECT_TRUE(SetFilePointerEx(file, distance(4), &position, FILE_BEGIN));
    EXPECT_EQ(position.QuadPart, 4);
    char buffer[2];
    DWORD got = 0;
    EXPECT_TRUE(ReadFile(file, buffer, 2, &got, nullptr));
    EXPECT_EQ(std::string(buffer, 2), "45");
    EXPECT_TRUE(SetFilePointerEx(file, distance(-1), &position, FILE_CURRENT));
    EXPECT_EQ(position.QuadPart, 5);
    EXPECT_TRUE(SetFilePointerEx(file, distance(-2), &position, FILE_END));
    EXPECT_EQ(position.QuadPart, 8);
    EXPECT_TRUE(SetFilePointerEx(file, distance(100), nullptr, FILE_BEGIN)) << "past the end is allowed";
    EXPECT_FALSE(SetFilePointerEx(file, distance(-1), &position, FILE_BEGIN));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NEGATIVE_SEEK));
    EXPECT_FALSE(SetFilePointerEx(file, distance(0), &position, 7));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
    EXPECT_FALSE(SetFilePointerEx(nullptr, distance(0), &position, FILE_BEGIN));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
    EXPECT_TRUE(CloseHandle(file));
}

TEST_F(FileFunctions, SetEndOfFileCutsOrExtendsAtTheFilePointer) {
    write_text_file("a.txt", "0123456789");
    HANDLE file = open_overlapped("a.txt", GENERIC_READ | GENERIC_WRITE);
    EXPECT_TRUE(SetFilePointerEx(file, distance(3), nullptr, FILE_BEGIN));
    EXPECT_TRUE(SetEndOfFile(file));
    LARGE_INTEGER size = {};
    EXPECT_TRUE(GetFileSizeEx(file, &size));
    EXPECT_EQ(size.QuadPart, 3);
    EXPECT_TRUE(SetFilePointerEx(file, distance(0x10000), nullptr, FILE_BEGIN));
    EXPECT_TRUE(SetEndOfFile(file));
    EXPECT_TRUE(GetFileSizeEx(file, &size));
    EXPECT_EQ(size.QuadPart, 0x10000);
    EXPECT_TRUE(CloseHandle(file));
    HANDLE read_only = open_synchronous("a.txt");
    EXPECT_FALSE(SetEndOfFile(read_only));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_ACCESS_DENIED));
    EXPECT_TRUE(CloseHandle(read_only));
}

TEST_F(FileFunctions, DeleteFileRemovesFilesAndReportsWhatIsMissing) {
    write_text_file("a.txt", "x");
    EXPECT_TRUE(DeleteFileA(path("a.txt").c_str()));
    EXPECT_FALSE(std::filesystem::exists(path("a.txt")));
    EXPECT_FALSE(DeleteFileA(path("a.txt").c_str()));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_FILE_NOT_FOUND));
    EXPECT_FALSE(DeleteFileA(path("no-folder/a.txt").c_str()));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_PATH_NOT_FOUND));
    std::filesystem::create_directory(path("folder"));
    EXPECT_FALSE(DeleteFileA(path("folder").c_str()));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_ACCESS_DENIED));
    write_text_file("w.txt", "x");
    std::wstring wide;
    for (char ch : path("w.txt")) wide += static_cast<wchar_t>(ch);
    EXPECT_TRUE(DeleteFileW(wide.c_str()));
    EXPECT_FALSE(std::filesystem::exists(path("w.txt")));
}

TEST_F(FileFunctions, GetTempPathFollowsTheLengthRules) {
    const DWORD needed = GetTempPathA(0, nullptr);
    ASSERT_GT(needed, 1u) << "the size needed, with the terminating zero";
    std::string buffer(needed, '\x7F');
    EXPECT_EQ(GetTempPathA(needed, buffer.data()), needed - 1) << "the length copied, without the zero";
    EXPECT_EQ(buffer[needed - 1], '\0');
    EXPECT_EQ(buffer[needed - 2], '/') << "ends with a separator";
    EXPECT_TRUE(std::filesystem::is_directory(buffer.c_str()));
    char small[2] = {'a', 'b'};
    EXPECT_EQ(GetTempPathA(2, small), needed);
    wchar_t wide[MAX_PATH];
    EXPECT_EQ(GetTempPathW(MAX_PATH, wide), needed - 1);
    EXPECT_EQ(wide[needed - 2], L'/');
}

TEST_F(FileFunctions, GetTempFileNameCreatesAUniqueFile) {
    const std::string folder = path("");
    char first[MAX_PATH], second[MAX_PATH];
    const UINT one = GetTempFileNameA(folder.c_str(), "labx", 0, first);
    const UINT two = GetTempFileNameA(folder.c_str(), "lab", 0, second);
    EXPECT_NE(one, 0u);
    EXPECT_NE(two, 0u);
    EXPECT_STRNE(first, second);
    EXPECT_TRUE(std::filesystem::exists(first));
    EXPECT_TRUE(std::filesystem::exists(second));
    EXPECT_EQ(std::filesystem::path(first).filename().string().substr(0, 3), "lab") << "3 characters of the prefix";
    EXPECT_EQ(std::filesystem::path(first).extension().string(), ".TMP");
    char named[MAX_PATH];
    EXPECT_EQ(GetTempFileNameA(folder.c_str(), "abc", 0x1F, named), 0x1Fu) << "a given number only makes the name";
    EXPECT_EQ(std::filesystem::path(named).filename().string(), "abc1F.TMP");
    EXPECT_FALSE(std::filesystem::exists(named));
    EXPECT_EQ(GetTempFileNameA(path("missing").c_str(), "x", 0, named), 0u);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_PATH_NOT_FOUND));
}

TEST_F(FileFunctions, SetSparseSucceedsAndCompletesLikeAnImmediateRequest) {
    write_text_file("a.bin", "x");
    HANDLE file = open_synchronous("a.bin", GENERIC_READ | GENERIC_WRITE);
    DWORD returned = 99;
    FILE_SET_SPARSE_BUFFER sparse = {TRUE};
    EXPECT_TRUE(DeviceIoControl(file, FSCTL_SET_SPARSE, &sparse, sizeof sparse, nullptr, 0, &returned, nullptr));
    EXPECT_EQ(returned, 0u);
    EXPECT_FALSE(DeviceIoControl(file, CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 0x7FF, METHOD_BUFFERED, FILE_ANY_ACCESS),
                                 nullptr, 0, nullptr, 0, &returned, nullptr));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_FUNCTION));
    EXPECT_TRUE(CloseHandle(file));

    HANDLE read_only = open_synchronous("a.bin");
    EXPECT_FALSE(DeviceIoControl(read_only, FSCTL_SET_SPARSE, nullptr, 0, nullptr, 0, &returned, nullptr));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_ACCESS_DENIED));
    EXPECT_TRUE(CloseHandle(read_only));

    HANDLE overlapped = open_overlapped("a.bin", GENERIC_READ | GENERIC_WRITE);
    EXPECT_FALSE(DeviceIoControl(overlapped, FSCTL_SET_SPARSE, nullptr, 0, nullptr, 0, &returned, nullptr));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER)) << "an overlapped handle needs an OVERLAPPED";
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    OVERLAPPED o = {};
    o.hEvent = event;
    o.InternalHigh = 0xDEAD;
    EXPECT_TRUE(DeviceIoControl(overlapped, FSCTL_SET_SPARSE, nullptr, 0, nullptr, 0, nullptr, &o));
    EXPECT_EQ(o.Internal, 0u);
    EXPECT_EQ(o.InternalHigh, 0u);
    EXPECT_EQ(WaitForSingleObject(event, 0), WAIT_OBJECT_0) << "an immediate success still signals";
    DWORD got = 9;
    EXPECT_TRUE(GetOverlappedResult(overlapped, &o, &got, FALSE));
    EXPECT_EQ(got, 0u);
    EXPECT_TRUE(CloseHandle(event));
    EXPECT_TRUE(CloseHandle(overlapped));
}

}  // namespace
}  // namespace ovlab::testing
