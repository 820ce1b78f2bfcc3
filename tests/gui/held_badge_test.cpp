// The OVERLAPPED panel's badge on a live run of event-file-copy with Hold completions on: the read the
// kernel finished shows HELD, and "kernel done" once Release lets it go (or Hold is turned off).
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <thread>

#include "lesson_controller.h"
#include "ovlab/lesson_registry.h"

namespace ovlab::gui {
namespace {

using namespace std::chrono_literals;

// The first OVERLAPPED whose latest request the kernel finished while the run still holds it back.
std::optional<trace::OverlappedView> finished_in_the_kernel(const trace::State& state) {
    for (const auto& [address, ov] : state.overlappeds) {
        const trace::IoView* io = state.latest_io(address);
        if (ov.in_flight && io && io->phase == trace::IoView::Phase::Finished) return ov;
    }
    return std::nullopt;
}

// Steps the lesson as the Step button does (Hold on) until the kernel finished a request and the lab
// holds its completion (within 20 s).
std::optional<trace::OverlappedView> step_until_finished_in_the_kernel(LessonController& lessons) {
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (std::chrono::steady_clock::now() < deadline && !lessons.lesson_finished()) {
        lessons.update();
        // The trace may show the kernel's finish a moment before the stepper counts the completion held.
        auto finished = finished_in_the_kernel(lessons.trace().live_state());
        if (finished && lessons.held_count() > 0) return finished;
        if (lessons.can_step_forward()) lessons.step_forward();
        std::this_thread::sleep_for(2ms);
    }
    return std::nullopt;
}

TEST(HeldBadge, HeldUntilReleaseThenKernelDone) {
    LessonController lessons;
    lessons.open(*find_lesson("event-file-copy"));
    lessons.set_hold(true);
    const std::optional<trace::OverlappedView> held = step_until_finished_in_the_kernel(lessons);
    ASSERT_TRUE(held) << "no read finished in the kernel while Hold was on";
    const trace::State& state = lessons.trace().live_state();
    const trace::IoView io = *state.latest_io(held->address);
    EXPECT_EQ(lessons.held_count(), 1u);
    EXPECT_EQ(lessons.request_phase(*held, &io), RequestPhase::Held);

    lessons.release_held();
    EXPECT_EQ(lessons.request_phase(*held, &io), RequestPhase::KernelDone) << "released: it only waits for its turn";

    trace::IoView in_flight = io;
    in_flight.phase = trace::IoView::Phase::InFlight;
    EXPECT_EQ(lessons.request_phase(*held, &in_flight), RequestPhase::InFlight) << "the kernel is still on it";
    trace::OverlappedView completed = *held;
    completed.in_flight = false;
    EXPECT_EQ(lessons.request_phase(completed, &io), RequestPhase::Completed);
}

// Hold off: a request the kernel finished is never shown as held.
TEST(HeldBadge, WithoutHoldAFinishedRequestIsKernelDone) {
    LessonController lessons;
    lessons.open(*find_lesson("event-file-copy"));
    lessons.set_hold(true);
    const std::optional<trace::OverlappedView> finished = step_until_finished_in_the_kernel(lessons);
    ASSERT_TRUE(finished);
    const trace::IoView io = *lessons.trace().live_state().latest_io(finished->address);
    lessons.set_hold(false);
    EXPECT_EQ(lessons.request_phase(*finished, &io), RequestPhase::KernelDone);
}

}  // namespace
}  // namespace ovlab::gui
