// The OVERLAPPED inspector's hex view: the structure's 32 bytes as memory holds them, grouped and
// labelled by field, with the bytes the step shown changed highlighted.
#pragma once

#include "gui_context.h"
#include "overlapped_bytes.h"

namespace ovlab::gui {

void draw_overlapped_hex(GuiContext& ctx, const OverlappedBytes& bytes, float emphasis);

}  // namespace ovlab::gui
