// The call log: every Win32 call the lesson made, newest at the bottom. Failures are red;
// FALSE + ERROR_IO_PENDING is not a failure but "started, finishes later", so it is amber.
#include <fmt/format.h>

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
        text_coloured(palette().text_dim, fmt::format(fmt::runtime(tr(Str::CallsCount)), ctx.view.state->calls.size()));
    }

    void draw_body(GuiContext& ctx) override {
        const std::vector<trace::CallView>& calls = ctx.view.state->calls;
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
        clipper.Begin(static_cast<int>(calls.size()));
        while (clipper.Step())
            for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row)
                draw_row(ctx, calls[static_cast<size_t>(row)]);
        clipper.End();

        // Newest at the bottom: follow it whenever the log grows or the view moves.
        if (calls.size() != followed_count_ || ctx.view.step != followed_step_) ImGui::SetScrollY(1e7f);
        followed_count_ = calls.size();
        followed_step_ = ctx.view.step;
        ImGui::EndTable();
    }

private:
    static void draw_row(GuiContext& ctx, const trace::CallView& call) {
        const Palette& p = palette();
        ImGui::TableNextRow(ImGuiTableRowFlags_None, ImGui::GetTextLineHeight() + 12);  // rows with a badge are no taller
        const float emphasis = std::max(change_emphasis(ctx, call.enter_seq), change_emphasis(ctx, call.leave_seq));
        if (emphasis > 0) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, to_u32(p.changed, 0.18f + 0.5f * emphasis));
        const bool returned = call.leave_seq != trace::kNever;
        const bool pending = call.failed && call.last_error == kErrorIoPending;
        const ImVec4 result_colour = !returned ? p.text_dim : pending ? p.warning : call.failed ? p.danger : p.text;

        ImGui::TableNextColumn();
        const trace::ThreadView* thread = ctx.view.state->thread(call.thread);
        const std::string thread_name = thread && !thread->name.empty() ? thread->name : fmt::format("#{}", call.thread);
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

    size_t followed_count_ = 0;
    uint64_t followed_step_ = UINT64_MAX;
};

}  // namespace

std::unique_ptr<Panel> make_calls_panel() { return std::make_unique<CallsPanel>(); }

}  // namespace ovlab::gui
