// The I/O links the Threads panel draws across its lanes: for each recent request, the thread that
// issued it, the thread that finished it (the kernel side), and the thread that acted on its
// completion. Pure data from the fold, so it is tested without a window.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ovlab/trace_state.h"

namespace ovlab::gui {

struct IoLinkStop {
    uint32_t thread = 0;
    uint64_t seq = trace::kNever;  // kNever: has not happened yet
    bool happened() const { return seq != trace::kNever; }
};

struct IoLink {
    const trace::IoView* io = nullptr;
    std::string api;               // the call that issued it ("ReadFile"), empty when unknown
    IoLinkStop issued, finished, handled;
    uint64_t latest_seq = 0;       // the latest of its stops
    bool this_step = false;        // one of its stops happened during the step shown
};

// Up to `limit` requests, the most recently active first. `step_begin_seq` as in StepView.
std::vector<IoLink> recent_io_links(const trace::State& state, uint64_t step_begin_seq, size_t limit);

// The lanes in the order the panel draws them: lesson threads by first appearance, with the
// runtime (kernel) lanes right after the first one, so issue -> kernel -> handler reads left to right.
std::vector<const trace::ThreadView*> lane_order(const trace::State& state);

}  // namespace ovlab::gui
