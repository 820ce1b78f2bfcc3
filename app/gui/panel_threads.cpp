// The Threads panel: one lane per thread with its colour (the same as its marker in the code
// pane), its state and the lesson line it is on; the thread that reached the step shown is framed.
// Under the lane headers, the latest requests are drawn across the lanes (thread_links.cpp).
#include "panel_threads.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "io_links_view.h"
#include "panel.h"
#include "thread_links.h"
#include "ui_scale.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

ImVec4 state_colour(trace::ThreadState state) {
    const Palette& p = palette();
    switch (state) {
        case trace::ThreadState::Running: return p.success;
        case trace::ThreadState::AtCheckpoint: return p.accent;
        case trace::ThreadState::Waiting: return p.warning;
        case trace::ThreadState::AlertableWait: return p.code_keyword;
        case trace::ThreadState::Sleeping: return p.text_dim;
        case trace::ThreadState::Finished: return p.text_dim;
        case trace::ThreadState::PortWait: return p.warning;
        case trace::ThreadState::RunningApc: return p.code_keyword;
    }
    return p.text_dim;
}

class ThreadsPanel final : public Panel {
public:
    const char* id() const override { return "threads"; }
    Str title() const override { return Str::ThreadsTitle; }
    Str help() const override { return Str::ThreadsHelp; }

    bool body_scrolls() const override { return false; }

    // The Timeline switch sits here: it is these lanes over the whole run.
    void draw_header_extras(GuiContext& ctx) override {
        if (small_toggle(tr(Str::TimelineToggle), ctx.timeline_shown)) ctx.requests.toggle_timeline = true;
        tooltip_for_last_item(tr(Str::TimelineToggleHelp));
    }

    std::string empty_state(const GuiContext& ctx) const override {
        return ctx.view.state->threads.empty() ? tr(Str::ThreadsEmpty) : std::string();
    }

    void draw_body(GuiContext& ctx) override {
        const std::vector<const trace::ThreadView*> lanes = lane_order(*ctx.view.state);
        const float spacing = px(6);
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        // Lanes share the width (the panel never scrolls): many threads make narrower lanes. A card
        // may grow to hold its state, line and what it waits for ("ReadFile (synchronous handle)").
        // Each lane's share of the width follows its name ("main" takes less than "Client 4"), so at
        // 1280x720 the six lanes of a port lesson keep every name whole.
        std::vector<float> needs;
        ImGui::PushFont(ctx.fonts.bold);
        for (const trace::ThreadView* lane : lanes) needs.push_back(lane_need(*ctx.view.state, *lane));
        ImGui::PopFont();
        const std::vector<float> widths = lane_widths(needs, avail.x, spacing, ImGui::GetFontSize() * 24.0f);
        const uint32_t current = ctx.view.checkpoint ? ctx.view.checkpoint->thread : 0;
        std::vector<LaneColumn> columns;
        float x = origin.x;
        for (size_t i = 0; i < lanes.size(); ++i) {
            const trace::ThreadView* lane = lanes[i];
            const float lane_width = widths[i];
            ImGui::SetCursorScreenPos(ImVec2(x, origin.y));
            draw_lane_header(ctx, *lane, lane_width, lane->number == current);
            columns.push_back({lane->number, x + lane_width * 0.5f, lane->runtime});
            x += lane_width + spacing;
        }
        const float links_top = origin.y + header_height() + 4;
        draw_io_links(ctx, columns, origin.x, origin.x + avail.x, links_top, origin.y + avail.y);
    }

    static float header_height() { return (ImGui::GetTextLineHeight() + 8) * 2 + 8; }

private:
    // The width its name needs in the current font (without "Thread" and a note in brackets, as
    // thread_name_fitting shortens first), and at least room for a short state.
    static float lane_need(const trace::State& state, const trace::ThreadView& lane) {
        std::string name = thread_label(state, lane.number);
        if (const size_t at = name.find("Thread"); at != std::string::npos && at > 0) name.erase(at, 6);
        if (const size_t bracket = name.find(" ("); bracket != std::string::npos && bracket > 0) name.erase(bracket);
        return std::max(ImGui::CalcTextSize(name.c_str()).x + px(14), ImGui::GetFontSize() * 4.5f);
    }

    // Row 1: name and state. Row 2: line, queued APCs, and what it waits for. A runtime lane has no
    // lesson line or state of interest: it says what it does instead.
    static void draw_lane_header(GuiContext& ctx, const trace::ThreadView& thread, float width, bool current) {
        const Palette& p = palette();
        const float row = ImGui::GetTextLineHeight() + 8;
        const float height = header_height();
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const ImVec4 colour = thread_colour(thread.number);
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const float emphasis = change_emphasis(ctx, thread.changed_at);
        draw->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height), to_u32(mix(p.panel_bg, colour, 0.08f)), 6.0f);
        highlight_rect(pos, ImVec2(pos.x + width, pos.y + height), emphasis);
        draw->AddRect(pos, ImVec2(pos.x + width, pos.y + height), to_u32(current ? colour : p.border), 6.0f, 0,
                      current ? 2.5f : 1.0f);
        draw->AddRectFilled(pos, ImVec2(pos.x + 6, pos.y + height), to_u32(colour), 6.0f, ImDrawFlags_RoundCornersLeft);

        ImGui::PushID(static_cast<int>(thread.number));
        ImGui::PushClipRect(pos, ImVec2(pos.x + width - 4, pos.y + height), true);
        // Narrow paddings: at 1280x720 a port lesson has six lanes, and each pixel is a letter's part.
        const float text_left = pos.x + px(10);
        ImGui::SetCursorScreenPos(ImVec2(text_left, pos.y + 6));
        const std::string name = thread_label(*ctx.view.state, thread.number);
        const float name_room = pos.x + width - px(4) - text_left;
        ImGui::PushFont(ctx.fonts.bold);
        std::string shown = thread_name_fitting(name, name_room);
        ImGui::PopFont();
        // A name the bold font would cut ("Wor. 2") often fits whole in the narrower regular font: whole
        // words read better than bold ones. The lane's colour and frame still mark it.
        ImFont* name_font = ctx.fonts.bold;
        if (const std::string regular = thread_name_fitting(name, name_room);
            shown.find('.') != std::string::npos && regular.find('.') == std::string::npos) {
            shown = regular;
            name_font = ImGui::GetFont();
        }
        text_in_font(name_font, p.text, shown);

        // The state leads the second row: it is what the lane is for, and names are long.
        ImGui::SetCursorScreenPos(ImVec2(text_left, pos.y + 4 + row));
        std::vector<std::string> apcs;
        for (const trace::ApcView& apc : ctx.view.state->apcs)
            if (apc.thread == thread.number && !apc.running) apcs.push_back(recorded_text(apc.what));
        if (thread.runtime) {
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 2);
            text_coloured(p.text_dim, tr(Str::ThreadsKernelLane));
        } else {
            // A narrow card (1280x720, many threads) shortens its texts with "…" rather than cut them
            // mid-letter, and leaves out the line number that does not fit; the tooltip keeps all of it.
            const float card_right = pos.x + width - px(4);
            const auto room = [card_right] { return card_right - ImGui::GetCursorScreenPos().x; };
            // The state in its pill when the pill fits, else as coloured text: its words stay whole longer.
            const std::string state = tr(thread_state_label(thread.state));
            if (pill_width(state) <= room()) {
                pill(state, state_colour(thread.state), thread.state != trace::ThreadState::Finished);
            } else {
                ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 2);
                text_coloured(state_colour(thread.state), fit_text(ImGui::GetFont(), state, room()));
            }
            if (thread.state == trace::ThreadState::AtCheckpoint) tooltip_for_last_item(tr(Str::ThreadAtCheckpointHelp));
            if (thread.line > 0) {
                const std::string line = fmt::format(fmt::runtime(tr(Str::LineNumber)), thread.line);
                ImGui::SameLine(0, 8);
                ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 2);
                if (ImGui::CalcTextSize(line.c_str()).x <= room()) text_coloured(p.text, line);  // whole or not at all
            }
            if (!apcs.empty()) {
                ImGui::SameLine(0, 8);
                pill(fmt::format(fmt::runtime(tr(Str::ThreadApcs)), apcs.size()), p.code_keyword);
            }
            if (!thread.detail.empty()) {
                ImGui::SameLine(0, 8);
                ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 2);
                // A few letters and "…" would say nothing: then the tooltip alone has it.
                if (room() >= ImGui::GetFontSize() * 4)
                    text_coloured(p.text_dim, fit_text(ImGui::GetFont(), recorded_text(thread.detail), room()));
            }
        }
        ImGui::PopClipRect();

        ImGui::SetCursorScreenPos(pos);
        ImGui::InvisibleButton("##card", ImVec2(width, height));
        std::string tip = fmt::format("{} (#{}): {}", name, thread.number, tr(thread_state_label(thread.state)));
        if (!thread.detail.empty()) tip += "\n" + recorded_text(thread.detail);
        if (thread.line > 0) tip += "\n" + fmt::format(fmt::runtime(tr(Str::LineNumber)), thread.line);
        for (const std::string& apc : apcs) tip += "\nAPC: " + apc;
        tooltip_for_last_item(tip);
        ImGui::PopID();
    }
};

}  // namespace

std::vector<float> lane_widths(const std::vector<float>& needs, float room, float spacing, float widest) {
    float total = 0;
    for (const float need : needs) total += need;
    const float unit = (room - spacing * static_cast<float>(needs.size() - 1)) / total;
    std::vector<float> widths;
    for (const float need : needs) widths.push_back(std::min(need * unit, widest));
    return widths;
}

std::string thread_name_fitting(std::string_view name, float width) {
    auto fits = [width](const std::string& text) { return ImGui::CalcTextSize(text.c_str()).x <= width; };
    std::string text(name);
    if (fits(text)) return text;
    if (const size_t at = text.find("Thread"); at != std::string::npos && at > 0) text.erase(at, 6);
    if (fits(text)) return text;
    // A note in brackets ("kernel (io_uring)") goes first: the name before it says who this is.
    if (const size_t bracket = text.find(" ("); bracket != std::string::npos && bracket > 0) text.erase(bracket);
    if (fits(text)) return text;
    // Keep a trailing number (" 2") whole; shorten the word in front of it.
    const size_t space = text.find_last_of(' ');
    const bool numbered = space != std::string::npos && space + 1 < text.size() &&
                          text.find_first_not_of("0123456789", space + 1) == std::string::npos;
    const std::string number = numbered ? text.substr(space) : std::string();
    std::string word = numbered ? text.substr(0, space) : text;
    while (word.size() > 1) {
        do word.pop_back();
        while (!word.empty() && (static_cast<unsigned char>(word.back()) & 0xC0) == 0x80);  // whole UTF-8 characters
        if (fits(word + "." + number)) break;
    }
    return word + "." + number;
}

float threads_panel_height() {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float title = panel_header_height() + px(8);
    const float lanes = (ImGui::GetTextLineHeight() + px(8)) * 2 + px(12);
    return title + lanes + link_row_height() * kLinkRows + style.WindowPadding.y + px(6);
}

std::unique_ptr<Panel> make_threads_panel() { return std::make_unique<ThreadsPanel>(); }

}  // namespace ovlab::gui
