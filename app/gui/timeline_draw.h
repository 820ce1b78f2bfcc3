// Drawing the Timeline's tracks with ImGui's draw list: thread lanes, the I/O requests lane with
// its flow arrows, counter curves, the ruler and the cursor. panel_timeline.cpp owns the view and
// the mouse; this draws one prepared frame (timeline_frame.h).
#pragma once

#include <vector>

#include <imgui.h>

#include "timeline_frame.h"
#include "timeline_layout.h"
#include "timeline_model.h"

namespace ovlab::gui {

// How wide the "■ queued ■ running" legend under a port track's name is.
float port_legend_width();

// What the pointer is over after drawing.
struct TimelineHover {
    const TimelineSpan* span = nullptr;
    uint32_t merged = 0;
};

struct TimelinePainter {
    const TimelineModel& model;
    const trace::Recorder& recorder;
    const trace::State& live;
    TimelineViewport view;
    ImFont* bold = nullptr;
    float labels_left = 0;     // screen x of the track names
    float content_top = 0;     // screen y of the first track (scrolling included)
    float clip_top = 0, clip_bottom = 0;
    float row_height = 0;
    ImVec2 mouse;
    bool mouse_in_plot = false;
    const RequestFlow* selected = nullptr;  // highlighted, everything else dimmed

    // Draws every track; returns the span (or merged mark) under the pointer.
    TimelineHover draw_tracks(const std::vector<TimelineTrack>& tracks, const TimelineFrame& frame) const;
    void draw_ruler(float top, float height) const;
    void draw_cursor(double at, float top, float bottom) const;

private:
    void draw_track_label(const TimelineTrack& track, float y) const;
    void draw_marks(const std::vector<SpanMark>& marks, float y, float height, TimelineHover& hover) const;
    void draw_bar_label(const SpanMark& mark, ImVec2 a, ImVec2 b, bool dim, bool chosen) const;
    void draw_counter_track(const TimelineTrack& track, const TimelineFrame& frame, float y) const;
    void draw_counter(const TimelineCounter& counter, const std::vector<CounterColumn>& curve, float y, float height,
                      double scale, ImVec4 colour) const;
    void draw_legend(const TimelineTrack& track, float y) const;
    void draw_flows(const std::vector<TimelineTrack>& tracks, const TimelineFrame& frame) const;
    void draw_flow(const std::vector<TimelineTrack>& tracks, const SpanMark& mark, float row_y, bool emphasis) const;
    void draw_callout(const SpanMark& mark, float row_y) const;
    float lane_centre(const std::vector<TimelineTrack>& tracks, uint32_t thread) const;
};

}  // namespace ovlab::gui
