// The command line (a contract: docs/design.md §3).
#pragma once

#include <optional>
#include <utility>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "ovlab/lesson_registry.h"
#include "peer_actions.h"
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
    struct WindowSize {
        int width, height;
    };
    std::optional<WindowSize> window_size;  // --window-size WxH
    std::string trace_out;
    std::string open_path;         // --open FILE: a recorded trace to show instead of a run
    std::string screenshot;
    int steps = 0;
    std::vector<PeerAction> peer_actions;  // --peer-actions: what a screenshot run does as the peer
    bool list_params = false;
    bool show_timeline = false;    // --timeline
    int timeline_request = 0;      // --timeline-request N (1-based), implies --timeline
    bool fullscreen = false;       // --fullscreen
    bool predict = false;          // --predict: Predict mode (window), the questions' answers (headless)
    ParameterValues parameters;  // --param name=value for lesson_id, each checked against its range
    // --program PATH [--source FILE...] [--timeout S] [-- arguments...]: a program of one's own
    std::string program;
    std::vector<std::string> program_sources;
    std::vector<std::string> program_arguments;
    int timeout_seconds = 0;
    // --lessons-dir DIR (repeatable): folders of lessons of one's own, listed after the built-in ones
    // and those in OVLAB_LESSONS_DIR
    std::vector<std::string> lessons_dirs;
};

struct UsageError {
    std::string message;  // one line, without "error: "
};

std::variant<Options, UsageError> parse_command_line(int argc, char** argv);

// cli_program.cpp: --program and its options. `taken` when argv[i] was one of them (i then
// points at its last word); `error` when it was used wrongly.
struct ProgramArgument {
    bool taken = false;
    std::optional<UsageError> error;
};
ProgramArgument take_program_argument(int argc, char** argv, int& i, Options& options);
std::optional<UsageError> check_program_combinations(const Options& options);
std::string usage_text();
// `text` with control characters made visible (\n, \t, \r, \x1b...): a message that echoes an
// argument must not let it move the cursor, recolour the terminal or forge a second line.
std::string printable(std::string_view text);
// "error: `message`" on stderr, as one line whatever the message echoes.
void print_error(std::string_view message);
// The same, for a run in `language`: "오류: ..." in Korean.
void print_error(std::string_view message, Language language);
// `en` or `ko`, filled in: the run's own lines speak the run's language.
template <typename... Args>
std::string worded(Language language, std::string_view en, std::string_view ko, Args&&... args) {
    return fmt::format(fmt::runtime(language == Language::Korean ? ko : en), std::forward<Args>(args)...);
}
// One line per parameter of `lesson`: name<TAB>default<TAB>allowed values<TAB>what changing it shows.
std::string parameter_list(const LessonInfo& lesson, Language language);

}  // namespace ovlab::app
