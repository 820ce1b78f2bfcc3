// Runs a program of one's own (built with ovlab_add_lab_program) in its own process, connected to
// the lab by a socketpair (docs/program-protocol.md). POSIX only so far.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "ovlab/program_link.h"
#include "ovlab/trace.h"

namespace ovlab::app {

struct ProgramEnd {
    enum class How {
        Exited,          // the process ended with an exit code
        Signalled,       // a signal ended it (a crash, abort(), the lab's kill)
    } how = How::Exited;
    int exit_code = 0;
    int signal = 0;
    bool connected = false;                 // it said Hello: it was built for the lab
    std::optional<link::Goodbye> goodbye;   // it said Goodbye: main returned and the run was cleaned up
    std::string broken_link;                // what it sent that broke the protocol; the lab then killed it
    bool killed_by_lab = false;
};

class ProgramRun {
public:
    // Starts `program` with `arguments` (argv[1..]). Throws std::runtime_error with one readable
    // line when it cannot be started.
    ProgramRun(const std::string& program, const std::vector<std::string>& arguments);
    ~ProgramRun();  // kills the program if it still runs, waits for it
    ProgramRun(const ProgramRun&) = delete;
    ProgramRun& operator=(const ProgramRun&) = delete;

    // The program's trace as the lab received it; the lab may append its own events.
    trace::Recorder& recorder() { return *recorder_; }
    bool connected() const { return connected_.load(); }
    // Sends a controller command; false when the link is gone.
    bool command(link::LabCommand command, uint64_t argument = 0);
    // Ends the program now (SIGKILL); end() then says so.
    void kill();
    // Set once the process is gone and everything it sent is in recorder().
    std::optional<ProgramEnd> end() const;

private:
    void receive();
    void reap(ProgramEnd& end);

    std::unique_ptr<trace::Recorder> recorder_;
    pid_t pid_ = -1;
    std::mutex pid_mutex_;  // kill() never signals a pid reaped (and perhaps reused) already
    bool reaped_ = false;
    int fd_ = -1;
    std::mutex send_mutex_;
    std::atomic<bool> connected_{false};
    std::atomic<bool> killed_{false};
    std::atomic<bool> stopping_{false};
    mutable std::mutex end_mutex_;
    std::optional<ProgramEnd> end_;
    std::thread receiver_;
};

}  // namespace ovlab::app
