// I/O completion ports (docs/windows-rules.md §12): creation and association, packets from
// requests and from PostQueuedCompletionStatus, GQCS results, FIFO packets, GQCSEx, the low bit
// of hEvent, notification modes. Waiting threads: runtime_iocp_waiters_test.cpp.
#include <chrono>

#include <winioctl.h>

#include "runtime_test_support.h"

namespace ovlab::testing {
namespace {

using CompletionPorts = RuntimeTest;

constexpr ULONG_PTR kBigKey = 0x1234'5678'9ABC'DEF0ull;  // keys are 64-bit, returned verbatim

TEST_F(CompletionPorts, CreationAndAssociationCheckTheirArguments) {
    write_text_file("a.txt", "abc");
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 2);
    ASSERT_NE(port, nullptr);
    HANDLE file = open_overlapped("a.txt");
    EXPECT_EQ(CreateIoCompletionPort(file, port, kBigKey, 0), port) << "association returns the port";
    EXPECT_EQ(CreateIoCompletionPort(file, port, 1, 0), nullptr) << "a handle is bound once";
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
    EXPECT_EQ(CreateIoCompletionPort(INVALID_HANDLE_VALUE, port, 1, 0), nullptr);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
    HANDLE synchronous = open_synchronous("a.txt");
    EXPECT_EQ(CreateIoCompletionPort(synchronous, port, 1, 0), nullptr) << "only overlapped handles";
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
    HANDLE other = open_overlapped("a.txt");
    EXPECT_EQ(CreateIoCompletionPort(other, reinterpret_cast<HANDLE>(ULONG_PTR{0x4000}), 1, 0), nullptr);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
    EXPECT_EQ(CreateIoCompletionPort(reinterpret_cast<HANDLE>(ULONG_PTR{0x4000}), port, 1, 0), nullptr);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
    HANDLE own_port = CreateIoCompletionPort(other, nullptr, 9, 1);
    ASSERT_NE(own_port, nullptr) << "a handle and no port: a new port with the handle bound to it";
    EXPECT_NE(own_port, port);
    EXPECT_TRUE(CloseHandle(own_port));
    EXPECT_TRUE(CloseHandle(other));
    EXPECT_TRUE(CloseHandle(synchronous));
    EXPECT_TRUE(CloseHandle(file));
    EXPECT_TRUE(CloseHandle(port));
}

TEST_F(CompletionPorts, ACompletedReadQueuesAPacketWithTheKeyAndTheOverlapped) {
    write_text_file("a.txt", "0123456789");
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 0);
    HANDLE file = open_overlapped("a.txt");
    ASSERT_EQ(CreateIoCompletionPort(file, port, kBigKey, 0), port);
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    char buffer[6];
    OVERLAPPED o = {};
    o.Offset = 2;
    o.hEvent = event;
    EXPECT_FALSE(ReadFile(file, buffer, sizeof buffer, nullptr, &o));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_IO_PENDING));
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = nullptr;
    EXPECT_TRUE(GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000));
    EXPECT_EQ(bytes, 6u);
    EXPECT_EQ(key, kBigKey);
    EXPECT_EQ(got, &o);
    EXPECT_EQ(o.Internal, 0u);
    EXPECT_EQ(o.InternalHigh, 6u);
    EXPECT_EQ(WaitForSingleObject(event, 0), WAIT_OBJECT_0) << "the event is set alongside the packet";
    EXPECT_TRUE(CloseHandle(event));
    EXPECT_TRUE(CloseHandle(file));
    EXPECT_TRUE(CloseHandle(port));
}

TEST_F(CompletionPorts, AFailedReadIsAPacketTooWithFalseAndItsError) {
    write_text_file("a.txt", "abc");
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 0);
    HANDLE file = open_overlapped("a.txt");
    ASSERT_EQ(CreateIoCompletionPort(file, port, 3, 0), port);
    char buffer[4];
    OVERLAPPED o = {};
    o.Offset = 3;
    EXPECT_FALSE(ReadFile(file, buffer, sizeof buffer, nullptr, &o));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_IO_PENDING)) << "EOF found asynchronously: a packet comes";
    DWORD bytes = 77;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = nullptr;
    EXPECT_FALSE(GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_HANDLE_EOF));
    EXPECT_EQ(got, &o) << "FALSE with an OVERLAPPED: a completed, failed request";
    EXPECT_EQ(bytes, 0u);
    EXPECT_EQ(key, 3u);
    EXPECT_TRUE(CloseHandle(file));
    EXPECT_TRUE(CloseHandle(port));
}

TEST_F(CompletionPorts, PostedPacketsComeOutFirstInFirstOutUntouched) {
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 1);
    OVERLAPPED* opaque = reinterpret_cast<OVERLAPPED*>(ULONG_PTR{0xDEAD0});  // never dereferenced
    EXPECT_TRUE(PostQueuedCompletionStatus(port, 1, 10, nullptr));
    EXPECT_TRUE(PostQueuedCompletionStatus(port, 2, kBigKey, opaque));
    EXPECT_TRUE(PostQueuedCompletionStatus(port, 3, 30, nullptr));
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = opaque;
    EXPECT_TRUE(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0));
    EXPECT_EQ(bytes, 1u);
    EXPECT_EQ(key, 10u);
    EXPECT_EQ(got, nullptr) << "TRUE with a NULL OVERLAPPED: a posted packet";
    EXPECT_TRUE(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0));
    EXPECT_EQ(bytes, 2u);
    EXPECT_EQ(key, kBigKey);
    EXPECT_EQ(got, opaque);
    EXPECT_TRUE(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0));
    EXPECT_EQ(bytes, 3u);
    EXPECT_TRUE(CloseHandle(port));
}

TEST_F(CompletionPorts, TimeoutsAndBadHandles) {
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 1);
    DWORD bytes = 5;
    ULONG_PTR key = 6;
    OVERLAPPED o;
    LPOVERLAPPED got = &o;
    EXPECT_FALSE(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(WAIT_TIMEOUT));
    EXPECT_EQ(got, nullptr);
    EXPECT_EQ(bytes, 5u) << "untouched on a time-out";
    EXPECT_EQ(key, 6u);
    const auto start = std::chrono::steady_clock::now();
    EXPECT_FALSE(GetQueuedCompletionStatus(port, &bytes, &key, &got, 30));
    EXPECT_EQ(GetLastError(), 258u);
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(30));
    got = &o;
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    EXPECT_FALSE(GetQueuedCompletionStatus(event, &bytes, &key, &got, 0)) << "not a port";
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
    EXPECT_EQ(got, nullptr);
    EXPECT_FALSE(PostQueuedCompletionStatus(event, 0, 0, nullptr));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
    EXPECT_FALSE(GetQueuedCompletionStatus(port, nullptr, &key, &got, 0));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
    EXPECT_TRUE(CloseHandle(event));
    EXPECT_TRUE(CloseHandle(port));
    EXPECT_FALSE(PostQueuedCompletionStatus(port, 0, 0, nullptr)) << "closed";
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
}

TEST_F(CompletionPorts, GetQueuedCompletionStatusExRemovesSeveralEntries) {
    write_text_file("a.txt", "ab");
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 1);
    HANDLE file = open_overlapped("a.txt");
    ASSERT_EQ(CreateIoCompletionPort(file, port, 5, 0), port);
    char buffer[4];
    OVERLAPPED at_end = {};
    at_end.Offset = 2;
    EXPECT_FALSE(ReadFile(file, buffer, sizeof buffer, nullptr, &at_end));
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = nullptr;
    // Wait for the failed read's packet to be queued, then put it back behind two posted ones.
    EXPECT_FALSE(GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000));
    ASSERT_EQ(got, &at_end);
    EXPECT_TRUE(PostQueuedCompletionStatus(port, 1, 11, nullptr));
    EXPECT_TRUE(PostQueuedCompletionStatus(port, 2, 12, nullptr));
    EXPECT_TRUE(PostQueuedCompletionStatus(port, 0, 5, &at_end));

    OVERLAPPED_ENTRY entries[2] = {};
    ULONG removed = 0;
    EXPECT_TRUE(GetQueuedCompletionStatusEx(port, entries, 2, &removed, 0, FALSE));
    EXPECT_EQ(removed, 2u);
    EXPECT_EQ(entries[0].lpCompletionKey, 11u);
    EXPECT_EQ(entries[0].dwNumberOfBytesTransferred, 1u);
    EXPECT_EQ(entries[0].lpOverlapped, nullptr);
    EXPECT_EQ(entries[1].lpCompletionKey, 12u);
    EXPECT_TRUE(GetQueuedCompletionStatusEx(port, entries, 2, &removed, 0, FALSE));
    EXPECT_EQ(removed, 1u);
    EXPECT_EQ(entries[0].lpOverlapped, &at_end);
    EXPECT_EQ(entries[0].Internal, 0u) << "a posted packet's status is success";
    removed = 77;
    EXPECT_FALSE(GetQueuedCompletionStatusEx(port, entries, 2, &removed, 10, FALSE));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(WAIT_TIMEOUT));
    EXPECT_EQ(removed, 1u) << "what Windows reports on a time-out";
    EXPECT_FALSE(GetQueuedCompletionStatusEx(port, nullptr, 2, &removed, 0, FALSE));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
    EXPECT_FALSE(GetQueuedCompletionStatusEx(port, entries, 0, &removed, 0, FALSE));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
    EXPECT_TRUE(CloseHandle(file));
    EXPECT_TRUE(CloseHandle(port));
}

TEST_F(CompletionPorts, GetQueuedCompletionStatusExReportsAFailedRequestInItsEntry) {
    write_text_file("a.txt", "ab");
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 1);
    HANDLE file = open_overlapped("a.txt");
    ASSERT_EQ(CreateIoCompletionPort(file, port, 5, 0), port);
    char buffer[4];
    OVERLAPPED at_end = {};
    at_end.Offset = 2;
    EXPECT_FALSE(ReadFile(file, buffer, sizeof buffer, nullptr, &at_end));
    OVERLAPPED_ENTRY entry = {};
    ULONG removed = 0;
    EXPECT_TRUE(GetQueuedCompletionStatusEx(port, &entry, 1, &removed, 5000, FALSE)) << "TRUE: an entry was removed";
    EXPECT_EQ(removed, 1u);
    EXPECT_EQ(entry.lpOverlapped, &at_end);
    EXPECT_EQ(static_cast<DWORD>(entry.Internal), kStatusEndOfFile);
    EXPECT_EQ(entry.lpCompletionKey, 5u);
    EXPECT_TRUE(CloseHandle(file));
    EXPECT_TRUE(CloseHandle(port));
}

VOID CALLBACK CountApc(ULONG_PTR counter) { ++*reinterpret_cast<int*>(counter); }

TEST_F(CompletionPorts, AnAlertableGqcsExRunsApcsOnlyWhenNoEntryIsThere) {
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 1);
    int ran = 0;
    EXPECT_NE(QueueUserAPC(CountApc, GetCurrentThread(), reinterpret_cast<ULONG_PTR>(&ran)), 0u);
    EXPECT_TRUE(PostQueuedCompletionStatus(port, 1, 0, nullptr));
    OVERLAPPED_ENTRY entry = {};
    ULONG removed = 0;
    EXPECT_TRUE(GetQueuedCompletionStatusEx(port, &entry, 1, &removed, INFINITE, TRUE));
    EXPECT_EQ(ran, 0) << "an entry was there: APCs not run";
    EXPECT_FALSE(GetQueuedCompletionStatusEx(port, &entry, 1, &removed, INFINITE, TRUE));
    EXPECT_EQ(GetLastError(), WAIT_IO_COMPLETION);
    EXPECT_EQ(ran, 1);
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = nullptr;
    EXPECT_NE(QueueUserAPC(CountApc, GetCurrentThread(), reinterpret_cast<ULONG_PTR>(&ran)), 0u);
    EXPECT_FALSE(GetQueuedCompletionStatus(port, &bytes, &key, &got, 10)) << "GQCS is never alertable";
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(WAIT_TIMEOUT));
    EXPECT_EQ(ran, 1);
    EXPECT_EQ(SleepEx(0, TRUE), WAIT_IO_COMPLETION);
    EXPECT_EQ(ran, 2);
    EXPECT_TRUE(CloseHandle(port));
}

TEST_F(CompletionPorts, TheLowBitOfHEventSuppressesThePacketButNotTheEvent) {
    write_text_file("a.txt", "abc");
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 1);
    HANDLE file = open_overlapped("a.txt");
    ASSERT_EQ(CreateIoCompletionPort(file, port, 1, 0), port);
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    char buffer[3];
    OVERLAPPED o = {};
    o.hEvent = reinterpret_cast<HANDLE>(reinterpret_cast<ULONG_PTR>(event) | 1);
    EXPECT_FALSE(ReadFile(file, buffer, sizeof buffer, nullptr, &o));
    EXPECT_EQ(WaitForSingleObject(event, 5000), WAIT_OBJECT_0);
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = nullptr;
    EXPECT_FALSE(GetQueuedCompletionStatus(port, &bytes, &key, &got, 20));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(WAIT_TIMEOUT));
    EXPECT_TRUE(CloseHandle(event));
    EXPECT_TRUE(CloseHandle(file));
    EXPECT_TRUE(CloseHandle(port));
}

TEST_F(CompletionPorts, NotificationModesSkipTheHandleSignalAndTheImmediateSuccessPacket) {
    write_text_file("a.txt", "abc");
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 1);
    HANDLE file = open_overlapped("a.txt", GENERIC_READ | GENERIC_WRITE);
    ASSERT_EQ(CreateIoCompletionPort(file, port, 1, 0), port);
    HANDLE synchronous = open_synchronous("a.txt");
    EXPECT_FALSE(SetFileCompletionNotificationModes(synchronous, FILE_SKIP_SET_EVENT_ON_HANDLE));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
    EXPECT_FALSE(SetFileCompletionNotificationModes(file, 0x80));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
    EXPECT_FALSE(SetFileCompletionNotificationModes(nullptr, FILE_SKIP_SET_EVENT_ON_HANDLE));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));

    // FSCTL_SET_SPARSE finishes inside the call: an immediate success, packet and all.
    OVERLAPPED control = {};
    DWORD returned = 0;
    EXPECT_TRUE(DeviceIoControl(file, FSCTL_SET_SPARSE, nullptr, 0, nullptr, 0, &returned, &control));
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = nullptr;
    EXPECT_TRUE(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0));
    EXPECT_EQ(got, &control);

    EXPECT_TRUE(SetFileCompletionNotificationModes(file, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS |
                                                             FILE_SKIP_SET_EVENT_ON_HANDLE));
    EXPECT_TRUE(DeviceIoControl(file, FSCTL_SET_SPARSE, nullptr, 0, nullptr, 0, &returned, &control));
    EXPECT_FALSE(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0)) << "skipped: it succeeded at once";
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(WAIT_TIMEOUT));

    char buffer[3];
    OVERLAPPED read = {};
    EXPECT_FALSE(ReadFile(file, buffer, sizeof buffer, nullptr, &read));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_IO_PENDING));
    EXPECT_TRUE(GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000)) << "a pending request still queues one";
    EXPECT_EQ(got, &read);
    EXPECT_EQ(WaitForSingleObject(file, 0), static_cast<DWORD>(WAIT_TIMEOUT)) << "FILE_SKIP_SET_EVENT_ON_HANDLE";
    EXPECT_TRUE(CloseHandle(synchronous));
    EXPECT_TRUE(CloseHandle(file));
    EXPECT_TRUE(CloseHandle(port));
}

}  // namespace
}  // namespace ovlab::testing
