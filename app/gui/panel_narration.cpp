// The narration: what the step shown means, from the lesson's narration.<lang>.md. "## intro"
// before the first step, the checkpoint's section while stepping, the ending at the end. In
// Predict mode a question asked before a step, or its answer at that step, comes first. The title
// strip says which section of the lesson's outline the step is in, and opens the outline.
#include <cfloat>
#include <optional>
#include <tuple>

#include <fmt/format.h>

#include "markdown.h"
#include "narration_outline.h"
#include "panel.h"
#include "step_explanation.h"
#include "predict_card.h"
#include "ui_scale.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

struct NarrationText {
    const std::string* markdown = nullptr;
};

// A run without a narration of its own (a program of one's own, a recorded trace) is explained step
// by step from what it recorded (app/step_explanation.h); empty when the step has nothing to explain.
std::string generic_text(const GuiContext& ctx) {
    if (ctx.view.step == 0 || !ctx.view.checkpoint) return tr(Str::NarrationGenericIntro);
    return app::explain_step(*ctx.view.checkpoint, *ctx.view.state, ctx.language);
}

// A program of one's own with a narration.<lang>.md next to it is narrated as a lesson is.
bool explains_generically(const GuiContext& ctx) {
    return !ctx.lessons.lesson() &&
           (ctx.lessons.replaying() || (ctx.lessons.runs_program() && !ctx.lessons.narration(ctx.language)));
}

// The ending at the end (narration_for_end), "## intro" before the first step, else the section of the step shown
// (lesson_registry.h states the rule). A step without one shows "No narration for this step",
// never an earlier step's text.
NarrationText find_text(LessonController& lessons, const StepView& view, const Narration& narration) {
    const LessonSource* source = lessons.source();
    if (view.finished) {
        if (!source) return {narration.find("finished")};
        if (const std::string* text = narration_for_end(view.checkpoint, *view.state, *source, narration).text) return {text};
    }
    if (view.step == 0 || !view.checkpoint) return {narration.find("intro")};
    if (!source) return {};
    return {narration_for_checkpoint(*view.checkpoint, *view.state, *source, narration).text};
}

class NarrationPanel final : public Panel {
public:
    const char* id() const override { return "narration"; }
    Str title() const override { return Str::NarrationTitle; }
    Str help() const override { return Str::NarrationHelp; }

    std::string empty_state(const GuiContext& ctx) const override {
        if (explains_generically(ctx)) return {};
        if (!ctx.lessons.lesson() && !ctx.lessons.runs_program()) return tr(Str::CodeNoLesson);
        if (!ctx.lessons.narration(ctx.language)) return ctx.lessons.narration_error(ctx.language);
        return {};
    }

    // The Predict score while Predict mode is on. The section's key is for whoever edits the
    // narration file: it is never shown.
    void draw_header_extras(GuiContext& ctx) override {
        refresh(ctx);
        const bool outlined = draw_outline_button(ctx);
        if (!ctx.predict || !ctx.predict->on()) return;
        if (outlined) ImGui::SameLine(0, 8);
        const PredictScore score = ctx.predict->score(ctx.lessons);
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 2);
        pill(fmt::format(fmt::runtime(tr(Str::PredictScore)), score.correct, score.answered), palette().accent, false);
        tooltip_for_last_item(fmt::format(fmt::runtime(tr(Str::PredictScoreHelp)), score.questions));
    }

    void draw_body(GuiContext& ctx) override {
        refresh(ctx);
        if (scroll_to_top_) ImGui::SetScrollY(0);
        scroll_to_top_ = false;
        const std::optional<PredictCard> card =
            ctx.predict && ctx.predict->on() ? ctx.predict->card(ctx.lessons, ctx.language) : std::nullopt;
        if (card && !card->chosen) {
            // The question is asked in the middle of the window; the step's text comes with its answer.
            text_coloured(palette().accent, tr(Str::PredictQuestionOpen));
            return;
        }
        if (card) card_.draw_answer(ctx, *card);
        if (!has_text_) {
            empty_state_text(tr(Str::NarrationNone));
            return;
        }
        if (ctx.view.step == 0 && !ctx.view.finished) {
            render_markdown(document_, ctx.fonts);
            ImGui::Spacing();
            ImGui::Spacing();
            text_coloured(palette().accent, tr(Str::NarrationPressStep));
            return;
        }
        render_markdown(document_, ctx.fonts);
    }

private:
    // The outline of a lesson's narration (not of a run explained step by step), rebuilt when the
    // run, the texts, the language or the step shown change.
    const NarrationOutline* outline(GuiContext& ctx) {
        const Narration* narration = ctx.lessons.narration(ctx.language);
        const LessonSource* source = ctx.lessons.source();
        if (!narration || !source || explains_generically(ctx)) return nullptr;
        const std::vector<StepPlace>& places = ctx.lessons.trace().places();
        const auto key = std::make_tuple(ctx.lessons.generation(), ctx.lessons.texts_version(), ctx.language,
                                         places.size(), ctx.view.step, ctx.view.live_step);
        if (key != outline_key_) {
            outline_key_ = key;
            const std::optional<uint64_t> finished_step =
                ctx.view.live_step > places.size() ? std::optional<uint64_t>(ctx.view.live_step) : std::nullopt;
            outline_ = make_outline(*narration, *source, places, finished_step, ctx.view.step);
        }
        return outline_.entries.empty() ? nullptr : &outline_;
    }

    static std::string entry_title(const OutlineEntry& entry) {
        if (entry.key == "intro") return tr(Str::OutlineIntro);
        if (entry.key == "finished") return tr(Str::OutlineEnd);
        return entry.title;
    }

    // "Section 3 of 9" with a bar under it; a click opens the outline.
    bool draw_outline_button(GuiContext& ctx) {
        const NarrationOutline* shown = outline(ctx);
        if (!shown) return false;
        const size_t count = shown->entries.size();
        const size_t at = shown->current.value_or(0) + 1;
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 2);
        const std::string label = fmt::format(fmt::runtime(tr(Str::OutlineProgress)), at, count);
        if (ImGui::SmallButton(fmt::format("{}##outline", label).c_str())) ImGui::OpenPopup("##outline");
        const ImVec2 min = ImGui::GetItemRectMin();
        const ImVec2 max = ImGui::GetItemRectMax();
        const float filled = (max.x - min.x) * static_cast<float>(at) / static_cast<float>(count);
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(min.x, max.y - px(3)), ImVec2(min.x + filled, max.y),
                                                  to_u32(palette().accent));
        tooltip_for_last_item(tr(Str::OutlineHelp));
        // A long outline scrolls inside a popup no taller than most of the window.
        ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(FLT_MAX, ImGui::GetIO().DisplaySize.y * 0.8f));
        if (ImGui::BeginPopup("##outline")) {
            for (size_t i = 0; i < count; ++i) draw_outline_entry(ctx, shown->entries[i], shown->current == i, i);
            ImGui::EndPopup();
        }
        return true;
    }

    static void draw_outline_entry(GuiContext& ctx, const OutlineEntry& entry, bool current, size_t index) {
        ImGui::PushID(static_cast<int>(index));
        const bool reached = entry.first_step.has_value();
        const std::string where = reached ? fmt::format(fmt::runtime(tr(Str::OutlineStep)), *entry.first_step)
                                          : std::string(tr(Str::OutlineNotReached));
        const float width = ImGui::GetFontSize() * 26;
        const std::string label =
            fit_text(ImGui::GetFont(), fmt::format("{}. {}", index + 1, entry_title(entry)), width) + "##entry";
        if (ImGui::Selectable(label.c_str(), current, reached ? 0 : ImGuiSelectableFlags_Disabled, ImVec2(width, 0)))
            ctx.lessons.show_step(*entry.first_step);
        if (current && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY(0.5f);
        ImGui::SameLine();
        text_coloured(palette().text_dim, where);
        ImGui::PopID();
    }

    // Finds and parses the text only when the step, language or narration file changed.
    void refresh(GuiContext& ctx) {
        const Narration* narration = ctx.lessons.narration(ctx.language);
        const bool generic = explains_generically(ctx);
        if (!narration && !generic) return;
        const auto key = std::make_tuple(ctx.lessons.generation(), ctx.lessons.texts_version(), ctx.language,
                                         ctx.view.step, ctx.view.finished, ctx.view.checkpoint);
        if (key == cache_key_) return;
        cache_key_ = key;
        if (generic) {
            const std::string text = generic_text(ctx);
            has_text_ = !text.empty();
            document_ = parse_markdown(text);
        } else {
            const NarrationText found = find_text(ctx.lessons, ctx.view, *narration);
            has_text_ = found.markdown != nullptr;
            document_ = has_text_ ? parse_markdown(*found.markdown) : MarkdownDocument{};
        }
        scroll_to_top_ = true;
    }

    std::tuple<uint64_t, uint64_t, Language, uint64_t, bool, const trace::Event*> cache_key_{
        UINT64_MAX, 0, Language::English, 0, false, nullptr};
    std::tuple<uint64_t, uint64_t, Language, size_t, uint64_t, uint64_t> outline_key_{UINT64_MAX, 0, Language::English,
                                                                                      0, 0, 0};
    NarrationOutline outline_;
    bool has_text_ = false;
    bool scroll_to_top_ = false;
    MarkdownDocument document_;
    PredictCardView card_;
};

}  // namespace

std::unique_ptr<Panel> make_narration_panel() { return std::make_unique<NarrationPanel>(); }

}  // namespace ovlab::gui
