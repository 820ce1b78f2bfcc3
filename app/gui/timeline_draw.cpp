#include "timeline_draw.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "theme.h"
#include "timeline_text.h"
#include "ui_strings.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

// Zoomed far out a run has thousands of requests on screen; beyond this many, arrows would only
// paint the lanes over.
constexpr size_t kMaxFlowsPerFrame = 300;
constexpr float kBarLabelMinWidth = 34.0f;

ImVec4 outcome_colour(SpanOutcome outcome) {
    const Palette& p = palette();
    switch (outcome) {
        case SpanOutcome::Success: return p.success;
        case SpanOutcome::Pending: return p.warning;
        case SpanOutcome::Failure: return p.danger;
        case SpanOutcome::Open: return p.accent;
        case SpanOutcome::Unwound: return p.text_dim;
    }
    return p.accent;
}

struct BarStyle {
    ImVec4 fill;
    ImVec4 border;
};

// Calls are solid in their outcome's colour; a wait is pale (the thread was blocked, not working);
// routines are purple like APCs everywhere; requests take the issuing thread's colour; a call the
// run ended inside is grey and hatched.
BarStyle bar_style(const TimelineSpan& span, uint32_t merged) {
    const Palette& p = palette();
    if (merged > 1) return {with_alpha(p.text_dim, kTimelineMergedFill), p.text_dim};
    const ImVec4 outcome = outcome_colour(span.outcome);
    if (span.outcome == SpanOutcome::Unwound) return {mix(p.panel_bg, outcome, 0.2f), outcome};
    switch (span.kind) {
        case SpanKind::Call: return {mix(p.panel_bg, outcome, kTimelineCallFill), outcome};
        case SpanKind::Wait: return {mix(p.panel_bg, outcome, kTimelineWaitFill), outcome};
        case SpanKind::Routine: return {mix(p.panel_bg, p.code_keyword, kTimelineRoutineFill), p.code_keyword};
        case SpanKind::Request: return {mix(p.panel_bg, thread_colour(span.thread), kTimelineRequestFill), outcome};
    }
    return {p.text_dim, p.text_dim};
}

// Diagonal stripes: "this call ended with the run, it never returned".
void hatch(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 colour) {
    draw->PushClipRect(a, b, true);
    const float height = b.y - a.y;
    for (float x = a.x - height; x < b.x; x += 7) draw->AddLine(ImVec2(x, b.y), ImVec2(x + height, a.y), colour, 1.0f);
    draw->PopClipRect();
}

// The label cut to the bar: "recv 64" becomes "recv" before it becomes "re…"; a remnant of fewer
// than three letters and "…" tells a student nothing, so then no label.
std::string bar_text(const std::string& label, float width) {
    ImFont* font = ImGui::GetFont();
    const std::string fitted = fit_text(font, label, width);
    if (fitted == label) return fitted;
    if (const size_t space = label.find(' '); space != std::string::npos) {
        const std::string operation = label.substr(0, space);
        if (fit_text(font, operation, width) == operation) return operation;
    }
    const size_t ellipsis = std::string_view("\u2026").size();
    return fitted.size() < ellipsis + 3 ? std::string() : fitted;
}

void arrow_to(ImDrawList* draw, ImVec2 from, ImVec2 to, ImU32 colour, float thickness) {
    const float bend = std::max(12.0f, std::abs(to.y - from.y) * 0.5f);
    const float down = to.y >= from.y ? 1.0f : -1.0f;
    draw->AddBezierCubic(from, ImVec2(from.x, from.y + down * bend), ImVec2(to.x, to.y - down * bend), to, colour, thickness);
    draw->AddTriangleFilled(to, ImVec2(to.x - 4.5f, to.y - down * 8), ImVec2(to.x + 4.5f, to.y - down * 8), colour);
}

// Round numbers of steps or nanoseconds about `target` apart.
double tick_spacing(double per_pixel, float target) {
    const double raw = per_pixel * target;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * power >= raw) return m * power;
    return 10 * power;
}

std::string time_label(double ns) {
    if (std::abs(ns) < 1e6) return fmt::format("{:.0f} µs", ns / 1e3);
    if (std::abs(ns) < 1e9) return fmt::format("{:.0f} ms", ns / 1e6);
    return fmt::format("{:.2f} s", ns / 1e9);
}

}  // namespace

TimelineHover TimelinePainter::draw_tracks(const std::vector<TimelineTrack>& tracks, const TimelineFrame& frame) const {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Palette& p = palette();
    TimelineHover hover;
    const float plot_right = view.left + view.width;
    for (const TimelineTrack& track : tracks) {
        const float y = content_top + track.top;
        if (y > clip_bottom || y + track.height < clip_top) continue;
        draw->AddRectFilled(ImVec2(labels_left, y), ImVec2(plot_right, y + track.height),
                            to_u32(mix(p.panel_bg, p.header_bg, track.type == TimelineTrack::Type::Counter ? 0.5f : 0.8f)));
        draw_track_label(track, y);
        ImGui::PushClipRect(ImVec2(view.left, clip_top), ImVec2(plot_right, clip_bottom), true);
        if (track.type == TimelineTrack::Type::Lane) {
            const auto& rows = frame.lanes[track.index];
            for (size_t r = 0; r < rows.size(); ++r)
                draw_marks(rows[r], y + static_cast<float>(r) * row_height, row_height, hover);
        } else if (track.type == TimelineTrack::Type::Requests) {
            const float h = row_height * 0.8f;
            for (size_t r = 0; r < frame.requests.size(); ++r)
                draw_marks(frame.requests[r], y + static_cast<float>(r) * h, h, hover);
        } else {
            draw_counter_track(track, frame, y);
        }
        ImGui::PopClipRect();
    }
    ImGui::PushClipRect(ImVec2(view.left, clip_top), ImVec2(plot_right, clip_bottom), true);
    draw_flows(tracks, frame);
    ImGui::PopClipRect();
    return hover;
}

void TimelinePainter::draw_track_label(const TimelineTrack& track, float y) const {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Palette& p = palette();
    ImVec4 colour = p.text_dim;
    if (track.type == TimelineTrack::Type::Lane) colour = thread_colour(model.lanes()[track.index].thread);
    else if (track.type == TimelineTrack::Type::Requests) colour = p.accent;
    const float width = view.left - labels_left - 12;
    draw->AddRectFilled(ImVec2(labels_left, y), ImVec2(labels_left + 4, y + track.height), to_u32(colour));
    ImGui::PushClipRect(ImVec2(labels_left, y), ImVec2(view.left - 2, y + track.height), true);
    const std::string name = fit_text(ImGui::GetFont(), track_name(model, live, track), width);
    draw->AddText(ImVec2(labels_left + 8, y + 1), to_u32(p.text), name.c_str());
    if (track.partner != kNoPartner) draw_legend(track, y);
    ImGui::PopClipRect();
}

void TimelinePainter::draw_marks(const std::vector<SpanMark>& marks, float y, float height, TimelineHover& hover) const {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float top = y + 1, bottom = y + height - 1;
    for (const SpanMark& mark : marks) {
        const bool chosen = selected && mark.merged == 1 && selected->involves(*mark.span);
        const float alpha = selected && !chosen ? 0.3f : 1.0f;
        const BarStyle style = bar_style(*mark.span, mark.merged);
        const ImVec2 a(mark.x0, top), b(std::max(mark.x1, mark.x0 + 1), bottom);
        draw->AddRectFilled(a, b, to_u32(style.fill, alpha), 2.0f);
        if (mark.span->outcome == SpanOutcome::Unwound) hatch(draw, a, b, to_u32(style.border, 0.5f * alpha));
        if (chosen) draw->AddRect(ImVec2(a.x - 1, a.y - 1), ImVec2(b.x + 1, b.y + 1), to_u32(palette().text), 2.0f, 0, 2.5f);
        else if (b.x - a.x > 4) draw->AddRect(a, b, to_u32(style.border, alpha), 2.0f, 0, 1.2f);
        if (mark.merged == 1 && (chosen || b.x - a.x > kBarLabelMinWidth)) draw_bar_label(mark, a, b, alpha < 1.0f, chosen);
        const bool in_section = mouse.y >= clip_top && mouse.y <= clip_bottom;  // not scrolled under the counters
        if (mouse_in_plot && in_section && mouse.x >= a.x - 1 && mouse.x <= b.x + 1 && mouse.y >= top && mouse.y <= bottom)
            hover = {mark.span, mark.merged};
    }
}

void TimelinePainter::draw_bar_label(const SpanMark& mark, ImVec2 a, ImVec2 b, bool dim, bool chosen) const {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Palette& p = palette();
    const float text_left = std::max(a.x, view.left) + 4;
    const float text_y = a.y + (b.y - a.y - ImGui::GetFontSize()) * 0.5f;
    const std::string full = span_label(recorder, *mark.span);
    const std::string label = b.x - a.x > kBarLabelMinWidth ? bar_text(full, b.x - text_left - 3) : std::string();
    if (chosen && label != full) {
        // A highlighted call too short for its name gets it beside the bar, on a backing.
        const ImVec2 at(b.x + 4, text_y);
        const ImVec2 size = ImGui::CalcTextSize(full.c_str());
        draw->AddRectFilled(ImVec2(at.x - 2, a.y), ImVec2(at.x + size.x + 2, b.y), to_u32(p.panel_bg, 0.9f), 2.0f);
        draw->AddText(at, to_u32(p.text), full.c_str());
        return;
    }
    if (label.empty()) return;
    const bool on_solid = mark.span->kind == SpanKind::Call && mark.span->outcome != SpanOutcome::Unwound;
    const ImVec4 ink = on_solid ? p.accent_text : p.text;
    draw->AddText(ImVec2(text_left, text_y), to_u32(ink, dim ? 0.4f : 1.0f), label.c_str());
}

void TimelinePainter::draw_counter_track(const TimelineTrack& track, const TimelineFrame& frame, float y) const {
    const Palette& p = palette();
    const TimelineCounter& main = model.counters()[track.index];
    int64_t top = std::max<int64_t>({main.peak, main.limit, 1});
    const TimelineCounter* partner = track.partner != kNoPartner ? &model.counters()[track.partner] : nullptr;
    if (partner) top = std::max({top, partner->peak, partner->limit});
    const auto scale = static_cast<double>(top);
    const ImVec4 colour = main.kind == CounterKind::ApcQueue ? p.code_keyword : p.accent;
    draw_counter(main, frame.counters[track.index], y, track.height, scale, colour);
    if (partner) draw_counter(*partner, frame.counters[track.partner], y, track.height, scale, p.success);
}

void TimelinePainter::draw_counter(const TimelineCounter& counter, const std::vector<CounterColumn>& curve, float y,
                                   float height, double scale, ImVec4 colour) const {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float base = y + height - 2, room = height - 6;
    const auto y_of = [&](int64_t v) { return base - static_cast<float>(static_cast<double>(v) / scale) * room; };
    const ImU32 line = to_u32(colour);
    if (counter.limit > 0) {
        for (float x = view.left; x < view.left + view.width; x += 10)
            draw->AddLine(ImVec2(x, y_of(counter.limit)), ImVec2(x + 5, y_of(counter.limit)), to_u32(palette().warning), 1.5f);
    }
    if (curve.empty()) return;
    const float run_end = std::min(view.x_of(model.last().on(view.axis)), view.left + view.width);
    for (size_t i = 0; i < curve.size(); ++i) {
        const CounterColumn& c = curve[i];
        const float next = i + 1 < curve.size() ? curve[i + 1].x : run_end;
        if (c.high != c.low) draw->AddLine(ImVec2(c.x, y_of(c.low)), ImVec2(c.x, y_of(c.high)), line, 1.5f);
        const float top = y_of(c.last);
        draw->AddRectFilled(ImVec2(c.x, top), ImVec2(std::max(next, c.x + 1), base), to_u32(colour, 0.15f));
        draw->AddLine(ImVec2(c.x, top), ImVec2(next, top), line, 2.0f);
        if (i + 1 < curve.size()) draw->AddLine(ImVec2(next, top), ImVec2(next, y_of(curve[i + 1].low)), line, 1.5f);
    }
}

namespace {

constexpr float kLegendChip = 12, kLegendGap = 10;

}  // namespace

float port_legend_width() {
    return 8 + 2 * (kLegendChip + kLegendGap) + ImGui::CalcTextSize(tr(Str::TimelineLegendQueued)).x +
           ImGui::CalcTextSize(tr(Str::TimelineLegendRunning)).x;
}

// Which curve is which, under the track's name: "■ queued ■ running".
void TimelinePainter::draw_legend(const TimelineTrack& track, float y) const {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Palette& p = palette();
    const float line_y = y + track.height * 0.5f + 1;
    float x = labels_left + 8;
    for (const auto& [text, colour] : {std::pair{tr(Str::TimelineLegendQueued), p.accent},
                                       std::pair{tr(Str::TimelineLegendRunning), p.success}}) {
        draw->AddRectFilled(ImVec2(x, line_y + 5), ImVec2(x + 9, line_y + 10), to_u32(colour));
        draw->AddText(ImVec2(x + kLegendChip, line_y), to_u32(colour), text);
        x += kLegendChip + ImGui::CalcTextSize(text).x + kLegendGap;
    }
}

float TimelinePainter::lane_centre(const std::vector<TimelineTrack>& tracks, uint32_t thread) const {
    const TimelineLane* lane = model.lane(thread);
    if (!lane) return -1;
    const auto index = static_cast<size_t>(lane - model.lanes().data());
    for (const TimelineTrack& track : tracks)
        if (track.type == TimelineTrack::Type::Lane && track.index == index)
            return content_top + track.top + row_height * 0.5f;
    return -1;
}

// Issue: from the issuing thread's bar down to the request. Completion: from the request's end to
// the thread that handled it (dequeued the packet, ran the routine, woke on the event). With a
// request selected its arrows are drawn last, bold, over the others faded.
void TimelinePainter::draw_flows(const std::vector<TimelineTrack>& tracks, const TimelineFrame& frame) const {
    const auto requests = std::find_if(tracks.begin(), tracks.end(),
                                       [](const TimelineTrack& t) { return t.type == TimelineTrack::Type::Requests; });
    if (requests == tracks.end()) return;
    const float h = row_height * 0.8f;
    size_t drawn = 0;
    std::optional<std::pair<SpanMark, float>> chosen;
    for (size_t r = 0; r < frame.requests.size(); ++r) {
        const float row_y = content_top + requests->top + static_cast<float>(r) * h;
        for (const SpanMark& mark : frame.requests[r]) {
            if (mark.merged > 1) continue;
            if (selected && selected->request == mark.span->request) chosen = {{mark, row_y}};
            else if (++drawn <= kMaxFlowsPerFrame) draw_flow(tracks, mark, row_y, false);
        }
    }
    if (!chosen) return;
    draw_flow(tracks, chosen->first, chosen->second, true);
    draw_callout(chosen->first, chosen->second);
}

void TimelinePainter::draw_flow(const std::vector<TimelineTrack>& tracks, const SpanMark& mark, float row_y,
                                bool emphasis) const {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Palette& p = palette();
    const float alpha = selected && !emphasis ? 0.15f : 1.0f;
    const float thickness = emphasis ? 3.0f : 1.5f;
    const float h = row_height * 0.8f;
    const TimelineRequest& request = model.requests()[mark.span->request];
    const float issuer = lane_centre(tracks, mark.span->thread);
    if (issuer >= 0)
        arrow_to(draw, ImVec2(mark.x0, issuer), ImVec2(mark.x0 + 1, row_y + 2),
                 to_u32(emphasis ? p.text : p.text_dim, 0.8f * alpha), thickness);
    if (!request.handled.valid()) return;
    const float handler = lane_centre(tracks, request.handler);
    if (handler < 0) return;
    const ImVec2 from(mark.x1, handler > row_y ? row_y + h - 2 : row_y + 2);
    arrow_to(draw, from, ImVec2(view.x_of(request.handled.on(view.axis)), handler), to_u32(p.success, alpha), thickness);
}

// The selected request's name and story in a box just above its bar: a short bar cannot hold it.
void TimelinePainter::draw_callout(const SpanMark& mark, float row_y) const {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Palette& p = palette();
    const std::string text = request_callout(recorder, live, model, mark.span->request);
    ImFont* font = bold ? bold : ImGui::GetFont();
    const ImVec2 size = font->CalcTextSizeA(ImGui::GetFontSize(), FLT_MAX, 0.0f, text.c_str());
    const float right_edge = view.left + view.width - 4;
    const float x = std::clamp(mark.x0, view.left + 4, std::max(view.left + 4, right_edge - size.x - 8));
    const float y = row_y - size.y - 10;
    draw->AddRectFilled(ImVec2(x, y), ImVec2(x + size.x + 8, y + size.y + 4), to_u32(p.panel_bg), 3.0f);
    draw->AddRect(ImVec2(x, y), ImVec2(x + size.x + 8, y + size.y + 4), to_u32(p.accent), 3.0f, 0, 1.5f);
    draw->AddLine(ImVec2(std::clamp(mark.x0 + 4, x + 4, x + size.x), y + size.y + 4),
                  ImVec2(std::clamp(mark.x0 + 4, x + 4, x + size.x), row_y), to_u32(p.accent), 1.5f);
    draw->AddText(font, ImGui::GetFontSize(), ImVec2(x + 4, y + 2), to_u32(p.text), text.c_str());
}

void TimelinePainter::draw_ruler(float top, float height) const {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Palette& p = palette();
    const double per_pixel = (view.end - view.begin) / view.width;
    // Steps are whole numbers: never a tick between two of them.
    const double spacing = view.axis == TimelineAxis::Steps ? std::max(1.0, tick_spacing(per_pixel, 60.0f))
                                                            : tick_spacing(per_pixel, 110.0f);
    const double origin = view.axis == TimelineAxis::Time ? static_cast<double>(model.first().time_ns) : 0.0;
    draw->AddLine(ImVec2(view.left, top + height), ImVec2(view.left + view.width, top + height), to_u32(p.border));
    for (double v = std::ceil((view.begin - origin) / spacing) * spacing; v + origin <= view.end; v += spacing) {
        const float x = view.x_of(v + origin);
        draw->AddLine(ImVec2(x, top + height - 5), ImVec2(x, top + height), to_u32(p.text_dim));
        const std::string label = view.axis == TimelineAxis::Steps ? fmt::format("{:.0f}", std::abs(v) < spacing * 1e-6 ? 0.0 : v) : time_label(v);
        draw->AddText(ImVec2(x + 3, top), to_u32(p.text_dim), label.c_str());
    }
}

void TimelinePainter::draw_cursor(double at, float top, float bottom) const {
    const float x = view.x_of(at);
    if (x < view.left || x > view.left + view.width) return;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddLine(ImVec2(x, top), ImVec2(x, bottom), to_u32(palette().danger), 2.0f);
    draw->AddTriangleFilled(ImVec2(x - 6, top), ImVec2(x + 6, top), ImVec2(x, top + 8), to_u32(palette().danger));
}

}  // namespace ovlab::gui
