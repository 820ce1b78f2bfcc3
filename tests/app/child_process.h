// The real overlapped-lab in a child process, with the stdout, TMPDIR and umask a test chooses.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ovlab::test {

struct ChildSetup {
    std::filesystem::path tmpdir;  // empty: the test's own
    std::string stdout_path = "/dev/null";
    int stdout_fd = -1;            // a pipe's write end instead of stdout_path
    bool umask_zero = false;
};

// Starts overlapped-lab with `args`; stderr goes to /dev/null.
pid_t start_program(const ChildSetup& setup, const std::vector<std::string>& args);
// The wait status, or nothing when the child still runs after `seconds` (it is then killed).
std::optional<int> wait_for_exit(pid_t pid, int seconds);
// What a shell shows as $?: 128 + N for a process killed by signal N.
int shell_status(int wait_status);

struct Finished {
    int status = -1;  // as shell_status
    std::string errors;
};
// Runs overlapped-lab with `args` to its end, stdout to `stdout_path`, and collects its stderr.
Finished run_program(const std::vector<std::string>& args, const std::string& stdout_path = "/dev/null");

}  // namespace ovlab::test
