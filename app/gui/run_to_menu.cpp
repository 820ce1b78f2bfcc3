#include "run_to_menu.h"

#include "ui_strings.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

constexpr const char* kMenuId = "run_to_menu";

void goal_item(GuiContext& ctx, GoalKind kind, Str label, Str help, const char* key) {
    if (ImGui::MenuItem(tr(label), key)) ctx.lessons.run_to({kind});
    tooltip_for_last_item(tr(help));
}

}  // namespace

float run_to_button_width() {
    return ImGui::CalcTextSize(tr(Str::RunTo)).x + ImGui::GetStyle().FramePadding.x * 2;
}

void draw_run_to_button(GuiContext& ctx) {
    // A finished run still has its history to search while looking back.
    const bool enabled = ctx.lessons.can_run_to() && (!ctx.lessons.lesson_finished() || !ctx.view.live);
    if (!enabled) ImGui::BeginDisabled();
    if (ImGui::Button(tr(Str::RunTo))) ImGui::OpenPopup(kMenuId);
    if (!enabled) ImGui::EndDisabled();
    tooltip_for_last_item(ctx.lessons.runs_program() ? tr(Str::RunToUnavailable) : tr(Str::RunToHelp));
    if (!ImGui::BeginPopup(kMenuId)) return;
    goal_item(ctx, GoalKind::NextCompletion, Str::RunToCompletion, Str::RunToCompletionHelp, "N");
    goal_item(ctx, GoalKind::NextApc, Str::RunToApc, Str::RunToApcHelp, "A");
    goal_item(ctx, GoalKind::NextDequeue, Str::RunToDequeue, Str::RunToDequeueHelp, "G");
    ImGui::Separator();
    text_coloured(palette().text_dim, tr(Str::RunToLineHint));
    ImGui::EndPopup();
}

}  // namespace ovlab::gui
