// Faults under file requests (docs/windows-rules.md §19): the kernel's short transfers, a full
// disk, a device error, and an io_uring ring that refuses requests or cannot be created, injected
// with the runtime's test hook (fault_injection.h) so they happen on every machine. Each test
// checks what the Win32 program sees and that the next request after the fault works.
#include <sys/mount.h>
#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "fault_injection.h"
#include "io_backend.h"
#include "ovlab/platform.h"
#include "runtime_test_support.h"

namespace ovlab::testing {
namespace {

using posix::FaultPoint;

bool uring_backend() { return platform::io_backend_name() == "io_uring"; }

class FileFaults : public RuntimeTest {
protected:
    void TearDown() override {
        posix::clear_faults();
        RuntimeTest::TearDown();
    }

    // An overlapped transfer of `length` bytes at `offset`, waited for: GetOverlappedResult's
    // answer, its last error (0 when it succeeded) and the OVERLAPPED afterwards.
    struct Outcome {
        BOOL ok;
        DWORD error;
        DWORD bytes;
        OVERLAPPED overlapped;
    };
    static Outcome transfer(HANDLE file, bool write, void* buffer, DWORD length, DWORD offset = 0) {
        Outcome out{};
        out.overlapped.Offset = offset;
        const BOOL started = write ? WriteFile(file, buffer, length, nullptr, &out.overlapped)
                                   : ReadFile(file, buffer, length, nullptr, &out.overlapped);
        if (!started && GetLastError() != ERROR_IO_PENDING) {
            out.error = GetLastError();
            return out;
        }
        out.ok = GetOverlappedResult(file, &out.overlapped, &out.bytes, TRUE);
        out.error = out.ok ? 0 : GetLastError();
        return out;
    }

    // After a fault: the same handle still reads and writes (the backend's threads are healthy).
    void expect_next_request_works(HANDLE file) {
        char data[] = "after";
        const Outcome written = transfer(file, true, data, 5, 0);
        EXPECT_TRUE(written.ok) << written.error;
        EXPECT_EQ(written.bytes, 5u);
    }
};

TEST_F(FileFaults, ShortKernelWritesStillWriteTheWholeRequest) {
    HANDLE file = open_overlapped("out.bin", GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS);
    ASSERT_NE(file, INVALID_HANDLE_VALUE);
    std::vector<char> data(64 << 10);
    for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 13 + 1);
    posix::inject_fault(FaultPoint::FileWrite, 0, 3);  // three kernel writes move half of what they could
    const Outcome out = transfer(file, true, data.data(), static_cast<DWORD>(data.size()));
    EXPECT_TRUE(out.ok) << out.error;
    EXPECT_EQ(out.bytes, data.size()) << "Windows completes a disk write whole";
    EXPECT_EQ(out.overlapped.Internal, kStatusSuccess);
    EXPECT_TRUE(CloseHandle(file));
    EXPECT_EQ(read_whole_file("out.bin"), std::string(data.begin(), data.end()));
}

TEST_F(FileFaults, ShortKernelReadsStillFillTheWholeRequestAndStopAtTheEnd) {
    const std::vector<char> pattern = write_pattern_file("in.bin", 64 << 10);
    HANDLE file = open_overlapped("in.bin");
    ASSERT_NE(file, INVALID_HANDLE_VALUE);
    std::vector<char> buffer(pattern.size());
    posix::inject_fault(FaultPoint::FileRead, 0, 3);
    Outcome out = transfer(file, false, buffer.data(), static_cast<DWORD>(buffer.size()));
    EXPECT_TRUE(out.ok) << out.error;
    EXPECT_EQ(out.bytes, pattern.size());
    EXPECT_EQ(buffer, pattern);
    // A read crossing the end: short kernel reads, then the end; a success with what was there.
    posix::inject_fault(FaultPoint::FileRead, 0, 2);
    out = transfer(file, false, buffer.data(), static_cast<DWORD>(buffer.size()), (64 << 10) - 100);
    EXPECT_TRUE(out.ok) << out.error;
    EXPECT_EQ(out.bytes, 100u);
    EXPECT_EQ(std::memcmp(buffer.data(), pattern.data() + pattern.size() - 100, 100), 0);
    EXPECT_TRUE(CloseHandle(file));
}

TEST_F(FileFaults, AFullDiskFailsTheWriteWith112AndTheNextWriteWorks) {
    HANDLE file = open_overlapped("full.bin", GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS);
    ASSERT_NE(file, INVALID_HANDLE_VALUE);
    char data[4096] = {};
    posix::inject_fault(FaultPoint::FileWrite, ENOSPC);
    const Outcome out = transfer(file, true, data, sizeof data);
    EXPECT_FALSE(out.ok);
    EXPECT_EQ(out.error, static_cast<DWORD>(ERROR_DISK_FULL));
    EXPECT_EQ(out.overlapped.Internal, kStatusDiskFull);
    EXPECT_EQ(out.overlapped.InternalHigh, 0u) << "a failed disk request reports no bytes";
    expect_next_request_works(file);
    EXPECT_TRUE(CloseHandle(file));
}

TEST_F(FileFaults, AFullDiskFailsASynchronousWriteAt112) {
    HANDLE file = open_synchronous("full.bin", GENERIC_WRITE, CREATE_ALWAYS);
    ASSERT_NE(file, INVALID_HANDLE_VALUE);
    char data[512] = {};
    DWORD written = 7;
    posix::inject_fault(FaultPoint::FileWrite, EDQUOT);
    EXPECT_FALSE(WriteFile(file, data, sizeof data, &written, nullptr));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_DISK_FULL));
    EXPECT_EQ(written, 0u);
    EXPECT_TRUE(WriteFile(file, data, sizeof data, &written, nullptr));
    EXPECT_EQ(written, sizeof data);
    EXPECT_TRUE(CloseHandle(file));
}

TEST_F(FileFaults, ADeviceErrorFailsTheReadWith1117ThroughThePortToo) {
    write_pattern_file("in.bin", 4096);
    HANDLE file = open_overlapped("in.bin", GENERIC_READ | GENERIC_WRITE);
    ASSERT_NE(file, INVALID_HANDLE_VALUE);
    HANDLE port = CreateIoCompletionPort(file, nullptr, 7, 1);
    ASSERT_NE(port, nullptr);
    char buffer[4096];
    OVERLAPPED ov = {};
    posix::inject_fault(FaultPoint::FileRead, EIO);
    EXPECT_FALSE(ReadFile(file, buffer, sizeof buffer, nullptr, &ov));
    ASSERT_EQ(GetLastError(), static_cast<DWORD>(ERROR_IO_PENDING));
    DWORD bytes = 9;
    ULONG_PTR key = 0;
    OVERLAPPED* done = nullptr;
    EXPECT_FALSE(GetQueuedCompletionStatus(port, &bytes, &key, &done, 5000));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_IO_DEVICE));
    EXPECT_EQ(done, &ov) << "a request that failed while it ran still queues its packet";
    EXPECT_EQ(key, 7u);
    EXPECT_EQ(bytes, 0u);
    EXPECT_EQ(ov.Internal, kStatusIoDeviceError);
    EXPECT_TRUE(ReadFile(file, buffer, sizeof buffer, nullptr, &ov) || GetLastError() == ERROR_IO_PENDING);
    EXPECT_TRUE(GetQueuedCompletionStatus(port, &bytes, &key, &done, 5000));
    EXPECT_EQ(bytes, sizeof buffer) << "the next read works";
    EXPECT_TRUE(CloseHandle(file));
    EXPECT_TRUE(CloseHandle(port));
}

// A device error while writing fails the write with the same status as a failed read, and the
// next write works.
TEST_F(FileFaults, ADeviceErrorFailsTheWriteWith1117AndTheNextWriteWorks) {
    HANDLE file = open_overlapped("eio.bin", GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS);
    ASSERT_NE(file, INVALID_HANDLE_VALUE);
    char data[4096] = {};
    posix::inject_fault(FaultPoint::FileWrite, EIO);
    const Outcome out = transfer(file, true, data, sizeof data);
    EXPECT_FALSE(out.ok);
    EXPECT_EQ(out.error, static_cast<DWORD>(ERROR_IO_DEVICE));
    EXPECT_EQ(out.overlapped.Internal, kStatusIoDeviceError);
    EXPECT_EQ(out.overlapped.InternalHigh, 0u);
    expect_next_request_works(file);
    EXPECT_TRUE(CloseHandle(file));
}

// Linux's io_uring may refuse a submission (EAGAIN, ENOMEM; EBUSY while completions wait to be
// reaped). Windows, short of resources for another request, fails ReadFile or WriteFile at once
// with ERROR_NOT_ENOUGH_MEMORY, and no completion ever comes for it. The thread-pool backend has no
// ring: its requests never meet the fault.
TEST_F(FileFaults, ARingThatRefusesARequestFailsTheCallWith8AndTheNextRequestWorks) {
    for (const int refusal : {EAGAIN, ENOMEM, EBUSY}) {
        SCOPED_TRACE(std::strerror(refusal));
        HANDLE file = open_overlapped("ring.bin", GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS);
        ASSERT_NE(file, INVALID_HANDLE_VALUE);
        char data[64] = "refused";
        OVERLAPPED ov = {};
        posix::inject_fault(FaultPoint::UringSubmit, refusal);
        const BOOL started = WriteFile(file, data, sizeof data, nullptr, &ov);
        EXPECT_FALSE(started);
        if (uring_backend()) {
            EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NOT_ENOUGH_MEMORY));
        } else {
            EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_IO_PENDING));
            DWORD bytes = 0;
            EXPECT_TRUE(GetOverlappedResult(file, &ov, &bytes, TRUE));
            posix::clear_faults();
        }
        // The refused request's place in the ring must not go to the kernel later with it.
        expect_next_request_works(file);
        EXPECT_TRUE(CloseHandle(file));
        EXPECT_EQ(read_whole_file("ring.bin").substr(0, 5), "after");
    }
}

TEST_F(FileFaults, ARingThatCannotBeCreatedIsRefusedCleanly) {
    posix::inject_fault(FaultPoint::UringInit, ENOMEM);
    EXPECT_EQ(posix::make_uring_backend(), nullptr);
}

// The kernel may release io_uring's reference to a request's file a little after the completion
// was reaped (finished requests are freed in batches), so the mount can stay busy for a moment
// after CloseHandle. A lazy unmount after a second still leaves no mount behind.
static int unmount_when_released(const std::string& mount_point) {
    for (int attempt = 0; attempt < 100; ++attempt) {
        if (::umount(mount_point.c_str()) == 0) return 0;
        if (errno != EBUSY) return -1;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return ::umount2(mount_point.c_str(), MNT_DETACH);
}

// A real full disk: a 64 KiB tmpfs (needs the right to mount; skipped otherwise). The kernel
// writes what fits and then says ENOSPC; Windows fails the whole write with 112.
TEST_F(FileFaults, ARealFullDiskFailsAWriteThatOnlyPartlyFitsWith112) {
    const std::string small = path("small");
    ASSERT_EQ(::mkdir(small.c_str(), 0700), 0);
    if (::mount("ovlab-full", small.c_str(), "tmpfs", 0, "size=64k") != 0)
        GTEST_SKIP() << "cannot mount a small tmpfs here (" << std::strerror(errno) << "); the injected faults cover it";
    HANDLE file = open_overlapped("small/full.bin", GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS);
    EXPECT_NE(file, INVALID_HANDLE_VALUE);
    std::vector<char> data(256 << 10, 'z');
    const Outcome out = transfer(file, true, data.data(), static_cast<DWORD>(data.size()));
    EXPECT_FALSE(out.ok);
    EXPECT_EQ(out.error, static_cast<DWORD>(ERROR_DISK_FULL));
    EXPECT_EQ(out.overlapped.InternalHigh, 0u);
    EXPECT_TRUE(CloseHandle(file));
    EXPECT_EQ(unmount_when_released(small), 0) << std::strerror(errno);
}

// Run in a process of its own with OVLAB_IO_BACKEND=uring OVLAB_FAULTS=uring_init=ENOMEM: the
// runtime falls back to the thread-pool backend (and says so on stderr); every IoIssued event of
// the trace names the backend that ran the request.
using RingRefused = FileFaults;

TEST_F(RingRefused, TheRuntimeFallsBackToTheThreadPool) {
    const char* faults = std::getenv("OVLAB_FAULTS");
    ASSERT_TRUE(faults && std::strstr(faults, "uring_init")) << "run with OVLAB_FAULTS=uring_init=ENOMEM";
    EXPECT_EQ(platform::io_backend_name(), "threads");
    HANDLE file = open_overlapped("fallback.bin", GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS);
    ASSERT_NE(file, INVALID_HANDLE_VALUE);
    expect_next_request_works(file);
    EXPECT_TRUE(CloseHandle(file));
}

}  // namespace
}  // namespace ovlab::testing
