// The OVERLAPPED inspector: a compact list of every OVERLAPPED the lesson used (the ones the step
// shown touched first), then the chosen one in detail: its 32 bytes as memory holds them and each
// field in hex with what it means right now. What the step shown wrote is highlighted, with the
// previous value. A click on a list row keeps that OVERLAPPED chosen; a second click follows the step.
#include <algorithm>
#include <cfloat>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "ovlab/status_codes.h"
#include "overlapped_bytes.h"
#include "overlapped_hex_view.h"
#include "panel.h"
#include "request_actions.h"
#include "step_compare.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

using trace::OverlappedField;

constexpr OverlappedField kFields[] = {OverlappedField::Internal, OverlappedField::InternalHigh, OverlappedField::Offset,
                                       OverlappedField::OffsetHigh, OverlappedField::hEvent};

std::string hex(uint64_t value) {
    return value > 0xFFFFFFFFull ? fmt::format("0x{:016X}", value) : fmt::format("0x{:08X}", value);
}

// The value a field had before the change at `seq` (the FieldChange event records old and new).
std::optional<uint64_t> previous_value(const GuiContext& ctx, uint64_t seq, uint64_t address) {
    const trace::Recorder* recorder = ctx.lessons.recorder();
    if (!recorder || seq == trace::kNever || seq >= recorder->published()) return std::nullopt;
    const trace::Event& event = recorder->at(seq);
    if (event.kind != trace::EventKind::FieldChange || event.object != address) return std::nullopt;
    return event.b;
}

// Continues the line; true when `text` fits on what is left of it.
bool fits_on_line(const std::string& text, ImFont* font) {
    ImGui::SameLine(0, 12);
    return ImGui::GetContentRegionAvail().x >= font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.c_str()).x;
}

void same_line_if_fits(const std::string& text, ImFont* font) {
    if (!fits_on_line(text, font)) ImGui::NewLine();
}

// In flight splits in two: the kernel is still working, or the kernel has finished and the lab has
// not delivered the completion yet (held, or waiting for its turn). Nothing is hidden: it says which.
void draw_phase_badge(const GuiContext& ctx, const trace::OverlappedView& ov, const trace::IoView* io) {
    const Palette& p = palette();
    switch (ctx.lessons.request_phase(ov, io)) {
        case RequestPhase::Completed:
            if (io) pill(tr(Str::OverlappedCompleted), p.success, false);
            tooltip_for_last_item(tr(Str::OverlappedCompletedHelp));
            break;
        case RequestPhase::Held:
            pill(tr(Str::OverlappedHeld), p.code_keyword);
            tooltip_for_last_item(tr(Str::OverlappedHeldHelp));
            break;
        case RequestPhase::KernelDone:
            pill(tr(Str::OverlappedKernelDone), p.warning, false);
            tooltip_for_last_item(tr(Str::OverlappedKernelDoneHelp));
            break;
        case RequestPhase::InFlight:
            pill(tr(Str::OverlappedInFlight), p.warning);
            tooltip_for_last_item(tr(Str::OverlappedInFlightHelp));
            break;
    }
}

class OverlappedPanel final : public Panel {
public:
    const char* id() const override { return "overlapped"; }
    Str title() const override { return Str::OverlappedTitle; }
    Str help() const override { return Str::OverlappedHelp; }

    std::string empty_state(const GuiContext& ctx) const override {
        return ctx.view.state->overlappeds.empty() ? tr(Str::OverlappedEmpty) : std::string();
    }

    void draw_header_extras(GuiContext& ctx) override {
        size_t in_flight = 0;
        for (const auto& [address, ov] : ctx.view.state->overlappeds) in_flight += ov.in_flight ? 1 : 0;
        if (in_flight == 0) return;
        pill(fmt::format(fmt::runtime(tr(Str::OverlappedInFlightCount)), in_flight), palette().warning);
    }

    void draw_body(GuiContext& ctx) override {
        compare_.draw(ctx);
        const std::vector<const trace::OverlappedView*> order = list_order(ctx);
        if (selected_ && !ctx.view.state->overlappeds.contains(*selected_)) selected_.reset();
        const uint64_t shown = selected_.value_or(order.front()->address);
        if (order.size() > 1) {
            for (const trace::OverlappedView* ov : order) draw_list_row(ctx, *ov, ov->address == shown);
            ImGui::Spacing();
            ImGui::Separator();
            ImGui::Spacing();
        }
        const trace::IoView* request = ctx.view.state->latest_io(shown);
        ctx.lessons.focus_request(request ? request->handle : 0, shown);  // the D and C keys act on it
        ImGui::PushID(static_cast<int>(shown & 0x7FFFFFFF));
        draw_card(ctx, ctx.view.state->overlappeds.at(shown));
        ImGui::PopID();
    }

private:
    // Most recently touched first (a field written, or its request issued, finished or handled):
    // whatever the step shown touched leads, and the list follows the Threads panel's links.
    static std::vector<const trace::OverlappedView*> list_order(const GuiContext& ctx) {
        std::vector<std::pair<uint64_t, const trace::OverlappedView*>> touched;
        for (const auto& [address, ov] : ctx.view.state->overlappeds) {
            std::vector<uint64_t> seqs(ov.changed_at.begin(), ov.changed_at.end());
            if (const trace::IoView* io = ctx.view.state->latest_io(address))
                seqs.insert(seqs.end(), {io->issued_seq, io->finished_seq, io->completed_seq, io->handled_seq});
            uint64_t latest = 0;
            for (uint64_t seq : seqs)
                if (seq != trace::kNever) latest = std::max(latest, seq);
            touched.emplace_back(latest, &ov);
        }
        std::stable_sort(touched.begin(), touched.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        std::vector<const trace::OverlappedView*> order;
        for (const auto& entry : touched) order.push_back(entry.second);
        return order;
    }

    // One line: name, state, last request. The row shown below is framed; touched rows are
    // highlighted. The contents are drawn first, then a button over the whole row takes the click.
    void draw_list_row(GuiContext& ctx, const trace::OverlappedView& ov, bool shown) {
        const Palette& p = palette();
        ImGui::PushID(static_cast<int>(ov.address & 0x7FFFFFFF));
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const ImVec2 max(pos.x + ImGui::GetContentRegionAvail().x, pos.y + ImGui::GetFrameHeight() + 4);
        ImDrawList* draw = ImGui::GetWindowDrawList();
        float emphasis = 0;
        for (uint64_t seq : ov.changed_at) emphasis = std::max(emphasis, change_emphasis(ctx, seq));
        if (ImGui::IsMouseHoveringRect(pos, max)) draw->AddRectFilled(pos, max, to_u32(p.accent, 0.08f), 4.0f);
        highlight_rect(pos, max, emphasis, false);
        if (shown) draw->AddRect(pos, max, to_u32(p.accent), 4.0f, 0, selected_ ? 2.5f : 1.5f);

        ImGui::SetCursorScreenPos(ImVec2(pos.x + 8, pos.y + 4));
        ImGui::BeginGroup();
        text_in_font(ctx.fonts.bold, p.text, ov.name);
        const trace::IoView* io = ctx.view.state->latest_io(ov.address);
        if (io || ov.in_flight) {
            ImGui::SameLine(0, 10);
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 1);
            draw_phase_badge(ctx, ov, io);
        }
        if (io) {
            ImGui::SameLine(0, 10);
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 1);
            // A socket has no offset: its requests show the length alone.
            const std::string request =
                ctx.view.state->is_socket(io->handle)
                    ? fmt::format("{} {}", recorded_text(io->operation), group_digits(io->length))
                    : fmt::format("{} {} @{}", recorded_text(io->operation), group_digits(io->length),
                                  group_digits(io->offset));
            text_coloured(p.text_dim, fit_text(ctx.fonts.regular, request, max.x - ImGui::GetCursorScreenPos().x - 8));
        }
        ImGui::EndGroup();
        ImGui::SetCursorScreenPos(pos);
        if (ImGui::InvisibleButton("##row", ImVec2(max.x - pos.x, max.y - pos.y))) {
            if (selected_ == ov.address) selected_.reset();
            else selected_ = ov.address;
        }
        tooltip_for_last_item(fmt::format("@{}", hex(ov.address)));
        ImGui::PopID();
    }

    // What the step shown wrote into the structure, byte by byte.
    static void draw_bytes(GuiContext& ctx, const trace::OverlappedView& ov) {
        std::array<std::optional<uint64_t>, 5> before;
        float emphasis = 0;
        for (size_t field = 0; field < before.size(); ++field) {
            const float field_emphasis = change_emphasis(ctx, ov.changed_at[field]);
            if (field_emphasis <= 0) continue;
            emphasis = std::max(emphasis, field_emphasis);
            before[field] = previous_value(ctx, ov.changed_at[field], ov.address);
        }
        text_coloured(palette().text_dim, tr(Str::OverlappedBytesTitle));
        draw_overlapped_hex(ctx, overlapped_bytes(ov, before), emphasis);
    }

    static void draw_card(GuiContext& ctx, const trace::OverlappedView& ov) {
        const Palette& p = palette();
        // Name and state first; the request and the address follow while they fit on the line.
        const std::string address = fmt::format("@{}", hex(ov.address));
        text_in_font(ctx.fonts.bold, p.text, ov.name);
        tooltip_for_last_item(address);
        const trace::IoView* io = ctx.view.state->latest_io(ov.address);
        ImGui::SameLine(0, 10);
        draw_phase_badge(ctx, ov, io);
        if (io) {
            const Str format = ctx.view.state->is_socket(io->handle) ? Str::OverlappedLastRequestOnSocket
                                                                      : Str::OverlappedLastRequest;
            const std::string request = fmt::format(fmt::runtime(tr(format)), recorded_text(io->operation),
                                                    group_digits(io->length), group_digits(io->offset),
                                                    ctx.view.state->handle_label(io->handle));
            same_line_if_fits(request, ctx.fonts.regular);
            text_coloured(p.text_dim, request);
        }
        if (fits_on_line(address, ctx.fonts.mono)) {
            ImGui::PushFont(ctx.fonts.mono);
            text_coloured(p.text_dim, address);
            ImGui::PopFont();
        } else {
            ImGui::NewLine();  // the address stays in the name's tooltip
        }

        draw_request_actions(ctx, ov, io);
        if (std::optional<EmbeddingStruct> owner = embedding_struct(ov.name)) {
            ImGui::PushTextWrapPos(0.0f);
            text_coloured(palette().code_keyword,
                          fmt::format(fmt::runtime(tr(Str::OverlappedEmbedded)), owner->object, owner->member));
            ImGui::PopTextWrapPos();
        }
        draw_bytes(ctx, ov);
        ImGui::Spacing();

        const ImGuiTableFlags flags = ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                                      ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX;
        if (!ImGui::BeginTable("fields", 3, flags, ImVec2(ImGui::GetContentRegionAvail().x, 0))) return;
        const float em = ImGui::GetFontSize();
        ImGui::TableSetupColumn(tr(Str::OverlappedField), ImGuiTableColumnFlags_WidthFixed, em * 6.2f);
        ImGui::TableSetupColumn(tr(Str::OverlappedValue), ImGuiTableColumnFlags_WidthFixed, em * 6.6f);
        ImGui::TableSetupColumn(tr(Str::OverlappedMeaning), ImGuiTableColumnFlags_WidthStretch);
        for (OverlappedField field : kFields) draw_row(ctx, ov, field);
        ImGui::EndTable();
    }

    static void draw_row(GuiContext& ctx, const trace::OverlappedView& ov, OverlappedField field) {
        const Palette& p = palette();
        const size_t index = static_cast<size_t>(field);
        const uint64_t value = ov.value[index];
        ImGui::TableNextRow();
        const float emphasis = change_emphasis(ctx, ov.changed_at[index]);
        if (emphasis > 0) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, to_u32(p.changed, 0.18f + 0.5f * emphasis));

        ImGui::TableNextColumn();
        ImGui::PushFont(ctx.fonts.mono);
        ImGui::TextUnformatted(std::string(trace::field_name(field)).c_str());
        ImGui::TableNextColumn();
        const bool pending = field == OverlappedField::Internal && static_cast<uint32_t>(value) == kStatusPending;
        text_coloured(pending ? p.warning : p.text, hex(value));
        ImGui::PopFont();
        if (emphasis > 0) {
            if (std::optional<uint64_t> before = previous_value(ctx, ov.changed_at[index], ov.address)) {
                ImGui::PushFont(ctx.fonts.mono);
                text_coloured(p.text_dim, fmt::format(fmt::runtime(tr(Str::OverlappedWas)), hex(*before)));
                ImGui::PopFont();
            }
        }
        ImGui::TableNextColumn();
        ImGui::PushTextWrapPos(0.0f);
        draw_meaning(ctx, ov, field, value);
        ImGui::PopTextWrapPos();
    }

    static void draw_meaning(GuiContext& ctx, const trace::OverlappedView& ov, OverlappedField field, uint64_t value) {
        const Palette& p = palette();
        switch (field) {
            case OverlappedField::Internal: {
                const uint32_t status = static_cast<uint32_t>(value);
                const CodeInfo info = ntstatus_info(status);
                const bool failed = nt_severity(status) == NtSeverity::Error;
                const ImVec4 colour = status == kStatusPending ? p.warning : (failed ? p.danger : p.success);
                text_in_font(ctx.fonts.bold, colour, info.name.empty() ? format_ntstatus(status) : std::string(info.name));
                if (!info.meaning.empty()) text_coloured(p.text_dim, info.meaning_in(ui_language()));
                break;
            }
            case OverlappedField::InternalHigh:
                ImGui::TextUnformatted(fmt::format(fmt::runtime(tr(Str::OverlappedBytes)), group_digits(value)).c_str());
                if (ov.in_flight) text_coloured(p.text_dim, tr(Str::OverlappedBytesPending));
                break;
            case OverlappedField::Offset:
                text_coloured(p.text_dim, tr(Str::OverlappedOffsetLow));
                break;
            case OverlappedField::OffsetHigh:
                text_coloured(p.text_dim, tr(Str::OverlappedOffsetHigh));
                ImGui::TextUnformatted(
                    fmt::format(fmt::runtime(tr(Str::OverlappedOffset64)), group_digits(ov.offset64())).c_str());
                break;
            case OverlappedField::hEvent: draw_event_meaning(ctx, value); break;
        }
    }

    static void draw_event_meaning(GuiContext& ctx, uint64_t handle) {
        const Palette& p = palette();
        if (handle == 0) {
            text_coloured(p.text_dim, tr(Str::OverlappedNoEvent));
            return;
        }
        // A set low bit keeps the completion out of an I/O completion port; the handle is the rest.
        const bool low_bit = (handle & 1) != 0;
        handle &= ~uint64_t{1};
        const auto& handles = ctx.view.state->handles;
        const auto it = handles.find(handle);
        const bool signalled = it != handles.end() && it->second.signalled;
        lamp(ImGui::GetFontSize() * 0.4f, signalled, p.success);
        ImGui::SameLine(0, 6);
        ImGui::TextUnformatted(ctx.view.state->handle_label(handle).c_str());
        ImGui::SameLine(0, 8);
        text_coloured(signalled ? p.success : p.text_dim, tr(signalled ? Str::Signalled : Str::NotSignalled));
        if (low_bit) text_coloured(p.text_dim, tr(Str::OverlappedEventLowBit));
    }

    std::optional<uint64_t> selected_;  // chosen in the list; unset: the one the step touched
    StepCompare compare_;
};

}  // namespace

std::unique_ptr<Panel> make_overlapped_panel() { return std::make_unique<OverlappedPanel>(); }

}  // namespace ovlab::gui
