#include "timeline_frame.h"

#include <algorithm>
#include <cmath>

namespace ovlab::gui {

TimelineViewport TimelineViewport::fit(const TimelineModel& model, TimelineAxis axis, float left, float width) {
    const double first = model.first().valid() ? model.first().on(axis) : 0.0;
    const double last = model.last().valid() ? model.last().on(axis) : 1.0;
    const double length = std::max(last - first, axis == TimelineAxis::Steps ? 1.0 : 1000.0);
    const double margin = length * 0.02;
    return {axis, first - margin, first + length + margin, left, std::max(width, 1.0f)};
}

TimelineViewport TimelineViewport::zoomed(double factor, float x) const {
    const double anchor = value_at(x);
    TimelineViewport v = *this;
    v.begin = anchor - (anchor - begin) * factor;
    v.end = anchor + (end - anchor) * factor;
    // Never closer than a hundredth of a step or a microsecond across the panel.
    const double least = axis == TimelineAxis::Steps ? 0.01 : 1000.0;
    if (v.end - v.begin < least) return *this;
    return v;
}

TimelineViewport TimelineViewport::panned(float pixels) const {
    const double shift = static_cast<double>(pixels) / width * (end - begin);
    TimelineViewport v = *this;
    v.begin -= shift;
    v.end -= shift;
    return v;
}

const TimelineSpan* span_at(const TimelineModel& model, const TimelineLane& lane, uint64_t seq) {
    // Deepest row first: an APC inside SleepEx is what the thread was doing, not the SleepEx.
    for (size_t depth = lane.rows.size(); depth-- > 0;) {
        const TimelineRow& row = lane.rows[depth];
        const auto it = std::partition_point(row.begin(), row.end(),
                                             [&](const TimelineSpan& s) { return model.end_of(s).seq < seq; });
        if (it != row.end() && it->begin.seq <= seq) return &*it;
    }
    return nullptr;
}

RequestFlow request_flow(const TimelineModel& model, size_t request) {
    RequestFlow flow{request};
    if (request >= model.requests().size()) return flow;
    const TimelineRequest& r = model.requests()[request];
    const TimelineSpan& span = model.request_span(r);
    if (const TimelineLane* issuer = model.lane(span.thread)) flow.issue_call = span_at(model, *issuer, span.begin.seq);
    if (!r.handled.valid()) return flow;
    if (const TimelineLane* handler = model.lane(r.handler)) flow.handler_call = span_at(model, *handler, r.handled.seq);
    return flow;
}

TimelineViewport frame_flow(const TimelineModel& model, const RequestFlow& flow, TimelineAxis axis, float left,
                            float width) {
    if (flow.request >= model.requests().size()) return TimelineViewport::fit(model, axis, left, width);
    const TimelineRequest& request = model.requests()[flow.request];
    const TimelineSpan& span = model.request_span(request);
    double begin = span.begin.on(axis);
    double end = model.end_of(span).on(axis);
    if (flow.issue_call) begin = std::min(begin, flow.issue_call->begin.on(axis));
    if (request.handled.valid()) end = std::max(end, request.handled.on(axis));
    // A handler still waiting at the end would stretch the frame to the end of the run.
    if (flow.handler_call && flow.handler_call->end.valid()) end = std::max(end, flow.handler_call->end.on(axis));
    const double least = axis == TimelineAxis::Steps ? 0.5 : 2e4;
    const double margin = std::max((end - begin) * 0.15, least);
    return {axis, begin - margin, end + margin, left, std::max(width, 1.0f)};
}

std::vector<SpanMark> visible_marks(const TimelineModel& model, const TimelineRow& row, const TimelineViewport& view) {
    const TimelineAxis axis = view.axis;
    const auto begin_of = [&](const TimelineSpan& s) { return s.begin.on(axis); };
    const auto end_of = [&](const TimelineSpan& s) { return model.end_of(s).on(axis); };
    // A row never overlaps itself, so ends are ordered like begins.
    auto it = std::partition_point(row.begin(), row.end(), [&](const TimelineSpan& s) { return end_of(s) < view.begin; });
    std::vector<SpanMark> marks;
    while (it != row.end() && begin_of(*it) <= view.end) {
        const float x0 = view.x_of(begin_of(*it));
        const float x1 = view.x_of(end_of(*it));
        if (x1 - x0 >= kMinSpanPixels) {
            marks.push_back({x0, x1, &*it, 1});
            ++it;
            continue;
        }
        // Every span starting within the next few pixels joins this mark; jump past them at once.
        const double limit = view.value_at(x0 + kMinSpanPixels);
        auto group_end = std::partition_point(it + 1, row.end(), [&](const TimelineSpan& s) { return begin_of(s) < limit; });
        const TimelineSpan& last = *(group_end - 1);
        const bool last_is_wide = view.x_of(end_of(last)) - view.x_of(begin_of(last)) >= kMinSpanPixels;
        if (group_end - it > 1 && last_is_wide) --group_end;
        const float mark_end = std::max(x0 + kMinSpanPixels, view.x_of(end_of(*(group_end - 1))));
        marks.push_back({x0, mark_end, &*it, static_cast<uint32_t>(group_end - it)});
        it = group_end;
    }
    return marks;
}

std::vector<CounterColumn> visible_curve(const TimelineCounter& counter, const TimelineViewport& view) {
    const std::vector<CounterSample>& samples = counter.samples;
    const TimelineAxis axis = view.axis;
    // Start from the sample in force at the left edge.
    auto it = std::partition_point(samples.begin(), samples.end(),
                                   [&](const CounterSample& s) { return s.at.on(axis) <= view.begin; });
    if (it != samples.begin()) --it;
    std::vector<CounterColumn> columns;
    while (it != samples.end() && it->at.on(axis) <= view.end) {
        const float x = std::max(view.left, std::floor(view.x_of(it->at.on(axis))));
        // Every sample inside this pixel column folds into it.
        const double column_end = view.value_at(x + 1.0f);
        CounterColumn column{x, it->value, it->value, it->value};
        for (++it; it != samples.end() && it->at.on(axis) < column_end; ++it) {
            column.low = std::min(column.low, it->value);
            column.high = std::max(column.high, it->value);
            column.last = it->value;
        }
        columns.push_back(column);
    }
    return columns;
}

TimelineFrame prepare_frame(const TimelineModel& model, const TimelineViewport& view) {
    TimelineFrame frame;
    for (const TimelineLane& lane : model.lanes()) {
        auto& rows = frame.lanes.emplace_back();
        for (const TimelineRow& row : lane.rows) {
            rows.push_back(visible_marks(model, row, view));
            frame.mark_count += rows.back().size();
        }
    }
    for (const TimelineRow& row : model.request_rows()) {
        frame.requests.push_back(visible_marks(model, row, view));
        frame.mark_count += frame.requests.back().size();
    }
    for (const TimelineCounter& counter : model.counters()) frame.counters.push_back(visible_curve(counter, view));
    return frame;
}

}  // namespace ovlab::gui
