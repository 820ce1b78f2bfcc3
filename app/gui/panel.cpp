#include "panel.h"

#include <fmt/format.h>

#include "theme.h"
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
    const float height = ImGui::GetFontSize() + 14.0f;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height), to_u32(p.header_bg), 6.0f,
                        ImDrawFlags_RoundCornersTop);
    draw->AddLine(ImVec2(pos.x, pos.y + height), ImVec2(pos.x + width, pos.y + height), to_u32(p.border), p.line_width);

    ImGui::SetCursorScreenPos(ImVec2(pos.x + 12, pos.y + 7));
    text_in_font(ctx.fonts.bold, p.text, tr(panel.title()));
    ImGui::SameLine(0, 14);
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, pos.y + 5));
    panel.draw_header_extras(ctx);

    const float radius = ImGui::GetFontSize() * 0.5f;
    ImGui::SetCursorScreenPos(ImVec2(pos.x + width - 12 - 2 * radius, pos.y + height * 0.5f - radius));
    help_icon(tr(panel.help()));
    return height;
}

}  // namespace

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
    if (panel.has_header()) top = draw_header(panel, ctx) + 8.0f;
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

}  // namespace ovlab::gui
