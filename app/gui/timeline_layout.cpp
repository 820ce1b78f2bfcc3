#include "timeline_layout.h"

#include <algorithm>

#include <fmt/format.h>

#include "timeline_text.h"
#include "ui_strings.h"

namespace ovlab::gui {
namespace {

size_t find_counter(const TimelineModel& model, CounterKind kind, uint64_t object) {
    const std::vector<TimelineCounter>& counters = model.counters();
    for (size_t i = 0; i < counters.size(); ++i)
        if (counters[i].kind == kind && counters[i].object == object) return i;
    return kNoPartner;
}

void add_track(std::vector<TimelineTrack>& to, float& top, TimelineTrack track) {
    track.top = top;
    to.push_back(track);
    top += track.height + 3;
}

void add_counters(const TimelineModel& model, float row_height, TimelineLayout& layout) {
    const std::vector<TimelineCounter>& counters = model.counters();
    for (size_t i = 0; i < counters.size(); ++i) {
        const TimelineCounter& c = counters[i];
        // A port's running count is drawn inside its queue's track.
        const bool has_queue = find_counter(model, CounterKind::PortQueue, c.object) != kNoPartner;
        if (c.kind == CounterKind::PortRunning && has_queue) continue;
        const size_t partner =
            c.kind == CounterKind::PortQueue ? find_counter(model, CounterKind::PortRunning, c.object) : kNoPartner;
        // Two curves need room for their legend under the name.
        const float height = row_height * (partner == kNoPartner ? 1.25f : 2.0f);
        add_track(layout.pinned, layout.pinned_height, {TimelineTrack::Type::Counter, i, partner, 0, height});
    }
}

}  // namespace

TimelineLayout arrange_tracks(const TimelineModel& model, float row_height) {
    TimelineLayout layout;
    const std::vector<TimelineLane>& lanes = model.lanes();
    const auto lane_track = [&](size_t i) {
        const auto rows = static_cast<float>(std::max<size_t>(lanes[i].rows.size(), 1));
        return TimelineTrack{TimelineTrack::Type::Lane, i, kNoPartner, 0, rows * row_height};
    };
    float& top = layout.scrolled_height;
    for (size_t i = 0; i < lanes.size(); ++i)
        if (!lanes[i].runtime) add_track(layout.scrolled, top, lane_track(i));
    const auto request_rows = static_cast<float>(std::max<size_t>(model.request_rows().size(), 1));
    add_track(layout.scrolled, top, {TimelineTrack::Type::Requests, 0, kNoPartner, 0, request_rows * row_height * 0.8f});
    for (size_t i = 0; i < lanes.size(); ++i)
        if (lanes[i].runtime) add_track(layout.scrolled, top, lane_track(i));
    add_counters(model, row_height, layout);
    return layout;
}

std::string track_name(const TimelineModel& model, const trace::State& live, const TimelineTrack& track) {
    switch (track.type) {
        case TimelineTrack::Type::Lane: return thread_label(live, model.lanes()[track.index].thread);
        case TimelineTrack::Type::Requests: return tr(Str::TimelineRequests);
        case TimelineTrack::Type::Counter: break;
    }
    const TimelineCounter& counter = model.counters()[track.index];
    // The port track says what its two curves are in its legend; the name is the port's.
    if (track.partner != kNoPartner) return live.handle_label(counter.object);
    return fmt::format("{} ≤{}", counter_label(live, counter), std::max(counter.peak, counter.limit));
}

}  // namespace ovlab::gui
