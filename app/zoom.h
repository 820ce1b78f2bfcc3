// The window's zoom factor (1 = 100 %): the steps Ctrl+plus and Ctrl+minus walk through, and
// --zoom's value. No GUI here, so the command line and the tests use it without a window.
#pragma once

#include <optional>
#include <string_view>

namespace ovlab::app {

inline constexpr float kZoomMin = 0.5f;
inline constexpr float kZoomMax = 3.0f;

// The next step above / below `zoom` (a zoom between two steps goes to the nearer one in that
// direction); stays at kZoomMax / kZoomMin at the ends.
float zoom_in(float zoom);
float zoom_out(float zoom);
float clamp_zoom(float zoom);

// "1.5", "150%" or "150 %" -> 1.5; nothing for text that is not a number or is outside 50 %..300 %.
std::optional<float> parse_zoom(std::string_view text);

}  // namespace ovlab::app
