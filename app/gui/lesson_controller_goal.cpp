// LessonController: Run to… (run_goal.h), Run while looking back, and the student's own moves on
// the lesson's requests. Each goes through the trace or the Session's public controls only.
#include "lesson_controller.h"

#include <thread>

namespace ovlab::gui {

void LessonController::run_to(const RunGoal& goal) {
    if (!can_run_to()) return;
    pause();
    const trace::Recorder* events = recorder();
    if (!events) return;
    if (!trace_.is_live()) {
        const auto reaches = [&goal](const trace::Event& event) { return reaches_goal(event, goal); };
        if (const std::optional<uint64_t> step = trace_.next_step_showing(*events, trace_.shown_step(), reaches)) {
            trace_.show_step(*step);
            return;
        }
        trace_.show_live();
    }
    if (!session_ || session_->finished()) return;
    goal_ = goal;
    goal_scanned_ = trace_.live_state().upto;
    running_ = true;
}

// One checkpoint at a time, each only once the previous one is over (the turn is free again), so
// the run stops at the step that reached the goal and not a step later. Several per frame, within
// a few milliseconds: a slow frame (a software-rendered display) must not slow the run to its pace.
void LessonController::advance_goal() {
    using Clock = std::chrono::steady_clock;
    const auto until = Clock::now() + std::chrono::milliseconds(8);
    while (goal_ && session_ && Clock::now() < until) {
        if (session_->finished()) {
            stop_moving();
            return;
        }
        step::Stepper& stepper = session_->stepper();
        if (!stepper.has_waiting()) {  // a step is on its way, or everything waits for the kernel
            std::this_thread::sleep_for(std::chrono::microseconds(200));
            continue;
        }
        const trace::Recorder& events = session_->recorder();
        for (const uint64_t published = events.published(); goal_scanned_ < published; ++goal_scanned_) {
            if (reaches_goal(events.at(goal_scanned_), *goal_)) {
                stop_moving();
                return;
            }
        }
        stepper.step();
    }
}

void LessonController::advance_history_play() {
    if (!history_play_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now < next_history_step_) return;
    next_history_step_ = now + run_interval();
    if (!trace_.is_live()) trace_.show_step(trace_.shown_step() + 1);
    if (!trace_.is_live()) return;
    stop_moving();
    if (!recorded_ && !lesson_finished()) run();  // the history is shown: the live run goes on
}

bool LessonController::deliver_held_first(uint64_t overlapped) {
    return acts_on_requests() && session_->deliver_held_first(overlapped);
}

bool LessonController::cancel_request(uint64_t handle, uint64_t overlapped) {
    return acts_on_requests() && session_->cancel_request(handle, overlapped);
}

}  // namespace ovlab::gui
