// Follows each I/O request across threads for the fold: which thread finished it, what its
// completion set or queued, and which thread then acted on it (dequeued its packet, ran its
// completion routine, or woke on its event). Kept apart from state.cpp, which folds each event
// into its own view; this joins events of different kinds into IoView's links.
#pragma once

#include "ovlab/trace_state.h"

namespace ovlab::trace {

// Called by State::apply before it folds `event`: a thread's state is still the one it leaves.
void follow_io(State& state, const Event& event);

}  // namespace ovlab::trace
