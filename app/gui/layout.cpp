#include "layout.h"

#include <algorithm>
#include <optional>

namespace ovlab::gui {
namespace {

constexpr float kGap = 6.0f;
// Below this the Threads panel shows no I/O link row at all; it gives up rows before the code does.
constexpr float kThreadsShrinkable = 0.65f;
// Of the code's rows, those it keeps beside a right column that keeps the window's whole height.
constexpr float kCodeKeptBesideObjects = 0.67f;

PanelRect rect(float x0, float y0, float x1, float y1) { return {ImVec2(x0, y0), ImVec2(x1 - x0, y1 - y0)}; }

// The call log (or the Timeline), the Peer client and the console side by side in [x0, x1].
void place_bottom_row(Layout& layout, const ExtraViews& extras, float gap, float x0, float x1, float y0, float y1) {
    // The peer's buttons and connection list need about as much width as the console.
    const float width = x1 - x0;
    // Under the left and middle columns only (whole_right_column) the row is narrower: the console
    // keeps a little more of it, or its lines wrap at every few words.
    const float plain_share = layout.whole_right_column ? 0.64f : 0.7f;
    const float calls_share = extras.timeline ? (extras.peer ? 0.5f : 0.76f) : (extras.peer ? 0.42f : plain_share);
    const float calls_end = x0 + width * calls_share;
    layout.calls = rect(x0, y0, calls_end, y1);
    if (extras.timeline) layout.timeline = layout.calls;
    float console_start = calls_end + gap;
    if (extras.peer) {
        const float peer_end = calls_end + width * (extras.timeline ? 0.28f : 0.33f);
        layout.peer = rect(calls_end + gap, y0, peer_end, y1);
        console_start = peer_end + gap;
    }
    layout.console = rect(console_start, y0, x1, y1);
}

// In a narrow right column the call log takes the full width above the Peer client and the console.
void stack_bottom_group(Layout& layout, const ExtraViews& extras, float gap, float x0, float x1, float y0, float y1) {
    const float calls_end = y0 + (y1 - y0) * (extras.timeline ? 0.66f : 0.6f);
    layout.calls = rect(x0, y0, x1, calls_end);
    if (extras.timeline) layout.timeline = layout.calls;
    float console_start = x0;
    if (extras.peer) {
        const float peer_end = x0 + (x1 - x0) * 0.55f;
        layout.peer = rect(x0, calls_end + gap, peer_end, y1);
        console_start = peer_end + gap;
    }
    layout.console = rect(console_start, calls_end + gap, x1, y1);
}

// Header and two lines of the empty OVERLAPPED panel's hint, at 100 %.
constexpr float kOverlappedHintHeight = 110.0f;

// The narration, OVERLAPPED and (when the lesson uses them) the port and the APC queue in the
// right column between y0 and y1: fractions of the column below the narration.
void place_right_column(Layout& layout, const ExtraViews& extras, float gap, float scale, float x0, float x1, float y0,
                        float y1) {
    const bool extra = extras.port || extras.apc;
    // A compact column is shorter (the call log and console are below it): the narration keeps more of it.
    const float narration_share = layout.compact ? (extras.port && extras.apc ? 0.34f : extra ? 0.40f : 0.50f)
                                                 : (extras.port && extras.apc ? 0.26f : extra ? 0.30f : 0.36f);
    const float narration_end = y0 + (y1 - y0) * narration_share;
    layout.narration = rect(x0, y0, x1, narration_end);
    const float below = narration_end + gap;
    const float span = y1 - below;
    const float overlapped_share = extras.port && extras.apc ? 0.36f : extras.port ? 0.45f : extras.apc ? 0.62f : 1.0f;
    const float port_share = extras.port ? (extras.apc ? 0.40f : 0.55f) : 0.0f;
    const float overlapped_end = below + span * overlapped_share;
    layout.overlapped = rect(x0, below, x1, extra ? overlapped_end - gap : y1);
    const float port_end = overlapped_end + span * port_share;
    if (extras.port) layout.port = rect(x0, overlapped_end, x1, extras.apc ? port_end - gap : y1);
    if (extras.apc) layout.apc = rect(x0, port_end, x1, y1);
    const float spare = layout.overlapped.size.y - kOverlappedHintHeight * scale;
    if (extras.overlapped_empty && spare > 0) {
        layout.narration.size.y += spare;
        layout.overlapped.pos.y += spare;
        layout.overlapped.size.y -= spare;
    }
}

// A lesson with a completion port or APCs stacks four panels in the right column. In a window too low
// for the plain layout (1280x720), stacking the call log and console there too would leave each
// about one row, so that column keeps the window's whole height instead: the code gives up a third
// of its rows, the threads their I/O link rows, and the bottom row runs under the left and middle
// columns. Returns the code's floor for that layout, or nothing when even that does not fit.
std::optional<float> code_floor_beside_whole_column(const ExtraViews& extras, float h, float top, float threads_height,
                                                    float code_floor, float gap, float scale) {
    if (!extras.port && !extras.apc) return std::nullopt;
    const float shorter = std::max(code_floor * kCodeKeptBesideObjects, 140.0f * scale);
    const float room = h - top - threads_height * kThreadsShrinkable - shorter - 3 * gap;
    if (room < 150.0f * scale) return std::nullopt;
    return shorter;
}

}  // namespace

Layout compute_layout(ImVec2 display, float toolbar_height, float threads_height, ExtraViews extras,
                      float code_min_height, float scale) {
    const float gap = kGap * scale;
    const float w = std::max(display.x, 800.0f);
    const float h = std::max(display.y, 500.0f);
    const float top = gap + toolbar_height + gap;
    const float y_end = h - gap;

    // The bottom row under the code and the narration, unless that leaves the code too few lines:
    // then the code runs down to the bottom and the row moves into the right column.
    float code_floor = std::max(code_min_height, std::max(140.0f * scale, h * 0.20f));
    const float wanted_bottom = extras.timeline ? std::clamp(h * 0.40f, 200.0f * scale, 480.0f * scale)
                                                : std::clamp(h * 0.27f, 150.0f * scale, 380.0f * scale);
    float room_below_code = h - top - threads_height - code_floor - 3 * gap;
    bool compact = room_below_code < 150.0f * scale;
    bool whole_right_column = false;
    if (compact) {
        if (const std::optional<float> shorter =
                code_floor_beside_whole_column(extras, h, top, threads_height, code_floor, gap, scale)) {
            compact = false;
            whole_right_column = true;
            code_floor = *shorter;
            room_below_code = h - top - threads_height * kThreadsShrinkable - code_floor - 3 * gap;
        }
    }

    // Side columns grow with the zoom, but never take more than their share of a small window; a
    // compact layout narrows the right one so fewer code lines wrap.
    const float left_width = std::clamp(w * 0.165f, std::min(200.0f * scale, w * 0.15f), 340.0f * scale);
    const float right_width = std::clamp(w * (compact ? 0.33f : 0.37f), std::min(420.0f * scale, w * 0.33f), 900.0f * scale);
    const float x_left_end = gap + left_width;
    const float x_mid = x_left_end + gap;
    const float x_right = w - gap - right_width;
    const float bottom_height = compact ? 0.0f : std::min(wanted_bottom, room_below_code);
    const float y_bottom = h - gap - bottom_height;

    Layout layout;
    layout.compact = compact;
    layout.whole_right_column = whole_right_column;
    layout.controls = rect(gap, gap, w - gap, gap + toolbar_height);
    layout.below_toolbar = rect(gap, top, w - gap, y_end);
    const float left_end = whole_right_column ? y_bottom - gap : y_end;
    const float lessons_end = top + (left_end - top) * 0.4f;
    layout.lessons = rect(gap, top, x_left_end, lessons_end);
    layout.handles = rect(gap, lessons_end + gap, x_left_end, left_end);
    const float code_end = compact ? y_end : y_bottom - gap;
    // Threads give up their lower I/O link rows before the code drops below its minimum.
    const float threads_room = code_end - top - gap - std::min(code_min_height, code_floor);
    // At the largest zooms on a small screen neither fits: they share the column.
    const float threads = std::min(std::max(std::min(threads_height, threads_room), threads_height * kThreadsShrinkable),
                                   (code_end - top - gap) * 0.5f);
    layout.threads = rect(x_mid, top, x_right - gap, top + threads);
    layout.code = rect(x_mid, top + threads + gap, x_right - gap, code_end);
    if (compact) {
        const float group_start = top + (y_end - top) * (extras.timeline ? 0.5f : 0.64f);
        place_right_column(layout, extras, gap, scale, x_right, w - gap, top, group_start - gap);
        stack_bottom_group(layout, extras, gap, x_right, w - gap, group_start, y_end);
    } else if (whole_right_column) {
        place_right_column(layout, extras, gap, scale, x_right, w - gap, top, y_end);
        place_bottom_row(layout, extras, gap, gap, x_right - gap, y_bottom, y_end);
    } else {
        place_right_column(layout, extras, gap, scale, x_right, w - gap, top, y_bottom - gap);
        place_bottom_row(layout, extras, gap, x_mid, w - gap, y_bottom, y_end);
    }
    return layout;
}

}  // namespace ovlab::gui
