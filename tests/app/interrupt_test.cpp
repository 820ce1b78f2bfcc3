// A headless run stopped from outside (Ctrl+C, kill, a closed terminal, a reader that went away)
// ends the lesson, removes its working folder and exits as the signal says. The real binary runs
// in a child process with a TMPDIR of its own, so leftovers can be counted.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include "child_process.h"

namespace ovlab::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// completion-routine not alertable waits the whole `wait` in SleepEx: 10 s in which to interrupt it.
const std::vector<std::string> kSlowRun = {"--lesson", "completion-routine", "--headless", "--param",
                                           "alertable=off", "--param", "wait=10000"};
constexpr int kPatienceSeconds = 30;

class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "ovlab-interrupt-test-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() { fs::remove_all(path_); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }
    std::vector<fs::path> entries() const { return {fs::directory_iterator(path_), fs::directory_iterator()}; }
    std::string listing() const {
        std::string names;
        for (const fs::path& entry : entries()) names += entry.filename().string() + " ";
        return names;
    }

private:
    fs::path path_;
};

// The run folder Session makes for the lesson, once it exists.
std::optional<fs::path> wait_for_run_folder(const TempDir& tmpdir) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kPatienceSeconds);
    while (std::chrono::steady_clock::now() < deadline) {
        for (const fs::path& entry : tmpdir.entries())
            if (entry.filename().string().starts_with("overlapped-lab-")) return entry;
        std::this_thread::sleep_for(10ms);
    }
    return std::nullopt;
}

std::string signal_name(int signal) {
    switch (signal) {
        case SIGINT: return "SIGINT";
        case SIGTERM: return "SIGTERM";
        case SIGHUP: return "SIGHUP";
        case SIGQUIT: return "SIGQUIT";
    }
    return std::to_string(signal);
}

void expect_clean_stop(const std::vector<std::string>& args, int signal, int times = 1) {
    TempDir tmpdir;
    const pid_t pid = start_program({tmpdir.path()}, args);
    ASSERT_TRUE(wait_for_run_folder(tmpdir)) << "the lesson never started";
    for (int i = 0; i < times; ++i) ::kill(pid, signal);
    const std::optional<int> status = wait_for_exit(pid, kPatienceSeconds);
    ASSERT_TRUE(status) << "still running " << kPatienceSeconds << " s after " << signal_name(signal);
    EXPECT_EQ(shell_status(*status), 128 + signal);
    EXPECT_EQ(tmpdir.listing(), "") << "left behind";
}

const auto kStopSignals = testing::Values(SIGINT, SIGTERM, SIGHUP, SIGQUIT);
std::string name_of(const testing::TestParamInfo<int>& param) { return signal_name(param.param); }

class StopSignal : public testing::TestWithParam<int> {};

TEST_P(StopSignal, EndsTheRunRemovesItsFolderAndExitsAsTheSignal) { expect_clean_stop(kSlowRun, GetParam()); }

INSTANTIATE_TEST_SUITE_P(Headless, StopSignal, kStopSignals, name_of);

// GNU timeout signals the command and then its whole process group: one request, one cleanup.
TEST(StopSignalTwiceAtOnce, StillRemovesTheFolder) { expect_clean_stop(kSlowRun, SIGINT, 2); }

// The window closes the normal way too (SIGHUP and SIGQUIT used to kill it, folder and all).
class WindowStopSignal : public testing::TestWithParam<int> {};

TEST_P(WindowStopSignal, ClosesRemovesTheFolderAndExitsAsTheSignal) {
    if (!std::getenv("DISPLAY")) GTEST_SKIP() << "no display: cli.window_stop_signals runs this under a virtual display";
    expect_clean_stop({"--lesson", "event-file-copy"}, GetParam());
}

INSTANTIATE_TEST_SUITE_P(Window, WindowStopSignal, kStopSignals, name_of);

// `overlapped-lab --lesson event-file-copy --headless | head -1`: the transcript (38 KB) is longer
// than the pipe holds, so the run is still writing when the reader goes, however fast it is.
TEST(ClosedStdout, EndsTheRunRemovesItsFolderAndExitsAsSigpipe) {
    TempDir tmpdir;
    int pipe_fds[2];
    ASSERT_EQ(::pipe2(pipe_fds, O_CLOEXEC), 0);  // the child must not hold a read end itself
    ASSERT_GT(::fcntl(pipe_fds[1], F_SETPIPE_SZ, 4096), 0);
    ChildSetup setup{tmpdir.path()};
    setup.stdout_fd = pipe_fds[1];
    const pid_t pid = start_program(setup, {"--lesson", "event-file-copy", "--headless"});
    ::close(pipe_fds[1]);
    char c = 0;
    while (::read(pipe_fds[0], &c, 1) == 1 && c != '\n') {
    }
    ::close(pipe_fds[0]);
    const std::optional<int> status = wait_for_exit(pid, kPatienceSeconds);
    ASSERT_TRUE(status) << "still running " << kPatienceSeconds << " s after its reader went away";
    EXPECT_EQ(shell_status(*status), 128 + SIGPIPE);
    EXPECT_EQ(tmpdir.listing(), "") << "left behind";
}

TEST(RunFolder, IsOwnerOnlyEvenWithUmaskZero) {
    TempDir tmpdir;
    ChildSetup setup{tmpdir.path()};
    setup.umask_zero = true;
    const pid_t pid = start_program(setup, kSlowRun);
    const std::optional<fs::path> folder = wait_for_run_folder(tmpdir);
    struct stat info {};
    const int stat_result = folder ? ::stat(folder->c_str(), &info) : -1;
    ::kill(pid, SIGTERM);
    ASSERT_TRUE(wait_for_exit(pid, kPatienceSeconds));
    ASSERT_TRUE(folder) << "the lesson never started";
    ASSERT_EQ(stat_result, 0);
    EXPECT_EQ(info.st_mode & 07777, 0700u);
}

}  // namespace
}  // namespace ovlab::test
