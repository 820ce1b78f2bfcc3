// Where each panel goes. The layout is fixed (a projected classroom screen, 1600x900 in mind) and
// scales with the window: toolbar on top; lessons and handles on the left; threads and code in the
// middle; narration and OVERLAPPED on the right; call log and console along the bottom.
#pragma once

#include <imgui.h>

namespace ovlab::gui {

struct PanelRect {
    ImVec2 pos;
    ImVec2 size;
};

struct Layout {
    PanelRect controls, lessons, handles, threads, code, narration, overlapped, calls, console;
};

Layout compute_layout(ImVec2 display, float toolbar_height, float threads_height);

}  // namespace ovlab::gui
