// The narration of a run that has none of its own (a program of one's own, a recorded trace): each
// step explained from its own recorded data — which function a thread calls and what it does, what
// the result and GetLastError mean, how a request finished, which routine an APC runs.
#pragma once

#include <string>

#include "ovlab/language.h"
#include "ovlab/trace.h"
#include "ovlab/trace_state.h"

namespace ovlab::app {

// Markdown explaining `checkpoint` (a checkpoint event of the run) in `language`; `state` is the run
// folded up to and including it (names of threads, handles and OVERLAPPEDs, the request it ends).
std::string explain_step(const trace::Event& checkpoint, const trace::State& state, Language language);

}  // namespace ovlab::app
