// Drawing the Timeline's tracks with ImGui's draw list: thread lanes, the I/O requests lane with
// its flow arrows, counter curves, the ruler and the cursor. panel_timeline.cpp owns the view and
// the mouse; this draws one prepared frame (timeline_frame.h).
#pragma once

#include <vector>

#include <imgui.h>

#include "timeline_frame.h"
#include "timeline_model.h"

namespace ovlab::gui {

struct TimelineTrack {
    enum class Type { Lane, Requests, Counter } type = Type::Lane;
    size_t index = 0;   // into the model's lanes() or counters()
    float top = 0;      // from the top of the scrolled content
    float height = 0;
};

// Lesson threads, then the requests lane, then the kernel side, then the counters: issue arrows
// go down to the requests, completions come up from the kernel.
std::vector<TimelineTrack> arrange_tracks(const TimelineModel& model, float row_height);

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

    // Draws every track; returns the span (or merged mark) under the pointer.
    TimelineHover draw_tracks(const std::vector<TimelineTrack>& tracks, const TimelineFrame& frame) const;
    void draw_ruler(float top, float height) const;
    void draw_cursor(double at, float top, float bottom) const;

private:
    void draw_track_label(const TimelineTrack& track, float y) const;
    void draw_marks(const std::vector<SpanMark>& marks, float y, float height, TimelineHover& hover) const;
    void draw_counter(const TimelineCounter& counter, const std::vector<CounterColumn>& curve, float y,
                      float height) const;
    void draw_flows(const std::vector<TimelineTrack>& tracks, const TimelineFrame& frame) const;
    float lane_centre(const std::vector<TimelineTrack>& tracks, uint32_t thread) const;
};

}  // namespace ovlab::gui
