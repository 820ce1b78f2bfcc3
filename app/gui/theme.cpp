#include "theme.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace ovlab::gui {
namespace {

ImVec4 rgb(uint32_t hex, float alpha = 1.0f) {
    return ImVec4(((hex >> 16) & 0xFF) / 255.0f, ((hex >> 8) & 0xFF) / 255.0f, (hex & 0xFF) / 255.0f, alpha);
}

// Text colours are dark enough in Light and Projector (bright enough in Dark) to keep 4.5:1 on
// every surface they are drawn on, the strongest `changed` highlight included (contrast_pairs()).
// Thread colours: twelve hues picked for the largest smallest CIELAB distance between any two at
// the luminance the theme allows text to have (the thread colour test checks both).
const std::array<ImVec4, kThreadColourCount> kDarkInkThreads = {
    rgb(0x1D4ED8), rgb(0xA33600), rgb(0x17692F), rgb(0x7E22CE), rgb(0x0A6159), rgb(0xB0127A),
    rgb(0x61342C), rgb(0x244078), rgb(0x695700), rgb(0x0000FA), rgb(0xB5003C), rgb(0x6D2B8F),
};
const std::array<ImVec4, kThreadColourCount> kLightInkThreads = {
    rgb(0x60A5FA), rgb(0xFB923C), rgb(0x4ADE80), rgb(0xC996FD), rgb(0x2DD4BF), rgb(0xF68AC4),
    rgb(0xDBDB00), rgb(0x00FA00), rgb(0xADA54E), rgb(0x6AB500), rgb(0x00D0FA), rgb(0xF2836D),
};

const Palette kLight{
    .window_bg = rgb(0xE9ECF1),
    .panel_bg = rgb(0xFFFFFF),
    .header_bg = rgb(0xF1F4F8),
    .border = rgb(0xB8C1CD),
    .text = rgb(0x161B22),
    .text_dim = rgb(0x4B5563),
    .accent = rgb(0x1D4ED8),
    .accent_text = rgb(0xFFFFFF),
    .success = rgb(0x166534),
    .warning = rgb(0x92400E),
    .danger = rgb(0xB91C1C),
    .changed = rgb(0xFACC15),
    .code_bg = rgb(0xFBFCFD),
    .code_comment = rgb(0x515B68),
    .code_keyword = rgb(0x7E22CE),
    .code_string = rgb(0x15652F),
    .code_number = rgb(0x9A3A05),
    .code_call = rgb(0x1D4ED8),
    .lamp_off = rgb(0xC4CAD3),
    .threads = kDarkInkThreads,
    .line_width = 1.0f,
    .border_width = 1.0f,
};

// Text is light on dark, so text on a solid colour (accent_text) is near-black: white on the light
// status colours would not reach 4.5:1. `changed` is a dark amber that light text stays readable on.
const Palette kDark{
    .window_bg = rgb(0x0F1217),
    .panel_bg = rgb(0x181C23),
    .header_bg = rgb(0x222833),
    .border = rgb(0x465063),
    .text = rgb(0xE8ECF2),
    .text_dim = rgb(0xA3ADBA),
    .accent = rgb(0x7AAEFA),
    .accent_text = rgb(0x0B0E13),
    .success = rgb(0x4ADE80),
    .warning = rgb(0xFBBF24),
    .danger = rgb(0xFA8C8C),
    .changed = rgb(0x4A3B00),
    .code_bg = rgb(0x14181E),
    .code_comment = rgb(0x97A1AE),
    .code_keyword = rgb(0xC99AF0),
    .code_string = rgb(0x9CD67E),
    .code_number = rgb(0xF5A76C),
    .code_call = rgb(0x6CB6FF),
    .lamp_off = rgb(0x3A4250),
    .threads = kLightInkThreads,
    .line_width = 1.0f,
    .border_width = 1.0f,
};

// For a projector in a lit room: black on white, saturated dark accents, a strong yellow for what
// changed, dark borders and two-pixel lines so panel edges survive the wash-out.
const Palette kProjector{
    .window_bg = rgb(0xD5DAE1),
    .panel_bg = rgb(0xFFFFFF),
    .header_bg = rgb(0xF2F3F5),
    .border = rgb(0x4B5563),
    .text = rgb(0x000000),
    .text_dim = rgb(0x30363F),
    .accent = rgb(0x0B3BA8),
    .accent_text = rgb(0xFFFFFF),
    .success = rgb(0x0B5A20),
    .warning = rgb(0x7A3300),
    .danger = rgb(0x9B0000),
    .changed = rgb(0xFFD400),
    .code_bg = rgb(0xFFFFFF),
    .code_comment = rgb(0x3A4350),
    .code_keyword = rgb(0x6A0DAD),
    .code_string = rgb(0x0B5A20),
    .code_number = rgb(0x7A3300),
    .code_call = rgb(0x0B3BA8),
    .lamp_off = rgb(0xB8BEC7),
    .threads = kDarkInkThreads,
    .line_width = 2.0f,
    .border_width = 2.0f,
};

ThemeKind g_theme = ThemeKind::Light;

// ImGui's widget colours for palette `p`, into `c` (ImGuiCol_COUNT entries).
void fill_style_colours(const Palette& p, ImVec4* c) {
    c[ImGuiCol_Text] = p.text;
    c[ImGuiCol_TextDisabled] = p.text_dim;
    c[ImGuiCol_WindowBg] = p.panel_bg;
    c[ImGuiCol_ChildBg] = with_alpha(p.panel_bg, 0.0f);
    c[ImGuiCol_PopupBg] = p.panel_bg;
    c[ImGuiCol_Border] = p.border;
    c[ImGuiCol_BorderShadow] = with_alpha(p.border, 0.0f);
    c[ImGuiCol_FrameBg] = p.header_bg;
    c[ImGuiCol_FrameBgHovered] = mix(p.header_bg, p.accent, 0.15f);
    c[ImGuiCol_FrameBgActive] = mix(p.header_bg, p.accent, 0.25f);
    c[ImGuiCol_TitleBg] = p.header_bg;
    c[ImGuiCol_TitleBgActive] = p.header_bg;
    c[ImGuiCol_ScrollbarBg] = with_alpha(p.header_bg, 0.6f);
    c[ImGuiCol_ScrollbarGrab] = mix(p.header_bg, p.text_dim, 0.45f);
    c[ImGuiCol_ScrollbarGrabHovered] = mix(p.header_bg, p.text_dim, 0.65f);
    c[ImGuiCol_ScrollbarGrabActive] = p.accent;
    c[ImGuiCol_CheckMark] = p.accent;
    c[ImGuiCol_SliderGrab] = p.accent;
    c[ImGuiCol_SliderGrabActive] = mix(p.accent, p.text, 0.2f);
    c[ImGuiCol_Button] = mix(p.header_bg, p.border, 0.35f);
    c[ImGuiCol_ButtonHovered] = mix(p.header_bg, p.accent, 0.25f);
    c[ImGuiCol_ButtonActive] = mix(p.header_bg, p.accent, 0.45f);
    c[ImGuiCol_Header] = mix(p.panel_bg, p.accent, 0.16f);
    c[ImGuiCol_HeaderHovered] = mix(p.panel_bg, p.accent, 0.24f);
    c[ImGuiCol_HeaderActive] = mix(p.panel_bg, p.accent, 0.32f);
    c[ImGuiCol_Separator] = p.border;
    c[ImGuiCol_TableHeaderBg] = p.header_bg;
    c[ImGuiCol_TableBorderStrong] = p.border;
    c[ImGuiCol_TableBorderLight] = mix(p.panel_bg, p.border, 0.6f);
    c[ImGuiCol_TableRowBg] = with_alpha(p.panel_bg, 0.0f);
    c[ImGuiCol_TableRowBgAlt] = with_alpha(p.header_bg, 0.55f);
    c[ImGuiCol_TextSelectedBg] = with_alpha(p.accent, 0.3f);
    c[ImGuiCol_NavHighlight] = p.accent;
}

struct NamedColour {
    std::string name;
    ImVec4 colour;
};

// The colours the panels draw text in on their ordinary surfaces.
std::vector<NamedColour> text_colours(const Palette& p) {
    std::vector<NamedColour> colours = {
        {"text", p.text},       {"text_dim", p.text_dim}, {"accent", p.accent},
        {"success", p.success}, {"warning", p.warning},   {"danger", p.danger},
        {"code_keyword", p.code_keyword},  // APC and port cards, "held" pills
        {"code_call", p.code_call},        // API names in the call log, `code` in narration
    };
    for (size_t i = 0; i < p.threads.size(); ++i) colours.push_back({fmt::format("thread {}", i + 1), p.threads[i]});
    return colours;
}

// Where those colours are drawn. A fill blended over panel_bg is checked at its strongest: between
// panel_bg (checked too) and the strongest blend the luminance moves one way, so the contrast does.
std::vector<NamedColour> text_surfaces(const Palette& p, const ImVec4* style) {
    return {
        {"panel_bg", p.panel_bg},
        {"header_bg", p.header_bg},
        {"code_bg (console)", p.code_bg},
        {"changed row", blend_over(p.changed, kChangedFillStrongest, p.panel_bg)},
        {"alternate table row", blend_over(style[ImGuiCol_TableRowBgAlt], style[ImGuiCol_TableRowBgAlt].w, p.panel_bg)},
        {"selected row", style[ImGuiCol_Header]},  // lesson list, menus (HeaderActive only while pressed)
    };
}

// Code pane: token colours on the pane and on the line tints of the step shown and other threads.
void add_code_pairs(const Palette& p, std::vector<ContrastPair>& pairs) {
    const NamedColour tokens[] = {
        {"text", p.text},         {"text_dim (line numbers)", p.text_dim}, {"code_comment", p.code_comment},
        {"code_keyword", p.code_keyword}, {"code_string", p.code_string},  {"code_number", p.code_number},
        {"code_call", p.code_call},
    };
    std::vector<NamedColour> lines = {{"code_bg", p.code_bg},
                                      {"completion step line", blend_over(p.warning, kStepLineTint, p.code_bg)}};
    for (size_t i = 0; i < p.threads.size(); ++i) {
        lines.push_back({fmt::format("step line of thread {}", i + 1), blend_over(p.threads[i], kStepLineTint, p.code_bg)});
        lines.push_back({fmt::format("line of thread {}", i + 1), blend_over(p.threads[i], kThreadLineTint, p.code_bg)});
    }
    for (const NamedColour& line : lines)
        for (const NamedColour& token : tokens)
            pairs.push_back({fmt::format("code: {} on {}", token.name, line.name), token.colour, line.colour});
    pairs.push_back({"narration: code_call on a `code` span", p.code_call, blend_over(p.accent, kCodeSpanTint, p.code_bg)});
}

// Text on solid fills: filled pills, primary buttons, thread markers, banners; outlined pills.
void add_fill_pairs(const Palette& p, const std::vector<NamedColour>& colours, std::vector<ContrastPair>& pairs) {
    std::vector<NamedColour> fills(colours.begin() + 1, colours.end());  // all but text
    fills.push_back({"primary button hovered", mix(p.accent, p.text, 0.15f)});
    fills.push_back({"primary button pressed", mix(p.accent, p.text, 0.3f)});
    for (const NamedColour& fill : fills)
        pairs.push_back({fmt::format("accent_text on solid {}", fill.name), p.accent_text, fill.colour});
    for (size_t i = 1; i < colours.size(); ++i)
        for (const NamedColour& under : {NamedColour{"panel_bg", p.panel_bg}, NamedColour{"header_bg", p.header_bg}})
            pairs.push_back({fmt::format("{} on its outlined pill on {}", colours[i].name, under.name), colours[i].colour,
                             blend_over(colours[i].colour, kPillTint, under.colour)});
}

// Timeline bar labels (dimmed labels, of the requests not chosen while one is, are left out: they
// are meant to recede).
void add_timeline_pairs(const Palette& p, std::vector<ContrastPair>& pairs) {
    for (const NamedColour& outcome : {NamedColour{"success", p.success}, NamedColour{"pending", p.warning},
                                       NamedColour{"failure", p.danger}}) {
        pairs.push_back({fmt::format("timeline: accent_text on a call, {}", outcome.name), p.accent_text,
                         mix(p.panel_bg, outcome.colour, kTimelineCallFill)});
        pairs.push_back({fmt::format("timeline: text on a wait, {}", outcome.name), p.text,
                         mix(p.panel_bg, outcome.colour, kTimelineWaitFill)});
    }
    pairs.push_back({"timeline: text on a routine", p.text, mix(p.panel_bg, p.code_keyword, kTimelineRoutineFill)});
    for (size_t i = 0; i < p.threads.size(); ++i)
        pairs.push_back({fmt::format("timeline: text on a request of thread {}", i + 1), p.text,
                         mix(p.panel_bg, p.threads[i], kTimelineRequestFill)});
    const ImVec4 lane = mix(p.panel_bg, p.header_bg, 0.8f);
    pairs.push_back({"timeline: text on merged spans", p.text, blend_over(p.text_dim, kTimelineMergedFill, lane)});
}

// ImGui's own widgets and the hex view, thread cards.
void add_widget_pairs(const Palette& p, const ImVec4* style, std::vector<ContrastPair>& pairs) {
    const std::pair<const char*, ImGuiCol_> widgets[] = {
        {"button", ImGuiCol_Button},          {"button hovered", ImGuiCol_ButtonHovered},
        {"button pressed", ImGuiCol_ButtonActive}, {"frame", ImGuiCol_FrameBg},
        {"frame hovered", ImGuiCol_FrameBgHovered}, {"frame active", ImGuiCol_FrameBgActive},
        {"selectable hovered", ImGuiCol_HeaderHovered}, {"popup and tooltip", ImGuiCol_PopupBg},
        {"table header", ImGuiCol_TableHeaderBg},
    };
    for (const auto& [name, id] : widgets) pairs.push_back({fmt::format("text on {}", name), p.text, style[id]});
    pairs.push_back({"hex view: text on a changed byte", p.text, p.changed});
    for (const NamedColour& ink : {NamedColour{"text", p.text}, NamedColour{"text_dim", p.text_dim}})
        pairs.push_back({fmt::format("port: {} on a packet", ink.name), ink.colour,
                         blend_over(p.code_keyword, kPacketTint, p.panel_bg)});
    for (size_t i = 0; i < p.threads.size(); ++i)
        pairs.push_back({fmt::format("text on the card of thread {}", i + 1), p.text, mix(p.panel_bg, p.threads[i], 0.08f)});
}

}  // namespace

void apply_theme(ThemeKind kind) {
    g_theme = kind;
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    style.WindowPadding = ImVec2(12, 10);
    style.FramePadding = ImVec2(10, 6);
    style.ItemSpacing = ImVec2(10, 7);
    style.ItemInnerSpacing = ImVec2(7, 5);
    style.CellPadding = ImVec2(8, 4);
    style.ScrollbarSize = 16;
    style.GrabMinSize = 14;
    style.WindowRounding = 6;
    style.ChildRounding = 4;
    style.FrameRounding = 5;
    style.PopupRounding = 5;
    style.GrabRounding = 4;
    // Frame borders keep checkboxes and sliders visible on a washed-out projector.
    const Palette& p = palette();
    style.WindowBorderSize = p.border_width;
    style.ChildBorderSize = p.border_width;
    style.PopupBorderSize = p.border_width;
    style.FrameBorderSize = p.border_width;
    fill_style_colours(p, style.Colors);
}

ThemeKind current_theme() { return g_theme; }

std::vector<ContrastPair> contrast_pairs(ThemeKind kind) {
    const Palette& p = palette_for(kind);
    ImVec4 style[ImGuiCol_COUNT];
    fill_style_colours(p, style);
    const std::vector<NamedColour> colours = text_colours(p);
    std::vector<ContrastPair> pairs;
    for (const NamedColour& surface : text_surfaces(p, style))
        for (const NamedColour& colour : colours)
            pairs.push_back({fmt::format("{} on {}", colour.name, surface.name), colour.colour, surface.colour});
    add_code_pairs(p, pairs);
    add_fill_pairs(p, colours, pairs);
    add_widget_pairs(p, style, pairs);
    add_timeline_pairs(p, pairs);
    return pairs;
}

const Palette& palette() { return palette_for(g_theme); }

const Palette& palette_for(ThemeKind kind) {
    switch (kind) {
        case ThemeKind::Light: return kLight;
        case ThemeKind::Dark: return kDark;
        case ThemeKind::Projector: return kProjector;
    }
    return kLight;
}

ImVec4 thread_colour(uint32_t thread_number) {
    const auto& threads = palette().threads;
    return threads[(thread_number == 0 ? 0 : thread_number - 1) % threads.size()];
}

ImU32 to_u32(const ImVec4& colour, float alpha_scale) {
    return ImGui::ColorConvertFloat4ToU32(ImVec4(colour.x, colour.y, colour.z, colour.w * alpha_scale));
}

ImVec4 with_alpha(const ImVec4& colour, float alpha) { return ImVec4(colour.x, colour.y, colour.z, alpha); }

ImVec4 blend_over(const ImVec4& colour, float alpha, const ImVec4& background) {
    return with_alpha(mix(background, colour, alpha), 1.0f);
}

ImVec4 mix(const ImVec4& a, const ImVec4& b, float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    return ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, a.w + (b.w - a.w) * t);
}

}  // namespace ovlab::gui
