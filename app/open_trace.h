// `--open FILE --headless`: prints a recorded trace's transcript exactly as the live run printed it.
#pragma once

#include <string>
#include <variant>

#include "ovlab/language.h"
#include "ovlab/recorded_trace.h"

namespace ovlab::app {

// Reads FILE; on success a warning the file carries (cut short) is printed to stderr. The error
// is one line naming the file (and line) for the caller to print.
std::variant<trace::RecordedTrace, std::string> open_recorded_trace(const std::string& path);

// Exit code: 0 when the recorded run ended well (or is no lesson), 1 when the file cannot be read,
// standard output fails or the recorded lesson failed its check.
int print_recorded_trace(const std::string& path, Language language);

}  // namespace ovlab::app
