// Which rows of the call log are shown: a class looking for "the ReadFile that failed" on "worker 2"
// narrows a long log by text, thread and failures.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "ovlab/trace_state.h"

namespace ovlab::gui {

struct CallFilter {
    std::string text;                 // part of the call's name or its arguments, any case
    std::optional<uint32_t> thread;   // only this thread's calls
    bool failures_only = false;       // calls that failed (FALSE + ERROR_IO_PENDING is no failure)

    bool active() const { return !text.empty() || thread || failures_only; }
    bool matches(const trace::CallView& call) const;
};

}  // namespace ovlab::gui
