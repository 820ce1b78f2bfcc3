// What every panel gets each frame: the lesson run, the step being shown, fonts, language, clock.
// Panels never talk to each other: they read the trace view and the controller, and ask for
// run-wide changes (open, reset, language, theme) through UiRequests, applied after the frame so
// nothing a panel holds is destroyed while the frame is drawn.
#pragma once

#include <optional>

#include "fonts.h"
#include "lesson_controller.h"
#include "theme.h"
#include "trace_view.h"

namespace ovlab::gui {

struct UiRequests {
    const LessonInfo* open_lesson = nullptr;
    bool reset = false;
    std::optional<Language> language;
    std::optional<ThemeKind> theme;
};

struct GuiContext {
    LessonController& lessons;
    const Fonts& fonts;
    Language language = Language::English;
    StepView view;
    double now = 0;               // seconds since the window opened
    double view_changed_at = 0;   // when the shown step last changed: highlights fade from there
    bool settle_animations = false;  // screenshots: draw fades and scrolling at rest
    UiRequests requests;
};

}  // namespace ovlab::gui
