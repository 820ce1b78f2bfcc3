#include "lesson_controller.h"
#include "ovlab/localized_error.h"
#include "ui_strings.h"

#include <algorithm>
#include <charconv>
#include <fstream>

namespace ovlab::gui {
namespace {

using namespace std::chrono_literals;

// How often the window looks for narration or source edits (a teacher edits them while the lab runs).
constexpr auto kTextCheckInterval = 1s;

size_t language_index(Language language) { return language == Language::Korean ? 1 : 0; }

std::filesystem::file_time_type last_written(const std::filesystem::path& path) {
    std::error_code error;
    const auto time = std::filesystem::last_write_time(path, error);
    return error ? std::filesystem::file_time_type{} : time;
}

}  // namespace

LessonController::~LessonController() {
    if (teardown_.valid()) teardown_.wait();
    session_.reset();
    program_.reset();
}

// Ending the program waits for its process: not on the GUI thread either.
void LessonController::leave_program() {
    if (program_) teardown_ = std::async(std::launch::async, [old = std::move(program_)]() mutable { old.reset(); });
    program_recorder_ = nullptr;
    program_name_.clear();
    program_end_.clear();
    program_end_help_.clear();
}

void LessonController::open(const LessonInfo& lesson, ParameterValues parameters) {
#ifndef _WIN32  // the Windows build lists no lesson of one's own (lessons/outside_lessons.cpp)
    // Bad values go the built-in way: the run's start reports them as run_error().
    if (lesson.runs_in_own_process() && !check_parameters(lesson, parameters)) {
        open_own_lesson(lesson, std::move(parameters));
        return;
    }
#endif
    // The peer's sockets belong to the old run: closing them is safe while the server still waits
    // for them (the teardown below cancels whatever it has pending).
    peers_.clear();
    peer_port_.reset();
    if (session_) {
        // The destructor aborts the lesson and joins its threads: not on the GUI thread.
        teardown_ = std::async(std::launch::async, [old = std::move(session_)]() mutable { old.reset(); });
    }
    leave_program();
    recorded_.reset();
    lesson_ = &lesson;
    pending_lesson_ = &lesson;
    parameters_ = std::move(parameters);
    serves_peer_ = false;
    peer_stop_text_.clear();
    peer_echoes_ = false;
    if (!check_parameters(lesson, parameters_)) {
        const LessonProgram program = lesson.program(parameters_);
        serves_peer_ = !program.peer_port_file.empty();
        peer_stop_text_ = program.peer_stop_text;
        peer_echoes_ = program.peer_echoes;
    }
    run_error_.clear();
    trace_.clear();
    stop_moving();
    pinned_step_.reset();
    ++generation_;
    load_texts();
    if (!teardown_.valid()) start_pending_run();
}

void LessonController::reset() {
    // A lesson of one's own starts again with the parameters set since (the Parameters dialog).
    if (program_ && !lesson_) program_->restart();
    else if (lesson_ && !recorded_) open(*lesson_, parameters_);
}

void LessonController::update() {
    if (teardown_.valid() && teardown_.wait_for(0s) == std::future_status::ready) {
        try {
            teardown_.get();
        } catch (const std::exception& error) {
            run_error_ = std::string("resetting the lesson failed: ") + error.what();
        }
    }
    if (pending_lesson_ && !teardown_.valid()) start_pending_run();
    if (program_) {
        program_->poll();
        if (program_recorder_) trace_.update(*program_recorder_);
        if (running_ && !history_play_ && program_->ended()) running_ = false;
        advance_history_play();
        return;  // its source files are read as it names them
    }
    if (session_) {
        trace_.update(session_->recorder());
        if (running_ && !history_play_ && session_->finished()) stop_moving();
        advance_goal();
        advance_history_play();
        if (serves_peer_) {
            if (!peer_port_) read_peer_port();
            peers_.poll();
        }
    } else if (recorded_) {
        trace_.update(*recorded_);
        advance_history_play();
        return;  // the embedded texts are the run's; nothing on disk replaces them
    }
    reload_edited_texts();
}

// The server writes the port and then a newline: a line without its newline is still being written.
void LessonController::read_peer_port() {
    std::ifstream file(session_->workdir() / session_->program().peer_port_file);
    std::string line;
    if (!std::getline(file, line) || file.eof()) return;
    uint16_t port = 0;
    const auto [end, error] = std::from_chars(line.data(), line.data() + line.size(), port);
    if (error == std::errc() && end == line.data() + line.size() && port != 0) peer_port_ = port;
}

void LessonController::start_pending_run() {
    const LessonInfo& lesson = *pending_lesson_;
    pending_lesson_ = nullptr;
    try {
        LessonProgram program = lesson.program(parameters_);
        // The check's message is recorded once, at the end, in the language shown when the run began.
        program.language = ui_language();
        session_ = std::make_unique<Session>(std::move(program));
        session_->stepper().set_hold(hold_);
        session_->start();
    } catch (const std::exception& error) {
        session_.reset();
        run_error_ = error.what();
    }
    ++generation_;
}

void LessonController::load_texts() {
    const LessonInfo& lesson = *lesson_;
    const std::filesystem::path source_path = lesson_folder(lesson) / lesson.source_file;
    texts_written_ = last_written(source_path);
    source_.reset();
    source_error_.clear();
    try {
        source_ = LessonSource::load(source_path);
    } catch (const std::exception& error) {
        source_error_ = error.what();
    }
    for (Language language : {Language::English, Language::Korean}) {
        const size_t i = language_index(language);
        const std::filesystem::path path = Narration::file_for(lesson, language);
        texts_written_ = std::max(texts_written_, last_written(path));
        narration_[i].reset();
        narration_error_[i].clear();
        try {
            narration_[i] = Narration::load(path);
        } catch (const std::exception& error) {
            narration_error_[i] = message_in(error, language);
        }
    }
    texts_checked_ = std::chrono::steady_clock::now();
    ++texts_version_;
}

void LessonController::reload_edited_texts() {
    if (!lesson_ || std::chrono::steady_clock::now() - texts_checked_ < kTextCheckInterval) return;
    texts_checked_ = std::chrono::steady_clock::now();
    auto newest = last_written(lesson_folder(*lesson_) / lesson_->source_file);
    for (Language language : {Language::English, Language::Korean})
        newest = std::max(newest, last_written(Narration::file_for(*lesson_, language)));
    if (newest > texts_written_) load_texts();
}

const Narration* LessonController::narration(Language language) const {
    const auto& narration = narration_[language_index(language)];
    return narration ? &*narration : nullptr;
}

const std::string& LessonController::narration_error(Language language) const {
    return narration_error_[language_index(language)];
}

StepView LessonController::view() {
    if (const trace::Recorder* events = recorder()) return trace_.view(*events);
    StepView empty;
    empty.state = &trace_.live_state();
    return empty;
}

bool LessonController::lesson_finished() const {
    if (program_) return program_->ended();
    return session_ ? session_->finished() : recorded_ && trace_.live_state().exit_code.has_value();
}

bool LessonController::can_step_forward() const {
    if (pinned_step_) return false;
    if (!trace_.is_live()) return true;
    if (program_) return program_->ready();  // the program's own stepper keeps a step for later
    return session_ && !session_->finished() && session_->stepper().has_waiting();
}

void LessonController::step_forward() {
    if (pinned_step_) return;
    if (history_play_ || goal_) pause();
    if (!trace_.is_live()) {
        trace_.show_step(trace_.shown_step() + 1);
        return;
    }
    if (running_) pause();
    if (program_) program_->command(link::LabCommand::Step, 0);
    else if (session_) session_->stepper().step();
}

void LessonController::step_back() {
    const uint64_t shown = trace_.shown_step();
    if (shown > 0) show_step(shown - 1);
}

void LessonController::show_live() {
    if (!pinned_step_) trace_.show_live();
}

void LessonController::show_step(uint64_t step) {
    if (!pinned_step_) trace_.show_step(step);
}

void LessonController::pin_view(std::optional<uint64_t> step) {
    pinned_step_ = step;
    if (!step) return;
    if (running_) pause();
    trace_.show_step(*step);
}

std::chrono::microseconds LessonController::run_interval() const {
    return std::chrono::microseconds(static_cast<int64_t>(1'000'000.0f / steps_per_second_));
}

uint64_t LessonController::run_interval_microseconds() const { return static_cast<uint64_t>(run_interval().count()); }

// Looking back, Run plays the history on from the step shown (advance_history_play), then live.
void LessonController::run() {
    if (pinned_step_) return;
    goal_.reset();
    if (!trace_.is_live()) {
        history_play_ = running_ = true;
        next_history_step_ = std::chrono::steady_clock::now();
        return;
    }
    if (program_) {
        running_ = program_->ready() && program_->command(link::LabCommand::Run, run_interval_microseconds());
        return;
    }
    if (!session_ || session_->finished()) return;
    running_ = true;
    session_->stepper().run(run_interval());
}

void LessonController::stop_moving() {
    running_ = false;
    goal_.reset();
    history_play_ = false;
}

void LessonController::pause() {
    stop_moving();
    if (program_) program_->command(link::LabCommand::Pause, 0);
    if (session_) session_->stepper().pause();
}

void LessonController::set_speed(float steps_per_second) {
    steps_per_second_ = std::clamp(steps_per_second, 0.25f, 50.0f);
    if (!running_ || goal_ || history_play_) return;  // those pace themselves (lesson_controller_goal.cpp)
    if (session_) session_->stepper().run(run_interval());
    if (program_) program_->command(link::LabCommand::Run, run_interval_microseconds());
}

void LessonController::set_hold(bool hold) {
    hold_ = hold;
    if (program_) program_->command(link::LabCommand::Hold, hold ? 1 : 0);
    if (session_) session_->stepper().set_hold(hold);
}

void LessonController::release_held() {
    if (program_) program_->command(link::LabCommand::Release, 0);
    if (session_) session_->stepper().release_held();
}

size_t LessonController::held_count() const { return session_ ? session_->stepper().held_count() : 0; }

bool LessonController::completion_held(uint64_t overlapped, bool kernel_done) const {
    if (!kernel_done || !hold_) return false;
    return session_ ? session_->stepper().is_held(overlapped) : true;
}

RequestPhase LessonController::request_phase(const trace::OverlappedView& ov, const trace::IoView* io) const {
    if (!ov.in_flight) return RequestPhase::Completed;
    const bool kernel_done = io && io->phase == trace::IoView::Phase::Finished;
    if (completion_held(ov.address, kernel_done)) return RequestPhase::Held;
    return kernel_done ? RequestPhase::KernelDone : RequestPhase::InFlight;
}

}  // namespace ovlab::gui
