#include "child_process.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <thread>

namespace ovlab::test {
namespace {

struct Streams {
    int out = -1;
    int err = -1;
};

// Between fork and exec only async-signal-safe calls: the test process has threads.
[[noreturn]] void exec_in_child(const ChildSetup& setup, const Streams& streams, std::vector<char*>& argv) {
    const int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    const int out = streams.out >= 0 ? streams.out : ::open(setup.stdout_path.c_str(), O_WRONLY | O_CLOEXEC);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(streams.err >= 0 ? streams.err : null, STDERR_FILENO);
    if (setup.umask_zero) ::umask(0);
    ::execv(argv[0], argv.data());
    ::_exit(127);
}

pid_t spawn(const ChildSetup& setup, const Streams& streams, const std::vector<std::string>& args) {
    std::vector<std::string> storage = args;
    storage.insert(storage.begin(), OVLAB_PROGRAM);
    std::vector<char*> argv;
    for (std::string& arg : storage) argv.push_back(arg.data());
    argv.push_back(nullptr);
    // setenv is not async-signal-safe: TMPDIR is set here and put back after the fork.
    const char* own_tmpdir = std::getenv("TMPDIR");
    const std::optional<std::string> saved = own_tmpdir ? std::optional<std::string>(own_tmpdir) : std::nullopt;
    if (!setup.tmpdir.empty()) ::setenv("TMPDIR", setup.tmpdir.c_str(), 1);
    const pid_t pid = ::fork();
    if (pid == 0) exec_in_child(setup, streams, argv);
    if (saved) ::setenv("TMPDIR", saved->c_str(), 1);
    else ::unsetenv("TMPDIR");
    return pid;
}

}  // namespace

pid_t start_program(const ChildSetup& setup, const std::vector<std::string>& args) {
    return spawn(setup, {setup.stdout_fd, -1}, args);
}

std::optional<int> wait_for_exit(pid_t pid, int seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid) return status;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    return std::nullopt;
}

int shell_status(int wait_status) {
    return WIFSIGNALED(wait_status) ? 128 + WTERMSIG(wait_status) : WEXITSTATUS(wait_status);
}

Finished run_program(const std::vector<std::string>& args, const std::string& stdout_path) {
    int errors[2];
    if (::pipe2(errors, O_CLOEXEC) != 0) return {};
    ChildSetup setup;
    setup.stdout_path = stdout_path;
    const pid_t pid = spawn(setup, {-1, errors[1]}, args);
    ::close(errors[1]);
    Finished finished;
    char buffer[4096];
    for (ssize_t n; (n = ::read(errors[0], buffer, sizeof buffer)) > 0;) finished.errors.append(buffer, size_t(n));
    ::close(errors[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    finished.status = shell_status(status);
    return finished;
}

}  // namespace ovlab::test
