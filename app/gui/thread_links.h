// The I/O links under the Threads panel's lanes: one row per recent request, with arrows from the
// issuing lane to the kernel lane and on to the lane that acted on the completion.
#pragma once

#include <cstdint>
#include <vector>

#include <imgui.h>

#include "gui_context.h"

namespace ovlab::gui {

// At most this many requests are linked at once: the latest few, older ones fading.
inline constexpr int kLinkRows = 3;

float link_row_height();

struct LaneColumn {
    uint32_t thread = 0;
    float centre_x = 0;
    bool runtime = false;
};

// Draws the rows that fit between `top` and `bottom` (screen coordinates), lifelines included.
void draw_io_links(GuiContext& ctx, const std::vector<LaneColumn>& lanes, float left, float right, float top,
                   float bottom);

}  // namespace ovlab::gui
