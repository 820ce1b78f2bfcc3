// The narration: what the step shown means, from the lesson's narration.<lang>.md. "## intro"
// before the first step, the checkpoint's section while stepping, "## finished" at the end. In
// Predict mode a question asked before a step, or its answer at that step, comes first.
#include <optional>
#include <tuple>

#include <fmt/format.h>

#include "markdown.h"
#include "panel.h"
#include "step_explanation.h"
#include "predict_card.h"
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

// "## finished" at the end, "## intro" before the first step, else the section of the step shown
// (lesson_registry.h states the rule). A step without one shows "No narration for this step",
// never an earlier step's text.
NarrationText find_text(LessonController& lessons, const StepView& view, const Narration& narration) {
    if (view.finished) {
        if (const std::string* text = narration.find("finished")) return {text};
    }
    if (view.step == 0 || !view.checkpoint) return {narration.find("intro")};
    const LessonSource* source = lessons.source();
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
        if (!ctx.predict || !ctx.predict->on()) return;
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
    bool has_text_ = false;
    bool scroll_to_top_ = false;
    MarkdownDocument document_;
    PredictCardView card_;
};

}  // namespace

std::unique_ptr<Panel> make_narration_panel() { return std::make_unique<NarrationPanel>(); }

}  // namespace ovlab::gui
