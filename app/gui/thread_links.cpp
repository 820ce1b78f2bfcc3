#include "thread_links.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "io_links_view.h"
#include "ui_scale.h"
#include "ui_strings.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

// Outbound (issue -> kernel) and return (kernel -> handler) arrows run this far above and below the
// row's middle, so a round trip to the issuing lane stays two distinct arrows.
constexpr float kTrackOffset = 7.0f;
// Arrow labels sit on their own track in a slightly smaller font, so on a round trip each label
// covers only its own arrow.
constexpr float kLabelScale = 0.85f;
constexpr float kDotRadius = 6.5f;
// Older requests fade so the one of the step shown stands out.
constexpr float kRowAlpha[kLinkRows] = {1.0f, 0.55f, 0.35f};

const LaneColumn* lane_of(const std::vector<LaneColumn>& lanes, uint32_t thread) {
    for (const LaneColumn& lane : lanes)
        if (lane.thread == thread) return &lane;
    return nullptr;
}

const LaneColumn* first_runtime_lane(const std::vector<LaneColumn>& lanes) {
    for (const LaneColumn& lane : lanes)
        if (lane.runtime) return &lane;
    return nullptr;
}

void arrow(ImDrawList* draw, ImVec2 from, ImVec2 to, ImU32 colour, float thickness, bool dashed) {
    const float direction = to.x >= from.x ? 1.0f : -1.0f;
    const float head = 9.0f;
    const ImVec2 shaft_end(to.x - direction * head, to.y);
    if (dashed) {
        for (float x = from.x; (x - shaft_end.x) * direction < 0; x += direction * 10.0f) {
            const float end = direction > 0 ? std::min(x + 6.0f, shaft_end.x) : std::max(x - 6.0f, shaft_end.x);
            draw->AddLine(ImVec2(x, from.y), ImVec2(end, from.y), colour, thickness);
        }
    } else {
        draw->AddLine(from, shaft_end, colour, thickness);
    }
    draw->AddTriangleFilled(to, ImVec2(shaft_end.x, to.y - 5.5f), ImVec2(shaft_end.x, to.y + 5.5f), colour);
}

// An older link's labels are text_dim instead of faded: faded text would fall under 4.5:1 against
// the panel. Its arrows and dots still fade.
ImVec4 label_ink(const ImVec4& colour, float alpha) { return alpha < 1.0f ? palette().text_dim : colour; }

// A label on an arrow: text on the panel colour, so the arrow passes behind it. Skipped when even
// its first letters do not fit between the two ends.
void arrow_label(ImDrawList* draw, const GuiContext& ctx, std::string_view text, float x0, float x1, float y,
                 const ImVec4& colour, float alpha) {
    ImFont* font = ctx.fonts.regular;
    const float font_size = font->FontSize * kLabelScale;
    const float room = std::abs(x1 - x0) - 2 * kDotRadius - 14.0f;
    if (room < font_size * 2) return;
    // fit_text measures at the font's own size; the label is drawn smaller, so it has more room.
    const std::string shown = fit_text(font, text, (room - 8) / kLabelScale);
    const ImVec2 size = font->CalcTextSizeA(font_size, FLT_MAX, 0.0f, shown.c_str());
    const ImVec2 min((x0 + x1 - size.x) * 0.5f - 4, y - size.y * 0.5f - 1);
    draw->AddRectFilled(min, ImVec2(min.x + size.x + 8, min.y + size.y + 2), to_u32(palette().panel_bg), 4.0f);
    draw->AddText(font, font_size, ImVec2(min.x + 4, min.y + 1), to_u32(label_ink(colour, alpha)), shown.c_str());
}

void dot(ImDrawList* draw, ImVec2 at, const ImVec4& colour, float alpha, bool filled, bool ring) {
    if (ring) draw->AddCircle(at, kDotRadius + 4, to_u32(colour, alpha), 24, 2.5f);
    if (filled) draw->AddCircleFilled(at, kDotRadius, to_u32(colour, alpha), 24);
    else draw->AddCircle(at, kDotRadius, to_u32(colour, alpha), 24, 2.0f);
}

Str delivery_label(const trace::State& state, const trace::IoView& io) {
    if (io.handling == trace::IoView::Handling::Dequeued) return Str::LinkPacket;
    if (io.handling == trace::IoView::Handling::Routine) return Str::LinkApc;
    const auto handle = state.handles.find(io.signalled_handle);
    if (handle == state.handles.end()) return Str::LinkHandleSet;
    if (handle->second.kind == trace::HandleKind::Event) return Str::LinkEventSet;
    return handle->second.kind == trace::HandleKind::File ? Str::LinkFileSet : Str::LinkHandleSet;
}

Str handler_label(trace::IoView::Handling how) {
    switch (how) {
        case trace::IoView::Handling::Dequeued: return Str::LinkDequeued;
        case trace::IoView::Handling::Routine: return Str::LinkRoutine;
        default: return Str::LinkWoke;
    }
}

std::string link_tooltip(const trace::State& state, const IoLink& link) {
    const trace::IoView& io = *link.io;
    const Str issued = state.is_socket(io.handle) ? Str::LinkTipIssuedOnSocket : Str::LinkTipIssued;
    std::string tip = fmt::format(fmt::runtime(tr(issued)), link.api.empty() ? recorded_text(io.operation) : link.api,
                                  io.issued_line, thread_label(state, io.issued_thread), recorded_text(io.operation),
                                  group_digits(io.length), group_digits(io.offset), state.overlapped_label(io.overlapped));
    if (!link.finished.happened()) return tip + "\n" + tr(Str::LinkTipInFlight);
    tip += "\n" + fmt::format(fmt::runtime(tr(Str::LinkTipFinished)), thread_label(state, io.finished_thread),
                              group_digits(io.bytes));
    const std::string handler = thread_label(state, io.handler_thread);
    switch (io.handling) {
        case trace::IoView::Handling::Woke:
            tip += "\n" + fmt::format(fmt::runtime(tr(Str::LinkTipWoke)), handler, state.handle_label(io.signalled_handle));
            break;
        case trace::IoView::Handling::Dequeued:
            tip += "\n" + fmt::format(fmt::runtime(tr(Str::LinkTipDequeued)), handler);
            break;
        case trace::IoView::Handling::Routine:
            tip += "\n" + fmt::format(fmt::runtime(tr(Str::LinkTipRoutine)), handler);
            break;
        case trace::IoView::Handling::None: break;
    }
    return tip;
}

void draw_row(GuiContext& ctx, const std::vector<LaneColumn>& lanes, const IoLink& link, float alpha, float left,
              float right, float top) {
    const Palette& p = palette();
    const trace::State& state = *ctx.view.state;
    const trace::IoView& io = *link.io;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float height = link_row_height();
    const float mid = top + height * 0.5f;
    if (link.this_step)
        highlight_rect(ImVec2(left, top + 1), ImVec2(right, top + height - 1), change_emphasis(ctx, link.latest_seq));

    const LaneColumn* issuer = lane_of(lanes, io.issued_thread);
    if (!issuer) return;
    const LaneColumn* kernel = link.finished.happened() ? lane_of(lanes, io.finished_thread) : first_runtime_lane(lanes);
    const LaneColumn* handler = link.handled.happened() ? lane_of(lanes, link.handled.thread) : nullptr;
    const float out_y = handler ? mid - kTrackOffset : mid;
    const float back_y = mid + kTrackOffset;
    const float thick = link.this_step ? 3.0f : 2.0f;

    // Arrows first, dots and labels over them.
    if (kernel && kernel != issuer) {
        const float direction = kernel->centre_x > issuer->centre_x ? 1.0f : -1.0f;
        arrow(draw, ImVec2(issuer->centre_x + direction * kDotRadius, out_y),
              ImVec2(kernel->centre_x - direction * (kDotRadius + 2), out_y), to_u32(p.text_dim, alpha), thick,
              !link.finished.happened());
    }
    const float kernel_x = kernel ? kernel->centre_x : issuer->centre_x;
    if (handler && handler->centre_x != kernel_x) {
        const float direction = handler->centre_x > kernel_x ? 1.0f : -1.0f;
        arrow(draw, ImVec2(kernel_x + direction * kDotRadius, back_y),
              ImVec2(handler->centre_x - direction * (kDotRadius + 2), back_y),
              to_u32(thread_colour(handler->thread), alpha), thick, false);
    }
    const std::string out_label = link.api.empty() ? recorded_text(io.operation) : link.api;
    const bool round_trip = handler && kernel && (handler->centre_x - kernel_x) * (issuer->centre_x - kernel_x) > 0;
    if (kernel && kernel != issuer) {
        // On a round trip both labels share the span: the outbound one nearer the issuer.
        const float x1 = round_trip ? (issuer->centre_x + kernel_x) * 0.5f : kernel_x;
        arrow_label(draw, ctx, out_label, issuer->centre_x, x1, out_y, p.text, alpha);
    }
    if (handler && handler->centre_x != kernel_x) {
        const float x0 = round_trip ? (handler->centre_x + kernel_x) * 0.5f : kernel_x;
        arrow_label(draw, ctx, tr(delivery_label(state, io)), x0, round_trip ? kernel_x : handler->centre_x, back_y,
                    thread_colour(handler->thread), alpha);
    }

    dot(draw, ImVec2(issuer->centre_x, out_y), thread_colour(issuer->thread), alpha, true,
        ctx.view.changed_this_step(link.issued.seq));
    if (kernel && kernel != issuer)
        dot(draw, ImVec2(kernel_x, mid), thread_colour(kernel->thread), alpha, link.finished.happened(),
            ctx.view.changed_this_step(link.finished.seq));
    if (handler) {
        const ImVec2 at(handler->centre_x, handler == issuer ? back_y : mid);
        dot(draw, at, thread_colour(handler->thread), alpha, true, ctx.view.changed_this_step(link.handled.seq));
        // The verb goes on the side away from the arrow that arrives, unless the panel ends there:
        // then it sits over the arrow, on the panel colour.
        const std::string verb = tr(handler_label(io.handling));
        ImFont* bold = ctx.fonts.bold;
        const ImVec2 size = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0.0f, verb.c_str());
        const bool left_side = kernel_x > handler->centre_x || at.x + kDotRadius + 6 + size.x > right;
        const float x = left_side ? at.x - kDotRadius - 10 - size.x : at.x + kDotRadius + 6;
        if (left_side && kernel_x < handler->centre_x)
            draw->AddRectFilled(ImVec2(x - 4, mid - size.y * 0.5f), ImVec2(x + size.x + 4, mid + size.y * 0.5f),
                                to_u32(palette().panel_bg), 4.0f);
        draw->AddText(bold, bold->FontSize, ImVec2(x, mid - size.y * 0.5f),
                      to_u32(label_ink(thread_colour(handler->thread), alpha)), verb.c_str());
    }

    ImGui::SetCursorScreenPos(ImVec2(left, top));
    ImGui::InvisibleButton(fmt::format("##link{}", io.issued_seq).c_str(), ImVec2(right - left, height));
    tooltip_for_last_item(link_tooltip(state, link));
}

}  // namespace

float link_row_height() { return ImGui::GetTextLineHeight() + px(14); }

void draw_io_links(GuiContext& ctx, const std::vector<LaneColumn>& lanes, float left, float right, float top,
                   float bottom) {
    const int fit = static_cast<int>((bottom - top) / link_row_height());
    const int rows = std::clamp(fit, 0, kLinkRows);
    if (rows == 0) return;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (const LaneColumn& lane : lanes)
        draw->AddLine(ImVec2(lane.centre_x, top), ImVec2(lane.centre_x, bottom), to_u32(thread_colour(lane.thread), 0.3f),
                      2.0f);
    const std::vector<IoLink> links = recent_io_links(*ctx.view.state, ctx.view.step_begin_seq, static_cast<size_t>(rows));
    for (size_t i = 0; i < links.size(); ++i) {
        const float alpha = links[i].this_step ? 1.0f : kRowAlpha[i];
        draw_row(ctx, lanes, links[i], alpha, left, right, top + link_row_height() * static_cast<float>(i));
    }
}

}  // namespace ovlab::gui
