// The sampler: a background thread that, while requests are in flight, reads the watched
// OVERLAPPEDs and handle states about once a millisecond, so a completion that happens while
// every lesson thread is blocked (or paused by the stepper) shows up when it happens, not at the
// next checkpoint. Its events carry a trace thread of their own, hidden from transcripts.
#pragma once

#include <cstdint>

namespace ovlab::win32 {

constexpr uint32_t kObserverTraceThread = 1000;

// Names the observer thread in the current session's trace (once per session; recorded in the
// observer's name by the lesson thread, so it appears at the same place in every run).
void announce_observer_thread();
// A request went in flight: make sure the sampler runs and looks now.
void wake_sampler();
// The session ended: the next one announces the observer again.
void observer_session_ended();

}  // namespace ovlab::win32
