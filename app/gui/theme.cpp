#include "theme.h"

#include <algorithm>
#include <array>

namespace ovlab::gui {
namespace {

ImVec4 rgb(uint32_t hex, float alpha = 1.0f) {
    return ImVec4(((hex >> 16) & 0xFF) / 255.0f, ((hex >> 8) & 0xFF) / 255.0f, (hex & 0xFF) / 255.0f, alpha);
}

const Palette kLight{
    .window_bg = rgb(0xE9ECF1),
    .panel_bg = rgb(0xFFFFFF),
    .header_bg = rgb(0xF1F4F8),
    .border = rgb(0xC9D0DA),
    .text = rgb(0x161B22),
    .text_dim = rgb(0x5B6573),
    .accent = rgb(0x1D5FD1),
    .accent_text = rgb(0xFFFFFF),
    .success = rgb(0x15803D),
    .warning = rgb(0xB45309),
    .danger = rgb(0xC81E1E),
    .changed = rgb(0xFACC15),
    .code_bg = rgb(0xFBFCFD),
    .code_comment = rgb(0x6A737D),
    .code_keyword = rgb(0x8A2BB8),
    .code_string = rgb(0x0B7A3E),
    .code_number = rgb(0xB0530B),
    .code_call = rgb(0x1D5FD1),
    .lamp_off = rgb(0xC4CAD3),
};

const Palette kDark{
    .window_bg = rgb(0x0F1217),
    .panel_bg = rgb(0x181C23),
    .header_bg = rgb(0x222833),
    .border = rgb(0x343C4A),
    .text = rgb(0xE8ECF2),
    .text_dim = rgb(0x9AA5B4),
    .accent = rgb(0x4C8DF6),
    .accent_text = rgb(0xFFFFFF),
    .success = rgb(0x3FBF6F),
    .warning = rgb(0xF0A030),
    .danger = rgb(0xF2555A),
    .changed = rgb(0xE0B000),
    .code_bg = rgb(0x14181E),
    .code_comment = rgb(0x7D8896),
    .code_keyword = rgb(0xC792EA),
    .code_string = rgb(0x9CD67E),
    .code_number = rgb(0xF5A76C),
    .code_call = rgb(0x6CB6FF),
    .lamp_off = rgb(0x3A4250),
};

// Chosen to stay distinct from each other and from the warning/danger/changed colours.
const std::array<ImVec4, 6> kThreadColours = {
    rgb(0x2F6FE4), rgb(0xD9480F), rgb(0x2B9348), rgb(0x8E44AD), rgb(0x0E8C8C), rgb(0xC2185B),
};

ThemeKind g_theme = ThemeKind::Light;

void apply_style_colours(const Palette& p) {
    ImVec4* c = ImGui::GetStyle().Colors;
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
    style.WindowBorderSize = 1;
    style.FrameBorderSize = 1;  // checkboxes and sliders stay visible on a washed-out projector
    apply_style_colours(palette());
}

ThemeKind current_theme() { return g_theme; }

const Palette& palette() { return g_theme == ThemeKind::Dark ? kDark : kLight; }

ImVec4 thread_colour(uint32_t thread_number) {
    return kThreadColours[(thread_number == 0 ? 0 : thread_number - 1) % kThreadColours.size()];
}

ImU32 to_u32(const ImVec4& colour, float alpha_scale) {
    return ImGui::ColorConvertFloat4ToU32(ImVec4(colour.x, colour.y, colour.z, colour.w * alpha_scale));
}

ImVec4 with_alpha(const ImVec4& colour, float alpha) { return ImVec4(colour.x, colour.y, colour.z, alpha); }

ImVec4 mix(const ImVec4& a, const ImVec4& b, float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    return ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, a.w + (b.w - a.w) * t);
}

}  // namespace ovlab::gui
