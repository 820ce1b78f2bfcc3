// Small drawing helpers shared by the panels: badges, lamps, change highlights, icon buttons.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <imgui.h>

#include "gui_context.h"

namespace ovlab::gui {

// A rounded badge on the current line ("IN FLIGHT", "pending"); filled or tinted.
void pill(std::string_view text, const ImVec4& colour, bool filled = true);
// Width pill() will take for `text`.
float pill_width(std::string_view text);

// A round signal lamp: lit (with a glow) when `on`, grey otherwise. Advances the cursor.
void lamp(float radius, bool on, const ImVec4& on_colour);

// Every animation that starts when the shown step changes (highlight fades, the port's and the APC
// queue's moves) ends within this long: the window keeps drawing until then, and sleeps after.
constexpr double kStepAnimationSeconds = 1.5;

// How strongly to highlight something that changed at event `seq`: 0 when it did not change during
// the step shown, else from 1 (just now) fading to a steady 0.35 over ~1.5 s.
float change_emphasis(const GuiContext& ctx, uint64_t seq);
// Paints the change highlight behind the rectangle; `marker` adds a bar on its left edge.
void highlight_rect(ImVec2 min, ImVec2 max, float emphasis, bool marker = true);

// A round "?" at the cursor; hovering it shows `help` (every panel explains itself this way).
void help_icon(std::string_view help);

// Tooltip with wrapped text for the last item, when hovered.
void tooltip_for_last_item(std::string_view text);

// Text in a colour, without format-string processing.
void text_coloured(const ImVec4& colour, std::string_view text);
void text_in_font(ImFont* font, const ImVec4& colour, std::string_view text);

// Dim text centred in the available region: what a panel says when it has nothing to show.
void empty_state_text(std::string_view text);

enum class Icon { Step, Back, Run, Pause, Reset, Live };
// A button with a drawn icon and a label; `primary` fills it with the accent colour.
bool icon_button(const char* id, Icon icon, std::string_view label, bool enabled, bool primary = false);

// A small button filled with the accent colour while `active` (a switch such as Steps | Time).
bool small_toggle(const char* label, bool active);

// `text` cut to fit `width` in `font`, ending in "…" when cut.
std::string fit_text(ImFont* font, std::string_view text, float width);

// "8,192"
std::string group_digits(uint64_t value);

}  // namespace ovlab::gui
