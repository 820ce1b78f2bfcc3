// The command line (a contract: docs/design.md §3).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "ovlab/lesson_registry.h"
#include "theme_kind.h"

namespace ovlab::app {

struct Options {
    bool list_lessons = false;
    bool headless = false;
    bool version = false;
    bool help = false;
    std::string lesson_id;
    Language language = Language::English;
    std::optional<ThemeKind> theme;  // --theme: wins over the window's remembered theme
    bool language_given = false;   // --lang: wins over the window's remembered language
    std::optional<float> zoom;     // --zoom: 1 = 100 %
    std::string trace_out;
    std::string open_path;         // --open FILE: a recorded trace to show instead of a run
    std::string screenshot;
    int steps = 0;
    bool list_params = false;
    bool show_timeline = false;    // --timeline
    int timeline_request = 0;      // --timeline-request N (1-based), implies --timeline
    bool fullscreen = false;       // --fullscreen
    ParameterValues parameters;  // --param name=value for lesson_id, each checked against its range
};

struct UsageError {
    std::string message;  // one line, without "error: "
};

std::variant<Options, UsageError> parse_command_line(int argc, char** argv);
std::string usage_text();
// `text` with control characters made visible (\n, \t, \r, \x1b...): a message that echoes an
// argument must not let it move the cursor, recolour the terminal or forge a second line.
std::string printable(std::string_view text);
// "error: `message`" on stderr, as one line whatever the message echoes.
void print_error(std::string_view message);
// One line per parameter of `lesson`: name<TAB>default<TAB>allowed values<TAB>what changing it shows.
std::string parameter_list(const LessonInfo& lesson, Language language);

}  // namespace ovlab::app
