#include "trace_view.h"

#include <algorithm>

#include "ui_strings.h"

namespace ovlab::gui {
namespace {

// A single frame never folds more than this, so a flood of events cannot freeze the window; the
// rest is folded on the following frames.
constexpr uint64_t kMaxEventsPerFrame = 200'000;

}  // namespace

uint32_t checkpoint_line(const StepView& view) { return view.checkpoint ? checkpoint_line(*view.checkpoint, *view.state) : 0; }

uint32_t checkpoint_line(const trace::Event& checkpoint, const trace::State& state) {
    if (checkpoint.kind != trace::EventKind::IoCompleting) return checkpoint.line;
    const trace::IoView* io = state.latest_io(checkpoint.object);
    return io ? io->issued_line : 0;
}

void TraceView::update(const trace::Recorder& recorder) {
    const uint64_t published = std::min(recorder.published(), live_.upto + kMaxEventsPerFrame);
    for (uint64_t i = live_.upto; i < published; ++i) {
        const trace::Event& event = recorder.at(i);
        live_.apply(event);
        if (!trace::is_checkpoint(event.kind)) continue;
        checkpoint_seq_.push_back(i);
        places_.push_back({event.kind, checkpoint_line(event, live_)});
    }
    timeline_.update(recorder, live_);
}

void TraceView::clear() {
    live_ = {};
    scrubbed_ = {};
    checkpoint_seq_.clear();
    places_.clear();
    scrub_step_.reset();
    timeline_.clear();
}

// Positions: 0 = before the first checkpoint; k = stopped at checkpoint k; one more once the
// lesson finished (everything up to its end).
uint64_t TraceView::live_step() const { return checkpoint_seq_.size() + (live_finished() ? 1 : 0); }

void TraceView::show_step(uint64_t step) {
    if (step >= live_step()) scrub_step_.reset();
    else scrub_step_ = step;
}

uint64_t TraceView::upto_for_step(uint64_t step) const {
    if (step == 0) return checkpoint_seq_.empty() ? live_.upto : checkpoint_seq_[0];
    if (step <= checkpoint_seq_.size()) return checkpoint_seq_[step - 1] + 1;
    return live_.upto;
}

uint64_t TraceView::step_showing(uint64_t seq) const {
    const auto stop = std::lower_bound(checkpoint_seq_.begin(), checkpoint_seq_.end(), seq);
    return stop == checkpoint_seq_.end() ? live_step() : static_cast<uint64_t>(stop - checkpoint_seq_.begin()) + 1;
}

std::optional<uint64_t> TraceView::next_step_showing(const trace::Recorder& recorder, uint64_t step,
                                                     const std::function<bool(const trace::Event&)>& matches) const {
    for (uint64_t i = upto_for_step(step); i < live_.upto; ++i) {
        if (!matches(recorder.at(i))) continue;
        return step_showing(i);
    }
    return std::nullopt;
}

StepView TraceView::view(const trace::Recorder& recorder) {
    StepView v;
    // Labels the state makes ("event 0x14") follow the language the window shows now.
    live_.language = scrubbed_.language = ui_language();
    v.live_step = live_step();
    v.live = is_live();
    v.step = shown_step();
    if (v.live) {
        v.state = &live_;
    } else {
        const uint64_t upto = upto_for_step(v.step);
        if (scrubbed_.upto > upto) {
            scrubbed_ = {};
            scrubbed_.language = live_.language;
        }
        for (uint64_t i = scrubbed_.upto; i < upto; ++i) scrubbed_.apply(recorder.at(i));
        v.state = &scrubbed_;
    }
    const uint64_t checkpoints = checkpoint_seq_.size();
    v.finished = live_finished() && v.step == v.live_step;
    // The checkpoint a position stops at, and where the step that led there began.
    const uint64_t stop = std::min(v.step, checkpoints);
    if (stop > 0) v.checkpoint = &recorder.at(checkpoint_seq_[stop - 1]);
    if (v.finished) v.step_begin_seq = checkpoints > 0 ? checkpoint_seq_[checkpoints - 1] + 1 : 0;
    else v.step_begin_seq = stop >= 2 ? checkpoint_seq_[stop - 2] + 1 : 0;
    return v;
}

}  // namespace ovlab::gui
