// Completions of blocking socket and pipe calls (recv, accept, connect, ReadFile on a synchronous
// pipe) go through the stepper like overlapped ones: the blocked thread is woken only when the
// stepper lets that completion through, in issue order and only while no lesson thread is ready,
// so a lesson prints the same transcript on every run whatever the kernel's timing.
#pragma once

#include <cstdint>
#include <functional>

#include "ovlab/stepper.h"

namespace ovlab::posix {

// Runs `deliver` once `stepper` lets completion `ticket` through, on a delivery thread (the
// kernel-side thread that finished the op must not wait for its turn: it would hold up the
// completions the stepper wants first). During a reset `deliver` runs at once. `stepper` null:
// runs `deliver` now.
void deliver_in_turn(step::Stepper* stepper, uint64_t ticket, std::function<void()> deliver);

}  // namespace ovlab::posix
