#include "panel.h"

#include <algorithm>

#include <fmt/format.h>

#include "theme.h"
#include "ui_scale.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

constexpr ImGuiWindowFlags kPanelWindowFlags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                                               ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollbar |
                                               ImGuiWindowFlags_NoScrollWithMouse |
                                               ImGuiWindowFlags_NoBringToFrontOnFocus;

float draw_header(Panel& panel, GuiContext& ctx) {
    const Palette& p = palette();
    const ImVec2 pos = ImGui::GetWindowPos();
    const float width = ImGui::GetWindowWidth();
    const float height = panel_header_height();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height), to_u32(p.header_bg), px(6),
                        ImDrawFlags_RoundCornersTop);
    draw->AddLine(ImVec2(pos.x, pos.y + height), ImVec2(pos.x + width, pos.y + height), to_u32(p.border), p.line_width);

    const float radius = ImGui::GetFontSize() * 0.5f;
    ImGui::SetCursorScreenPos(ImVec2(pos.x + px(12), pos.y + px(7)));
    // A narrow panel shortens its title rather than draw it under the help icon.
    text_in_font(ctx.fonts.bold, p.text, fit_text(ctx.fonts.bold, tr(panel.title()), width - px(32) - 2 * radius));
    tooltip_for_last_item(tr(ctx.enlarged_panel == panel.id() ? Str::PanelRestoreHint : Str::PanelEnlargeHint));
    ImGui::SameLine(0, px(14));
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, pos.y + px(5)));
    // Whatever a panel adds to its strip stops short of the help icon instead of running under it.
    ImGui::PushClipRect(pos, ImVec2(panel_header_extras_right(), pos.y + height), true);
    panel.draw_header_extras(ctx);
    ImGui::PopClipRect();

    ImGui::SetCursorScreenPos(ImVec2(pos.x + width - px(12) - 2 * radius, pos.y + height * 0.5f - radius));
    help_icon(tr(panel.help()));

    // A double-click on the strip (not on a button in it) enlarges the panel or restores it.
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool on_strip = mouse.x >= pos.x && mouse.x < pos.x + width && mouse.y >= pos.y && mouse.y < pos.y + height;
    if (on_strip && ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows) && !ImGui::IsAnyItemHovered() &&
        ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))
        ctx.requests.toggle_enlarged = panel.id();
    return height;
}

}  // namespace

float panel_header_height() { return ImGui::GetFontSize() + px(14); }

float panel_header_extras_right() {
    return ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - px(16) - ImGui::GetFontSize();
}

void restore_enlarged_panel_on_escape(GuiContext& ctx) {
    if (ctx.enlarged_panel.empty() || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) ctx.requests.toggle_enlarged = ctx.enlarged_panel;
}

void draw_panel(Panel& panel, GuiContext& ctx, ImVec2 pos, ImVec2 size) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    const std::string name = fmt::format("###{}", panel.id());
    if (!ImGui::Begin(name.c_str(), nullptr, kPanelWindowFlags)) {
        ImGui::End();
        return;
    }
    ImGui::PushID(panel.id());
    float top = ImGui::GetStyle().WindowPadding.y;
    if (panel.has_header()) top = draw_header(panel, ctx) + px(8);
    ImGui::SetCursorPos(ImVec2(ImGui::GetStyle().WindowPadding.x, top));

    const std::string empty = panel.empty_state(ctx);
    if (!empty.empty()) {
        empty_state_text(empty);
    } else if (panel.body_scrolls()) {
        ImGui::BeginChild("body", ImVec2(0, 0), false, ImGuiWindowFlags_None);
        panel.draw_body(ctx);
        ImGui::EndChild();
    } else {
        panel.draw_body(ctx);
    }
    ImGui::PopID();
    ImGui::End();
}

void draw_placed_panels(const std::vector<std::pair<Panel*, PanelRect>>& placed, GuiContext& ctx,
                        PanelRect enlarged_area) {
    const auto enlarged = std::find_if(placed.begin(), placed.end(), [&](const auto& entry) {
        return !ctx.enlarged_panel.empty() && ctx.enlarged_panel == entry.first->id();
    });
    for (const auto& [panel, rect] : placed) {
        if (enlarged == placed.end()) draw_panel(*panel, ctx, rect.pos, rect.size);
        else if (!panel->has_header()) draw_panel(*panel, ctx, rect.pos, rect.size);  // the toolbar stays
    }
    if (enlarged != placed.end()) draw_panel(*enlarged->first, ctx, enlarged_area.pos, enlarged_area.size);
}

}  // namespace ovlab::gui
