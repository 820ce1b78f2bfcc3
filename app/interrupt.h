// Ctrl+C, kill, a closed terminal or a reader that went away (`| head -1`) end the run the normal
// way, so the lesson's threads are stopped and its working folder removed before the process goes.
#pragma once

namespace ovlab::app {

// Call first in main, before any other thread exists: SIGINT, SIGTERM, SIGHUP and SIGQUIT (only
// SIGINT and SIGTERM on Windows) then only note that the run should stop, and SIGPIPE is ignored
// so a closed stdout shows as a failed write. Another signal a second or more later ends the
// process at once, cleanup or not.
void watch_for_interrupts();

// The signal that asked the run to stop, or 0. The headless loop and the window poll it.
int stop_signal();
inline bool stop_requested() { return stop_signal() != 0; }

// Whoever reads stdout went away (a write failed with EPIPE): stop as SIGPIPE would have.
void stop_for_closed_output();

// After the cleanup: ends the process the way `signal` would have (a shell sees 128 + signal).
[[noreturn]] void exit_as_signalled(int signal);

}  // namespace ovlab::app
