// The window's keyboard shortcuts as one table: the key callback looks presses up in it, the frame
// performs what it names, and the shortcut sheet (F1 or ?) lists it, so the sheet cannot disagree
// with the keys. No window is needed here, so the table and the queue are tested on their own.
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <span>

#include "ui_strings.h"

namespace ovlab::gui {

enum class KeyAction {
    StepForward, StepBack, FirstStep, Live, RunPause, Reset, ToggleHold, ReleaseHeld, OpenLesson,
    ToggleTimeline, SaveWindowPicture, SaveTimelinePicture, ToggleFullscreen, ZoomIn, ZoomOut, ZoomReset,
    TogglePredict, ToggleSheet, CloseSheet, RunToCompletion, RunToApc, RunToDequeue, DeliverFirst, CancelRequest,
};

// Keys first_key..last_key (GLFW key codes; one key when equal) with exactly these modifiers
// (GLFW_MOD_SHIFT | GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER bits).
struct Shortcut {
    int first_key = 0;
    int last_key = 0;
    int mods = 0;
    KeyAction action = KeyAction::StepForward;
    const char* label = "";  // as printed on the key cap, the same in every language
    Str description = Str::KeysStepForward;
};

// In sheet order; rows with the same action follow each other and share one line of the sheet.
std::span<const Shortcut> shortcut_table();

// One press (or auto-repeat) of a shortcut key.
struct KeyPress {
    KeyAction action = KeyAction::StepForward;
    int lesson = 0;    // OpenLesson: 1-based position in the Lessons list (or answer, a question open)
    double time = 0;   // seconds (glfwGetTime) when the key went down
};

// The press `key` with `mods` makes, or nothing when it is no shortcut. Lock-key bits are ignored.
std::optional<KeyPress> find_shortcut(int key, int mods, double time);

// Presses in arrival order, so a press and its release within one frame still count once each.
class KeyQueue {
public:
    void push(const KeyPress& press) { presses_.push_back(press); }
    bool empty() const { return presses_.empty(); }
    size_t size() const { return presses_.size(); }
    const KeyPress& front() const { return presses_.front(); }
    void pop() { presses_.pop_front(); }
    void clear() { presses_.clear(); }

private:
    std::deque<KeyPress> presses_;
};

// What performing the press at the front of the queue came to.
enum class PressOutcome {
    Done,       // performed (or nothing to do): take the next press
    NextFrame,  // performed; the next press waits a frame (a live step lets the lesson reach its next
                // checkpoint, a reset or a lesson switch happens after the frame)
    NotYet,     // cannot act now (the lesson is still on its way to a checkpoint): keep it, in order
};

// How long a press may wait for the lesson to become steppable before it is dropped (the lesson
// waits for the kernel, or has ended): long enough for a step, short enough not to surprise.
constexpr double kPressPatienceSeconds = 1.0;

// Performs queued presses in order with `perform` until the queue is empty, a press asks for the
// next frame or the front press must wait; drops a waiting press older than the patience.
template <typename Perform>
void drain_presses(KeyQueue& queue, double now, Perform&& perform) {
    while (!queue.empty()) {
        const KeyPress press = queue.front();
        const PressOutcome outcome = perform(press);
        if (outcome == PressOutcome::NotYet && now - press.time < kPressPatienceSeconds) return;
        queue.pop();
        if (outcome == PressOutcome::NextFrame) return;
    }
}

}  // namespace ovlab::gui
