// What every panel gets each frame: the lesson run, the step being shown, fonts, language, clock.
// Panels never talk to each other: they read the trace view and the controller, and ask for
// run-wide changes (open, reset, language, theme) through UiRequests, applied after the frame so
// nothing a panel holds is destroyed while the frame is drawn.
#pragma once

#include <optional>
#include <string>

#include "fonts.h"
#include "lesson_controller.h"
#include "predict_mode.h"
#include "theme.h"
#include "trace_view.h"

namespace ovlab::gui {

// What the F12 keys and the Timeline's button save.
enum class PictureKind { Window, Timeline };

struct UiRequests {
    const LessonInfo* open_lesson = nullptr;
    bool reset = false;
    std::optional<Language> language;
    std::optional<ThemeKind> theme;
    bool toggle_timeline = false;
    std::optional<PictureKind> save_picture;
    std::string toggle_enlarged;  // id of the panel whose title was double-clicked (or Esc)
    int zoom_steps = 0;           // zoom keys: +1 in, -1 out
    bool zoom_reset = false;      // Ctrl+0: back to 100 %
};


struct GuiContext {
    LessonController& lessons;
    const Fonts& fonts;
    Language language = Language::English;
    StepView view;
    double now = 0;               // seconds since the window opened
    double view_changed_at = 0;   // when the shown step last changed: highlights fade from there
    bool settle_animations = false;  // screenshots: draw fades and scrolling at rest
    bool timeline_shown = false;
    int timeline_focus_request = 0;  // 1-based (--timeline-request): the Timeline zooms on it
    std::string enlarged_panel;      // id of the panel that fills the window; empty = the usual layout
    PredictMode* predict = nullptr;  // Predict mode (the window's one); null where there is none
    UiRequests requests;
};

}  // namespace ovlab::gui
