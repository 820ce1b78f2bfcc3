// The toolbar's "Parameters…" button and the popup it opens: the current lesson's parameters
// (worker threads, buffer size, alertable or not…) as sliders and checkboxes, each with what
// changing it shows, and "Apply and restart".
#pragma once

#include <string>
#include <vector>

#include "gui_context.h"

namespace ovlab::gui {

class ParametersPopup {
public:
    // The button, on the current line; disabled for a lesson without parameters.
    void draw_button(GuiContext& ctx);
    // The popup, when open. Call once per frame from the same ImGui window as draw_button.
    void draw_popup(GuiContext& ctx);

private:
    const LessonInfo* lesson_ = nullptr;  // the lesson the popup was opened for
    // Edited values, every declared parameter. They reach the run only on "Apply and restart".
    ParameterValues draft_;
};

// "workers=3 reset=0" when the run uses values other than the defaults, else empty: the toolbar
// shows it so a class knows the lesson is not running as written.
std::string changed_parameters_text(const GuiContext& ctx);

}  // namespace ovlab::gui
