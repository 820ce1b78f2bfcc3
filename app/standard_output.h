// Standard output that can fail: a full disk (`> /dev/full`) or a reader that went away
// (`| head -1`). A failure is reported once, not once per line, and is never exit 0.
#pragma once

#include <string_view>

namespace ovlab::app {

// Writes `text` to stdout; false once anything written has failed (then nothing more is written).
bool print_out(std::string_view text);
// Flushes stdout; false once anything written has failed. The first failure is reported on stderr
// ("error: cannot write to standard output: No space left on device"), except a reader that went
// away: that stops the run as SIGPIPE would (stop_for_closed_output), quietly.
bool flush_out();

}  // namespace ovlab::app
