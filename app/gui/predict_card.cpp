// Predict mode's cards: the open question with a button per answer over the panels, and once one
// is picked, at the top of the narration panel: right or wrong, what this run gave and why.
#include "predict_card.h"

#include <algorithm>
#include <cfloat>

#include <fmt/format.h>

#include "markdown.h"
#include "ui_strings.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

void answer_buttons(GuiContext& ctx, const PredictCard& card) {
    const Palette& p = palette();
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
    for (size_t i = 0; i < card.choices.size(); ++i) {
        const std::string label = fmt::format("{}   {}##answer{}", i + 1, card.choices[i], i);
        if (ImGui::Button(label.c_str(), ImVec2(-FLT_MIN, ImGui::GetFrameHeight() * 1.3f)))
            ctx.predict->choose(ctx.lessons, static_cast<int>(i));
    }
    ImGui::PopStyleVar();
    text_coloured(p.text_dim, tr(Str::PredictKeysHint));
}

void reveal(const PredictCard& card) {
    const Palette& p = palette();
    const int chosen = *card.chosen;
    const bool right = chosen == card.asking->correct;
    text_coloured(right ? p.success : p.danger, tr(right ? Str::PredictRight : Str::PredictWrong));
    const std::vector<std::string>& choices = card.choices;
    if (chosen >= 0 && static_cast<size_t>(chosen) < choices.size())
        ImGui::TextWrapped("%s", fmt::format(fmt::runtime(tr(Str::PredictYouPicked)), choices[chosen]).c_str());
    // A field's value is shown too ("ro.InternalHigh = 1234" behind "Fewer than 4096"); a result's
    // label already says it, and a thread's label is its name.
    const bool field = card.question->asked == predict::Asked::Field;
    const std::string observed =
        card.asking->correct < 0 ? card.asking->observed
        : field ? fmt::format("{}  ({})", choices[card.asking->correct], card.asking->observed)
                : choices[card.asking->correct];
    const Str line = card.asking->correct >= 0 ? Str::PredictTraceSays : Str::PredictNoChoiceFits;
    ImGui::PushStyleColor(ImGuiCol_Text, right ? p.success : p.text);
    ImGui::TextWrapped("%s", fmt::format(fmt::runtime(tr(line)), observed).c_str());
    ImGui::PopStyleColor();
}

}  // namespace

void PredictCardView::parse(const PredictCard& card) {
    if (card.question == question_) return;
    question_ = card.question;
    prompt_ = parse_markdown(card.question->prompt);
    why_ = parse_markdown(card.question->why);
}

// A card in the middle of the window, over the panels, large enough to read from the back of the
// room; the panels around it still show the step before the answer.
void PredictCardView::draw_question(GuiContext& ctx, const PredictCard& card) {
    parse(card);
    const Palette& p = palette();
    const ImGuiIO& io = ImGui::GetIO();
    const float width = std::min(ImGui::GetFontSize() * 34, io.DisplaySize.x * 0.8f);
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.45f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(width, 0));  // height 0: as tall as the question needs
    ImGui::PushStyleColor(ImGuiCol_Border, p.accent);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 3.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ImGui::GetFontSize(), ImGui::GetFontSize()));
    if (ImGui::Begin("##predict-question", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove)) {
        text_in_font(ctx.fonts.bold, p.accent, tr(Str::PredictAsk));
        ImGui::Spacing();
        render_markdown(prompt_, ctx.fonts);
        ImGui::Spacing();
        answer_buttons(ctx, card);
    }
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
}

void PredictCardView::draw_answer(GuiContext& ctx, const PredictCard& card) {
    parse(card);
    text_in_font(ctx.fonts.bold, palette().accent, tr(Str::PredictAsk));
    render_markdown(prompt_, ctx.fonts);
    ImGui::Spacing();
    reveal(card);
    ImGui::Spacing();
    render_markdown(why_, ctx.fonts);
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
}

}  // namespace ovlab::gui
