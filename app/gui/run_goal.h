// Stepping by meaning ("Run to…"): run until the next completion is delivered, an APC starts,
// GetQueuedCompletionStatus takes a packet, or a thread reaches a code line. A goal is a test on
// trace events, so the same goal finds its step in a live run, in the history and in a recording.
#pragma once

#include <cstdint>
#include <string>

#include "ovlab/trace.h"

namespace ovlab::gui {

enum class GoalKind : uint8_t { NextCompletion, NextApc, NextDequeue, Line };

struct RunGoal {
    GoalKind kind = GoalKind::NextCompletion;
    uint32_t line = 0;  // GoalKind::Line: the lesson line (1-based)
    bool operator==(const RunGoal&) const = default;
};

// True when `event` is what the goal runs to: the completion's delivery (IoCompleting), an APC
// starting (ApcDelivering), a packet taken from a port (PortPacketDequeued), or a lesson thread at
// the line (a call made there, or the line reached).
bool reaches_goal(const trace::Event& event, const RunGoal& goal);

// "Next completion", "line 42", ... in the UI language.
std::string goal_label(const RunGoal& goal);

}  // namespace ovlab::gui
