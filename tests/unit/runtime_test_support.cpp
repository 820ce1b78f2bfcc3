#include "runtime_test_support.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include "ovlab/platform.h"
#include "runtime_diagnostics.h"

namespace ovlab::testing {

void RuntimeTest::SetUp() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ovlab-runtime-test-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    folder_ = pattern;
}

void RuntimeTest::TearDown() {
    // A completion signals its waiters before it lets go of its request, and a thread signals its
    // handle before its OS thread is gone: allow them a moment.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while ((posix::requests_in_flight() != 0 || posix::stream_ops_in_flight() != 0 ||
            posix::running_thread_count() != 0) &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_EQ(posix::requests_in_flight(), 0u) << "requests still in flight at the end of the test";
    EXPECT_EQ(posix::stream_ops_in_flight(), 0u) << "socket or pipe operations still in the kernel";
    EXPECT_EQ(posix::open_handle_count(), 0u) << "the test left handles open";
    EXPECT_EQ(posix::blocked_waiter_count(), 0u) << "a thread is still blocked in a wait";
    EXPECT_EQ(posix::running_thread_count(), 0u) << "a thread the test created is still running";
    EXPECT_EQ(posix::queued_apcs_of_calling_thread(), 0u) << "APCs are still queued to the test's thread";
    if (posix::running_thread_count() == 0) platform::join_lesson_threads();
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
}

std::vector<char> RuntimeTest::write_pattern_file(const std::string& name, size_t size) const {
    std::vector<char> bytes(size);
    for (size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>(i * 7 + 3);
    std::ofstream(path(name), std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(size));
    return bytes;
}

std::string RuntimeTest::read_whole_file(const std::string& name) const {
    std::ifstream in(path(name), std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void RuntimeTest::write_text_file(const std::string& name, const std::string& text) const {
    std::ofstream(path(name), std::ios::binary) << text;
}

std::string RuntimeTest::make_fifo(const std::string& name) const {
    const std::string fifo = path(name);
    EXPECT_EQ(::mkfifo(fifo.c_str(), 0666), 0);
    return fifo;
}

HANDLE RuntimeTest::open_overlapped(const std::string& name, DWORD access, DWORD disposition) {
    return CreateFileA(path(name).c_str(), access, FILE_SHARE_READ, nullptr, disposition,
                       FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OVERLAPPED, nullptr);
}

HANDLE RuntimeTest::open_synchronous(const std::string& name, DWORD access, DWORD disposition) {
    return CreateFileA(path(name).c_str(), access, FILE_SHARE_READ, nullptr, disposition, FILE_ATTRIBUTE_NORMAL,
                       nullptr);
}

// Every test of this binary runs under the backend CTest asked for; make sure it is that one.
TEST(RuntimeBackend, IsTheOneRequestedByTheEnvironment) {
    const char* requested = std::getenv("OVLAB_IO_BACKEND");
    if (!requested) GTEST_SKIP() << "OVLAB_IO_BACKEND not set: using the default backend";
    const std::string expected = std::string(requested) == "uring" ? "io_uring" : requested;
    EXPECT_EQ(platform::io_backend_name(), expected);
}

}  // namespace ovlab::testing
