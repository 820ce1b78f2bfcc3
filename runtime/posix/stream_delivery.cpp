#include "stream_delivery.h"

#include <utility>

#include "trace_hooks.h"
#include "waiting_pool.h"

namespace ovlab::posix {
namespace {

WaitingPool& turn_waiters() {
    static WaitingPool instance;
    return instance;
}

void deliver_when_stepper_allows(step::Stepper* stepper, uint64_t ticket, const std::function<void()>& deliver) {
    enter_kernel_thread();
    // False while the lesson is being reset: deliver anyway, so no caller waits forever.
    const bool in_turn = stepper->io_finished_wait(ticket);
    deliver();
    // It only wakes the blocked caller: the caller's return is the step the student sees.
    if (in_turn) stepper->io_delivered(ticket, false);
}

}  // namespace

void deliver_in_turn(step::Stepper* stepper, uint64_t ticket, std::function<void()> deliver) {
    if (!stepper) {
        deliver();
        return;
    }
    turn_waiters().post([stepper, ticket, deliver = std::move(deliver)] {
        deliver_when_stepper_allows(stepper, ticket, deliver);
    });
}

}  // namespace ovlab::posix
