#include "layout.h"

#include <algorithm>

namespace ovlab::gui {
namespace {

constexpr float kGap = 6.0f;

PanelRect rect(float x0, float y0, float x1, float y1) { return {ImVec2(x0, y0), ImVec2(x1 - x0, y1 - y0)}; }

}  // namespace

Layout compute_layout(ImVec2 display, float toolbar_height, float threads_height, ExtraViews extras) {
    const float w = std::max(display.x, 800.0f);
    const float h = std::max(display.y, 500.0f);
    const float left_width = std::clamp(w * 0.165f, 220.0f, 340.0f);
    const float right_width = std::clamp(w * 0.37f, 420.0f, 900.0f);
    const float top = kGap + toolbar_height + kGap;
    // The code keeps at least a fifth of the height (a few lines at 1280x720): the bottom row, and
    // the Timeline above all, gets what is left of that, never less than a few rows.
    const float code_min = std::max(140.0f, h * 0.20f);
    const float room_below_code = h - top - threads_height - code_min - 3 * kGap;
    const float wanted_bottom = extras.timeline ? std::clamp(h * 0.40f, 200.0f, 480.0f) : std::clamp(h * 0.27f, 150.0f, 380.0f);
    const float bottom_height = std::min(wanted_bottom, std::max(room_below_code, 150.0f));

    const float x_left_end = kGap + left_width;
    const float x_mid = x_left_end + kGap;
    const float x_right = w - kGap - right_width;
    const float y_bottom = h - kGap - bottom_height;
    const float y_end = h - kGap;

    Layout layout;
    layout.controls = rect(kGap, kGap, w - kGap, kGap + toolbar_height);
    const float lessons_end = top + (y_end - top) * 0.4f;
    layout.lessons = rect(kGap, top, x_left_end, lessons_end);
    layout.handles = rect(kGap, lessons_end + kGap, x_left_end, y_end);
    layout.threads = rect(x_mid, top, x_right - kGap, top + threads_height);
    layout.code = rect(x_mid, top + threads_height + kGap, x_right - kGap, y_bottom - kGap);
    const bool extra = extras.port || extras.apc;
    const float narration_end = top + (y_bottom - kGap - top) * (extras.port && extras.apc ? 0.26f : extra ? 0.30f : 0.36f);
    layout.narration = rect(x_right, top, w - kGap, narration_end);
    // Below the narration: OVERLAPPED, then the port (it needs the most room: a queue beside a
    // stack), then the APC queue (a row per thread). Fractions of the column left below the narration.
    const float below = narration_end + kGap;
    const float span = y_bottom - kGap - below;
    const float overlapped_share = extras.port && extras.apc ? 0.36f : extras.port ? 0.45f : extras.apc ? 0.62f : 1.0f;
    const float port_share = extras.port ? (extras.apc ? 0.40f : 0.55f) : 0.0f;
    const float overlapped_end = below + span * overlapped_share;
    layout.overlapped = rect(x_right, below, w - kGap, extra ? overlapped_end - kGap : y_bottom - kGap);
    const float port_end = overlapped_end + span * port_share;
    if (extras.port) layout.port = rect(x_right, overlapped_end, w - kGap, extras.apc ? port_end - kGap : y_bottom - kGap);
    if (extras.apc) layout.apc = rect(x_right, port_end, w - kGap, y_bottom - kGap);
    // The peer's buttons and connection list need about as much width as the console.
    const float bottom_width = w - kGap - x_mid;
    const float calls_share = extras.timeline ? (extras.peer ? 0.5f : 0.76f) : (extras.peer ? 0.42f : 0.7f);
    const float calls_end = x_mid + bottom_width * calls_share;
    layout.calls = rect(x_mid, y_bottom, calls_end, y_end);
    if (extras.timeline) layout.timeline = layout.calls;
    float console_start = calls_end + kGap;
    if (extras.peer) {
        const float peer_end = calls_end + bottom_width * (extras.timeline ? 0.28f : 0.33f);
        layout.peer = rect(calls_end + kGap, y_bottom, peer_end, y_end);
        console_start = peer_end + kGap;
    }
    layout.console = rect(console_start, y_bottom, w - kGap, y_end);
    return layout;
}

}  // namespace ovlab::gui
