// Colours and style. Three palettes: Light (default: projectors wash out dark themes in a lit room),
// Dark and Projector. Every panel takes its colours from palette(), so the themes stay consistent,
// and contrast_pairs() lists every text/background pair the panels draw, so a test can hold each
// theme to WCAG's 4.5:1.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <imgui.h>

#include "theme_kind.h"

namespace ovlab::gui {

// Lesson threads get distinct colours up to this many; thread N+12 shares thread N's colour.
inline constexpr size_t kThreadColourCount = 12;

// How strongly a colour is blended over the background behind text. The panels use these, and
// contrast_pairs() checks text on the blends they make.
inline constexpr float kPillTint = 0.14f;         // an outlined pill's fill, in its own colour
inline constexpr float kStepLineTint = 0.16f;     // the code line of the step shown, in its thread's colour
inline constexpr float kThreadLineTint = 0.10f;   // a code line another thread stands on
inline constexpr float kCodeSpanTint = 0.08f;     // accent over code_bg behind `code` in narration
inline constexpr float kPacketTint = 0.10f;       // code_keyword behind a completion packet's text
// The strongest `changed` fill under text: a table row or card that changed this step, at full
// emphasis (highlight_rect 0.22 + 0.5, table rows 0.18 + 0.5, port and APC cards 0.25 + 0.4);
// the changed bytes of the hex view go up to the solid colour.
inline constexpr float kChangedFillStrongest = 0.72f;
// Timeline bars: a call's bar is nearly solid under accent_text; the others are tints under text.
// Bars of several merged spans are text_dim at kTimelineMergedFill over the lane.
inline constexpr float kTimelineCallFill = 0.85f;
inline constexpr float kTimelineWaitFill = 0.25f;
inline constexpr float kTimelineRoutineFill = 0.45f;
inline constexpr float kTimelineRequestFill = 0.35f;
inline constexpr float kTimelineMergedFill = 0.45f;

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
    std::array<ImVec4, kThreadColourCount> threads;  // as text, as fills under accent_text, as tints
    float line_width;     // panel header separators
    float border_width;   // window, frame and popup borders
};

void apply_theme(ThemeKind kind);
ThemeKind current_theme();
const Palette& palette();
const Palette& palette_for(ThemeKind kind);

// One text colour on one background, as some panel draws it (`where` says which); alpha blends
// are already resolved against the background they are drawn on.
struct ContrastPair {
    std::string where;
    ImVec4 text;
    ImVec4 background;
};

// Every text/background pair the panels draw in theme `kind`. A new palette colour used for text
// belongs here, so the contrast test sees it.
std::vector<ContrastPair> contrast_pairs(ThemeKind kind);

// Each lesson thread keeps one colour everywhere: code markers, thread cards, call log.
ImVec4 thread_colour(uint32_t thread_number);

ImU32 to_u32(const ImVec4& colour, float alpha_scale = 1.0f);
ImVec4 with_alpha(const ImVec4& colour, float alpha);
ImVec4 mix(const ImVec4& a, const ImVec4& b, float t);
// `colour` drawn with alpha `alpha` over the opaque `background`, as ImGui blends it.
ImVec4 blend_over(const ImVec4& colour, float alpha, const ImVec4& background);

}  // namespace ovlab::gui
