// Handles and events: every handle the lesson opened, with its kind, name, description and a big
// lamp that is lit while the object is signalled (what a wait on it would see).
#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "panel.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

Str kind_label(trace::HandleKind kind) {
    switch (kind) {
        case trace::HandleKind::File: return Str::HandleFile;
        case trace::HandleKind::Event: return Str::HandleEvent;
        case trace::HandleKind::Thread: return Str::HandleThread;
        case trace::HandleKind::CompletionPort: return Str::HandlePort;
        case trace::HandleKind::Socket: return Str::HandleSocket;
        case trace::HandleKind::Pipe: return Str::HandlePipe;
        case trace::HandleKind::Other: break;
    }
    return Str::HandleOther;
}

class HandlesPanel final : public Panel {
public:
    const char* id() const override { return "handles"; }
    Str title() const override { return Str::HandlesTitle; }
    Str help() const override { return Str::HandlesHelp; }

    std::string empty_state(const GuiContext& ctx) const override {
        return ctx.view.state->handles.empty() ? tr(Str::HandlesEmpty) : std::string();
    }

    void draw_body(GuiContext& ctx) override {
        // Open handles first: a closed one only matters while its CloseHandle is the step shown.
        std::vector<const trace::HandleView*> handles;
        for (const auto& [value, handle] : ctx.view.state->handles) handles.push_back(&handle);
        std::stable_partition(handles.begin(), handles.end(), [](const trace::HandleView* h) { return !h->closed; });
        for (const trace::HandleView* handle : handles) {
            ImGui::PushID(static_cast<int>(handle->handle & 0x7FFFFFFF));
            draw_handle(ctx, *handle);
            ImGui::PopID();
        }
    }

private:
    static void draw_handle(GuiContext& ctx, const trace::HandleView& handle) {
        const Palette& p = palette();
        const float em = ImGui::GetFontSize();
        const ImVec2 start = ImGui::GetCursorScreenPos();
        const float width = ImGui::GetContentRegionAvail().x;
        ImDrawList* draw = ImGui::GetWindowDrawList();
        draw->ChannelsSplit(2);  // the highlight goes behind, once the row's height is known
        draw->ChannelsSetCurrent(1);

        const float lamp_radius = em * 0.8f;
        ImGui::SetCursorScreenPos(ImVec2(start.x + 6, start.y + 6));
        lamp(lamp_radius, handle.signalled && !handle.closed, p.success);
        tooltip_for_last_item(tr(handle.signalled ? Str::Signalled : Str::NotSignalled));
        ImGui::SameLine(0, 12);
        ImGui::BeginGroup();
        const ImVec4 ink = handle.closed ? p.text_dim : p.text;
        text_in_font(ctx.fonts.bold, ink, handle.name.empty() ? ctx.view.state->handle_label(handle.handle) : handle.name);
        ImGui::SameLine(0, 8);
        ImGui::PushFont(ctx.fonts.mono);
        text_coloured(p.text_dim, fmt::format("0x{:X}", handle.handle));
        ImGui::PopFont();
        const std::string kind = tr(kind_label(handle.kind));
        ImGui::SameLine(0, 8);
        if (ImGui::GetContentRegionAvail().x < pill_width(kind) + 4) ImGui::NewLine();
        pill(kind, handle.closed ? p.text_dim : p.accent, false);
        ImGui::PushTextWrapPos(start.x - ImGui::GetWindowPos().x + width);
        if (!handle.description.empty()) text_coloured(p.text_dim, recorded_text(handle.description));
        if (handle.closed) {
            pill(tr(Str::HandleClosed), p.text_dim);
        } else {
            const std::string state = tr(handle.signalled ? Str::Signalled : Str::NotSignalled);
            const std::string reason =
                handle.last_reason.empty() ? state : fmt::format("{}: {}", state, recorded_text(handle.last_reason));
            text_coloured(handle.signalled ? p.success : p.text_dim, reason);
        }
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();

        const float bottom = std::max(ImGui::GetItemRectMax().y, start.y + 2 * lamp_radius + 12) + 6;
        draw->ChannelsSetCurrent(0);
        highlight_rect(start, ImVec2(start.x + width, bottom), change_emphasis(ctx, handle.changed_at));
        draw->AddLine(ImVec2(start.x, bottom), ImVec2(start.x + width, bottom), to_u32(p.border, 0.6f), p.line_width);
        draw->ChannelsMerge();
        ImGui::SetCursorScreenPos(ImVec2(start.x, bottom + 6));
        ImGui::Dummy(ImVec2(width, 0));
    }
};

}  // namespace

std::unique_ptr<Panel> make_handles_panel() { return std::make_unique<HandlesPanel>(); }

}  // namespace ovlab::gui
