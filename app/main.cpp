// overlapped-lab: the command line (DESIGN.md §3) dispatching to the window or the headless runner.
#include <cstdio>

#include <fmt/format.h>

#include "cli.h"
#include "headless.h"

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
    gui.screenshot_path = options.screenshot;
    gui.screenshot_steps = options.steps;
    gui.trace_out = options.trace_out;
    gui.parameters = options.parameters;
    gui.timeline = {options.show_timeline, options.timeline_request};
    return ovlab::gui::run_gui(gui);
#else
    (void)options;
    fmt::print(stderr, "error: this build has no window (built with OVLAB_BUILD_GUI=OFF); use --headless\n");
    return 2;
#endif
}

}  // namespace

int main(int argc, char** argv) {
    using namespace ovlab::app;
    auto parsed = parse_command_line(argc, argv);
    if (auto* error = std::get_if<UsageError>(&parsed)) {
        fmt::print(stderr, "error: {}\n", error->message);
        return 2;
    }
    const Options& options = std::get<Options>(parsed);
    if (options.help) {
        fmt::print("{}", usage_text());
        return 0;
    }
    if (options.version) {
        fmt::print("overlapped-lab {}\n", OVLAB_VERSION);
        return 0;
    }
    if (options.list_params) {
        fmt::print("{}", parameter_list(*ovlab::find_lesson(options.lesson_id), options.language));
        return 0;
    }
    if (options.list_lessons) {
        for (const ovlab::LessonInfo& lesson : ovlab::all_lessons())
            fmt::print("{}\t{}\n", lesson.id, lesson.title(options.language));
        return 0;
    }
    try {
        if (options.headless)
            return run_headless(*ovlab::find_lesson(options.lesson_id),
                                {options.language, options.trace_out, options.parameters});
        return open_window(options);
    } catch (const std::exception& error) {
        fmt::print(stderr, "error: {}\n", error.what());
        return 1;
    }
}
