// The Timeline panel: the whole run, every thread over time, zoomable and clickable. The model is
// grown by TraceView as events are folded (timeline_model.h); each frame picks the visible marks
// (timeline_frame.h) and draws them (timeline_draw.h). Until the user zooms or pans, the view
// follows the run (or the request --timeline-request names).
#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "panel.h"
#include "theme.h"
#include "timeline_draw.h"
#include "timeline_text.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

constexpr float kWheelZoom = 0.8f;       // each wheel notch shows 80 % of the width
constexpr float kClickSlop = 4.0f;       // a press that moved less than this is a click

// Typed characters, so + and - work on any keyboard layout without a key code table.
bool typed(char a, char b = 0) {
    const ImVector<ImWchar>& queue = ImGui::GetIO().InputQueueCharacters;
    return std::any_of(queue.begin(), queue.end(), [&](ImWchar c) { return c == a || (b && c == b); });
}

class TimelinePanel final : public Panel {
public:
    const char* id() const override { return "timeline"; }
    Str title() const override { return Str::TimelineTitle; }
    Str help() const override { return Str::TimelineHelp; }
    bool body_scrolls() const override { return false; }

    std::string empty_state(const GuiContext& ctx) const override {
        // The timeline draws the whole run so far: it would show a Predict question's answer.
        if (ctx.predict && ctx.predict->question_open()) return tr(Str::PredictHidden);
        return ctx.lessons.recorder() && ctx.lessons.trace().timeline().last().valid() ? std::string()
                                                                                       : tr(Str::TimelineEmpty);
    }

    void draw_header_extras(GuiContext& ctx) override {
        if (small_toggle(tr(Str::TimelineAxisSteps), axis_ == TimelineAxis::Steps)) set_axis(TimelineAxis::Steps);
        tooltip_for_last_item(tr(Str::TimelineAxisHelp));
        ImGui::SameLine(0, 2);
        if (small_toggle(tr(Str::TimelineAxisTime), axis_ == TimelineAxis::Time)) set_axis(TimelineAxis::Time);
        tooltip_for_last_item(tr(Str::TimelineAxisHelp));
        ImGui::SameLine(0, 12);
        if (ImGui::SmallButton(tr(Str::TimelineFit))) fit_run();
        tooltip_for_last_item(tr(Str::TimelineFitHelp));
        ImGui::SameLine(0, 8);
        if (ImGui::SmallButton(tr(Str::TimelineSave))) ctx.requests.save_picture = PictureKind::Timeline;
        tooltip_for_last_item(tr(Str::TimelineSaveHelp));
    }

    void draw_body(GuiContext& ctx) override {
        if (ctx.lessons.generation() != generation_) start_run(ctx);
        const TimelineModel& model = ctx.lessons.trace().timeline();
        const trace::State& live = ctx.lessons.trace().live_state();
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        const float row_height = ImGui::GetFontSize() + 4;
        const TimelineLayout layout = arrange_tracks(model, row_height);
        const float labels = label_column_width(model, live, layout, avail.x);
        const float ruler = ImGui::GetFontSize() + 6;
        const float plot_left = origin.x + labels;
        const TimelineViewport view = viewport(model, plot_left, std::max(avail.x - labels - 10, 10.0f));

        ImGui::InvisibleButton("##plot", avail);
        const bool hovered = ImGui::IsItemHovered();
        const float lanes_top = origin.y + ruler + 4, bottom = origin.y + avail.y;
        // Pinned counters take the bottom, but leave the lanes at least half of a short panel.
        const float pinned_top =
            std::max(bottom - layout.pinned_height, lanes_top + std::min(layout.scrolled_height, avail.y * 0.5f));
        const float visible = pinned_top - lanes_top;
        scroll_ = std::clamp(scroll_, 0.0f, std::max(0.0f, layout.scrolled_height - visible));

        const std::optional<RequestFlow> flow = selected_flow(model);
        TimelinePainter painter{model, *ctx.lessons.recorder(), live, view, ctx.fonts.bold};
        painter.labels_left = origin.x;
        painter.row_height = row_height;
        painter.mouse = ImGui::GetIO().MousePos;
        painter.mouse_in_plot = hovered && painter.mouse.x >= plot_left && painter.mouse.y >= lanes_top;
        painter.selected = flow ? &*flow : nullptr;
        painter.draw_ruler(origin.y, ruler);
        const TimelineFrame frame = prepare_frame(model, view);
        const float right = origin.x + avail.x;
        TimelineHover hover = draw_section(painter, layout.scrolled, frame, lanes_top - scroll_, lanes_top, pinned_top, right);
        const TimelineHover pinned_hover = draw_section(painter, layout.pinned, frame, pinned_top, pinned_top, bottom, right);
        if (!hover.span) hover = pinned_hover;
        painter.draw_cursor(cursor_at(ctx, model), origin.y + ruler - 8, bottom);
        draw_scroll_hint(ImVec2(right, pinned_top), layout.scrolled_height, visible);

        if (hovered) handle_mouse(ctx, model, view, hover);
        if (hover.span) show_tooltip(ctx, model, hover);
    }

private:
    void start_run(const GuiContext& ctx) {
        generation_ = ctx.lessons.generation();
        manual_.reset();
        scroll_ = 0;
        // --timeline-request N: select the Nth request and keep it framed as the run reaches it.
        selected_.reset();
        if (ctx.timeline_focus_request > 0) selected_ = static_cast<size_t>(ctx.timeline_focus_request - 1);
        follow_selection_ = selected_.has_value();
    }

    std::optional<RequestFlow> selected_flow(const TimelineModel& model) const {
        if (!selected_ || *selected_ >= model.requests().size()) return std::nullopt;
        return request_flow(model, *selected_);
    }

    // Wide enough for the longest track name ("WorkerThread 3", "requests in flight ≤2") and the
    // port's legend, but never more than a third of the panel: fit_text ellipsizes the rest.
    static float label_column_width(const TimelineModel& model, const trace::State& live, const TimelineLayout& layout,
                                    float panel_width) {
        float widest = ImGui::CalcTextSize(tr(Str::TimelineRequests)).x;
        for (const auto* section : {&layout.scrolled, &layout.pinned})
            for (const TimelineTrack& track : *section) {
                widest = std::max(widest, ImGui::CalcTextSize(track_name(model, live, track).c_str()).x);
                if (track.partner != kNoPartner) widest = std::max(widest, port_legend_width());
            }
        return std::clamp(widest + 20, 80.0f, std::max(80.0f, panel_width / 3));
    }

    // One part of the tracks (the scrolled lanes, or the pinned counters) clipped to its rows.
    static TimelineHover draw_section(TimelinePainter& painter, const std::vector<TimelineTrack>& tracks,
                                      const TimelineFrame& frame, float content_top, float clip_top, float clip_bottom,
                                      float right) {
        painter.content_top = content_top;
        painter.clip_top = clip_top;
        painter.clip_bottom = clip_bottom;
        ImGui::PushClipRect(ImVec2(painter.labels_left, clip_top), ImVec2(right, clip_bottom), true);
        const TimelineHover hover = painter.draw_tracks(tracks, frame);
        ImGui::PopClipRect();
        return hover;
    }

    void set_axis(TimelineAxis axis) {
        if (axis == axis_) return;
        axis_ = axis;
        manual_.reset();
    }

    void fit_run() {
        manual_.reset();
        follow_selection_ = false;
    }

    TimelineViewport viewport(const TimelineModel& model, float left, float width) const {
        if (manual_) return {axis_, manual_->first, manual_->second, left, width};
        if (const std::optional<RequestFlow> flow = selected_flow(model); flow && follow_selection_)
            return frame_flow(model, *flow, axis_, left, width);
        return TimelineViewport::fit(model, axis_, left, width);
    }

    // The step shown: at its checkpoint on either axis; before the first one at the run's start.
    double cursor_at(const GuiContext& ctx, const TimelineModel& model) const {
        if (ctx.view.finished) return model.last().on(axis_);
        if (axis_ == TimelineAxis::Steps) return static_cast<double>(ctx.view.step);
        return ctx.view.checkpoint ? static_cast<double>(ctx.view.checkpoint->time_ns) : model.first().on(axis_);
    }

    void handle_mouse(GuiContext& ctx, const TimelineModel& model, const TimelineViewport& view, const TimelineHover& hover) {
        ImGuiIO& io = ImGui::GetIO();
        if (io.MouseWheel != 0 && io.KeyShift) scroll_ -= io.MouseWheel * ImGui::GetFontSize() * 3;
        else if (io.MouseWheel != 0 && !io.KeyCtrl) zoom(view, std::pow(kWheelZoom, io.MouseWheel), io.MousePos.x);  // Ctrl+wheel zooms the window
        if (typed('+', '=')) zoom(view, kWheelZoom, view.left + view.width * 0.5f);
        if (typed('-')) zoom(view, 1 / kWheelZoom, view.left + view.width * 0.5f);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home))) fit_run();
        if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, kClickSlop) && ImGui::IsItemActive()) {
            const TimelineViewport moved = view.panned(io.MouseDelta.x);
            manual_ = {moved.begin, moved.end};
            scroll_ -= io.MouseDelta.y;
        }
        if (!ImGui::IsMouseReleased(ImGuiMouseButton_Left)) return;
        const ImVec2 drag = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0.0f);
        if (std::abs(drag.x) + std::abs(drag.y) >= kClickSlop || io.MousePos.x < view.left) return;
        select(model, view, hover);
        if (hover.span) ctx.lessons.show_step(TimelineModel::step_showing(hover.span->begin));
        else ctx.lessons.show_step(step_at(model, view, io.MousePos.x));
    }

    // A click on a request highlights its way and keeps the view where it is; a click on anything
    // outside the highlighted way lets go of it.
    void select(const TimelineModel& model, const TimelineViewport& view, const TimelineHover& hover) {
        const std::optional<RequestFlow> flow = selected_flow(model);
        if (hover.span && hover.merged == 1 && hover.span->kind == SpanKind::Request) selected_ = hover.span->request;
        else if (!(flow && hover.span && flow->involves(*hover.span))) selected_.reset();
        manual_ = {view.begin, view.end};
        follow_selection_ = false;
    }

    void zoom(const TimelineViewport& view, double factor, float x) {
        const TimelineViewport zoomed = view.zoomed(factor, x);
        manual_ = {zoomed.begin, zoomed.end};
    }

    static uint64_t step_at(const TimelineModel& model, const TimelineViewport& view, float x) {
        const double value = std::max(0.0, view.value_at(x));
        if (view.axis == TimelineAxis::Steps) return static_cast<uint64_t>(std::llround(value));
        return model.step_at_time(static_cast<uint64_t>(value));
    }

    static void show_tooltip(GuiContext& ctx, const TimelineModel& model, const TimelineHover& hover) {
        std::string text = hover.merged > 1
                               ? fmt::format(fmt::runtime(tr(Str::TimelineMerged)), hover.merged)
                               : span_tooltip(*ctx.lessons.recorder(), ctx.lessons.trace().live_state(), model, *hover.span);
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }

    // A bar on the right when the lanes are taller than their room above the pinned counters
    // (Shift+wheel or drag scrolls). `bottom_right` is the corner where that room ends.
    void draw_scroll_hint(ImVec2 bottom_right, float content, float visible) const {
        if (content <= visible) return;
        const float top = bottom_right.y - visible;
        const float bar = visible * visible / content;
        const float y = top + (visible - bar) * scroll_ / (content - visible);
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(bottom_right.x - 7, y), ImVec2(bottom_right.x, y + bar),
                                                  to_u32(palette().text_dim, 0.7f), 3.0f);
    }

    TimelineAxis axis_ = TimelineAxis::Steps;
    std::optional<std::pair<double, double>> manual_;  // the range the user zoomed or panned to
    uint64_t generation_ = UINT64_MAX;
    float scroll_ = 0;
    std::optional<size_t> selected_;   // the request whose way is highlighted
    bool follow_selection_ = false;    // frame the selected request until the user zooms, pans or fits
};

}  // namespace

std::unique_ptr<Panel> make_timeline_panel() { return std::make_unique<TimelinePanel>(); }

}  // namespace ovlab::gui
