// Where each panel goes. The layout is fixed (a projected classroom screen, 1600x900 in mind) and
// scales with the window: toolbar on top; lessons and handles on the left; threads and code in the
// middle; narration and OVERLAPPED on the right; call log and console along the bottom. A lesson
// with a completion port or APCs shares the right column below the narration between OVERLAPPED and
// those views, so the object the lesson is about is large; other lessons keep the plain layout.
// A run that serves a peer puts the Peer client panel between the call log and the console.
// Until the run's first OVERLAPPED exists, the narration takes most of the OVERLAPPED panel's room.
// With the Timeline shown the bottom row grows and the timeline takes the call log's place (every
// call is one of its bars, with its arguments and result on hover).
// When the window is too low for the code to keep its minimum under the threads with the bottom row
// below it (1280x720, or any window zoomed in far enough), the layout is compact: the code runs to
// the bottom and the call log (or Timeline), Peer client and console stack in the right column. A
// lesson with a completion port or APCs instead keeps its right column whole when the code can give
// up a third of its rows: the bottom row then runs under the left and middle columns.
// Sizes given in pixels at 100 % (gaps, minimum widths) are multiplied by `scale`.
#pragma once

#include <optional>

#include <imgui.h>

namespace ovlab::gui {

struct PanelRect {
    ImVec2 pos;
    ImVec2 size;
};

// The views only some lessons need.
struct ExtraViews {
    bool port = false;
    bool apc = false;
    bool peer = false;  // the Peer client panel (LessonController::serves_peer)
    bool timeline = false;
    // No OVERLAPPED in the live run yet: its panel keeps room for its hint only and the narration
    // above it takes the rest (until the first overlapped call, which happens once per run).
    bool overlapped_empty = false;
};

struct Layout {
    bool compact = false;
    bool whole_right_column = false;  // the bottom row runs under the left and middle columns only
    PanelRect below_toolbar;  // where a panel enlarged to fill the window goes
    PanelRect controls, lessons, handles, threads, code, narration, overlapped, calls, console;
    std::optional<PanelRect> port, apc, peer;  // present when the lesson uses them
    std::optional<PanelRect> timeline;         // when shown: where the call log would be
};

// `code_min_height`: what the code panel needs for the lines it must show (code_panel_height).
Layout compute_layout(ImVec2 display, float toolbar_height, float threads_height, ExtraViews extras = {},
                      float code_min_height = 0, float scale = 1);

}  // namespace ovlab::gui
