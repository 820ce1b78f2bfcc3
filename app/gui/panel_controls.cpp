// The toolbar: what is running and where the view is (row 1), and the controls (row 2): Step,
// Run, Pause, speed, Reset, Parameters, Back, the scrubber, completion hold, language and theme.
#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "ovlab/platform.h"
#include "panel.h"
#include "parameters_popup.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

void vertical_divider() {
    ImGui::SameLine(0, 14);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(ImVec2(pos.x, pos.y + 3), ImVec2(pos.x, pos.y + ImGui::GetFrameHeight() - 3),
                                        to_u32(palette().border), 1.5f);
    ImGui::Dummy(ImVec2(1, ImGui::GetFrameHeight()));
    ImGui::SameLine(0, 14);
}

// Two-button switch; returns true when `second` got chosen (or stays chosen).
bool segmented(const char* id, std::string_view first, std::string_view second, bool second_active) {
    const Palette& p = palette();
    ImGui::PushID(id);
    bool choose_second = second_active;
    for (int i = 0; i < 2; ++i) {
        const bool active = (i == 1) == second_active;
        if (active) {
            ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.accent);
            ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
        }
        const std::string_view label = i == 0 ? first : second;
        if (i == 1) ImGui::SameLine(0, 2);
        ImGui::PushID(i);
        if (ImGui::Button(std::string(label).c_str())) choose_second = (i == 1);
        ImGui::PopID();
        if (active) ImGui::PopStyleColor(3);
    }
    ImGui::PopID();
    return choose_second;
}

class ControlsPanel final : public Panel {
public:
    const char* id() const override { return "controls"; }
    Str title() const override { return Str::ControlsTitle; }
    Str help() const override { return Str::ControlsHelp; }
    bool has_header() const override { return false; }
    bool body_scrolls() const override { return false; }

    void draw_body(GuiContext& ctx) override {
        draw_status_row(ctx);
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 4);
        draw_control_row(ctx);
    }

private:
    struct Badge {
        std::string text;
        ImVec4 colour;
        bool filled = true;
        std::string tooltip;
    };

    // Row 1: app and lesson title on the left, what the run is doing next to it, and backend,
    // theme, language and help on the right. The title gives way (ellipsis) when space runs out.
    static void draw_status_row(GuiContext& ctx) {
        const Palette& p = palette();
        const float right_x = draw_right_group(ctx);
        std::vector<Badge> badges = run_status(ctx);
        if (const std::string changed = changed_parameters_text(ctx); !changed.empty()) {
            badges.push_back({fmt::format(fmt::runtime(tr(Str::ParametersChanged)), changed), p.warning, true,
                              tr(Str::ParametersChangedHelp)});
        }
        float badges_width = 0;
        for (const Badge& badge : badges) badges_width += pill_width(badge.text) + 10;

        ImGui::SetCursorPos(ImVec2(ImGui::GetStyle().WindowPadding.x, ImGui::GetStyle().WindowPadding.y));
        ImGui::AlignTextToFramePadding();
        text_in_font(ctx.fonts.bold, p.accent, tr(Str::AppName));
        if (const LessonInfo* lesson = ctx.lessons.lesson()) {
            ImGui::SameLine(0, 12);
            text_coloured(p.text_dim, "/");
            ImGui::SameLine(0, 12);
            const float room = right_x - ImGui::GetCursorPosX() - badges_width - 40;
            text_in_font(ctx.fonts.bold, p.text, fit_text(ctx.fonts.bold, lesson->title(ctx.language), room));
            tooltip_for_last_item(lesson->title(ctx.language));
        }
        ImGui::SameLine(0, 24);
        const float y = ImGui::GetCursorPosY() + 3;
        for (const Badge& badge : badges) {
            ImGui::SetCursorPosY(y);
            pill(badge.text, badge.colour, badge.filled);
            tooltip_for_last_item(badge.tooltip);
            ImGui::SameLine(0, 10);
        }
        ImGui::NewLine();
    }

    static std::vector<Badge> run_status(GuiContext& ctx) {
        const Palette& p = palette();
        LessonController& lessons = ctx.lessons;
        const StepView& view = ctx.view;
        if (!lessons.run_error().empty()) return {{tr(Str::StatusCannotStart), p.danger, true, lessons.run_error()}};
        if (lessons.resetting() || !lessons.session()) return {{tr(Str::StatusStarting), p.text_dim, false, {}}};
        if (!view.live) {
            return {{fmt::format(fmt::runtime(tr(Str::StatusViewingStep)), view.step, view.live_step, view.live_step),
                     p.warning, true, tr(Str::StatusViewingStepHelp)}};
        }
        if (view.finished) {
            const bool passed = view.state->check_passed;
            return {{tr(passed ? Str::StatusFinishedPassed : Str::StatusFinishedFailed), passed ? p.success : p.danger,
                     true, view.state->check_message}};
        }
        std::vector<Badge> badges{{fmt::format(fmt::runtime(tr(Str::StatusStep)), view.step), p.accent, false, {}}};
        if (view.state->history_limit > 0)
            badges.push_back({tr(Str::StatusHistoryFull), p.danger, true,
                              fmt::format(fmt::runtime(tr(Str::StatusHistoryFullHelp)), view.state->history_limit)});
        else if (lessons.running()) badges.push_back({tr(Str::StatusRunning), p.success, false, {}});
        else if (lessons.held_count() > 0)
            badges.push_back({fmt::format(fmt::runtime(tr(Str::StatusHeld)), lessons.held_count()), p.warning, true, {}});
        else if (!lessons.can_step_forward() && view.step > 0 && lessons.serves_peer())
            badges.push_back({tr(Str::StatusWaitingForPeer), p.accent, false, tr(Str::StatusWaitingForPeerHelp)});
        else if (!lessons.can_step_forward() && view.step > 0)
            badges.push_back({tr(Str::StatusWaitingForKernel), p.text_dim, false, tr(Str::StatusWaitingForKernelHelp)});
        else if (view.step == 0)
            badges.push_back({tr(Str::StatusReady), p.success, false, {}});
        return badges;
    }

    static float theme_selector_width() {
        float widest = 0;
        for (ThemeKind kind : kAllThemes) widest = std::max(widest, ImGui::CalcTextSize(tr(theme_label(kind))).x);
        return widest + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight();
    }

    static void theme_selector(GuiContext& ctx) {
        ImGui::SetNextItemWidth(theme_selector_width());
        if (ImGui::BeginCombo("##theme", tr(theme_label(current_theme())))) {
            for (ThemeKind kind : kAllThemes)
                if (ImGui::Selectable(tr(theme_label(kind)), kind == current_theme())) ctx.requests.theme = kind;
            ImGui::EndCombo();
        }
        tooltip_for_last_item(tr(Str::ThemeHelp));
    }

    // Returns the x where the group starts.
    static float draw_right_group(GuiContext& ctx) {
        const Palette& p = palette();
        const std::string backend = fmt::format(fmt::runtime(tr(Str::IoBackend)), platform::io_backend_name());
        const std::string korean_label = ctx.fonts.korean ? tr(Str::LanguageKorean) : "KO";
        const ImGuiStyle& style = ImGui::GetStyle();
        auto button_width = [&](std::string_view label) {
            return ImGui::CalcTextSize(label.data(), label.data() + label.size()).x + style.FramePadding.x * 2;
        };
        const float observed_width = platform::observes_fields() ? pill_width(tr(Str::ObservedFields)) + 6 : 0.0f;
        const float width = pill_width(backend) + observed_width + 16 + theme_selector_width() + 16 + button_width("EN") + 2 +
                            button_width(korean_label) + 16 + ImGui::GetFontSize();
        const float x = ImGui::GetWindowContentRegionMax().x - width;
        const float y = ImGui::GetCursorPosY();
        ImGui::SetCursorPos(ImVec2(x, y + 3));
        pill(backend, p.text_dim, false);
        tooltip_for_last_item(tr(Str::IoBackendHelp));
        if (platform::observes_fields()) {
            ImGui::SameLine(0, 6);
            pill(tr(Str::ObservedFields), p.text_dim, false);
            tooltip_for_last_item(tr(Str::ObservedFieldsHelp));
        }
        ImGui::SameLine(0, 16);
        ImGui::SetCursorPosY(y);
        theme_selector(ctx);
        ImGui::SameLine(0, 16);
        const bool korean = segmented("language", "EN", korean_label, ctx.language == Language::Korean);
        if (korean != (ctx.language == Language::Korean)) ctx.requests.language = korean ? Language::Korean : Language::English;
        if (!ctx.fonts.korean) tooltip_for_last_item(tr(Str::KoreanFontMissing));
        ImGui::SameLine(0, 16);
        ImGui::SetCursorPosY(y + (ImGui::GetFrameHeight() - ImGui::GetFontSize()) * 0.5f);
        help_icon(tr(Str::ControlsHelp));
        return x;
    }

    void draw_control_row(GuiContext& ctx) {
        const Palette& p = palette();
        LessonController& lessons = ctx.lessons;
        const StepView& view = ctx.view;
        const bool has_run = lessons.session() != nullptr;

        if (icon_button("##step", Icon::Step, tr(Str::Step), lessons.can_step_forward(), true)) lessons.step_forward();
        tooltip_for_last_item(tr(Str::StepHelp));
        ImGui::SameLine();
        if (icon_button("##run", Icon::Run, tr(Str::Run), has_run && !lessons.running() && !lessons.lesson_finished()))
            lessons.run();
        ImGui::SameLine();
        if (icon_button("##pause", Icon::Pause, tr(Str::Pause), lessons.running())) lessons.pause();
        ImGui::SameLine();
        float speed = lessons.speed();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.5f);
        if (ImGui::SliderFloat("##speed", &speed, 0.25f, 20.0f, tr(Str::SpeedFormat), ImGuiSliderFlags_Logarithmic))
            lessons.set_speed(speed);
        tooltip_for_last_item(tr(Str::SpeedHelp));
        ImGui::SameLine();
        if (icon_button("##reset", Icon::Reset, tr(Str::Reset), lessons.lesson() != nullptr)) ctx.requests.reset = true;
        tooltip_for_last_item(tr(Str::ResetHelp));
        ImGui::SameLine();
        parameters_.draw_button(ctx);
        parameters_.draw_popup(ctx);

        vertical_divider();
        if (icon_button("##back", Icon::Back, tr(Str::Back), view.step > 0)) lessons.step_back();
        tooltip_for_last_item(tr(Str::BackHelp));
        ImGui::SameLine();
        int shown = static_cast<int>(view.step);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 13.0f);
        if (!view.live) ImGui::PushStyleColor(ImGuiCol_SliderGrab, p.warning);
        const std::string scrub_format = fmt::format(fmt::runtime(tr(Str::ScrubFormat)), view.live_step);
        // Nothing recorded yet: an empty range would draw the grab across the whole slider.
        const bool nothing_yet = view.live_step == 0;
        if (nothing_yet) ImGui::BeginDisabled();
        if (ImGui::SliderInt("##scrub", &shown, 0, nothing_yet ? 1 : static_cast<int>(view.live_step), scrub_format.c_str()))
            lessons.show_step(static_cast<uint64_t>(std::max(shown, 0)));
        if (nothing_yet) ImGui::EndDisabled();
        if (!view.live) ImGui::PopStyleColor();
        tooltip_for_last_item(tr(Str::ScrubHelp));
        ImGui::SameLine();
        if (icon_button("##live", Icon::Live, tr(Str::Live), !view.live)) lessons.show_live();

        vertical_divider();
        bool hold = lessons.hold();
        ImGui::AlignTextToFramePadding();
        const bool hold_available = platform::completion_hold_available();
        if (!hold_available) ImGui::BeginDisabled();
        if (ImGui::Checkbox(tr(Str::HoldCompletions), &hold)) lessons.set_hold(hold);
        if (!hold_available) ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
            ImGui::SetTooltip("%s", tr(hold_available ? Str::HoldHelp : Str::HoldUnavailable));
        ImGui::SameLine();
        const size_t held = lessons.held_count();
        const std::string release = fmt::format(fmt::runtime(tr(Str::ReleaseFormat)), held);
        if (held == 0) ImGui::BeginDisabled();
        if (ImGui::Button(release.c_str())) lessons.release_held();
        if (held == 0) ImGui::EndDisabled();
        tooltip_for_last_item(tr(Str::ReleaseHelp));
    }

    ParametersPopup parameters_;
};

}  // namespace

std::unique_ptr<Panel> make_controls_panel() { return std::make_unique<ControlsPanel>(); }

}  // namespace ovlab::gui
