// The student plays the device on the request an OVERLAPPED card shows: deliver its held
// completion ahead of the others, or cancel it with CancelIoEx. Both go through the
// LessonController to the Session, which records them in the trace.
#pragma once

#include "gui_context.h"

namespace ovlab::gui {

// Buttons on one line, for a request still pending in a live lesson run; nothing otherwise.
void draw_request_actions(GuiContext& ctx, const trace::OverlappedView& ov, const trace::IoView* io);

}  // namespace ovlab::gui
