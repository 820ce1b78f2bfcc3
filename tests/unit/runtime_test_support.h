// Shared fixture for the Win32 runtime tests: a fresh folder per test, sample files, and the
// end-of-test check that nothing leaked (handles, requests in flight, blocked waits).
#pragma once

#include <windows.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace ovlab::testing {

class RuntimeTest : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;

    std::string path(const std::string& name) const { return (folder_ / name).string(); }
    // Writes `size` bytes of a known pattern (byte i = i * 7 + 3) and returns them.
    std::vector<char> write_pattern_file(const std::string& name, size_t size) const;
    std::string read_whole_file(const std::string& name) const;
    void write_text_file(const std::string& name, const std::string& text) const;

    HANDLE open_overlapped(const std::string& name, DWORD access = GENERIC_READ, DWORD disposition = OPEN_EXISTING);
    HANDLE open_synchronous(const std::string& name, DWORD access = GENERIC_READ, DWORD disposition = OPEN_EXISTING);

private:
    std::filesystem::path folder_;
};

}  // namespace ovlab::testing
