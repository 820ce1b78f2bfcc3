// One lesson run as the window drives it: the Session (real threads, real I/O), its folded trace,
// the lesson source and narration, and the controls (step, run, pause, scrub, hold, reset).
//
// The GUI thread never blocks on lesson threads: a reset or a lesson switch hands the old Session
// to a background thread that destroys it (its destructor aborts and joins the lesson), and the new
// Session starts on a later frame once the old one is gone (the runtime has one session at a time).
#pragma once

#include <array>
#include <chrono>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ovlab/lesson_registry.h"
#include "ovlab/program_link.h"
#include "ovlab/recorded_trace.h"
#include "ovlab/session.h"
#include "peer_client.h"
#include "run_goal.h"
#include "trace_view.h"

namespace ovlab::gui {

// A program of one's own for the window (overlapped-lab --program PATH [--source FILE...] [-- ARGS]).
struct ProgramLaunch {
    std::string path;
    std::vector<std::string> arguments;
    std::vector<std::string> sources;
};

// What the OVERLAPPED panel's badge says of a request: done; in flight in the kernel; finished in the
// kernel and on its way to delivery; or finished in the kernel and held by the lab (Hold completions).
enum class RequestPhase { Completed, InFlight, KernelDone, Held };

class LessonController {
public:
    LessonController() = default;
    ~LessonController();
    LessonController(const LessonController&) = delete;
    LessonController& operator=(const LessonController&) = delete;

    // Tears down the current run (in the background) and starts `lesson` paused at step 0, with
    // `parameters` (checked by check_parameters; the rest at their defaults). A bad value shows as
    // run_error() instead of a run.
    void open(const LessonInfo& lesson, ParameterValues parameters = {});
    // Shows a finished recording (ovlab/recorded_trace.h) instead of a run: nothing runs, the views
    // start at step 0 and Step, Back and the scrub bar move through its history. The code panel
    // shows the source it embeds. Opening a lesson leaves it.
    void open_recorded(const std::string& path, trace::RecordedTrace recorded);
    bool replaying() const { return recorded_ != nullptr; }
    // Starts a program of one's own (built with ovlab_add_lab_program) in its own process, paused at
    // step 0 (docs/program-protocol.md). The controls go to it over its link; Reset ends it and starts
    // it again; the code panel shows the source file of the step shown. A crash ends only the
    // program: program_end() says how. POSIX only (lesson_controller_program.cpp).
    void open_program(ProgramLaunch launch);
    bool runs_program() const { return program_ != nullptr; }
    // A lesson of one's own (LessonInfo::runs_in_own_process): open() starts its program as
    // open_program does, with its parameters; lesson() is then the lesson, its check ends the run.
    void open_own_lesson(const LessonInfo& lesson, ParameterValues parameters);
    const std::string& program_name() const { return program_name_; }
    // Once the program is gone without returning 0 from main: how it ended (a few words for the
    // toolbar) and where it was then; "" while it runs or after it returned 0.
    const std::string& program_end() const { return program_end_; }
    const std::string& program_end_help() const { return program_end_help_; }
    const std::string& recorded_path() const { return recorded_path_; }
    // The recording's header; valid while replaying().
    const trace::RecordedTraceHeader& recorded_header() const { return recorded_header_; }
    // Starts the lesson again with the same parameters; safe while its I/O is pending (see above).
    void reset();
    // The parameters the next reset() starts with. The Parameters popup sets them and then asks for
    // a reset through UiRequests, so the run changes after the frame like any other reset.
    void set_next_parameters(ParameterValues parameters) { parameters_ = std::move(parameters); }
    // Once per frame: finishes a pending reset, folds new events, reloads edited narration.
    void update();

    const LessonInfo* lesson() const { return lesson_; }
    // What the current run was started with (or a requested reset will start with): only the values a
    // teacher set.
    const ParameterValues& parameters() const { return parameters_; }
    Session* session() { return session_.get(); }
    bool resetting() const { return teardown_.valid(); }
    const std::string& run_error() const { return run_error_; }
    // Changes whenever a new run starts, so panels can drop what they cached for the old one.
    uint64_t generation() const { return generation_; }

    const LessonSource* source() const { return source_ ? &*source_ : nullptr; }
    // Changes whenever the source or narration is (re)loaded from disk.
    uint64_t texts_version() const { return texts_version_; }
    const std::string& source_error() const { return source_error_; }
    const Narration* narration(Language language) const;
    const std::string& narration_error(Language language) const;

    TraceView& trace() { return trace_; }
    const TraceView& trace() const { return trace_; }
    StepView view();
    const trace::Recorder* recorder() const {
        return session_ ? &session_->recorder() : program_recorder_ ? program_recorder_ : recorded_.get();
    }

    // ---- controls ----
    bool can_step_forward() const;  // scrubbed back, or something in the lesson is waiting for its turn
    void step_forward();            // scrubbed back: move the view on; live: let one checkpoint pass
    void step_back();
    void show_live();
    void show_step(uint64_t step);
    // Predict mode: while a question is open the view stays on the step before the answer (no step,
    // run, scrub or jump moves it), so no panel shows the answer early. Nothing: the view is free.
    void pin_view(std::optional<uint64_t> step);
    bool view_pinned() const { return pinned_step_.has_value(); }
    void run();
    void pause();
    bool running() const { return running_; }
    void set_speed(float steps_per_second);
    float speed() const { return steps_per_second_; }
    void set_hold(bool hold);
    bool hold() const { return hold_; }
    void release_held();
    size_t held_count() const;
    // The request with this OVERLAPPED finished in the kernel (`kernel_done`) and the lab still holds
    // its completion: Hold is on and no Release let it go since. A released one only waits for its
    // turn. A program in its own process reports nothing per request: there Hold on is all it says.
    bool completion_held(uint64_t overlapped, bool kernel_done) const;
    // The badge of `ov`, whose latest request is `io` (null before its first one).
    RequestPhase request_phase(const trace::OverlappedView& ov, const trace::IoView* io) const;
    bool lesson_finished() const;

    // ---- stepping by meaning (run_goal.h, lesson_controller_goal.cpp) ----
    // Looking back, or in a recording: shows the first later step that reaches the goal when the
    // history has one. Live: lets one checkpoint pass at a time until an event reaches the goal,
    // the run ends, or Pause. Not for a program of one's own (its stepper is in its own process).
    void run_to(const RunGoal& goal);
    bool can_run_to() const { return !pinned_step_ && (session_ || recorded_); }
    const std::optional<RunGoal>& run_goal() const { return goal_; }
    // Run while looking back plays the history on from the step shown at the run speed, and then
    // goes on with the live run.
    bool playing_history() const { return history_play_; }

    // ---- the student as the device (Session::deliver_held_first and cancel_request) ----
    // Live lesson runs only; each is recorded in the trace.
    bool acts_on_requests() const { return session_ && !session_->finished() && trace_.is_live() && !pinned_step_; }
    bool deliver_held_first(uint64_t overlapped);
    bool cancel_request(uint64_t handle, uint64_t overlapped);
    // The request the OVERLAPPED panel shows, set as it draws: the D and C keys act on it.
    void focus_request(uint64_t handle, uint64_t overlapped) { focused_ = {handle, overlapped}; }
    bool deliver_focused_first() { return deliver_held_first(focused_.second); }
    bool cancel_focused() { return cancel_request(focused_.first, focused_.second); }

    // ---- runs that serve a peer (LessonProgram::peer_port_file, iocp-echo-server clients=0) ----
    // Known from the lesson and its parameters, so the Peer client panel stays put during a reset.
    bool serves_peer() const { return serves_peer_; }
    // The port the server published in its working folder; nothing until it has.
    std::optional<uint16_t> peer_port() const { return peer_port_; }
    // What the Peer client panel's "Stop server" sends (empty: the server takes one connection and
    // ends when it closes: no such button), and whether the server echoes what it receives.
    const std::string& peer_stop_text() const { return peer_stop_text_; }
    bool peer_echoes() const { return peer_echoes_; }
    // The remote machine's clients. Polled every frame; closed whenever a run ends by reset or switch.
    app::PeerClients& peers() { return peers_; }

private:
    void start_pending_run();
    void load_texts();
    void reload_edited_texts();
    void read_peer_port();
    std::chrono::microseconds run_interval() const;
    uint64_t run_interval_microseconds() const;  // the argument of the link's Run
    void leave_program();
    void stop_moving();  // no run, goal or history play any more
    void advance_goal();
    void advance_history_play();

    // A program of one's own runs behind this seam (lesson_controller_program.cpp, POSIX only).
    struct ProgramDriver {
        virtual ~ProgramDriver() = default;
        virtual bool command(link::LabCommand command, uint64_t argument) = 0;
        virtual void restart() = 0;
        virtual void poll() = 0;  // once per frame: source files it names, how it ended
        virtual bool ready() const = 0;  // connected, and still running
        virtual bool ended() const = 0;
    };
    class ProgramRunDriver;

    const LessonInfo* lesson_ = nullptr;
    const LessonInfo* pending_lesson_ = nullptr;  // starts once the old session is destroyed
    ParameterValues parameters_;
    std::unique_ptr<Session> session_;
    std::future<void> teardown_;
    std::string run_error_;
    uint64_t generation_ = 0;
    TraceView trace_;

    std::optional<LessonSource> source_;
    std::string source_error_;
    std::array<std::optional<Narration>, 2> narration_;
    std::array<std::string, 2> narration_error_;
    uint64_t texts_version_ = 0;
    std::filesystem::file_time_type texts_written_{};
    std::chrono::steady_clock::time_point texts_checked_{};

    std::unique_ptr<trace::Recorder> recorded_;  // replaying a file: its events, never a session then
    std::string recorded_path_;
    trace::RecordedTraceHeader recorded_header_;

    std::unique_ptr<ProgramDriver> program_;
    const trace::Recorder* program_recorder_ = nullptr;  // the program's run's, while program_
    std::string program_name_;
    std::string program_end_;
    std::string program_end_help_;

    bool serves_peer_ = false;
    std::string peer_stop_text_;
    bool peer_echoes_ = false;
    std::optional<uint16_t> peer_port_;
    app::PeerClients peers_;

    bool running_ = false;
    std::optional<RunGoal> goal_;
    uint64_t goal_scanned_ = 0;  // events of the live run already looked at for the goal
    bool history_play_ = false;
    std::chrono::steady_clock::time_point next_history_step_{};
    std::pair<uint64_t, uint64_t> focused_;  // handle, OVERLAPPED
    bool hold_ = false;
    std::optional<uint64_t> pinned_step_;
    float steps_per_second_ = 2.0f;
};

}  // namespace ovlab::gui
