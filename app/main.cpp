// overlapped-lab: the command line (docs/design.md §3) dispatching to the window or the headless runner.
#include <cstdio>
#include <optional>
#include <string>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <fmt/format.h>

#include "cli.h"
#include "headless.h"
#include "interrupt.h"
#ifndef _WIN32
#include "program_headless.h"
#endif
#include "open_trace.h"
#include "ovlab/lesson_load_errors.h"
#include "ovlab/localized_error.h"
#include "ovlab/process_recording.h"
#include "standard_output.h"

#ifdef OVLAB_WITH_GUI
#include "gui/gui.h"
#endif

#ifndef OVLAB_VERSION
#define OVLAB_VERSION "dev"
#endif

namespace {

int open_window(const ovlab::app::Options& options) {
#ifdef OVLAB_WITH_GUI
    ovlab::gui::GuiOptions gui;
    gui.lesson_id = options.lesson_id;
    gui.language = options.language;
    gui.theme = options.theme;
    gui.language_given = options.language_given;
    gui.zoom = options.zoom;
    if (options.window_size) {
        gui.width = options.window_size->width;
        gui.height = options.window_size->height;
        gui.size_given = true;
    }
    gui.screenshot_path = options.screenshot;
    gui.screenshot_steps = options.steps;
    gui.screenshot_peer_actions = options.peer_actions;
    gui.trace_out = options.trace_out;
    gui.open_path = options.open_path;
    gui.program = options.program;
    gui.program_arguments = options.program_arguments;
    gui.program_sources = options.program_sources;
    gui.parameters = options.parameters;
    gui.timeline = {options.show_timeline, options.timeline_request};
    gui.fullscreen = options.fullscreen;
    gui.predict = options.predict;
    return ovlab::gui::run_gui(gui);
#else
    (void)options;
    ovlab::app::print_error("this build has no window (built with OVLAB_BUILD_GUI=OFF); use --headless");
    return 2;
#endif
}

// The text --help, --version, --list-params or --list-lessons asked for; nothing for a run.
std::optional<std::string> information_asked(const ovlab::app::Options& options) {
    using namespace ovlab::app;
    if (options.help) return usage_text();
    if (options.version) return fmt::format("overlapped-lab {}\n", OVLAB_VERSION);
    if (options.list_params) return parameter_list(*ovlab::find_lesson(options.lesson_id), options.language);
    if (!options.list_lessons) return std::nullopt;
    std::string list;
    for (const ovlab::LessonInfo& lesson : ovlab::all_lessons())
        list += fmt::format("{}\t{}\n", lesson.id, lesson.title(options.language));
    return list;
}

int run(int argc, char** argv) {
    using namespace ovlab::app;
    auto parsed = parse_command_line(argc, argv);
    if (auto* error = std::get_if<UsageError>(&parsed)) {
        print_error(error->message);
        return 2;
    }
    const Options& options = std::get<Options>(parsed);
    // A lesson whose lesson.json does not read is left out of the list; say which and why, then go on.
    for (const std::string& error : ovlab::lesson_load_errors(options.language)) print_error(error, options.language);
    if (std::optional<std::string> text = information_asked(options))
        return print_out(*text) && flush_out() ? 0 : 1;
    try {
        if (options.headless && !options.open_path.empty())
            return print_recorded_trace(options.open_path, options.language);
#ifndef _WIN32  // the Windows build refuses --program (cli_program.cpp)
        if (options.headless && !options.program.empty())
            return run_program_headless({options.program, options.program_arguments, options.program_sources,
                                         options.language, options.trace_out, options.timeout_seconds});
        if (options.headless && ovlab::find_lesson(options.lesson_id)->runs_in_own_process()) {
            ProgramOptions own{{}, {}, {}, options.language, options.trace_out, 0};
            own.lesson = ovlab::find_lesson(options.lesson_id);
            own.parameters = options.parameters;
            own.predict = options.predict;
            return run_program_headless(own);
        }
#endif
        if (options.headless)
            return run_headless(*ovlab::find_lesson(options.lesson_id),
                                {options.language, options.trace_out, options.parameters, options.predict});
        return open_window(options);
    } catch (const std::exception& error) {
        print_error(ovlab::message_in(error, options.language), options.language);
        return 1;
    }
}

}  // namespace

int main(int argc, char** argv) {
#if defined(__GLIBC__)
    // The lab runs lesson after lesson in one process, where Windows would start one for each. Every
    // lesson thread may get a malloc arena of its own that keeps pages it freed, and over an hour of
    // runs resident memory crept up with the bytes in use flat (bench/soak.cpp): two arenas are plenty.
    mallopt(M_ARENA_MAX, 2);
#endif
    // OVLAB_TRACE is for programs built against the runtime; the lab records its runs itself.
    ovlab::end_process_recording();
    ovlab::app::watch_for_interrupts();
    const int exit_code = run(argc, argv);
    // The run is over and its working folder removed: now go the way the signal meant.
    if (const int signal = ovlab::app::stop_signal()) ovlab::app::exit_as_signalled(signal);
    return exit_code;
}
