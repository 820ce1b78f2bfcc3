// What the Threads panel asks of the layout (which owns every panel's place).
#pragma once

#include <string>
#include <string_view>

namespace ovlab::gui {

// `name` as it fits in `width` pixels of the current font: whole; else without the word "Thread"
// ("WorkerThread 2" -> "Worker 2"); else cut before its number, which always stays ("Wor. 2"), so
// two workers are never shown alike. The full name belongs in a tooltip when it was shortened.
std::string thread_name_fitting(std::string_view name, float width);

// Title strip, the lane headers and kLinkRows rows of I/O links, at the current font size. With
// less, the panel shows the lanes and as many link rows as fit.
float threads_panel_height();

}  // namespace ovlab::gui
