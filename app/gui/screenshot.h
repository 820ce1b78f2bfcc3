// --screenshot FILE.png --steps N: the window steps the lesson N times, waits for each step to be
// taken, lets highlights settle for a few frames, writes its own framebuffer as PNG and exits.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lesson_controller.h"
#include "peer_actions.h"

namespace ovlab::gui {

// Reads the back buffer of the current GL context (call after rendering, before swapping) and
// writes it as PNG. Returns an error message a user can act on, or nothing.
std::optional<std::string> save_framebuffer_png(const std::string& path, int width, int height);

// A rectangle of the framebuffer, in pixels from its top-left corner.
struct PixelRect {
    int x = 0, y = 0, width = 0, height = 0;
};
std::optional<std::string> save_framebuffer_region_png(const std::string& path, int framebuffer_height, PixelRect rect);

// Where a picture the user asked for goes: their Pictures folder (XDG_PICTURES_DIR, else
// ~/Pictures or %USERPROFILE%\Pictures when it exists), else the home folder. The name says
// what it shows: "overlapped-lab-iocp-echo-server-step42-timeline-20240101-120000.png".
std::string picture_path(std::string_view lesson_id, uint64_t step, bool timeline_only);

class ScreenshotScript {
public:
    explicit ScreenshotScript(int steps, std::vector<app::PeerAction> peer_actions = {})
        : steps_(steps), peer_actions_(std::move(peer_actions)) {}

    // Once per frame, before drawing. True when the frame about to be drawn is the one to save.
    bool advance(LessonController& lessons);
    bool done() const { return phase_ == Phase::Done; }
    // Why fewer steps than asked were taken (the picture shows where stepping stopped), or nothing.
    const std::optional<std::string>& shortfall() const { return shortfall_; }
    void captured() { phase_ = Phase::Done; }

private:
    enum class Phase { Stepping, Settling, Capture, Done };
    using Clock = std::chrono::steady_clock;

    void step_once(LessonController& lessons);
    // A recording (--open FILE) has every step already: the view moves to step N at once.
    void show_recorded_steps(LessonController& lessons);
    bool step_taken(LessonController& lessons);
    // A program of one's own (--program PATH): a step counts once its checkpoint arrived over the link.
    void step_program(LessonController& lessons);
    bool program_step_taken(LessonController& lessons);
    void stop_stepping(const char* why);
    static bool waits_for_peer(const LessonController& lessons);
    // While the lesson waits for its peer: does the next --peer-actions action once the previous
    // one had time to arrive. False when none is left.
    bool act_as_peer(LessonController& lessons);

    int steps_ = 0;
    int taken_ = 0;
    Phase phase_ = Phase::Stepping;
    bool step_in_progress_ = false;
    bool step_looked_at_ = false;  // step_taken has seen the step in progress at least once
    uint64_t passed_target_ = 0;
    Clock::time_point step_started_{};
    uint64_t last_published_ = 0;
    Clock::time_point published_changed_{};
    int settle_frames_ = 0;
    std::optional<std::string> shortfall_;
    std::vector<app::PeerAction> peer_actions_;
    size_t next_peer_action_ = 0;
    Clock::time_point last_peer_action_{};
};

}  // namespace ovlab::gui
