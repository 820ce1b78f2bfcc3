// Compare two steps: the student marks a step as A, views another, and sees what changed between
// them in the OVERLAPPEDs, the completion ports and the handles. Both states are folds of the same
// trace, so the comparison says only what the trace recorded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gui_context.h"
#include "ovlab/trace_state.h"

namespace ovlab::gui {

// One line per difference from `a` to `b`, in the UI language: a field's old and new value, a new
// OVERLAPPED, a port's queue, running count and waiters, a handle signalled, reset or closed.
std::vector<std::string> state_differences(const trace::State& a, const trace::State& b);

// The step marked as A and its state, folded once per mark (and again after a reset).
class StepCompare {
public:
    void mark(uint64_t step) {
        marked_ = step;
        folded_step_.reset();
    }
    void clear() { marked_.reset(); }
    const std::optional<uint64_t>& marked() const { return marked_; }
    // A's state, or null when nothing is marked or the run it was marked in is gone.
    const trace::State* marked_state(LessonController& lessons);

    // The line that marks A or clears it, and what changed since A: at the top of the OVERLAPPED panel.
    void draw(GuiContext& ctx);

private:
    std::optional<uint64_t> marked_;
    std::optional<uint64_t> folded_step_;
    uint64_t folded_generation_ = 0;
    trace::State state_;
};

}  // namespace ovlab::gui
