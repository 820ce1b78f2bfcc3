// Helpers for the lesson tests: a temporary folder and running a program to completion.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace ovlab::test {

// A fresh folder under the system temp folder, removed with everything in it on destruction.
class TempFolder {
public:
    TempFolder();
    ~TempFolder();
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

struct ProgramRun {
    int exit_code = -1;      // -1 when the program did not exit normally (killed by a signal)
    bool timed_out = false;  // killed after the time limit: a lesson program must never hang
    std::string output;      // stdout and stderr together
};

// Runs `program` with `args` (no shell), waits for it (killing it after `limit`), and captures
// its output.
ProgramRun run_program(const std::filesystem::path& program, const std::vector<std::string>& args,
                       std::chrono::seconds limit = std::chrono::seconds(60));

// A lesson id as a test name: "event-sockets" becomes "event_sockets".
std::string lesson_test_name(const std::string& lesson_id);

// Writes `text` to `path`, replacing it.
void write_file(const std::filesystem::path& path, const std::string& text);

}  // namespace ovlab::test
