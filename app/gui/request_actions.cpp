#include "request_actions.h"

#include "ui_strings.h"
#include "widgets.h"

namespace ovlab::gui {

void draw_request_actions(GuiContext& ctx, const trace::OverlappedView& ov, const trace::IoView* io) {
    LessonController& lessons = ctx.lessons;
    if (!io || !ov.in_flight || !lessons.session() || lessons.lesson_finished()) return;
    const bool held = lessons.request_phase(ov, io) == RequestPhase::Held;
    // Looking back, the buttons stay in place but wait for Live: only the live run can change.
    const bool live = lessons.acts_on_requests();
    const std::string disabled_note = live ? std::string() : std::string("\n\n") + tr(Str::DeviceLiveOnly);
    if (!live) ImGui::BeginDisabled();
    if (held) {
        if (ImGui::SmallButton(tr(Str::DeliverFirst))) lessons.deliver_held_first(ov.address);
        tooltip_for_last_item(tr(Str::DeliverFirstHelp) + disabled_note);
        ImGui::SameLine(0, 8);
    }
    if (ImGui::SmallButton(tr(Str::CancelRequest))) lessons.cancel_request(io->handle, ov.address);
    tooltip_for_last_item(tr(Str::CancelRequestHelp) + disabled_note);
    if (!live) ImGui::EndDisabled();
}

}  // namespace ovlab::gui
