// Colours and style. Two palettes: Light (default: projectors wash out dark themes in a lit room)
// and Dark. Every panel takes its colours from palette(), so both themes stay consistent.
#pragma once

#include <cstdint>

#include <imgui.h>

namespace ovlab::gui {

enum class ThemeKind { Light, Dark };

struct Palette {
    ImVec4 window_bg;     // behind the panels
    ImVec4 panel_bg;
    ImVec4 header_bg;     // panel title strip, table headers
    ImVec4 border;
    ImVec4 text;
    ImVec4 text_dim;      // labels, line numbers, secondary text
    ImVec4 accent;        // buttons, headings, selection
    ImVec4 accent_text;   // text on an accent background
    ImVec4 success;       // signalled, passed, completed
    ImVec4 warning;       // pending, held, scrubbed back
    ImVec4 danger;        // failed calls, failed checks
    ImVec4 changed;       // background of what changed during the step shown
    ImVec4 code_bg;
    ImVec4 code_comment;
    ImVec4 code_keyword;
    ImVec4 code_string;
    ImVec4 code_number;
    ImVec4 code_call;     // Win32 calls in the code pane
    ImVec4 lamp_off;
};

void apply_theme(ThemeKind kind);
ThemeKind current_theme();
const Palette& palette();

// Each lesson thread keeps one colour everywhere: code markers, thread cards, call log.
ImVec4 thread_colour(uint32_t thread_number);

ImU32 to_u32(const ImVec4& colour, float alpha_scale = 1.0f);
ImVec4 with_alpha(const ImVec4& colour, float alpha);
ImVec4 mix(const ImVec4& a, const ImVec4& b, float t);

}  // namespace ovlab::gui
