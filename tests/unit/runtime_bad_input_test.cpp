// Bad input gets the error Windows gives, never a crash or a hang.
#include "runtime_test_support.h"

namespace ovlab::testing {
namespace {

using BadInput = RuntimeTest;

HANDLE never_opened() { return reinterpret_cast<HANDLE>(static_cast<ULONG_PTR>(0x4000)); }

TEST_F(BadInput, InvalidClosedAndNullHandlesFailWithInvalidHandle) {
    char buffer[4];
    DWORD got = 0;
    for (HANDLE bad : {static_cast<HANDLE>(nullptr), INVALID_HANDLE_VALUE, never_opened()}) {
        SetLastError(0);
        EXPECT_FALSE(ReadFile(bad, buffer, 4, &got, nullptr));
        EXPECT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
        EXPECT_FALSE(WriteFile(bad, buffer, 4, &got, nullptr));
        EXPECT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
        EXPECT_FALSE(SetEvent(bad));
        EXPECT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
        if (bad == INVALID_HANDLE_VALUE) {
            // (HANDLE)-1 is also GetCurrentProcess(): a wait on it waits for the process to end.
            EXPECT_EQ(WaitForSingleObject(bad, 0), static_cast<DWORD>(WAIT_TIMEOUT));
            continue;
        }
        EXPECT_EQ(WaitForSingleObject(bad, 0), WAIT_FAILED);
        EXPECT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
    }
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    EXPECT_TRUE(CloseHandle(event));
    EXPECT_FALSE(CloseHandle(event));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
    EXPECT_FALSE(SetEvent(event));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
    EXPECT_FALSE(CloseHandle(never_opened()));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
}

TEST_F(BadInput, AnInvalidHandleStillMarksTheOverlappedPendingAsKernel32Does) {
    char buffer[4];
    OVERLAPPED o = {};
    EXPECT_FALSE(ReadFile(never_opened(), buffer, 4, nullptr, &o));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
    EXPECT_EQ(o.Internal, kStatusPending);
}

TEST_F(BadInput, HandlesOfTheWrongKindFailWithInvalidHandle) {
    write_text_file("a.txt", "abc");
    HANDLE file = open_overlapped("a.txt");
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    EXPECT_FALSE(SetEvent(file));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
    char buffer[4];
    OVERLAPPED o = {};
    EXPECT_FALSE(ReadFile(event, buffer, 4, nullptr, &o));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
    LARGE_INTEGER size;
    EXPECT_FALSE(GetFileSizeEx(event, &size));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
    o.hEvent = file;  // not an event
    EXPECT_FALSE(ReadFile(file, buffer, 4, nullptr, &o));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
    o.hEvent = never_opened();
    EXPECT_FALSE(ReadFile(file, buffer, 4, nullptr, &o));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
    EXPECT_TRUE(CloseHandle(event));
    EXPECT_TRUE(CloseHandle(file));
}

TEST_F(BadInput, AnOverlappedHandleNeedsAnOverlapped) {
    write_text_file("a.txt", "abc");
    HANDLE file = open_overlapped("a.txt");
    char buffer[4];
    DWORD got = 0;
    EXPECT_FALSE(ReadFile(file, buffer, 4, &got, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    EXPECT_TRUE(CloseHandle(file));
}

TEST_F(BadInput, AccessTheHandleWasNotOpenedForIsDenied) {
    write_text_file("a.txt", "abc");
    HANDLE file = open_synchronous("a.txt", GENERIC_READ);
    DWORD put = 0;
    EXPECT_FALSE(WriteFile(file, "x", 1, &put, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_ACCESS_DENIED);
    EXPECT_TRUE(CloseHandle(file));
    HANDLE write_only = open_overlapped("a.txt", GENERIC_WRITE);
    char buffer[4];
    OVERLAPPED o = {};
    EXPECT_FALSE(ReadFile(write_only, buffer, 4, nullptr, &o));
    EXPECT_EQ(GetLastError(), ERROR_ACCESS_DENIED);
    EXPECT_TRUE(CloseHandle(write_only));
    EXPECT_EQ(read_whole_file("a.txt"), "abc");
}

TEST_F(BadInput, WaitForMultipleObjectsChecksItsArguments) {
    HANDLE event = CreateEventA(nullptr, TRUE, TRUE, nullptr);
    HANDLE many[65];
    for (HANDLE& h : many) h = event;
    EXPECT_EQ(WaitForMultipleObjects(0, many, FALSE, 0), WAIT_FAILED);
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(WaitForMultipleObjects(65, many, FALSE, 0), WAIT_FAILED);
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(WaitForMultipleObjects(64, many, FALSE, 0), WAIT_OBJECT_0) << "a handle may repeat in a wait-any";
    EXPECT_EQ(WaitForMultipleObjects(2, many, TRUE, 0), WAIT_FAILED) << "but not in a wait-all";
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(WaitForMultipleObjects(1, nullptr, FALSE, 0), WAIT_FAILED);
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    HANDLE mixed[2] = {event, never_opened()};
    EXPECT_EQ(WaitForMultipleObjects(2, mixed, FALSE, 0), WAIT_FAILED);
    EXPECT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
    EXPECT_TRUE(CloseHandle(event));
}

TEST_F(BadInput, GetOverlappedResultRefusesMissingPointers) {
    DWORD got = 0;
    EXPECT_FALSE(GetOverlappedResult(nullptr, nullptr, &got, FALSE));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    OVERLAPPED o = {};
    EXPECT_FALSE(GetOverlappedResult(nullptr, &o, nullptr, FALSE));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
}

TEST_F(BadInput, GetOverlappedResultOfAPendingRequestWithoutWaitIsIncomplete) {
    OVERLAPPED o = {};
    o.Internal = STATUS_PENDING;  // as a request in flight leaves it
    DWORD got = 99;
    EXPECT_FALSE(GetOverlappedResult(nullptr, &o, &got, FALSE));
    EXPECT_EQ(GetLastError(), ERROR_IO_INCOMPLETE);
    EXPECT_EQ(got, 99u) << "the byte count is not written";
    EXPECT_FALSE(GetOverlappedResult(never_opened(), &o, &got, TRUE)) << "nothing to wait on";
    EXPECT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
}

TEST_F(BadInput, CreateFileRejectsMissingNamesAndUnknownDispositions) {
    EXPECT_EQ(CreateFileA(nullptr, GENERIC_READ, 0, nullptr, OPEN_EXISTING, 0, nullptr), INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), ERROR_PATH_NOT_FOUND);
    EXPECT_EQ(CreateFileA("", GENERIC_READ, 0, nullptr, OPEN_EXISTING, 0, nullptr), INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), ERROR_PATH_NOT_FOUND);
    EXPECT_EQ(open_synchronous("a.txt", GENERIC_READ, 77), INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
}

TEST_F(BadInput, ClosingPseudoHandlesSucceeds) {
    EXPECT_TRUE(CloseHandle(INVALID_HANDLE_VALUE)) << "GetCurrentProcess() is (HANDLE)-1";
}

}  // namespace
}  // namespace ovlab::testing
