// What one frame of the Timeline draws: the visible part of each row as pixel rectangles, and each
// counter as a step curve, found by binary search so the cost follows the panel's width, not the
// run's length. Spans narrower than a pixel are merged into one mark. No ImGui: benchmarked and
// tested without a window.
#pragma once

#include <cstdint>
#include <vector>

#include "timeline_model.h"

namespace ovlab::gui {

// The visible stretch of one axis, mapped onto [left, left + width) pixels.
struct TimelineViewport {
    TimelineAxis axis = TimelineAxis::Steps;
    double begin = 0, end = 1;
    float left = 0, width = 1;

    float x_of(double value) const {
        return left + static_cast<float>((value - begin) / (end - begin) * static_cast<double>(width));
    }
    double value_at(float x) const { return begin + static_cast<double>(x - left) / width * (end - begin); }
    // A viewport showing the whole run with a little room at both ends.
    static TimelineViewport fit(const TimelineModel& model, TimelineAxis axis, float left, float width);
    // Zooms by `factor` (< 1 zooms in) keeping the value under pixel `x` in place.
    TimelineViewport zoomed(double factor, float x) const;
    TimelineViewport panned(float pixels) const;
};

// One request's whole way, what a selected request highlights: its bar, the call that issued it
// and the call during which its handler picked it up (null while unknown).
struct RequestFlow {
    size_t request = 0;
    const TimelineSpan* issue_call = nullptr;
    const TimelineSpan* handler_call = nullptr;

    bool involves(const TimelineSpan& span) const {
        return &span == issue_call || &span == handler_call || (span.kind == SpanKind::Request && span.request == request);
    }
};

// The innermost span of `lane` under way at event `seq` (nullptr if the thread was in no call).
const TimelineSpan* span_at(const TimelineModel& model, const TimelineLane& lane, uint64_t seq);
RequestFlow request_flow(const TimelineModel& model, size_t request);
// A viewport showing the flow from the issuing call to the handler's return, with room both sides.
TimelineViewport frame_flow(const TimelineModel& model, const RequestFlow& flow, TimelineAxis axis, float left,
                            float width);

// Spans narrower than this merge with their neighbours into one mark.
inline constexpr float kMinSpanPixels = 2.0f;

struct SpanMark {
    float x0 = 0, x1 = 0;
    const TimelineSpan* span = nullptr;  // the first span of the mark
    uint32_t merged = 1;                 // how many spans the mark stands for
};

// The marks of `row` inside the viewport, left to right.
std::vector<SpanMark> visible_marks(const TimelineModel& model, const TimelineRow& row, const TimelineViewport& view);

// One pixel column of a counter: the lowest and highest value it took there, and the value it
// holds at the column's right edge.
struct CounterColumn {
    float x = 0;
    int64_t low = 0, high = 0, last = 0;
};

std::vector<CounterColumn> visible_curve(const TimelineCounter& counter, const TimelineViewport& view);

// A whole frame's worth of marks: every lane row, the request rows and the counters. This is what
// the panel draws and what the benchmark measures.
struct TimelineFrame {
    std::vector<std::vector<std::vector<SpanMark>>> lanes;  // [lane][row]
    std::vector<std::vector<SpanMark>> requests;            // [request row]
    std::vector<std::vector<CounterColumn>> counters;       // [counter]
    size_t mark_count = 0;
};

TimelineFrame prepare_frame(const TimelineModel& model, const TimelineViewport& view);

}  // namespace ovlab::gui
