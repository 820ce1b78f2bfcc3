// Where the Timeline's tracks go: thread lanes and the requests lane scrolled, the counters pinned
// below them, and the name each track shows. No ImGui: tested with the model.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ovlab/trace_state.h"
#include "timeline_model.h"

namespace ovlab::gui {

inline constexpr size_t kNoPartner = SIZE_MAX;

struct TimelineTrack {
    enum class Type { Lane, Requests, Counter } type = Type::Lane;
    size_t index = 0;               // into the model's lanes() or counters()
    size_t partner = kNoPartner;    // Counter: a second curve in the same track (the port's running count)
    float top = 0;                  // from the top of its section
    float height = 0;
};

// Lesson threads, then the requests lane, then the kernel side, scrolled; the counters below them
// pinned to the bottom of the panel, so they never fall below the fold.
struct TimelineLayout {
    std::vector<TimelineTrack> scrolled;
    std::vector<TimelineTrack> pinned;
    float scrolled_height = 0, pinned_height = 0;
};

// Issue arrows go down to the requests, completions come up from the kernel. A port's queue depth
// and running count share one track.
TimelineLayout arrange_tracks(const TimelineModel& model, float row_height);
// The name in the label column: the thread, "I/O requests", the port, "requests in flight".
std::string track_name(const TimelineModel& model, const trace::State& live, const TimelineTrack& track);

}  // namespace ovlab::gui
