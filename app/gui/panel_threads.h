// What the Threads panel asks of the layout (which owns every panel's place).
#pragma once

namespace ovlab::gui {

// Title strip, the lane headers and kLinkRows rows of I/O links, at the current font size. With
// less, the panel shows the lanes and as many link rows as fit.
float threads_panel_height();

}  // namespace ovlab::gui
