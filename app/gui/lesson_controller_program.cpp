// LessonController driving a program of one's own in its own process (overlapped-lab --program PATH):
// the controls become the link's commands (docs/program-protocol.md) and the code panel follows the
// source file of the step shown. The program may crash; the lab only reports it.
#include <string.h>

#include <csignal>
#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>

#include "cli.h"
#include "lesson_controller.h"
#include "ovlab/localized_error.h"
#include "ovlab/trace_output.h"
#include "program_narration.h"
#include "program_run.h"
#include "program_sources.h"
#include "ui_strings.h"

namespace ovlab::gui {

class LessonController::ProgramRunDriver final : public ProgramDriver {
public:
    ProgramRunDriver(LessonController& lessons, ProgramLaunch launch) : lessons_(lessons), launch_(std::move(launch)) {
        start();
    }

    bool command(link::LabCommand command, uint64_t argument) override {
        return ready() && run_->command(command, argument);
    }

    // The old process ends on the teardown thread; the new one starts at once (each has its own link).
    void restart() override {
        if (run_) {
            run_->command(link::LabCommand::Abort, 0);
            lessons_.teardown_ = std::async(std::launch::async, [old = std::move(run_)]() mutable { old.reset(); });
        }
        start();
    }

    void poll() override {
        if (!run_) return;
        if (!greeted_ && run_->connected()) {
            greeted_ = true;  // commands go only after the lab's Welcome, so the hold waits for it
            if (lessons_.hold_) run_->command(link::LabCommand::Hold, 1);
        }
        const bool gone = run_->end().has_value();  // read first: then everything it sent is published
        learn_new_events();
        show_file_of_step();
        if (gone && !ended_) finish(*run_->end());
    }

    bool ready() const override { return run_ && run_->connected() && !ended_; }
    bool ended() const override { return ended_; }

private:
    void start() {
        run_.reset();
        sources_ = app::ProgramSources(std::vector<std::filesystem::path>(launch_.sources.begin(), launch_.sources.end()));
        seen_ = 0;
        last_checkpoint_.reset();
        greeted_ = ended_ = false;
        shown_file_.reset();
        lessons_.program_recorder_ = nullptr;
        lessons_.program_end_.clear();
        lessons_.program_end_help_.clear();
        lessons_.run_error_.clear();
        lessons_.source_.reset();
        lessons_.source_error_.clear();
        lessons_.trace_.clear();
        lessons_.stop_moving();
        lessons_.pinned_step_.reset();
        ++lessons_.generation_;
        ++lessons_.texts_version_;
        try {
            run_ = std::make_unique<app::ProgramRun>(launch_.path, launch_.arguments);
            lessons_.program_recorder_ = &run_->recorder();
        } catch (const std::runtime_error& error) {
            lessons_.run_error_ = message_in(error, ui_language());
        }
    }

    // Reads each source file as the program names it, and remembers its last step for a crash report.
    void learn_new_events() {
        const uint64_t published = run_->recorder().published();
        for (; seen_ < published; ++seen_) {
            const trace::Event& event = run_->recorder().at(seen_);
            if (event.kind == trace::EventKind::SourceFile) {
                if (std::optional<std::string> warning = sources_.learn(event)) lessons_.source_error_ = *warning;
            }
            if (trace::is_checkpoint(event.kind)) last_checkpoint_ = event;
        }
    }

    // The code panel shows one file: the one the step shown is about (a program may have several); at
    // a completion, the file of the call that issued the request, whose line the panel marks.
    void show_file_of_step() {
        const StepView view = lessons_.view();
        const uint32_t line = view.checkpoint ? checkpoint_line(view) : 0;
        const uint32_t file = line ? app::narrated_file(*view.checkpoint, *view.state, run_->recorder())
                                   : shown_file_.value_or(1);
        if (shown_file_ == file || !sources_.lines(file)) return;
        shown_file_ = file;
        try {
            lessons_.source_ = LessonSource::parse(*sources_.lines(file), *sources_.path(file));
            lessons_.source_error_.clear();
        } catch (const std::exception& error) {
            lessons_.source_.reset();
            lessons_.source_error_ = error.what();
        }
        ++lessons_.texts_version_;
    }

    std::string where_last() const {
        if (!last_checkpoint_ || !last_checkpoint_->line) return "-";
        const std::optional<std::filesystem::path> path = sources_.path(last_checkpoint_->file);
        const std::string file = path ? path->filename().string() : std::string("?");
        const std::string what = last_checkpoint_->name[0] ? fmt::format(" ({})", last_checkpoint_->name_view()) : "";
        return fmt::format("{}:{}{}", file, last_checkpoint_->line, what);
    }

    // How it ended: returning from main ends the run as a lesson's end does; anything else shows in
    // the toolbar and on standard error.
    void finish(const app::ProgramEnd& end) {
        ended_ = true;
        lessons_.running_ = false;
        if (end.goodbye && end.broken_link.empty()) record_end(static_cast<int64_t>(end.goodbye->exit_code), end);
        const trace::State& state = lessons_.trace_.live_state();
        const std::string name = std::filesystem::path(launch_.path).filename().string();
        const std::string thread = last_checkpoint_ ? trace::thread_label(state, last_checkpoint_->thread) : "-";
        if (!end.broken_link.empty()) {
            lessons_.program_end_ = tr(Str::StatusProgramBrokeLink);
            lessons_.program_end_help_ = end.broken_link;
        } else if (end.how == app::ProgramEnd::How::Signalled && !end.killed_by_lab) {
            const char* abbreviation = sigabbrev_np(end.signal);
            const std::string signal = abbreviation ? abbreviation : "?";
            lessons_.program_end_ = fmt::format(fmt::runtime(tr(Str::StatusProgramCrashed)), signal);
            lessons_.program_end_help_ = fmt::format(fmt::runtime(tr(Str::ProgramCrashHelp)), end.signal, signal,
                                                     state.checkpoints, thread, where_last());
        } else if (!end.connected) {
            lessons_.program_end_ = tr(Str::StatusProgramNotForLab);
            lessons_.program_end_help_ = tr(Str::ProgramNotForLabHelp);
        } else if (end.exit_code != 0) {
            lessons_.program_end_ = fmt::format(fmt::runtime(tr(Str::StatusProgramExited)), end.exit_code);
            lessons_.program_end_help_ =
                fmt::format(fmt::runtime(tr(Str::ProgramExitedHelp)), end.exit_code, state.checkpoints);
        }
        if (!lessons_.program_end_.empty())
            app::print_error(app::worded(ui_language(), "program {}: {}", "프로그램 {}: {}", name,
                                         lessons_.program_end_help_),
                             ui_language());
    }

    // A lesson of one's own ends with its check, as a built-in lesson does; a program with its exit code.
    void record_end(int64_t code, const app::ProgramEnd& end) {
        if (const LessonInfo* lesson = lessons_.lesson_) {
            const CheckResult check = lesson->program(lessons_.parameters_).check({}, static_cast<int>(code));
            run_->recorder().record({trace::EventKind::LessonFinished, 0, static_cast<uint64_t>(code),
                                     check.passed ? 1u : 0u, 0, {}, check.message_in(ui_language())});
            return;
        }
        run_->recorder().record({trace::EventKind::LessonFinished, 0, static_cast<uint64_t>(code), code == 0 ? 1u : 0u,
                                 end.goodbye->leaked_handles, {},
                                 fmt::format(fmt::runtime(tr(Str::StatusProgramExited)), code)});
    }

    LessonController& lessons_;
    const ProgramLaunch launch_;
    std::unique_ptr<app::ProgramRun> run_;
    app::ProgramSources sources_{{}};
    uint64_t seen_ = 0;
    std::optional<trace::Event> last_checkpoint_;
    std::optional<uint32_t> shown_file_;
    bool greeted_ = false;
    bool ended_ = false;
};

void LessonController::open_program(ProgramLaunch launch) {
    peers_.clear();
    peer_port_.reset();
    if (session_) teardown_ = std::async(std::launch::async, [old = std::move(session_)]() mutable { old.reset(); });
    leave_program();
    recorded_.reset();
    pending_lesson_ = nullptr;
    lesson_ = nullptr;
    serves_peer_ = false;
    parameters_.clear();
    // A narration.<lang>.md next to the program narrates it as a lesson's does; without one, each step
    // is explained from what it recorded (panel_narration.cpp).
    const std::filesystem::path folder = std::filesystem::path(launch.path).parent_path();
    for (Language language : {Language::English, Language::Korean}) {
        const size_t i = language == Language::Korean ? 1 : 0;
        narration_[i].reset();
        narration_error_[i].clear();
        try {
            narration_[i] = app::load_narration_in(folder, language);
        } catch (const std::exception& error) {
            narration_error_[i] = message_in(error, language);
        }
    }
    ++texts_version_;
    program_name_ = std::filesystem::path(launch.path).filename().string();
    program_ = std::make_unique<ProgramRunDriver>(*this, std::move(launch));
}

// Its program is next to its lesson.json and narration, so open_program finds the narration there.
void LessonController::open_own_lesson(const LessonInfo& lesson, ParameterValues parameters) {
    std::vector<std::string> arguments = lesson.program(parameters).prepare({});  // only the parameters
    open_program({lesson.executable.string(), std::move(arguments), {(lesson_folder(lesson) / lesson.source_file).string()}});
    lesson_ = &lesson;
    parameters_ = std::move(parameters);
}

}  // namespace ovlab::gui
