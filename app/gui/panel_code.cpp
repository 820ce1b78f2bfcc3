// The code pane: the lesson's Win32 program with line numbers. Each lesson thread's current line
// carries a marker in the thread's colour; the line of the step shown is highlighted and kept in
// view. Step tags (`// [step: ...]`, the narration keys) are not shown (code_highlight.h).
#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "code_highlight.h"
#include "panel.h"
#include "ui_scale.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

// The followed line glides into place: about a quarter of the way each 1/60 s, whatever the frame
// rate. The step is capped so the first frame after the window slept does not jump.
constexpr float kScrollFollowPerSecond = 17.0f;
constexpr float kLongestScrollStep = 1.0f / 30;

std::string expand_tabs(const std::string& line) {
    std::string out;
    for (char c : line) {
        if (c == '\t') out.append(4 - out.size() % 4, ' ');
        else out.push_back(c);
    }
    return out;
}

ImVec4 token_colour(CodeToken kind) {
    const Palette& p = palette();
    switch (kind) {
        case CodeToken::Comment: return p.code_comment;
        case CodeToken::Keyword: return p.code_keyword;
        case CodeToken::String: return p.code_string;
        case CodeToken::Number: return p.code_number;
        case CodeToken::Preprocessor: return p.code_keyword;
        case CodeToken::Call: return p.code_call;
        case CodeToken::Plain: break;
    }
    return p.text;
}

float code_line_height(float em) { return std::round(em * 1.35f); }

class CodePanel final : public Panel {
public:
    const char* id() const override { return "code"; }
    Str title() const override { return Str::CodeTitle; }
    Str help() const override { return Str::CodeHelp; }
    bool body_scrolls() const override { return false; }

    std::string empty_state(const GuiContext& ctx) const override {
        if (ctx.lessons.runs_program()) {  // its files are read as it names them, at its first step
            if (ctx.lessons.source()) return {};
            if (!ctx.lessons.source_error().empty()) return ctx.lessons.source_error();
            return tr(ctx.lessons.lesson_finished() ? Str::CodeProgramNamedNoSource : Str::StatusStarting);
        }
        if (!ctx.lessons.lesson()) return tr(ctx.lessons.replaying() ? Str::CodeNoRecordedSource : Str::CodeNoLesson);
        if (!ctx.lessons.source_error().empty()) return ctx.lessons.source_error();
        if (!ctx.lessons.source()) return tr(Str::CodeNoLesson);
        return {};
    }

    void draw_header_extras(GuiContext& ctx) override {
        if (const LessonSource* source = ctx.lessons.source()) {
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 2);
            ImGui::PushFont(ctx.fonts.mono);
            text_coloured(palette().text_dim, source->path.filename().string());
            ImGui::PopFont();
        }
    }

    void draw_body(GuiContext& ctx) override {
        const Palette& p = palette();
        ImGui::PushStyleColor(ImGuiCol_ChildBg, p.code_bg);
        ImGui::BeginChild("code", ImVec2(0, 0), true);
        if (ctx.lessons.generation() != cached_generation_) {  // a new run starts at the top
            cached_generation_ = ctx.lessons.generation();
            followed_line_ = 0;
            scrolling_ = false;
            ImGui::SetScrollY(0);
        }
        ImGui::PushFont(ctx.fonts.mono);
        draw_lines(ctx);
        ImGui::PopFont();
        ImGui::EndChild();
        ImGui::PopStyleColor();
    }

private:
    // A long line wraps onto continuation rows instead of hiding behind a horizontal scrollbar that
    // nobody at the back of a classroom can operate.
    struct VisualRow {
        uint32_t line = 0;  // 0-based source line
        uint32_t begin = 0, end = 0;
        uint32_t indent = 0;  // columns to skip (continuation rows line up under the code)
    };

    void refresh_cache(const GuiContext& ctx, int columns) {
        const uint64_t version = ctx.lessons.texts_version();
        if (version == cached_version_ && columns == cached_columns_) return;
        if (version != cached_version_) {
            lines_.clear();
            for (const std::string& line : ctx.lessons.source()->lines) lines_.push_back(expand_tabs(without_step_tag(line)));
            spans_ = highlight_source(lines_);
            followed_line_ = 0;
        }
        cached_version_ = version;
        cached_columns_ = columns;
        rows_.clear();
        first_row_.clear();
        for (uint32_t i = 0; i < lines_.size(); ++i) {
            first_row_.push_back(static_cast<uint32_t>(rows_.size()));
            wrap_line(i, static_cast<uint32_t>(std::max(columns, 20)));
        }
    }

    void wrap_line(uint32_t index, uint32_t columns) {
        const std::string& text = lines_[index];
        const uint32_t length = static_cast<uint32_t>(text.size());
        const uint32_t leading = static_cast<uint32_t>(std::min(text.find_first_not_of(' '), text.size()));
        const uint32_t continuation_indent = std::min(leading + 4, columns / 2);
        uint32_t begin = 0;
        uint32_t indent = 0;
        do {
            const uint32_t room = columns - indent;
            uint32_t end = std::min(length, begin + room);
            if (end < length) {
                const size_t space = text.rfind(' ', end);
                if (space != std::string::npos && space > begin + room / 3) end = static_cast<uint32_t>(space + 1);
                while (end < length && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
            }
            rows_.push_back({index, begin, end, indent});
            begin = end;
            while (begin < length && text[begin] == ' ') ++begin;
            indent = continuation_indent;
        } while (begin < length);
    }

    // Lesson threads by the line they are on (finished threads have left the code).
    static std::map<uint32_t, std::vector<uint32_t>> threads_by_line(const StepView& view) {
        std::map<uint32_t, std::vector<uint32_t>> by_line;
        for (const trace::ThreadView& thread : view.state->threads)
            if (thread.line > 0 && thread.state != trace::ThreadState::Finished)
                by_line[thread.line].push_back(thread.number);
        return by_line;
    }

    void draw_lines(GuiContext& ctx) {
        const Palette& p = palette();
        const float em = ImGui::GetFontSize();
        const float line_height = code_line_height(em);
        const float text_top = (line_height - em) * 0.5f;
        const float marker_width = em * 1.25f;
        const float gutter = marker_width * 2 + 8;
        const float numbers = ImGui::CalcTextSize("0000").x + 14;
        const float char_width = ImGui::CalcTextSize("M").x;
        const float row_width = ImGui::GetContentRegionAvail().x;
        refresh_cache(ctx, static_cast<int>((row_width - gutter - numbers - 8) / char_width));

        const auto by_line = threads_by_line(ctx.view);
        const uint32_t step_line = checkpoint_line(ctx.view);
        const bool step_by_lesson_thread = ctx.view.checkpoint && ctx.view.checkpoint->line > 0;
        const ImVec4 step_colour =
            step_by_lesson_thread ? thread_colour(ctx.view.checkpoint->thread) : p.warning;  // completions: amber

        // Rows touch: the clipper, the scrolling and code_panel_height() count line_height per row.
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0));
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(rows_.size()), line_height);
        ImDrawList* draw = ImGui::GetWindowDrawList();
        while (clipper.Step()) {
            for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
                const VisualRow& row = rows_[static_cast<size_t>(r)];
                const uint32_t line = row.line + 1;
                const bool first_row = row.begin == 0;
                const ImVec2 pos = ImGui::GetCursorScreenPos();
                const ImVec2 end(pos.x + row_width, pos.y + line_height);
                const auto threads = by_line.find(line);
                if (line == step_line) {
                    draw->AddRectFilled(pos, end, to_u32(step_colour, kStepLineTint));
                    draw->AddRectFilled(pos, ImVec2(pos.x + 4, end.y), to_u32(step_colour));
                } else if (threads != by_line.end()) {
                    draw->AddRectFilled(pos, end, to_u32(thread_colour(threads->second.front()), kThreadLineTint));
                }
                if (first_row) {
                    if (threads != by_line.end()) draw_markers(draw, ctx, threads->second, pos, marker_width, line_height);
                    if (line == step_line && !step_by_lesson_thread) draw_io_marker(draw, ctx, pos, gutter, line_height);
                    const std::string number = fmt::format("{:>4}", line);
                    draw->AddText(ImVec2(pos.x + gutter, pos.y + text_top), to_u32(line == step_line ? p.text : p.text_dim),
                                  number.c_str());
                }
                draw_code(draw, row, ImVec2(pos.x + gutter + numbers + char_width * static_cast<float>(row.indent), pos.y + text_top));
                ImGui::Dummy(ImVec2(row_width, line_height));
                offer_run_to_line(ctx, draw, line, pos, end);
            }
        }
        clipper.End();
        ImGui::PopStyleVar();
        // A panel that changed size (enlarged, restored, zoomed) brings the followed line back into view.
        if (ImGui::GetWindowHeight() != followed_height_) {
            followed_height_ = ImGui::GetWindowHeight();
            followed_line_ = 0;
        }
        const uint32_t followed = step_line ? step_line : (by_line.empty() ? 0 : by_line.begin()->first);
        if (followed > 0 && followed <= first_row_.size()) follow_row(ctx, followed, first_row_[followed - 1], line_height);
    }

    // A click on a line runs until a thread reaches it; the line a run is heading for is framed.
    static void offer_run_to_line(GuiContext& ctx, ImDrawList* draw, uint32_t line, ImVec2 min, ImVec2 max) {
        const std::optional<RunGoal>& goal = ctx.lessons.run_goal();
        if (goal && goal->kind == GoalKind::Line && goal->line == line)
            draw->AddRect(min, max, to_u32(palette().accent), 0.0f, 0, px(2));
        if (!ctx.lessons.can_run_to() || !ImGui::IsItemHovered()) return;
        draw->AddRect(min, max, to_u32(palette().accent, 0.5f));
        tooltip_for_last_item(fmt::format(fmt::runtime(tr(Str::CodeLineTip)), line));
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) ctx.lessons.run_to({GoalKind::Line, line});
    }

    static void draw_markers(ImDrawList* draw, const GuiContext& ctx, const std::vector<uint32_t>& threads, ImVec2 pos,
                             float width, float line_height) {
        float x = pos.x + 6;
        for (size_t i = 0; i < threads.size() && i < 2; ++i) {
            const ImVec4 colour = thread_colour(threads[i]);
            draw->AddRectFilled(ImVec2(x, pos.y + 2), ImVec2(x + width - 3, pos.y + line_height - 2), to_u32(colour), 4.0f);
            const std::string label = threads.size() > 2 && i == 1 ? "+" : std::to_string(threads[i]);
            const ImVec2 size = ImGui::CalcTextSize(label.c_str());
            draw->AddText(ctx.fonts.mono, ImGui::GetFontSize(),
                          ImVec2(x + (width - 3 - size.x) * 0.5f, pos.y + (line_height - size.y) * 0.5f),
                          to_u32(palette().accent_text), label.c_str());
            x += width;
        }
    }

    // A completion is delivered on no lesson line: the line that issued the request gets "I/O".
    static void draw_io_marker(ImDrawList* draw, const GuiContext& ctx, ImVec2 pos, float gutter, float line_height) {
        const ImVec2 size = ImGui::CalcTextSize("I/O");
        const float x = pos.x + gutter - size.x - 12;
        draw->AddRectFilled(ImVec2(x - 4, pos.y + 2), ImVec2(x + size.x + 4, pos.y + line_height - 2),
                            to_u32(palette().warning), 4.0f);
        draw->AddText(ctx.fonts.mono, ImGui::GetFontSize(), ImVec2(x, pos.y + (line_height - size.y) * 0.5f),
                      to_u32(palette().accent_text), "I/O");
    }

    void draw_code(ImDrawList* draw, const VisualRow& row, ImVec2 pos) const {
        const std::string& text = lines_[row.line];
        float x = pos.x;
        for (const CodeSpan& span : spans_[row.line]) {
            const uint32_t from = std::max(span.begin, row.begin);
            const uint32_t to = std::min(span.end, row.end);
            if (from >= to) continue;
            const char* begin = text.data() + from;
            const char* end = text.data() + to;
            draw->AddText(ImVec2(x, pos.y), to_u32(token_colour(span.kind)), begin, end);
            x += ImGui::CalcTextSize(begin, end).x;
        }
    }

    // Scrolls so the followed line sits a third of the way down, only when that line changes: a
    // teacher scrolling elsewhere is not pulled back every frame.
    void follow_row(const GuiContext& ctx, uint32_t line, uint32_t row, float line_height) {
        if (line != followed_line_) {
            followed_line_ = line;
            scroll_target_ = std::max(0.0f, static_cast<float>(row) * line_height - ImGui::GetWindowHeight() / 3);
            scrolling_ = true;
        }
        if (!scrolling_) return;
        // ImGui clamps the scroll; the content height is only known after the first frame.
        const float current = ImGui::GetScrollY();
        const float max = ImGui::GetScrollMaxY();
        const float reachable = std::min(scroll_target_, max);
        const float elapsed = std::min(ImGui::GetIO().DeltaTime, kLongestScrollStep);
        const float follow = 1.0f - std::exp(-kScrollFollowPerSecond * elapsed);
        ImGui::SetScrollY(ctx.settle_animations ? scroll_target_ : current + (reachable - current) * follow);
        if (max > 0 && std::abs(reachable - current) < 1.0f) scrolling_ = false;
    }

    uint64_t cached_version_ = UINT64_MAX;
    uint64_t cached_generation_ = UINT64_MAX;
    int cached_columns_ = 0;
    std::vector<std::string> lines_;
    std::vector<std::vector<CodeSpan>> spans_;
    std::vector<VisualRow> rows_;
    std::vector<uint32_t> first_row_;  // per source line: its first visual row
    uint32_t followed_line_ = 0;
    float scroll_target_ = 0;
    float followed_height_ = 0;
    bool scrolling_ = false;
};

}  // namespace

std::unique_ptr<Panel> make_code_panel() { return std::make_unique<CodePanel>(); }

float code_panel_height(int rows, float mono_pixels) {
    const ImGuiStyle& style = ImGui::GetStyle();
    // Title strip, the gap under it, the code box's frame and padding, then the rows.
    return panel_header_height() + px(8) + style.WindowPadding.y * 3 + 2 + code_line_height(mono_pixels) * static_cast<float>(rows);
}

}  // namespace ovlab::gui
