// APC queue: one row per thread that has or had APCs. The row shows whether the thread is in an
// alertable wait (the only time its routines run: a green lamp), its queued routines in FIFO order
// with the running one in front, and the routine that ran last. Routines queued during the step
// shown slide in at the back of the queue.
#include <algorithm>
#include <cfloat>

#include <fmt/format.h>

#include "panel.h"
#include "port_apc_rows.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

constexpr double kSlideSeconds = 0.6;
static_assert(kSlideSeconds <= kStepAnimationSeconds);

// "ReadFileEx completion routine: OnFileRead" -> {"OnFileRead", "ReadFileEx completion routine"}:
// the routine's name is what students look for in the code.
std::pair<std::string, std::string> split_what(const std::string& what) {
    const size_t colon = what.rfind(": ");
    if (colon == std::string::npos) return {what, {}};
    return {what.substr(colon + 2), what.substr(0, colon)};
}

float slide_progress(const GuiContext& ctx) {
    if (ctx.settle_animations) return 1.0f;
    const float t = static_cast<float>(std::clamp((ctx.now - ctx.view_changed_at) / kSlideSeconds, 0.0, 1.0));
    return 1.0f - (1.0f - t) * (1.0f - t);
}

class ApcPanel final : public Panel {
public:
    const char* id() const override { return "apc"; }
    Str title() const override { return Str::ApcTitle; }
    Str help() const override { return Str::ApcHelp; }

    std::string empty_state(const GuiContext& ctx) const override {
        const trace::State& state = *ctx.view.state;
        return state.apcs.empty() && state.apcs_ran.empty() ? tr(Str::ApcEmpty) : std::string();
    }

    void draw_body(GuiContext& ctx) override {
        for (const ApcThreadRow& row : apc_rows(*ctx.view.state)) {
            ImGui::PushID(static_cast<int>(row.thread));
            draw_row(ctx, row);
            ImGui::PopID();
        }
    }

private:
    static void draw_row(GuiContext& ctx, const ApcThreadRow& row) {
        const Palette& p = palette();
        const float width = ImGui::GetContentRegionAvail().x;
        const ImVec2 start = ImGui::GetCursorScreenPos();

        // Who, and whether its routines can run now.
        pill(row.name, thread_colour(row.thread));
        ImGui::SameLine(0, 12);
        lamp(ImGui::GetFontSize() * 0.5f, row.alertable, p.success);
        tooltip_for_last_item(tr(Str::ApcHelp));
        ImGui::SameLine(0, 8);
        const std::string wait = row.running_routine ? tr(Str::ApcRunningNow)
                                 : row.alertable     ? tr(Str::ApcAlertable)
                                                     : fmt::format("{} ({})", tr(Str::ApcNotAlertable), tr(thread_state_label(row.state)));
        text_in_font(row.alertable ? ctx.fonts.bold : ImGui::GetFont(), row.alertable ? p.success : p.text_dim,
                     fit_text(row.alertable ? ctx.fonts.bold : ImGui::GetFont(), wait,
                              std::max(40.0f, ImGui::GetContentRegionAvail().x)));

        draw_queue(ctx, row, width);

        const float bottom = ImGui::GetCursorScreenPos().y + 2;
        ImGui::GetWindowDrawList()->AddLine(ImVec2(start.x, bottom), ImVec2(start.x + width, bottom),
                                            to_u32(p.border, 0.6f));
        ImGui::SetCursorScreenPos(ImVec2(start.x, bottom + 8));
    }

    // The routines left to right in the order they will run, then what ran last.
    static void draw_queue(GuiContext& ctx, const ApcThreadRow& row, float width) {
        const Palette& p = palette();
        const float t = slide_progress(ctx);
        const float left = ImGui::GetCursorScreenPos().x;
        // "FIFO →" in front of the cards: they run left to right.
        ImGui::BeginGroup();
        ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.6f));
        text_coloured(p.text_dim, tr(Str::ApcFifo));
        ImGui::EndGroup();
        ImGui::SameLine(0, 10);
        if (row.queue.empty()) text_coloured(p.text_dim, tr(Str::ApcQueueEmpty));
        for (size_t i = 0; i < row.queue.size(); ++i) {
            const trace::ApcView& apc = row.queue[i];
            const auto [routine, kind] = split_what(recorded_text(apc.what));
            std::string tag;
            if (apc.running) {
                const trace::ThreadView* ran_on = ctx.view.state->thread(apc.ran_on);
                tag = fmt::format(fmt::runtime(tr(Str::ApcRunning)), ran_on ? ran_on->name : row.name);
            } else if (i == 0) {
                tag = tr(Str::ApcNext);
            }
            ImFont* bold = ctx.fonts.bold;
            const float routine_width = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0.0f, routine.c_str()).x;
            const float card = std::min(width * 0.8f, std::max(routine_width, ImGui::CalcTextSize(tag.c_str()).x) + 28);
            if (i > 0) {
                ImGui::SameLine(0, 10);
                if (ImGui::GetContentRegionAvail().x < card) ImGui::NewLine();
            }
            const bool fresh = ctx.view.changed_this_step(apc.queued_seq) && !apc.running;
            const uint64_t moment = apc.running ? apc.delivering_seq : apc.queued_seq;
            ImGui::PushID(static_cast<int>(i));
            draw_card(ctx, routine, kind, tag, card, apc.running, fresh ? (1.0f - t) * width * 0.3f : 0.0f,
                      change_emphasis(ctx, moment));
            ImGui::PopID();
        }
        if (row.last_ran) {
            const auto [routine, kind] = split_what(row.last_ran->what);
            const std::string ran = fmt::format(fmt::runtime(tr(Str::ApcRan)), routine);
            const std::string count = fmt::format(fmt::runtime(tr(Str::ApcRanCount)), row.ran_count);
            ImGui::SameLine(0, 16);
            if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(ran.c_str()).x) ImGui::NewLine();
            ImGui::BeginGroup();
            const float emphasis = change_emphasis(ctx, row.last_ran->done_seq);
            text_coloured(emphasis > 0 ? p.success : p.text_dim, fmt::format("\u2713 {}", ran));
            tooltip_for_last_item(row.last_ran->what);
            text_coloured(p.text_dim, count);
            ImGui::EndGroup();
        }
        ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y));
    }

    // One routine: its name in bold, the tag ("next", "RUNNING on main") above it; the running one
    // is filled. `slide` shifts a freshly queued card right, easing to 0 as it arrives.
    static void draw_card(const GuiContext& ctx, const std::string& routine, const std::string& kind,
                          const std::string& tag, float width, bool running, float slide, float emphasis) {
        const Palette& p = palette();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        ImFont* font = ImGui::GetFont();
        const float line = font->FontSize + 4;
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const ImVec2 min(at.x + slide, at.y);
        const ImVec2 max(min.x + width, min.y + 2 * line + 10);
        const ImVec4 colour = running ? p.accent : p.code_keyword;
        ImVec4 fill = running ? colour : with_alpha(colour, 0.10f);
        if (emphasis > 0 && !running) fill = mix(p.panel_bg, p.changed, 0.25f + 0.4f * emphasis);
        draw->AddRectFilled(min, max, to_u32(fill), 8.0f);
        draw->AddRect(min, max, to_u32(colour), 8.0f, 0, running ? 3.0f : 2.0f);
        const ImVec4 ink = running ? p.accent_text : p.text;
        const ImVec4 dim = running ? p.accent_text : colour;
        draw->AddText(font, font->FontSize, ImVec2(min.x + 10, min.y + 5), to_u32(dim),
                      fit_text(font, tag, width - 20).c_str());
        draw->AddText(ctx.fonts.bold, ctx.fonts.bold->FontSize, ImVec2(min.x + 10, min.y + 5 + line), to_u32(ink),
                      fit_text(ctx.fonts.bold, routine, width - 20).c_str());
        ImGui::InvisibleButton("routine", ImVec2(width, max.y - min.y));
        tooltip_for_last_item(kind.empty() ? routine : fmt::format("{}: {}", kind, routine));
    }
};

}  // namespace

std::unique_ptr<Panel> make_apc_panel() { return std::make_unique<ApcPanel>(); }

}  // namespace ovlab::gui
