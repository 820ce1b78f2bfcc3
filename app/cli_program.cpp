// The command line of a program of one's own: overlapped-lab --program PATH [--source FILE...]
// [--timeout S] --headless [-- program arguments] (docs/design.md §3).
#include <charconv>

#include <fmt/format.h>

#include "cli.h"

namespace ovlab::app {

ProgramArgument take_program_argument(int argc, char** argv, int& i, Options& options) {
    const std::string_view arg = argv[i];
    if (arg == "--") {  // everything after it belongs to the program
        options.program_arguments.assign(argv + i + 1, argv + argc);
        i = argc;
        if (options.program.empty()) return {true, UsageError{"arguments after -- go to a program: give --program PATH"}};
        return {true, std::nullopt};
    }
    if (arg != "--program" && arg != "--source" && arg != "--timeout") return {};
    if (i + 1 >= argc || argv[i + 1][0] == '\0')
        return {true, UsageError{fmt::format("{} needs {}", arg, arg == "--timeout" ? "a number of seconds" : "a file name")}};
    const std::string_view value = argv[++i];
    if (arg == "--program") options.program = value;
    else if (arg == "--source") options.program_sources.emplace_back(value);
    else {
        int seconds = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
        if (error != std::errc() || end != value.data() + value.size() || seconds < 1)
            return {true, UsageError{fmt::format("--timeout needs a whole number of seconds >= 1, not '{}'", value)}};
        options.timeout_seconds = seconds;
    }
    return {true, std::nullopt};
}

std::optional<UsageError> check_program_combinations(const Options& options) {
    if (options.program.empty()) {
        if (!options.program_sources.empty()) return UsageError{"--source goes with --program PATH"};
        if (options.timeout_seconds) return UsageError{"--timeout goes with --program PATH"};
        return std::nullopt;
    }
#ifdef _WIN32
    return UsageError{"--program runs a program in its own process, which the Windows build does not do yet"};
#else
    if (!options.lesson_id.empty()) return UsageError{"--program and --lesson cannot be combined: run one or the other"};
    if (!options.headless && options.timeout_seconds)
        return UsageError{"--timeout goes with --headless: in the window, Reset or closing it ends the program"};
    if (!options.headless && !options.trace_out.empty())
        return UsageError{"--program writes --trace-out with --headless; the window does not yet"};
    if (options.headless && options.predict)
        return UsageError{"--predict --headless prints a lesson's questions; a --program has none (a lesson of your "
                          "own has: --lessons-dir DIR --lesson ID)"};
    return std::nullopt;
#endif
}

}  // namespace ovlab::app
