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
        if (ImGui::SmallButton(tr(Str::TimelineFit))) manual_.reset();
        tooltip_for_last_item(tr(Str::TimelineFitHelp));
        ImGui::SameLine(0, 8);
        if (ImGui::SmallButton(tr(Str::TimelineSave))) ctx.requests.save_picture = PictureKind::Timeline;
        tooltip_for_last_item(tr(Str::TimelineSaveHelp));
    }

    void draw_body(GuiContext& ctx) override {
        if (ctx.lessons.generation() != generation_) {
            generation_ = ctx.lessons.generation();
            manual_.reset();
            scroll_ = 0;
        }
        const TimelineModel& model = ctx.lessons.trace().timeline();
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        const float labels = std::clamp(avail.x * 0.2f, 110.0f, ImGui::GetFontSize() * 13);
        const float ruler = ImGui::GetFontSize() + 6;
        const float plot_left = origin.x + labels;
        const float plot_width = std::max(avail.x - labels - 10, 10.0f);
        const TimelineViewport view = viewport(ctx, model, plot_left, plot_width);

        ImGui::InvisibleButton("##plot", avail);
        const bool hovered = ImGui::IsItemHovered();
        const float row_height = ImGui::GetFontSize() + 4;
        const std::vector<TimelineTrack> tracks = arrange_tracks(model, row_height);
        const float content = tracks.empty() ? 0 : tracks.back().top + tracks.back().height;
        const float visible = avail.y - ruler - 4;
        scroll_ = std::clamp(scroll_, 0.0f, std::max(0.0f, content - visible));

        TimelinePainter painter{model, *ctx.lessons.recorder(), ctx.lessons.trace().live_state(), view, ctx.fonts.bold};
        painter.labels_left = origin.x;
        painter.content_top = origin.y + ruler + 4 - scroll_;
        painter.clip_top = origin.y + ruler + 4;
        painter.clip_bottom = origin.y + avail.y;
        painter.row_height = row_height;
        painter.mouse = ImGui::GetIO().MousePos;
        painter.mouse_in_plot = hovered && painter.mouse.x >= plot_left && painter.mouse.y >= painter.clip_top;

        painter.draw_ruler(origin.y, ruler);
        ImGui::PushClipRect(ImVec2(origin.x, painter.clip_top), ImVec2(origin.x + avail.x, painter.clip_bottom), true);
        const TimelineHover hover = painter.draw_tracks(tracks, prepare_frame(model, view));
        ImGui::PopClipRect();
        painter.draw_cursor(cursor_at(ctx, model), origin.y + ruler - 8, origin.y + avail.y);
        draw_scroll_hint(origin, avail, content, visible);

        if (hovered) handle_mouse(ctx, model, view, hover);
        if (hover.span) show_tooltip(ctx, model, hover);
    }

private:
    void set_axis(TimelineAxis axis) {
        if (axis == axis_) return;
        axis_ = axis;
        manual_.reset();
    }

    TimelineViewport viewport(const GuiContext& ctx, const TimelineModel& model, float left, float width) const {
        if (manual_) return {axis_, manual_->first, manual_->second, left, width};
        const size_t focus = static_cast<size_t>(ctx.timeline_focus_request);
        if (focus == 0 || focus > model.requests().size()) return TimelineViewport::fit(model, axis_, left, width);
        // The request's whole way, issue to handling, in the middle third of the panel.
        const TimelineRequest& request = model.requests()[focus - 1];
        const TimelineSpan& span = model.request_span(request);
        const double begin = span.begin.on(axis_);
        double end = model.end_of(span).on(axis_);
        if (request.handled.valid()) end = std::max(end, request.handled.on(axis_));
        const double margin = std::max(end - begin, axis_ == TimelineAxis::Steps ? 2.0 : 2e5);
        return {axis_, begin - margin, end + margin, left, width};
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
        else if (io.MouseWheel != 0) zoom(view, std::pow(kWheelZoom, io.MouseWheel), io.MousePos.x);
        if (typed('+', '=')) zoom(view, kWheelZoom, view.left + view.width * 0.5f);
        if (typed('-')) zoom(view, 1 / kWheelZoom, view.left + view.width * 0.5f);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home))) manual_.reset();
        if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, kClickSlop) && ImGui::IsItemActive()) {
            const TimelineViewport moved = view.panned(io.MouseDelta.x);
            manual_ = {moved.begin, moved.end};
            scroll_ -= io.MouseDelta.y;
        }
        if (!ImGui::IsMouseReleased(ImGuiMouseButton_Left)) return;
        const ImVec2 drag = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0.0f);
        if (std::abs(drag.x) + std::abs(drag.y) >= kClickSlop || io.MousePos.x < view.left) return;
        if (hover.span) ctx.lessons.show_step(TimelineModel::step_showing(hover.span->begin));
        else ctx.lessons.show_step(step_at(model, view, io.MousePos.x));
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

    // A thin bar on the right when the tracks are taller than the panel (Shift+wheel or drag scrolls).
    void draw_scroll_hint(ImVec2 origin, ImVec2 avail, float content, float visible) const {
        if (content <= visible) return;
        const float top = origin.y + avail.y - visible;
        const float bar = visible * visible / content;
        const float y = top + (visible - bar) * scroll_ / (content - visible);
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(origin.x + avail.x - 5, y), ImVec2(origin.x + avail.x, y + bar),
                                                  to_u32(palette().text_dim, 0.6f), 2.0f);
    }

    TimelineAxis axis_ = TimelineAxis::Steps;
    std::optional<std::pair<double, double>> manual_;  // the range the user zoomed or panned to
    uint64_t generation_ = UINT64_MAX;
    float scroll_ = 0;
};

}  // namespace

std::unique_ptr<Panel> make_timeline_panel() { return std::make_unique<TimelinePanel>(); }

}  // namespace ovlab::gui
