// What the Threads panel asks of the layout (which owns every panel's place).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ovlab::gui {

// `name` as it fits in `width` pixels of the current font: whole; else without the word "Thread"
// ("WorkerThread 2" -> "Worker 2"); else cut before its number, which always stays ("Wor. 2"), so
// two workers are never shown alike. The full name belongs in a tooltip when it was shortened.
std::string thread_name_fitting(std::string_view name, float width);

// The width of each lane in `room` pixels, `spacing` apart: shared in proportion to what each lane
// needs (`needs`, its name's width), so a short name ("main") leaves room to a long one ("Client 4");
// never wider than `widest`.
std::vector<float> lane_widths(const std::vector<float>& needs, float room, float spacing, float widest);

// Title strip, the lane headers and kLinkRows rows of I/O links, at the current font size. With
// less, the panel shows the lanes and as many link rows as fit.
float threads_panel_height();

}  // namespace ovlab::gui
