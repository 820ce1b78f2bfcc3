// The console: what the lesson printed (its printf goes to the trace), and once the lesson ended,
// its result: exit code and the check that decides whether it did what it teaches.
#include <fmt/format.h>

#include "panel.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

constexpr size_t kMaxLines = 400;

class ConsolePanel final : public Panel {
public:
    const char* id() const override { return "console"; }
    Str title() const override { return Str::ConsoleTitle; }
    Str help() const override { return Str::ConsoleHelp; }

    std::string empty_state(const GuiContext& ctx) const override {
        const trace::State& state = *ctx.view.state;
        return state.console.empty() && !(ctx.view.finished && state.exit_code) ? tr(Str::ConsoleEmpty) : std::string();
    }

    void draw_body(GuiContext& ctx) override {
        const trace::State& state = *ctx.view.state;
        const bool several_threads = state.threads.size() > 2;
        ImGui::PushFont(ctx.fonts.mono);
        ImGui::PushTextWrapPos(0.0f);
        // Wrapped lines have different heights, so no clipper: a chatty lesson shows its latest lines.
        const size_t first = state.console.size() > kMaxLines ? state.console.size() - kMaxLines : 0;
        if (first > 0) text_coloured(palette().text_dim, fmt::format(fmt::runtime(tr(Str::ConsoleEarlierLines)), first));
        for (size_t i = first; i < state.console.size(); ++i) {
            const trace::ConsoleLine& line = state.console[i];
            const float emphasis = change_emphasis(ctx, line.seq);
            const ImVec2 start = ImGui::GetCursorScreenPos();
            std::string text = line.text;
            while (!text.empty() && text.back() == '\n') text.pop_back();
            // The program prints English; the lesson words its lines for a Korean student.
            if (const LessonInfo* lesson = ctx.lessons.lesson()) text = console_line(*lesson, text, ctx.language);
            if (several_threads) {
                text_coloured(thread_colour(line.thread), fmt::format("[{}]", line.thread));
                ImGui::SameLine(0, 6);
            }
            ImGui::TextUnformatted(text.c_str());
            if (emphasis > 0)
                highlight_rect(start, ImVec2(start.x + ImGui::GetContentRegionAvail().x, ImGui::GetItemRectMax().y),
                               emphasis * 0.6f, false);
        }
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
        if (ctx.view.finished && state.exit_code) draw_result(ctx, state);
        if (state.console.size() != followed_lines_ || ctx.view.finished != followed_finished_) ImGui::SetScrollHereY(1.0f);
        followed_lines_ = state.console.size();
        followed_finished_ = ctx.view.finished;
    }

private:
    static void draw_result(GuiContext& ctx, const trace::State& state) {
        const Palette& p = palette();
        const ImVec4 colour = state.check_passed ? p.success : p.danger;
        ImGui::Spacing();
        const ImVec2 start = ImGui::GetCursorScreenPos();
        const float width = ImGui::GetContentRegionAvail().x;
        ImDrawList* draw = ImGui::GetWindowDrawList();
        draw->ChannelsSplit(2);
        draw->ChannelsSetCurrent(1);
        ImGui::SetCursorScreenPos(ImVec2(start.x + 12, start.y + 8));
        ImGui::BeginGroup();
        text_in_font(ctx.fonts.bold, colour, tr(state.check_passed ? Str::ConsoleCheckPassed : Str::ConsoleCheckFailed));
        ImGui::SameLine(0, 12);
        text_coloured(p.text_dim, fmt::format(fmt::runtime(tr(Str::ConsoleExitCode)), *state.exit_code));
        ImGui::PushTextWrapPos(start.x - ImGui::GetWindowPos().x + width - 12);
        ImGui::TextUnformatted(state.check_message.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        const float bottom = ImGui::GetItemRectMax().y + 8;
        draw->ChannelsSetCurrent(0);
        draw->AddRectFilled(start, ImVec2(start.x + width, bottom), to_u32(colour, 0.12f), 6.0f);
        draw->AddRect(start, ImVec2(start.x + width, bottom), to_u32(colour, 0.7f), 6.0f, 0, 1.5f);
        draw->ChannelsMerge();
        ImGui::SetCursorScreenPos(ImVec2(start.x, bottom + 4));
        ImGui::Dummy(ImVec2(width, 0));
    }

    size_t followed_lines_ = 0;
    bool followed_finished_ = false;
};

}  // namespace

std::unique_ptr<Panel> make_console_panel() { return std::make_unique<ConsolePanel>(); }

}  // namespace ovlab::gui
