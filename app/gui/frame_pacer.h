// When the window draws. It draws at the frame rate while a run goes, a key press waits, an
// animation plays, input arrives or the lesson's trace grows, and for a moment after (Dear ImGui
// settles a widget over a few frames). Otherwise it sleeps in glfwWaitEventsTimeout, waking on any
// window event and a few times a second to look at the lesson, so a paused window costs next to
// nothing.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

#include "lesson_controller.h"

namespace ovlab::gui {

// What the window last drew of the lesson: any difference means it must draw again.
struct LessonSnapshot {
    uint64_t generation = 0;
    uint64_t events_folded = 0;
    uint64_t texts_version = 0;
    size_t held = 0;
    bool running = false;
    bool resetting = false;
    bool operator==(const LessonSnapshot&) const = default;
};
LessonSnapshot snapshot(LessonController& lessons);

class FramePacer {
public:
    using Clock = std::chrono::steady_clock;

    // Keep drawing at the frame rate for at least `seconds` from now.
    void keep_drawing_for(double seconds);
    bool may_sleep() const { return Clock::now() >= drawing_until_; }
    // Blocks until a window event arrives or `timeout_seconds` pass; true when an event woke it.
    bool sleep(double timeout_seconds);
    // After ImGui's new frame: the mouse or keyboard did something this frame, or a text field is
    // being edited.
    static bool input_this_frame();

private:
    Clock::time_point drawing_until_{};
};

// After input or a change, ImGui needs a few frames to settle hover states and auto-sized windows.
constexpr double kSettleSeconds = 0.5;
// How often a sleeping window looks at the lesson: a live run's new events show within this.
constexpr double kLessonPollSeconds = 0.1;

}  // namespace ovlab::gui
