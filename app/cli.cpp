#include "cli.h"

#include <charconv>
#include <filesystem>
#include <cstdio>
#include <map>
#include <vector>

#include <fmt/format.h>

#include "zoom.h"

namespace ovlab::app {
namespace {

std::optional<int> parse_count(std::string_view text) {
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

// A lesson of one's own runs in its own process, as --program does, with what that path offers.
std::optional<UsageError> check_own_lesson(const Options& options) {
    const LessonInfo* lesson = options.lesson_id.empty() ? nullptr : find_lesson(options.lesson_id);
    if (!lesson || !lesson->runs_in_own_process()) return std::nullopt;
    if (!options.headless && !options.trace_out.empty())
        return UsageError{fmt::format("lesson {} is one of your own: it writes --trace-out with --headless; the window "
                                      "does not yet", lesson->id)};
    return std::nullopt;
}

std::optional<UsageError> check_combinations(const Options& options) {
    if (std::optional<UsageError> error = check_program_combinations(options)) return error;
    if (std::optional<UsageError> error = check_own_lesson(options)) return error;
    if (!options.open_path.empty() && !options.lesson_id.empty())
        return UsageError{"--open shows a recorded run; it cannot be combined with --lesson"};
    if (!options.open_path.empty() && !options.program.empty())
        return UsageError{"--open shows a recorded run; it cannot be combined with --program"};
    if (!options.open_path.empty() && !options.trace_out.empty())
        return UsageError{"--open shows a recorded run; there is no new run for --trace-out to write"};
    if (options.headless && options.lesson_id.empty() && options.program.empty() && options.open_path.empty())
        return UsageError{"--headless needs --lesson ID, --program PATH or --open FILE"};
    if (options.headless && !options.screenshot.empty())
        return UsageError{"--screenshot takes a picture of the window; it cannot be combined with --headless"};
    if (options.steps > 0 && options.screenshot.empty()) return UsageError{"--steps goes with --screenshot FILE.png"};
    if (!options.peer_actions.empty() && options.screenshot.empty())
        return UsageError{"--peer-actions goes with --screenshot FILE.png"};
    if (options.list_params && options.lesson_id.empty()) return UsageError{"--list-params needs --lesson ID"};
    if (options.headless && options.show_timeline) return UsageError{"--timeline is a view of the window; it cannot be combined with --headless"};
    if (options.headless && options.fullscreen) return UsageError{"--fullscreen is for the window; it cannot be combined with --headless"};
    if (options.headless && options.zoom) return UsageError{"--zoom scales the window; it cannot be combined with --headless"};
    if (options.headless && options.window_size)
        return UsageError{"--window-size is for the window; it cannot be combined with --headless"};
    return std::nullopt;
}

// "WIDTHxHEIGHT", each from 320 to 16384 pixels.
std::optional<Options::WindowSize> parse_window_size(std::string_view text) {
    const size_t x = text.find('x');
    if (x == std::string_view::npos) return std::nullopt;
    const std::optional<int> width = parse_count(text.substr(0, x));
    const std::optional<int> height = parse_count(text.substr(x + 1));
    const auto fits = [](std::optional<int> pixels) { return pixels && *pixels >= 320 && *pixels <= 16384; };
    if (!fits(width) || !fits(height)) return std::nullopt;
    return Options::WindowSize{*width, *height};
}

std::string_view value_text(std::string_view assignment) { return assignment.substr(assignment.find('=') + 1); }

// --param values are checked once the lesson is known: --lesson may come after them. A name given
// twice is refused: silently keeping one of the two values would run a lesson nobody asked for.
std::optional<UsageError> parse_parameters(const std::vector<std::string>& assignments, Options& options) {
    if (assignments.empty()) return std::nullopt;
    if (options.lesson_id.empty()) return UsageError{"--param needs --lesson ID"};
    const LessonInfo& lesson = *find_lesson(options.lesson_id);
    std::map<std::string, std::string_view, std::less<>> given;  // name -> the value as typed
    for (const std::string& assignment : assignments) {
        ParameterValues one;
        if (std::optional<std::string> error = parse_parameter(lesson, assignment, one))
            return UsageError{fmt::format("--param {}", *error)};
        const auto& [name, value] = *one.begin();
        if (auto earlier = given.find(name); earlier != given.end())
            return UsageError{fmt::format("--param {} given twice ({} and {})", name, earlier->second,
                                          value_text(assignment))};
        given.emplace(name, value_text(assignment));
        options.parameters.emplace(name, value);
    }
    return std::nullopt;
}

// An empty value is almost always a shell variable that was not set: refuse it instead of
// falling back to what the option's absence means (--lesson "" would open the window).
std::optional<UsageError> check_not_empty(std::string_view option, const std::string& value) {
    if (!value.empty()) return std::nullopt;
    if (option == "--lesson") return UsageError{"--lesson needs a lesson id (see --list-lessons)"};
    if (option == "--lessons-dir") return UsageError{"--lessons-dir needs a folder"};
    return UsageError{fmt::format("{} needs a file name", option)};
}

}  // namespace

std::variant<Options, UsageError> parse_command_line(int argc, char** argv) {
    Options options;
    std::vector<std::string> assignments;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto next_value = [&]() -> std::optional<std::string> {
            if (i + 1 >= argc) return std::nullopt;
            return std::string(argv[++i]);
        };
        if (arg == "--list-lessons") options.list_lessons = true;
        else if (arg == "--headless") options.headless = true;
        else if (arg == "--version") options.version = true;
        else if (arg == "--help" || arg == "-h") options.help = true;
        else if (arg == "--list-params") options.list_params = true;
        else if (arg == "--timeline") options.show_timeline = true;
        else if (arg == "--fullscreen") options.fullscreen = true;
        else if (arg == "--predict") options.predict = true;
        else if (ProgramArgument program = take_program_argument(argc, argv, i, options); program.taken) {
            if (program.error) return *program.error;
        }
        else if (arg == "--lesson" || arg == "--lang" || arg == "--theme" || arg == "--trace-out" || arg == "--screenshot" ||
                 arg == "--steps" || arg == "--param" || arg == "--timeline-request" || arg == "--zoom" || arg == "--open" ||
                 arg == "--peer-actions" || arg == "--lessons-dir" || arg == "--window-size") {
            const std::optional<std::string> v = next_value();
            if (!v) return UsageError{fmt::format("{} needs a value", arg)};
            if (arg == "--lesson" || arg == "--trace-out" || arg == "--screenshot" || arg == "--open" ||
                arg == "--lessons-dir") {
                if (std::optional<UsageError> error = check_not_empty(arg, *v)) return *error;
            }
            if (arg == "--lesson") options.lesson_id = *v;
            else if (arg == "--param") assignments.push_back(*v);
            else if (arg == "--lessons-dir") options.lessons_dirs.push_back(*v);
            else if (arg == "--trace-out") options.trace_out = *v;
            else if (arg == "--open") options.open_path = *v;
            else if (arg == "--screenshot") options.screenshot = *v;
            else if (arg == "--peer-actions") {
                std::optional<std::vector<PeerAction>> actions = parse_peer_actions(*v);
                if (!actions)
                    return UsageError{fmt::format("--peer-actions needs connect, send:TEXT, pieces:TEXT, close or reset, separated "
                                                  "by commas, not '{}'", *v)};
                options.peer_actions = std::move(*actions);
            }
            else if (arg == "--timeline-request") {
                const std::optional<int> request = parse_count(*v);
                if (!request || *request == 0)
                    return UsageError{fmt::format("--timeline-request needs a request number >= 1, not '{}'", *v)};
                options.timeline_request = *request;
                options.show_timeline = true;
            }
            else if (arg == "--zoom") {
                options.zoom = parse_zoom(*v);
                if (!options.zoom)
                    return UsageError{fmt::format("--zoom needs a factor from 0.5 to 3 or a percentage from 50% to 300% (1.5 or 150%), not '{}'", *v)};
            }
            else if (arg == "--window-size") {
                options.window_size = parse_window_size(*v);
                if (!options.window_size)
                    return UsageError{fmt::format("--window-size needs WIDTHxHEIGHT in pixels, each from 320 to 16384 "
                                                  "(e.g. 1920x1080), not '{}'", *v)};
            }
            else if (arg == "--lang") {
                const std::optional<Language> language = parse_language(*v);
                if (!language) return UsageError{fmt::format("unknown language '{}': use en or ko", *v)};
                options.language = *language;
                options.language_given = true;
            } else if (arg == "--theme") {
                const std::optional<ThemeKind> theme = parse_theme(*v);
                if (!theme) return UsageError{fmt::format("unknown theme '{}': use light, dark or projector", *v)};
                options.theme = *theme;
            } else {
                const std::optional<int> steps = parse_count(*v);
                if (!steps) return UsageError{fmt::format("--steps needs a whole number >= 0, not '{}'", *v)};
                options.steps = *steps;
            }
        } else {
            return UsageError{fmt::format("unknown option '{}' (see --help)", arg)};
        }
    }
    if (!options.lessons_dirs.empty())
        add_lesson_folders(std::vector<std::filesystem::path>(options.lessons_dirs.begin(), options.lessons_dirs.end()));
    if (!options.lesson_id.empty() && !find_lesson(options.lesson_id))
        return UsageError{fmt::format("unknown lesson '{}' (see --list-lessons)", options.lesson_id)};
    if (std::optional<UsageError> error = check_combinations(options)) return *error;
    if (std::optional<UsageError> error = parse_parameters(assignments, options)) return *error;
    return options;
}

std::string printable(std::string_view text) {
    std::string shown;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\n') shown += "\\n";
        else if (c == '\t') shown += "\\t";
        else if (c == '\r') shown += "\\r";
        else if (byte < 0x20 || byte == 0x7f) shown += fmt::format("\\x{:02x}", byte);
        else shown += c;
    }
    return shown;
}

void print_error(std::string_view message) { fmt::print(stderr, "error: {}\n", printable(message)); }

void print_error(std::string_view message, Language language) {
    fmt::print(stderr, "{}: {}\n", language == Language::Korean ? "오류" : "error", printable(message));
}

std::string usage_text() {
    return R"(Overlapped Lab: step through Windows overlapped I/O while real asynchronous I/O runs.

Usage:
  overlapped-lab                         open the window on the lesson last shown
  overlapped-lab --lesson ID             open the window on that lesson
  overlapped-lab --lesson ID --headless  run the lesson to its end without a window and print
                                         every checkpoint (exit 0 when the lesson's checks pass)
  overlapped-lab --program PATH [-- ARGS...]
                                         open the window on a program of your own, built with
                                         ovlab_add_lab_program, run in its own process with ARGS
                                         and stepped like a lesson (Reset starts it again)
  overlapped-lab --program PATH --headless [-- ARGS...]
                                         run it flat out without a window and print every
                                         checkpoint as for a lesson
  overlapped-lab --open FILE [--headless]
                                         show a recorded trace (--trace-out, OVLAB_TRACE) without
                                         running anything; --headless prints its transcript
  overlapped-lab --list-lessons          one line per lesson: id<TAB>title (the built-in lessons,
                                         then those of --lessons-dir and OVLAB_LESSONS_DIR)
  overlapped-lab --lesson ID --list-params
                                         one line per parameter a teacher may change:
                                         name<TAB>default<TAB>allowed values<TAB>what it shows

Options:
  --lang en|ko           narration and titles in English (default) or Korean
  --theme light|dark|projector
                         window colours (default light); projector: black on white with
                         heavier lines, for a projector in a lit room
  --param NAME=VALUE     with --lesson: run the lesson program with NAME=VALUE instead of its
                         default (once per NAME, repeatable for others; e.g. --param
                         workers=3; see --list-params)
  --trace-out FILE       write the run's trace to FILE when it ends: the lab's own recorded
                         trace (read back with --open), or Chrome trace-event JSON for
                         Perfetto when FILE ends in .json
  --open FILE            show a recorded trace (--trace-out, OVLAB_TRACE) in the window, to
                         step through its history; nothing runs. With --headless print its
                         transcript as the live run printed it
  --lessons-dir DIR      also list the lessons of one's own in DIR (a lesson folder, or a folder
                         of them, built with ovlab_add_lab_lesson); repeatable. Their program
                         runs in its own process, as --program does
  --source FILE          with --program: read that source file of the program from FILE (matched
                         by file name) instead of the path it was compiled from; repeatable
  --timeout S            with --program --headless: end the program after S seconds
  --screenshot FILE.png  with the window: advance --steps N steps, save a PNG, exit
  --steps N              steps to take before the screenshot (when the lesson ends sooner,
                         the PNG shows its end and the exit status is 1)
  --peer-actions LIST    with --screenshot on a run that serves the Peer client panel: do
                         these actions in the panel's place, one each time the lesson waits
                         for its peer: connect, send:TEXT, pieces:TEXT (sent in two pieces),
                         close, reset (e.g. connect,send:hi,close)
  --timeline             open with the Timeline shown (T toggles it in the window)
  --timeline-request N   open the Timeline zoomed on the Nth I/O request, highlighted: the
                         call that issued it, its completion and the call that handled it,
                         with its name and result above it (clicking a request does the same)
  --fullscreen           open the window full screen on its monitor (F11 toggles it; F1 or ?
                         in the window lists every key)
  --predict              open the window in Predict mode (P toggles it): at the steps the
                         lesson asks about, pick what will happen before it is shown; with
                         --headless, print each question after the transcript with the
                         answer read from this run (exit 1 when none of its choices fits)
  --zoom F               open the window zoomed: 1.5 or 150% (0.5..3, 50%..300%); in the
                         window Ctrl+plus, Ctrl+minus, Ctrl+0 and Ctrl+wheel change it
  --window-size WxH      open the window WIDTH x HEIGHT pixels (e.g. 2560x1440; never larger than
                         the screen's work area), instead of the size it remembers or, for
                         --screenshot, 1600x900
  --version              print the version
  --help                 print this text

Settings:
  The window remembers its zoom, theme, language, size, last lesson and whether the Timeline
  was shown in $XDG_CONFIG_HOME/overlapped-lab/settings.json (~/.config/... without it; on
  Windows %APPDATA%\Overlapped Lab\settings.json). Options on the command line win over it.
  A --screenshot run neither reads nor writes it, so pictures come out the same everywhere.

Environment:
  OVLAB_IO_BACKEND=uring|threads   choose the kernel I/O path (default: io_uring, threads if refused)
  OVLAB_LESSONS_DIR=DIR:DIR...     folders of lessons of one's own, as --lessons-dir (';' between
                                   folders on Windows)
  OVLAB_TRACE=FILE                 a program built against the lab's runtime records its whole
                                   run (no stepping) and writes FILE at exit, for --open

Exit status:
  0 success; 1 a lesson check failed, a file or standard output could not be written, or fewer
  steps than --steps were taken, or a --program exited with another code than 0; 2 a usage
  error; 3 the lesson or program stalled, or ran past --timeout; 4 a --program crashed (the
  signal and its last step are named), broke the link or never connected; 128+N when signal N
  (Ctrl+C, kill, a closed terminal, a reader gone as in `| head -1`) stopped the run, after its
  working folder was removed
)";
}

std::string parameter_list(const LessonInfo& lesson, Language language) {
    std::string list;
    for (const LessonParameter& parameter : lesson.parameters) {
        const std::string allowed =
            parameter.is_switch ? std::string("0|1") : fmt::format("{}..{}", parameter.min, parameter.max);
        list += fmt::format("{}\t{}\t{}\t{}\n", parameter.name, parameter.default_value, allowed,
                            parameter.explain(language));
    }
    return list;
}

}  // namespace ovlab::app
