// Shared fixture for the Win32 runtime tests: a fresh folder per test, sample files, and the
// end-of-test check that nothing leaked (handles, requests in flight, blocked waits).
#pragma once

#include <windows.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "ovlab/status_codes.h"  // the NTSTATUS constants: kStatusEndOfFile, ...

namespace ovlab::testing {

// Internal as a thread racing the completion must read it. HasOverlappedIoCompleted is a plain
// read: harmless on x64, but a data race for ThreadSanitizer. The runtime stores Internal last,
// with release order, so after this acquire load InternalHigh and the data are final too.
inline DWORD status_now(const OVERLAPPED& o) {
    return static_cast<DWORD>(__atomic_load_n(&o.Internal, __ATOMIC_ACQUIRE));
}
inline bool completed_now(const OVERLAPPED& o) { return status_now(o) != STATUS_PENDING; }

class RuntimeTest : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;

    std::string path(const std::string& name) const { return (folder_ / name).string(); }
    // Writes `size` bytes of a known pattern (byte i = i * 7 + 3) and returns them.
    std::vector<char> write_pattern_file(const std::string& name, size_t size) const;
    std::string read_whole_file(const std::string& name) const;
    void write_text_file(const std::string& name, const std::string& text) const;
    // A named pipe (FIFO) in the test folder: reads on it pend until data is written, so it gives
    // requests that stay in flight (CreateFile opens it read-write, so the open never blocks).
    std::string make_fifo(const std::string& name) const;

    HANDLE open_overlapped(const std::string& name, DWORD access = GENERIC_READ, DWORD disposition = OPEN_EXISTING);
    HANDLE open_synchronous(const std::string& name, DWORD access = GENERIC_READ, DWORD disposition = OPEN_EXISTING);

private:
    std::filesystem::path folder_;
};

}  // namespace ovlab::testing
