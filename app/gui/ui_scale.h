// The window's scale: the monitor's content scale times the user's zoom. Text stays crisp because
// a new zoom rebuilds the font atlas at the new pixel sizes (and the renderer's font texture)
// instead of stretching glyphs; the style's sizes are the theme's, scaled. Fixed pixel sizes in
// panels go through px() so they follow.
#pragma once

#include <optional>

#include <imgui.h>

#include "fonts.h"
#include "gui_context.h"

namespace ovlab::gui {

// The current scale (1 at 100 % on a normal monitor) and `pixels` at 100 % scaled by it.
float ui_scale();
inline float px(float pixels) { return pixels * ui_scale(); }

class UiScale {
public:
    UiScale(float content_scale, float zoom) : content_scale_(content_scale), zoom_(zoom) {}

    float zoom() const { return zoom_; }
    // Loads the fonts at the current scale into the atlas (the first call, before the first frame).
    Fonts load_fonts() const;
    // The theme just set ImGui's style at 100 %: keep a copy and scale it.
    void style_from_theme();
    // Between frames only: rebuilds the fonts and their texture and rescales the style.
    void set_zoom(float zoom, Fonts& fonts);

private:
    float scale() const { return content_scale_ * zoom_; }
    void scale_style() const;

    float content_scale_;
    float zoom_;
    ImGuiStyle base_style_;
};

// The zoom asked for this frame, if any: the zoom keys of the shortcut table (in `requests`) and
// Ctrl+wheel.
std::optional<float> zoom_asked(float zoom, const UiRequests& requests);

}  // namespace ovlab::gui
