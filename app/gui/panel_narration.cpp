// The narration: what the step shown means, from the lesson's narration.<lang>.md. "## intro"
// before the first step, the checkpoint's section while stepping, "## finished" at the end.
#include <algorithm>
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

// The checkpoint's own section, else the nearest earlier checkpoint that has one (a step without
// a section of its own continues the story of the previous step), else the intro.
NarrationText find_text(LessonController& lessons, const StepView& view, const Narration& narration) {
    if (view.finished) {
        if (const std::string* text = narration.find("finished")) return {text, "finished"};
    }
    const LessonSource* source = lessons.source();
    const trace::Recorder* recorder = lessons.recorder();
    const std::vector<uint64_t>& checkpoints = lessons.trace().checkpoint_seqs();
    if (source && recorder) {
        for (uint64_t k = std::min<uint64_t>(view.step, checkpoints.size()); k > 0; --k) {
            const trace::Event& event = recorder->at(checkpoints[k - 1]);
            if (const std::string* text = narration_for_checkpoint(event, *view.state, *source, narration)) {
                const uint32_t line = event.kind == trace::EventKind::IoCompleting ? checkpoint_line(view) : event.line;
                const std::string_view suffix = event.kind == trace::EventKind::ApiLeave       ? ".return"
                                                : event.kind == trace::EventKind::IoCompleting ? ".complete"
                                                                                               : "";
                std::string key = source->tag_for_line(line);
                if (!suffix.empty() && narration.sections.count(key + std::string(suffix))) key += suffix;
                return {text, key};
            }
        }
    }
    return {narration.find("intro"), "intro"};
}

class NarrationPanel final : public Panel {
public:
    const char* id() const override { return "narration"; }
    Str title() const override { return Str::NarrationTitle; }
    Str help() const override { return Str::NarrationHelp; }

    std::string empty_state(const GuiContext& ctx) const override {
        if (!ctx.lessons.lesson()) return tr(Str::CodeNoLesson);
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
