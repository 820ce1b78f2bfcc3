#include "run_goal.h"

#include <fmt/format.h>

#include "ui_strings.h"

namespace ovlab::gui {

bool reaches_goal(const trace::Event& event, const RunGoal& goal) {
    using trace::EventKind;
    switch (goal.kind) {
        // An overlapped request's: a synchronous ReadFile without an OVERLAPPED has a completion step
        // too, but nothing the goal promises (Internal, an event, a packet, a routine) happens there.
        case GoalKind::NextCompletion: return event.kind == EventKind::IoCompleting && event.object != 0;
        case GoalKind::NextApc: return event.kind == EventKind::ApcDelivering;
        case GoalKind::NextDequeue: return event.kind == EventKind::PortPacketDequeued;
        case GoalKind::Line:
            return (event.kind == EventKind::ApiEnter || event.kind == EventKind::LineReached) && event.file == 0 &&
                   event.line == goal.line;
    }
    return false;
}

std::string goal_label(const RunGoal& goal) {
    switch (goal.kind) {
        case GoalKind::NextCompletion: return tr(Str::RunToCompletion);
        case GoalKind::NextApc: return tr(Str::RunToApc);
        case GoalKind::NextDequeue: return tr(Str::RunToDequeue);
        case GoalKind::Line: return fmt::format(fmt::runtime(tr(Str::RunToLine)), goal.line);
    }
    return {};
}

}  // namespace ovlab::gui
