// A session is one run of one lesson: its working folder with sample data, its trace, its stepper
// and its threads. The GUI and the headless runner both drive lessons through this class; the
// runtime records into the current session.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "ovlab/language.h"
#include "ovlab/stepper.h"
#include "ovlab/trace.h"

namespace ovlab {

struct CheckResult {
    bool passed = false;
    std::string message;     // one line a student can read: what was checked, what was found
    std::string message_ko;  // the same line in Korean; the English one stands in while it is empty

    const std::string& message_in(Language language) const {
        return language == Language::Korean && !message_ko.empty() ? message_ko : message;
    }
};

// What a lesson contributes to a run (the registry in lessons/ builds these).
struct LessonProgram {
    std::string id;
    // The lesson's Win32 program (its main, renamed by the build).
    std::function<int(int argc, char** argv)> entry;
    // Creates sample data in the working folder; returns the program's arguments (argv[1..]).
    std::function<std::vector<std::string>(const std::filesystem::path& workdir)> prepare;
    // Decides whether the run taught what it should (e.g. the copy is byte-identical).
    std::function<CheckResult(const std::filesystem::path& workdir, int exit_code)> check;
    // Non-empty: the program serves connections made from outside the lesson (the window's Peer
    // client panel plays the remote machine) until the student stops it, and writes its listening
    // port, in decimal and ending with a newline, to this file in the working folder. Such a run
    // never ends by itself, so only the window runs it.
    std::string peer_port_file;
    // With peer_port_file: the text the Peer client panel's "Stop server" button sends on a new
    // connection to end the run, and whether the program echoes what it receives. An empty text:
    // the program serves one connection and ends when its peer closes or resets it (no such button).
    std::string peer_stop_text;
    bool peer_echoes = false;
    // The language the run's own texts are recorded in (the check's message).
    Language language = Language::English;
};

struct SessionResult {
    int exit_code = 0;
    CheckResult check;
    size_t leaked_handles = 0;  // handles the lesson left open, closed by the session
    size_t leaked_heap_blocks = 0;  // process-heap blocks the lesson never freed, freed by the session
};

class Session {
public:
    // Creates a fresh per-run temporary folder. Throws std::runtime_error with a readable message
    // when the folder or the sample data cannot be created.
    explicit Session(LessonProgram program, uint64_t history_capacity = trace::Recorder::kDefaultCapacity);
    ~Session();  // aborts a running lesson, waits for its threads and I/O, removes the folder

    // A program the lab runs in its own process (ovlab/program_link.h): the session records that
    // process, whose own main thread is the run's main. It uses the system's temporary folder as a
    // program does outside the lab, and never removes it.
    struct HostedProcess {};
    Session(HostedProcess, std::string program_name);
    // Called on the process's main thread before main: makes this the current session and the
    // calling thread the run's main thread, and waits for the first step.
    void host_main_thread();
    // main returned `exit_code`: as Windows ends the process, the other threads are stopped and the
    // I/O still in flight finished before the handles and heap are released. Called on main's thread.
    SessionResult end_hosted_main(int exit_code);
    bool hosts_process() const { return hosts_process_; }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    void start();
    // Ends the run now, as Reset does, even while its I/O is pending, and waits until everything
    // it owned is released; result() then says what the session had to clean up.
    void stop() { abort_and_join(); }
    bool finished() const;
    // True once the run's history filled up and the run was stopped (see stop_at_history_limit).
    bool history_full() const { return history_full_.load(); }
    void stop_at_history_limit();
    // Blocks until the lesson's main thread returned and the check ran.
    const SessionResult& wait();
    std::optional<SessionResult> result() const;

    // The student plays the device (the window's OVERLAPPED panel). Each is recorded in the trace
    // (EventKind::StudentAction) before it acts, so the views show it in order.
    // Lets the held completion of this OVERLAPPED through ahead of the other held ones; false when
    // no held request has it.
    bool deliver_held_first(uint64_t overlapped);
    // CancelIoEx(handle, overlapped) through the runtime, as another thread of the process would
    // call it: the request completes through its usual channel with ERROR_OPERATION_ABORTED (995)
    // when the kernel can still stop it. False when no pending request had them (ERROR_NOT_FOUND).
    bool cancel_request(uint64_t handle, uint64_t overlapped);

    trace::Recorder& recorder() { return *recorder_; }
    step::Stepper& stepper() { return *stepper_; }
    const std::filesystem::path& workdir() const { return workdir_; }
    const LessonProgram& program() const { return program_; }

    // The session the runtime records into, or null outside a lesson run.
    static Session* current();

private:
    void run_main();
    SessionResult end_main_thread(int exit_code);
    void abort_and_join();

    LessonProgram program_;
    std::filesystem::path workdir_;
    std::vector<std::string> args_;
    std::unique_ptr<trace::Recorder> recorder_;
    std::unique_ptr<step::Stepper> stepper_;
    std::thread main_thread_;
    mutable std::mutex result_mutex_;
    std::condition_variable result_ready_;
    std::optional<SessionResult> result_;
    std::atomic<bool> history_full_{false};
    bool hosts_process_ = false;
};

// Records into the current session's trace; outside a lesson run into the process-wide trace when
// OVLAB_TRACE names a file (ovlab/process_recording.h), else a no-op.
uint64_t record(const trace::EventData& data);
// True when record() keeps what it is given: the runtime formats call texts only then.
bool recording();
// Parks the calling thread at a checkpoint of the current session's stepper (no-op outside one).
void checkpoint();
step::Stepper* current_stepper();

}  // namespace ovlab
