#include "parameters_popup.h"

#include <fmt/format.h>

#include "ui_strings.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

// "###": the popup keeps one id while its title follows the language.
constexpr const char* kPopupId = "###lesson-parameters";

// Sliders over wide ranges (512..65536 bytes, 100..10000 ms) are logarithmic, so the small values
// a class tries first are not squeezed into a few pixels at the left end.
bool wide_range(const LessonParameter& parameter) { return parameter.min > 0 && parameter.max / parameter.min > 32; }

ParameterValues all_values(const LessonInfo& lesson, const ParameterValues& changes) {
    ParameterValues values;
    for (const LessonParameter& parameter : lesson.parameters) {
        auto it = changes.find(parameter.name);
        values[parameter.name] = it != changes.end() ? it->second : parameter.default_value;
    }
    return values;
}

void draw_parameter(const LessonParameter& parameter, int& value, Language language) {
    const Palette& p = palette();
    ImGui::PushID(parameter.name.c_str());
    if (parameter.is_switch) {
        bool on = value != 0;
        if (ImGui::Checkbox(parameter.name.c_str(), &on)) value = on ? 1 : 0;
    } else {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
        ImGuiSliderFlags flags = ImGuiSliderFlags_AlwaysClamp;
        if (wide_range(parameter)) flags |= ImGuiSliderFlags_Logarithmic;
        ImGui::SliderInt(parameter.name.c_str(), &value, parameter.min, parameter.max, "%d", flags);
    }
    ImGui::SameLine(0, 12);
    const bool is_default = value == parameter.default_value;
    text_coloured(is_default ? p.text_dim : p.warning,
                  fmt::format(fmt::runtime(tr(Str::ParametersDefault)), parameter.default_value));
    ImGui::PushStyleColor(ImGuiCol_Text, p.text_dim);
    ImGui::TextWrapped("%s", parameter.explain(language).c_str());
    ImGui::PopStyleColor();
    ImGui::PopID();
}

}  // namespace

void ParametersPopup::draw_button(GuiContext& ctx) {
    const LessonInfo* lesson = ctx.lessons.lesson();
    const bool has_parameters = lesson && !lesson->parameters.empty() && !ctx.lessons.replaying();
    const bool changed = !changed_parameters_text(ctx).empty();
    if (!has_parameters) ImGui::BeginDisabled();
    if (changed) ImGui::PushStyleColor(ImGuiCol_Text, palette().warning);
    if (ImGui::Button(tr(Str::Parameters))) {
        lesson_ = lesson;
        draft_ = all_values(*lesson, ctx.lessons.parameters());
        ImGui::OpenPopup(kPopupId);
    }
    if (changed) ImGui::PopStyleColor();
    if (!has_parameters) ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s", tr(has_parameters ? Str::ParametersHelp : Str::ParametersNone));
}

void ParametersPopup::draw_popup(GuiContext& ctx) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 36, 0), ImGuiCond_Appearing);
    const std::string title = fmt::format("{}{}", tr(Str::ParametersTitle), kPopupId);
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    // Modal: no lesson can be chosen while it is open, so lesson_ is still the current lesson.
    const LessonInfo* lesson = lesson_;
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextWrapped("%s", lesson->title(ctx.language).c_str());
    ImGui::PopFont();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().text_dim);
    ImGui::TextWrapped("%s", tr(Str::ParametersIntro));
    ImGui::PopStyleColor();
    ImGui::Separator();
    for (const LessonParameter& parameter : lesson->parameters) {
        ImGui::Spacing();
        draw_parameter(parameter, draft_.at(parameter.name), ctx.language);
    }
    ImGui::Spacing();
    ImGui::Separator();
    if (ImGui::Button(tr(Str::ParametersApply))) {
        // Only what differs from the defaults is kept, so the badge and a later reset agree with it.
        ParameterValues changes;
        for (const LessonParameter& parameter : lesson->parameters)
            if (draft_.at(parameter.name) != parameter.default_value) changes[parameter.name] = draft_.at(parameter.name);
        ctx.lessons.set_next_parameters(std::move(changes));
        // The same path as the Reset button: the old run is torn down in the background after the frame.
        ctx.requests.reset = true;
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(tr(Str::ParametersDefaults))) draft_ = all_values(*lesson, {});
    ImGui::SameLine();
    if (ImGui::Button(tr(Str::ParametersCancel)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

std::string changed_parameters_text(const GuiContext& ctx) {
    const LessonInfo* lesson = ctx.lessons.lesson();
    if (!lesson) return {};
    return fmt::format("{}", fmt::join(changed_parameters(*lesson, ctx.lessons.parameters()), " "));
}

}  // namespace ovlab::gui
