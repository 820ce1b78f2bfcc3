// The toolbar's "Run to…" button and its menu (next completion, APC, dequeue; a code line is
// clicked in the Code panel), and the words the status badge uses while a goal runs.
#pragma once

#include "gui_context.h"

namespace ovlab::gui {

float run_to_button_width();
void draw_run_to_button(GuiContext& ctx);

}  // namespace ovlab::gui
