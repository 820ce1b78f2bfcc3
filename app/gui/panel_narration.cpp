// The narration: what the step shown means, from the lesson's narration.<lang>.md. "## intro"
// before the first step, the checkpoint's section while stepping, "## finished" at the end.
#include <tuple>

#include <fmt/format.h>

#include "markdown.h"
#include "panel.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

struct NarrationText {
    const std::string* markdown = nullptr;
    std::string key;  // section name, shown so a teacher knows what to edit
};

// "## finished" at the end, "## intro" before the first step, else the section of the step shown
// (lesson_registry.h states the rule). A step without one shows "No narration for this step",
// never an earlier step's text.
NarrationText find_text(LessonController& lessons, const StepView& view, const Narration& narration) {
    if (view.finished) {
        if (const std::string* text = narration.find("finished")) return {text, "finished"};
    }
    if (view.step == 0 || !view.checkpoint) return {narration.find("intro"), "intro"};
    const LessonSource* source = lessons.source();
    if (!source) return {};
    CheckpointNarration shown = narration_for_checkpoint(*view.checkpoint, *view.state, *source, narration);
    return {shown.text, std::move(shown.key)};
}

class NarrationPanel final : public Panel {
public:
    const char* id() const override { return "narration"; }
    Str title() const override { return Str::NarrationTitle; }
    Str help() const override { return Str::NarrationHelp; }

    std::string empty_state(const GuiContext& ctx) const override {
        if (!ctx.lessons.lesson()) return tr(ctx.lessons.replaying() ? Str::NarrationNoRecordedLesson : Str::CodeNoLesson);
        if (!ctx.lessons.narration(ctx.language)) return ctx.lessons.narration_error(ctx.language);
        return {};
    }

    void draw_header_extras(GuiContext& ctx) override {
        refresh(ctx);
        if (key_.empty()) return;
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 2);
        ImGui::PushFont(ctx.fonts.mono);
        text_coloured(palette().text_dim, fmt::format("## {}", key_));
        ImGui::PopFont();
    }

    void draw_body(GuiContext& ctx) override {
        refresh(ctx);
        if (scroll_to_top_) ImGui::SetScrollY(0);
        scroll_to_top_ = false;
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
        if (!narration) return;
        const auto key = std::make_tuple(ctx.lessons.generation(), ctx.lessons.texts_version(), ctx.language,
                                         ctx.view.step, ctx.view.finished, ctx.view.checkpoint);
        if (key == cache_key_) return;
        cache_key_ = key;
        const NarrationText found = find_text(ctx.lessons, ctx.view, *narration);
        has_text_ = found.markdown != nullptr;
        key_ = has_text_ ? found.key : std::string();
        document_ = has_text_ ? parse_markdown(*found.markdown) : MarkdownDocument{};
        scroll_to_top_ = true;
    }

    std::tuple<uint64_t, uint64_t, Language, uint64_t, bool, const trace::Event*> cache_key_{
        UINT64_MAX, 0, Language::English, 0, false, nullptr};
    bool has_text_ = false;
    bool scroll_to_top_ = false;
    std::string key_;
    MarkdownDocument document_;
};

}  // namespace

std::unique_ptr<Panel> make_narration_panel() { return std::make_unique<NarrationPanel>(); }

}  // namespace ovlab::gui
