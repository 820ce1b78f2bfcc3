// The call log: every Win32 call the lesson made, newest at the bottom. Failures are red;
// FALSE + ERROR_IO_PENDING is not a failure but "started, finishes later", so it is amber. A row
// above it narrows the log (call_filter.h); a click on a call shows the step at which it was made.
#include <algorithm>
#include <cfloat>
#include <vector>

#include <fmt/format.h>

#include "call_filter.h"
#include "ovlab/status_codes.h"
#include "panel.h"
#include "panel_threads.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

constexpr uint32_t kErrorIoPending = 997;  // also WSA_IO_PENDING

// The runtime formats results as "FALSE (GetLastError 997 ...)"; the log has its own column for that.
std::string_view result_without_error(std::string_view result) {
    const size_t suffix = result.find(" (GetLastError");
    return suffix == std::string_view::npos ? result : result.substr(0, suffix);
}

class CallsPanel final : public Panel {
public:
    const char* id() const override { return "calls"; }
    Str title() const override { return Str::CallsTitle; }
    Str help() const override { return Str::CallsHelp; }
    bool body_scrolls() const override { return false; }

    std::string empty_state(const GuiContext& ctx) const override {
        return ctx.view.state->calls.empty() ? tr(Str::CallsEmpty) : std::string();
    }

    void draw_header_extras(GuiContext& ctx) override {
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 2);
        const size_t all = ctx.view.state->calls.size();
        text_coloured(palette().text_dim, filter_.active()
                                              ? fmt::format(fmt::runtime(tr(Str::CallsShown)), rows_.size(), all)
                                              : fmt::format(fmt::runtime(tr(Str::CallsCount)), all));
    }

    void draw_body(GuiContext& ctx) override {
        const std::vector<trace::CallView>& calls = ctx.view.state->calls;
        // A log squeezed into a corner (1280x720) keeps its rows; enlarged, it has room for the filter.
        if (filter_.active() || ImGui::GetContentRegionAvail().y > ImGui::GetFrameHeightWithSpacing() * 6) draw_filter(ctx);
        rows_.clear();
        for (size_t i = 0; i < calls.size(); ++i)
            if (filter_.matches(calls[i])) rows_.push_back(i);
        if (rows_.empty()) {
            empty_state_text(tr(Str::CallsNoMatch));
            return;
        }
        const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                      ImGuiTableFlags_BordersOuterH | ImGuiTableFlags_Resizable |
                                      ImGuiTableFlags_SizingFixedFit;
        if (!ImGui::BeginTable("calls", 6, flags, ImGui::GetContentRegionAvail())) return;
        const float em = ImGui::GetFontSize();
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(tr(Str::CallsThread), ImGuiTableColumnFlags_WidthFixed, em * 4.5f);
        ImGui::TableSetupColumn(tr(Str::CallsLine), ImGuiTableColumnFlags_WidthFixed, em * 2.0f);
        ImGui::TableSetupColumn(tr(Str::CallsApi), ImGuiTableColumnFlags_WidthFixed, em * 9.0f);
        ImGui::TableSetupColumn(tr(Str::CallsArguments), ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn(tr(Str::CallsResult), ImGuiTableColumnFlags_WidthFixed, em * 7.2f);
        ImGui::TableSetupColumn(tr(Str::CallsLastError), ImGuiTableColumnFlags_WidthFixed, em * 8.0f);
        ImGui::TableHeadersRow();

        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(rows_.size()));
        while (clipper.Step())
            for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row)
                draw_row(ctx, calls[rows_[static_cast<size_t>(row)]]);
        clipper.End();

        // Newest at the bottom: follow it whenever the log grows or the view moves.
        if (rows_.size() != followed_count_ || ctx.view.step != followed_step_) ImGui::SetScrollY(1e7f);
        followed_count_ = rows_.size();
        followed_step_ = ctx.view.step;
        ImGui::EndTable();
    }

private:
    // Text, thread and failures, in one row above the log.
    void draw_filter(const GuiContext& ctx) {
        const float em = ImGui::GetFontSize();
        const float width = ImGui::GetContentRegionAvail().x;
        ImGui::SetNextItemWidth(std::min(em * 10, width * 0.35f));
        if (ImGui::InputTextWithHint("##find", tr(Str::CallsFind), find_, sizeof find_)) filter_.text = find_;
        tooltip_for_last_item(tr(Str::CallsFindHelp));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(std::min(em * 9, width * 0.3f));
        const std::string chosen = filter_.thread ? thread_label(*ctx.view.state, *filter_.thread) : tr(Str::CallsAllThreads);
        if (ImGui::BeginCombo("##thread", chosen.c_str())) {
            if (ImGui::Selectable(tr(Str::CallsAllThreads), !filter_.thread)) filter_.thread.reset();
            for (const trace::ThreadView& thread : ctx.view.state->threads)
                if (ImGui::Selectable(thread_label(*ctx.view.state, thread.number).c_str(), filter_.thread == thread.number))
                    filter_.thread = thread.number;
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        ImGui::Checkbox(tr(Str::CallsFailuresOnly), &filter_.failures_only);
        tooltip_for_last_item(tr(Str::CallsFailuresOnlyHelp));
    }

    static void draw_row(GuiContext& ctx, const trace::CallView& call) {
        const Palette& p = palette();
        ImGui::TableNextRow(ImGuiTableRowFlags_None, ImGui::GetTextLineHeight() + 12);  // rows with a badge are no taller
        const float emphasis = std::max(change_emphasis(ctx, call.enter_seq), change_emphasis(ctx, call.leave_seq));
        if (emphasis > 0) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, to_u32(p.changed, 0.18f + 0.5f * emphasis));
        const bool returned = call.leave_seq != trace::kNever;
        const bool pending = call.failed && call.last_error == kErrorIoPending;
        const ImVec4 result_colour = !returned ? p.text_dim : pending ? p.warning : call.failed ? p.danger : p.text;

        ImGui::TableNextColumn();
        // The whole row is the button; the texts are drawn over it.
        ImGui::PushID(static_cast<int>(call.enter_seq));
        if (ImGui::Selectable("##call", false, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                              ImVec2(0, ImGui::GetTextLineHeight())))
            ctx.lessons.show_step(ctx.lessons.trace().step_showing(call.enter_seq));
        ImGui::PopID();
        ImGui::SameLine(0, 0);
        const std::string thread_name = thread_label(*ctx.view.state, call.thread);
        const std::string shown = thread_name_fitting(thread_name, ImGui::GetContentRegionAvail().x);
        text_coloured(thread_colour(call.thread), shown);
        if (shown != thread_name) tooltip_for_last_item(thread_name);
        ImGui::TableNextColumn();
        text_coloured(p.text_dim, call.line ? std::to_string(call.line) : std::string("-"));
        ImGui::TableNextColumn();
        text_coloured(call.failed && !pending ? p.danger : p.code_call, call.api);
        ImGui::TableNextColumn();
        const std::string arguments = recorded_text(call.arguments);
        ImGui::TextUnformatted(arguments.c_str());
        tooltip_for_last_item(arguments);
        ImGui::TableNextColumn();
        text_coloured(result_colour, returned ? result_without_error(call.result) : std::string_view("…"));
        tooltip_for_last_item(returned ? std::string_view(call.result) : std::string_view(tr(Str::CallsInProgress)));
        ImGui::TableNextColumn();
        if (!returned || !call.failed) {
            text_coloured(p.text_dim, "—");
            return;
        }
        const CodeInfo info = win32_error_info(call.last_error);
        const std::string name = info.name.empty() ? std::to_string(call.last_error) : std::string(info.name);
        if (pending) {
            pill(tr(Str::CallsPending), p.warning);
            tooltip_for_last_item(fmt::format("{} ({}): {}", name, call.last_error, tr(Str::CallsPendingHelp)));
            ImGui::SameLine(0, 6);
            text_coloured(p.warning, std::to_string(call.last_error));
        } else {
            text_coloured(p.danger, name);
            tooltip_for_last_item(fmt::format("{} ({}): {}", name, call.last_error, info.meaning_in(ui_language())));
        }
    }

    CallFilter filter_;
    char find_[64] = "";
    std::vector<size_t> rows_;  // indices of the calls the filter lets through, this frame
    size_t followed_count_ = 0;
    uint64_t followed_step_ = UINT64_MAX;
};

}  // namespace

std::unique_ptr<Panel> make_calls_panel() { return std::make_unique<CallsPanel>(); }

}  // namespace ovlab::gui
