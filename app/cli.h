// The command line (a contract: DESIGN.md §3).
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "ovlab/lesson_registry.h"

namespace ovlab::app {

struct Options {
    bool list_lessons = false;
    bool headless = false;
    bool version = false;
    bool help = false;
    std::string lesson_id;
    Language language = Language::English;
    std::string trace_out;
    std::string screenshot;
    int steps = 0;
};

struct UsageError {
    std::string message;  // one line, without "error: "
};

std::variant<Options, UsageError> parse_command_line(int argc, char** argv);
std::string usage_text();

}  // namespace ovlab::app
