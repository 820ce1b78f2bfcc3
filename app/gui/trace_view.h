// The positions a class can look at: the trace folded up to a checkpoint. Folding the live run is
// incremental (State::apply for new events); scrubbing back folds a shorter prefix again. Only
// the views move back: the lesson's real I/O is never rewound.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "ovlab/trace.h"
#include "ovlab/trace_state.h"
#include "timeline_model.h"

namespace ovlab::gui {

// What the panels show this frame.
struct StepView {
    const trace::State* state = nullptr;
    uint64_t step = 0;                       // position shown: checkpoints folded (+1 once finished)
    uint64_t live_step = 0;                  // position of everything recorded so far
    bool live = true;                        // not scrubbed back
    bool finished = false;                   // the view includes the lesson's end
    const trace::Event* checkpoint = nullptr;  // the checkpoint the view stops at; null at step 0
    uint64_t step_begin_seq = 0;             // events with seq >= this happened during this step

    // True when an event (a field change, a signal) happened during the step being shown.
    bool changed_this_step(uint64_t seq) const { return seq != trace::kNever && seq >= step_begin_seq; }
};

// The lesson line a view's checkpoint belongs to: the call's line, or for an I/O completion the
// line of the call that issued the request. 0 when there is none.
uint32_t checkpoint_line(const StepView& view);
uint32_t checkpoint_line(const trace::Event& checkpoint, const trace::State& state);

// Where a step stopped: its checkpoint's kind and lesson line (what picks its narration section).
struct StepPlace {
    trace::EventKind kind = trace::EventKind::LineReached;
    uint32_t line = 0;
};

class TraceView {
public:
    // Folds whatever the recorder published since the last call.
    void update(const trace::Recorder& recorder);
    void clear();

    void show_live() { scrub_step_.reset(); }
    // Positions at or past the live one mean live.
    void show_step(uint64_t step);
    bool is_live() const { return !scrub_step_.has_value(); }
    uint64_t live_step() const;
    uint64_t shown_step() const { return scrub_step_.value_or(live_step()); }

    // The first step after `step` that shows an event `matches` accepts (one recorded after the
    // checkpoint `step` stops at), among the events folded so far; nothing when there is none.
    std::optional<uint64_t> next_step_showing(const trace::Recorder& recorder, uint64_t step,
                                              const std::function<bool(const trace::Event&)>& matches) const;

    // The step whose view first includes the event `seq` (the first checkpoint at or after it).
    uint64_t step_showing(uint64_t seq) const;

    // Step k's place is places()[k - 1], for every step folded so far.
    const std::vector<StepPlace>& places() const { return places_; }

    // How many events the view of `step` folds (trace::fold(recorder, that) is its state).
    uint64_t events_at_step(uint64_t step) const { return upto_for_step(step); }

    StepView view(const trace::Recorder& recorder);
    const trace::State& live_state() const { return live_; }
    // The whole live run for the Timeline, grown with the live fold.
    const TimelineModel& timeline() const { return timeline_; }

private:
    bool live_finished() const { return live_.exit_code.has_value(); }
    uint64_t upto_for_step(uint64_t step) const;

    trace::State live_;
    std::vector<uint64_t> checkpoint_seq_;   // seq of each checkpoint event, in order
    std::vector<StepPlace> places_;          // and where each stopped
    std::optional<uint64_t> scrub_step_;
    trace::State scrubbed_;
    TimelineModel timeline_;
};

}  // namespace ovlab::gui
