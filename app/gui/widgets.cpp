#include "widgets.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "theme.h"
#include "ui_scale.h"

namespace ovlab::gui {
namespace {

constexpr double kFadeSeconds = kStepAnimationSeconds;
constexpr float kRestingEmphasis = 0.35f;
constexpr float kPi = 3.14159265f;

void draw_icon(ImDrawList* draw, Icon icon, ImVec2 p, float s, ImU32 colour) {
    auto at = [&](float x, float y) { return ImVec2(p.x + x * s, p.y + y * s); };
    switch (icon) {
        case Icon::Run:
            draw->AddTriangleFilled(at(0.22f, 0.12f), at(0.22f, 0.88f), at(0.88f, 0.5f), colour);
            break;
        case Icon::Step:
            draw->AddTriangleFilled(at(0.12f, 0.14f), at(0.12f, 0.86f), at(0.62f, 0.5f), colour);
            draw->AddRectFilled(at(0.68f, 0.14f), at(0.86f, 0.86f), colour, 1.0f);
            break;
        case Icon::Back:
            draw->AddRectFilled(at(0.14f, 0.14f), at(0.32f, 0.86f), colour, 1.0f);
            draw->AddTriangleFilled(at(0.88f, 0.14f), at(0.88f, 0.86f), at(0.38f, 0.5f), colour);
            break;
        case Icon::Pause:
            draw->AddRectFilled(at(0.2f, 0.14f), at(0.42f, 0.86f), colour, 1.0f);
            draw->AddRectFilled(at(0.58f, 0.14f), at(0.8f, 0.86f), colour, 1.0f);
            break;
        case Icon::Reset: {
            const ImVec2 centre = at(0.5f, 0.54f);
            const float radius = 0.32f * s;
            draw->PathArcTo(centre, radius, kPi * 1.25f, kPi * 2.95f, 20);
            draw->PathStroke(colour, 0, std::max(2.0f, s * 0.12f));
            const ImVec2 tip(centre.x + radius * std::cos(kPi * 1.25f), centre.y + radius * std::sin(kPi * 1.25f));
            draw->AddTriangleFilled(ImVec2(tip.x - 0.2f * s, tip.y - 0.02f * s), ImVec2(tip.x + 0.14f * s, tip.y - 0.2f * s),
                                    ImVec2(tip.x + 0.08f * s, tip.y + 0.16f * s), colour);
            break;
        }
        case Icon::Live:
            draw->AddCircleFilled(at(0.5f, 0.5f), 0.3f * s, colour, 16);
            break;
    }
}

}  // namespace

float pill_width(std::string_view text) {
    return ImGui::CalcTextSize(text.data(), text.data() + text.size()).x + ImGui::GetFontSize() * 0.9f;
}

void pill(std::string_view text, const ImVec4& colour, bool filled) {
    const ImVec2 text_size = ImGui::CalcTextSize(text.data(), text.data() + text.size());
    const float pad_x = ImGui::GetFontSize() * 0.45f;
    const float pad_y = px(2);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 size(text_size.x + 2 * pad_x, text_size.y + 2 * pad_y);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Palette& p = palette();
    draw->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), to_u32(filled ? colour : with_alpha(colour, kPillTint)),
                        size.y * 0.5f);
    if (!filled) draw->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), to_u32(colour, 0.6f), size.y * 0.5f);
    draw->AddText(ImVec2(pos.x + pad_x, pos.y + pad_y), to_u32(filled ? p.accent_text : colour), text.data(),
                  text.data() + text.size());
    ImGui::Dummy(size);
}

void lamp(float radius, bool on, const ImVec4& on_colour) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 centre(pos.x + radius + 2, pos.y + radius + 2);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Palette& p = palette();
    if (on) {
        draw->AddCircleFilled(centre, radius + px(3), to_u32(on_colour, 0.25f), 32);
        draw->AddCircleFilled(centre, radius, to_u32(on_colour), 32);
        draw->AddCircleFilled(ImVec2(centre.x - radius * 0.3f, centre.y - radius * 0.3f), radius * 0.3f,
                              to_u32(ImVec4(1, 1, 1, 0.55f)), 16);
    } else {
        draw->AddCircleFilled(centre, radius, to_u32(p.lamp_off), 32);
        draw->AddCircle(centre, radius, to_u32(p.border), 32, 1.5f);
    }
    ImGui::Dummy(ImVec2(2 * radius + 4, 2 * radius + 4));
}

float change_emphasis(const GuiContext& ctx, uint64_t seq) {
    if (!ctx.view.changed_this_step(seq)) return 0.0f;
    if (ctx.settle_animations) return kRestingEmphasis;
    const double age = ctx.now - ctx.view_changed_at;
    const float fade = static_cast<float>(std::clamp(1.0 - age / kFadeSeconds, 0.0, 1.0));
    return kRestingEmphasis + (1.0f - kRestingEmphasis) * fade;
}

void highlight_rect(ImVec2 min, ImVec2 max, float emphasis, bool marker) {
    if (emphasis <= 0.0f) return;
    const ImVec4& changed = palette().changed;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, to_u32(changed, 0.22f + 0.5f * emphasis), px(4));
    if (marker) draw->AddRectFilled(min, ImVec2(min.x + px(4), max.y), to_u32(changed), px(2));
}

void help_icon(std::string_view help) {
    const Palette& p = palette();
    const float radius = ImGui::GetFontSize() * 0.5f;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##help", ImVec2(2 * radius, 2 * radius));
    const bool hovered = ImGui::IsItemHovered();
    const ImVec2 centre(pos.x + radius, pos.y + radius);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddCircleFilled(centre, radius, to_u32(hovered ? p.accent : p.panel_bg), 24);
    draw->AddCircle(centre, radius, to_u32(hovered ? p.accent : p.text_dim), 24, 1.5f);
    const ImVec2 mark = ImGui::CalcTextSize("?");
    draw->AddText(ImVec2(centre.x - mark.x * 0.5f, centre.y - mark.y * 0.5f), to_u32(hovered ? p.accent_text : p.text_dim),
                  "?");
    tooltip_for_last_item(help);
}

void tooltip_for_last_item(std::string_view text) {
    if (text.empty() || !ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26.0f);
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void text_coloured(const ImVec4& colour, std::string_view text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    ImGui::PopStyleColor();
}

void text_in_font(ImFont* font, const ImVec4& colour, std::string_view text) {
    ImGui::PushFont(font);
    text_coloured(colour, text);
    ImGui::PopFont();
}

void empty_state_text(std::string_view text) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float wrap = std::max(120.0f, avail.x - 2 * ImGui::GetFontSize());
    const ImVec2 size = ImGui::CalcTextSize(text.data(), text.data() + text.size(), false, wrap);
    const ImVec2 start = ImGui::GetCursorPos();
    ImGui::SetCursorPos(ImVec2(start.x + std::max(0.0f, (avail.x - size.x) * 0.5f),
                               start.y + std::max(0.0f, (avail.y - size.y) * 0.4f)));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
    ImGui::PushStyleColor(ImGuiCol_Text, palette().text_dim);
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
}

bool icon_button(const char* id, Icon icon, std::string_view label, bool enabled, bool primary) {
    const Palette& p = palette();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float icon_size = ImGui::GetFontSize() * 0.8f;
    const ImVec2 text_size = ImGui::CalcTextSize(label.data(), label.data() + label.size());
    const ImVec2 size(style.FramePadding.x * 2 + icon_size + style.ItemInnerSpacing.x + text_size.x,
                      ImGui::GetFrameHeight());
    if (!enabled) ImGui::BeginDisabled();
    if (primary) {
        ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, mix(p.accent, p.text, 0.15f));
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, mix(p.accent, p.text, 0.3f));
    }
    const bool pressed = ImGui::Button(id, size);
    if (primary) ImGui::PopStyleColor(3);
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImU32 ink = to_u32(primary ? p.accent_text : p.text, enabled ? 1.0f : 0.45f);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw_icon(draw, icon, ImVec2(min.x + style.FramePadding.x, min.y + (size.y - icon_size) * 0.5f), icon_size, ink);
    draw->AddText(ImVec2(min.x + style.FramePadding.x + icon_size + style.ItemInnerSpacing.x,
                         min.y + (size.y - text_size.y) * 0.5f),
                  ink, label.data(), label.data() + label.size());
    if (!enabled) ImGui::EndDisabled();
    return pressed && enabled;
}

bool small_toggle(const char* label, bool active) {
    const Palette& p = palette();
    if (active) {
        ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
        ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
    }
    const bool pressed = ImGui::SmallButton(label);
    if (active) ImGui::PopStyleColor(2);
    return pressed;
}

std::string fit_text(ImFont* font, std::string_view text, float width) {
    auto measure = [&](std::string_view s) {
        return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, s.data(), s.data() + s.size()).x;
    };
    if (measure(text) <= width) return std::string(text);
    const float room = width - measure("\u2026");
    size_t end = text.size();
    while (end > 0 && measure(text.substr(0, end)) > room) {
        --end;
        while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;  // UTF-8 boundary
    }
    return std::string(text.substr(0, end)) + "\u2026";
}

std::string group_digits(uint64_t value) {
    const std::string digits = std::to_string(value);
    std::string grouped;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
        grouped += digits[i];
    }
    return grouped;
}

}  // namespace ovlab::gui
