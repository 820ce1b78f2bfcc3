// The toolbar: what is running and where the view is (row 1), and the controls (row 2): Step,
// Run, Pause, speed, Reset, Parameters, Back, the scrubber, completion hold, Predict mode, language
// and theme.
#include <algorithm>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

#include "ovlab/platform.h"
#include "panel.h"
#include "parameters_popup.h"
#include "run_to_menu.h"
#include "ui_scale.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

constexpr float kDividerGap = 14;

void vertical_divider() {
    ImGui::SameLine(0, px(kDividerGap));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(ImVec2(pos.x, pos.y + px(3)),
                                        ImVec2(pos.x, pos.y + ImGui::GetFrameHeight() - px(3)),
                                        to_u32(palette().border), px(1.5f));
    ImGui::Dummy(ImVec2(1, ImGui::GetFrameHeight()));
    ImGui::SameLine(0, px(kDividerGap));
}

float text_width(std::string_view text) { return ImGui::CalcTextSize(text.data(), text.data() + text.size()).x; }

// icon_button's width for `label` (empty: the icon alone).
float icon_button_width(std::string_view label) {
    const ImGuiStyle& style = ImGui::GetStyle();
    return style.FramePadding.x * 2 + ImGui::GetFontSize() * 0.8f + style.ItemInnerSpacing.x + text_width(label);
}

// How the control row fits the toolbar: the speed and scrub sliders give up width first, then
// Run, Pause, Reset, Back and Live show their icons alone, then Hold completions says only "Hold"
// (the tooltips keep the words), so nothing is cut off at the right edge (a 1280x720 projector,
// or a large zoom).
struct ControlRowFit {
    float speed_width = 0;
    float scrub_width = 0;
    bool labels = true;
    Str hold_label = Str::HoldCompletions;  // or Str::HoldShort
};

ControlRowFit fit_control_row(std::string_view release_label, float available) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float em = ImGui::GetFontSize();
    const float hold_label = style.ItemInnerSpacing.x + text_width(tr(Str::HoldCompletions));
    const float hold_short = style.ItemInnerSpacing.x + text_width(tr(Str::HoldShort));
    const float predict = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + text_width(tr(Str::Predict));
    const float fixed = icon_button_width(tr(Str::Step)) + text_width(tr(Str::Parameters)) + style.FramePadding.x * 2 +
                        ImGui::GetFrameHeight() + text_width(release_label) + style.FramePadding.x * 2 +
                        3 * (2 * px(kDividerGap) + 1) + 10 * style.ItemSpacing.x + predict + run_to_button_width();
    float labelled = 0;
    for (const Str label : {Str::Run, Str::Pause, Str::Reset, Str::Back, Str::Live}) labelled += icon_button_width(tr(label));
    const float bare = 5 * icon_button_width("");
    const float speed_most = em * 8.5f, scrub_most = em * 13.0f;
    const float speed_least = em * 5.0f, scrub_least = em * 6.0f;
    ControlRowFit fit;
    fit.labels = fixed + hold_label + labelled + speed_least + scrub_least <= available;
    const bool hold_fits = fit.labels || fixed + hold_label + bare + speed_least + scrub_least <= available;
    fit.hold_label = hold_fits ? Str::HoldCompletions : Str::HoldShort;
    const float room = available - fixed - (fit.labels ? labelled : bare) - (hold_fits ? hold_label : hold_short);
    // What is left beyond the least widths goes to both sliders in proportion, up to their natural width.
    const float spare = std::max(0.0f, room - speed_least - scrub_least);
    const float share = std::min(1.0f, spare / (speed_most - speed_least + scrub_most - scrub_least));
    fit.speed_width = speed_least + (speed_most - speed_least) * share;
    fit.scrub_width = scrub_least + (scrub_most - scrub_least) * share;
    if (room < speed_least + scrub_least) {  // a large zoom on a small screen: the sliders take what is left
        fit.speed_width = std::max(em * 2.5f, room * 0.4f);
        fit.scrub_width = std::max(em * 2.5f, room * 0.6f);
    }
    return fit;
}

// An icon button that drops its label when the row is short of room (the tooltip then says it).
bool toolbar_button(const char* id, Icon icon, Str label, bool enabled, const ControlRowFit& fit) {
    const bool pressed = icon_button(id, icon, fit.labels ? tr(label) : "", enabled);
    if (!fit.labels) tooltip_for_last_item(tr(label));
    return pressed;
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
        if (i == 1) ImGui::SameLine(0, px(2));
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
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(4));
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
        for (const Badge& badge : badges) badges_width += pill_width(badge.text) + px(10);

        ImGui::SetCursorPos(ImVec2(ImGui::GetStyle().WindowPadding.x, ImGui::GetStyle().WindowPadding.y));
        ImGui::AlignTextToFramePadding();
        text_in_font(ctx.fonts.bold, p.accent, tr(Str::AppName));
        // A recording of a program that is no lesson is named after the program.
        const LessonInfo* lesson = ctx.lessons.lesson();
        const std::string title = lesson ? lesson->title(ctx.language)
                                  : ctx.lessons.replaying()     ? ctx.lessons.recorded_header().program
                                  : ctx.lessons.runs_program() ? ctx.lessons.program_name()
                                                               : std::string();
        if (!title.empty()) {
            ImGui::SameLine(0, px(12));
            text_coloured(p.text_dim, "/");
            ImGui::SameLine(0, px(12));
            const float room = right_x - ImGui::GetCursorPosX() - badges_width - px(40);
            text_in_font(ctx.fonts.bold, p.text, fit_text(ctx.fonts.bold, title, room));
            tooltip_for_last_item(title);
        }
        ImGui::SameLine(0, px(24));
        const float y = ImGui::GetCursorPosY() + px(3);
        for (const Badge& badge : badges) {
            ImGui::SetCursorPosY(y);
            pill(badge.text, badge.colour, badge.filled);
            tooltip_for_last_item(badge.tooltip);
            ImGui::SameLine(0, px(10));
        }
        ImGui::NewLine();
    }

    // A recording (--open FILE): which file, where in it, and how it ended.
    static std::vector<Badge> recorded_status(GuiContext& ctx) {
        const Palette& p = palette();
        const StepView& view = ctx.view;
        const std::string file = std::filesystem::path(ctx.lessons.recorded_path()).filename().string();
        std::vector<Badge> badges{
            {fmt::format(fmt::runtime(tr(Str::StatusRecordedTrace)), file), p.accent, true,
             fmt::format("{}\n{}", ctx.lessons.recorded_path(), tr(Str::StatusRecordedTraceHelp))},
            {fmt::format(fmt::runtime(tr(Str::StatusRecordedStep)), view.step, view.live_step), p.accent, false, {}}};
        if (view.state->history_limit > 0)
            badges.push_back({fmt::format(fmt::runtime(tr(Str::StatusRecordedTruncated)), ctx.lessons.recorder()->published()),
                              p.danger, true, {}});
        if (view.finished) {
            const bool passed = view.state->check_passed;
            badges.push_back({tr(passed ? Str::StatusFinishedPassed : Str::StatusFinishedFailed),
                              passed ? p.success : p.danger, true, view.state->check_message});
        }
        return badges;
    }

    static std::vector<Badge> run_status(GuiContext& ctx) {
        const Palette& p = palette();
        LessonController& lessons = ctx.lessons;
        const StepView& view = ctx.view;
        if (!lessons.run_error().empty())
            return {{tr(lessons.runs_program() ? Str::StatusCannotStartProgram : Str::StatusCannotStart), p.danger, true,
                     lessons.run_error()}};
        if (lessons.replaying()) return recorded_status(ctx);
        if (!lessons.program_end().empty()) return {{lessons.program_end(), p.danger, true, lessons.program_end_help()}};
        if (lessons.runs_program() ? !lessons.recorder() : lessons.resetting() || !lessons.session()) return {{tr(Str::StatusStarting), p.text_dim, false, {}}};
        if (ctx.predict && ctx.predict->question_open())
            return {{tr(Str::PredictQuestionOpen), p.accent, true, tr(Str::PredictQuestionOpenHelp)}};
        if (!view.live) {
            return {{fmt::format(fmt::runtime(tr(Str::StatusViewingStep)), view.step, view.live_step, view.live_step),
                     p.warning, true, tr(Str::StatusViewingStepHelp)}};
        }
        if (view.finished) {
            const bool passed = view.state->check_passed;
            std::string why = view.state->check_message;
            if (!passed && view.state->student_cancels > 0) why += std::string("\n\n") + tr(Str::CheckFailedAfterCancel);
            std::vector<Badge> finished{
                {tr(passed ? Str::StatusFinishedPassed : Str::StatusFinishedFailed), passed ? p.success : p.danger, true, why}};
            if (!passed && view.state->student_cancels > 0)
                finished.push_back({tr(Str::StatusCancelledByYou), p.warning, true, tr(Str::CheckFailedAfterCancel)});
            return finished;
        }
        std::vector<Badge> badges{{fmt::format(fmt::runtime(tr(Str::StatusStep)), view.step), p.accent, false, {}}};
        if (view.state->history_limit > 0)
            badges.push_back({tr(Str::StatusHistoryFull), p.danger, true,
                              fmt::format(fmt::runtime(tr(Str::StatusHistoryFullHelp)), view.state->history_limit)});
        else if (lessons.run_goal())
            badges.push_back({fmt::format(fmt::runtime(tr(Str::StatusRunningTo)), goal_label(*lessons.run_goal())),
                              p.success, false, tr(Str::RunToHelp)});
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
        const std::string_view backend_name =
            ctx.lessons.replaying() ? ctx.lessons.recorded_header().backend : platform::io_backend_name();
        const std::string backend = fmt::format(fmt::runtime(tr(Str::IoBackend)), backend_name);
        const std::string korean_label = ctx.fonts.korean ? tr(Str::LanguageKorean) : "KO";
        const ImGuiStyle& style = ImGui::GetStyle();
        auto button_width = [&](std::string_view label) {
            return ImGui::CalcTextSize(label.data(), label.data() + label.size()).x + style.FramePadding.x * 2;
        };
        const float observed_width = platform::observes_fields() ? pill_width(tr(Str::ObservedFields)) + px(6) : 0.0f;
        const float width = pill_width(backend) + observed_width + px(16) + theme_selector_width() + px(16) +
                            button_width("EN") + px(2) + button_width(korean_label) + px(16) + ImGui::GetFontSize();
        const float x = ImGui::GetWindowContentRegionMax().x - width;
        const float y = ImGui::GetCursorPosY();
        ImGui::SetCursorPos(ImVec2(x, y + px(3)));
        pill(backend, p.text_dim, false);
        tooltip_for_last_item(tr(Str::IoBackendHelp));
        if (platform::observes_fields()) {
            ImGui::SameLine(0, px(6));
            pill(tr(Str::ObservedFields), p.text_dim, false);
            tooltip_for_last_item(tr(Str::ObservedFieldsHelp));
        }
        ImGui::SameLine(0, px(16));
        ImGui::SetCursorPosY(y);
        theme_selector(ctx);
        ImGui::SameLine(0, px(16));
        const bool korean = segmented("language", "EN", korean_label, ctx.language == Language::Korean);
        if (korean != (ctx.language == Language::Korean)) ctx.requests.language = korean ? Language::Korean : Language::English;
        if (!ctx.fonts.korean) tooltip_for_last_item(tr(Str::KoreanFontMissing));
        ImGui::SameLine(0, px(16));
        ImGui::SetCursorPosY(y + (ImGui::GetFrameHeight() - ImGui::GetFontSize()) * 0.5f);
        help_icon(tr(Str::ControlsHelp));
        return x;
    }

    void draw_control_row(GuiContext& ctx) {
        const Palette& p = palette();
        LessonController& lessons = ctx.lessons;
        const StepView& view = ctx.view;
        const bool has_run = lessons.session() != nullptr || (lessons.runs_program() && !lessons.lesson_finished());
        const size_t held = lessons.held_count();
        const std::string release = fmt::format(fmt::runtime(tr(Str::ReleaseFormat)), held);
        const ControlRowFit fit = fit_control_row(release, ImGui::GetContentRegionAvail().x);

        if (icon_button("##step", Icon::Step, tr(Str::Step), lessons.can_step_forward(), true)) lessons.step_forward();
        tooltip_for_last_item(tr(Str::StepHelp));
        ImGui::SameLine();
        if (toolbar_button("##run", Icon::Run, Str::Run, has_run && !lessons.running() && !lessons.lesson_finished(), fit))
            lessons.run();
        ImGui::SameLine();
        if (toolbar_button("##pause", Icon::Pause, Str::Pause, lessons.running(), fit)) lessons.pause();
        ImGui::SameLine();
        draw_run_to_button(ctx);
        ImGui::SameLine();
        float speed = lessons.speed();
        ImGui::SetNextItemWidth(fit.speed_width);
        if (ImGui::SliderFloat("##speed", &speed, 0.25f, 20.0f, tr(Str::SpeedFormat), ImGuiSliderFlags_Logarithmic))
            lessons.set_speed(speed);
        tooltip_for_last_item(tr(Str::SpeedHelp));
        ImGui::SameLine();
        if (toolbar_button("##reset", Icon::Reset, Str::Reset,
                           (lessons.lesson() != nullptr || lessons.runs_program()) && !lessons.replaying(), fit)) ctx.requests.reset = true;
        tooltip_for_last_item(tr(Str::ResetHelp));
        ImGui::SameLine();
        parameters_.draw_button(ctx);
        parameters_.draw_popup(ctx);

        vertical_divider();
        if (toolbar_button("##back", Icon::Back, Str::Back, view.step > 0, fit)) lessons.step_back();
        tooltip_for_last_item(tr(Str::BackHelp));
        ImGui::SameLine();
        int shown = static_cast<int>(view.step);
        ImGui::SetNextItemWidth(fit.scrub_width);
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
        if (toolbar_button("##live", Icon::Live, Str::Live, !view.live, fit)) lessons.show_live();

        vertical_divider();
        bool hold = lessons.hold();
        ImGui::AlignTextToFramePadding();
        const bool hold_available = platform::completion_hold_available();
        if (!hold_available) ImGui::BeginDisabled();
        if (ImGui::Checkbox(tr(fit.hold_label), &hold)) lessons.set_hold(hold);
        if (!hold_available) ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
            const char* help = tr(hold_available ? Str::HoldHelp : Str::HoldUnavailable);
            if (fit.hold_label == Str::HoldCompletions) ImGui::SetTooltip("%s", help);
            else ImGui::SetTooltip("%s: %s", tr(Str::HoldCompletions), help);
        }
        ImGui::SameLine();
        if (held == 0) ImGui::BeginDisabled();
        if (ImGui::Button(release.c_str())) lessons.release_held();
        if (held == 0) ImGui::EndDisabled();
        tooltip_for_last_item(tr(Str::ReleaseHelp));

        vertical_divider();
        bool predict = ctx.predict && ctx.predict->on();
        if (ImGui::Checkbox(tr(Str::Predict), &predict) && ctx.predict) ctx.predict->set_on(predict, lessons);
        tooltip_for_last_item(tr(Str::PredictHelp));
    }

    ParametersPopup parameters_;
};

}  // namespace

std::unique_ptr<Panel> make_controls_panel() { return std::make_unique<ControlsPanel>(); }

}  // namespace ovlab::gui
