// The window: Dear ImGui + GLFW + OpenGL 3. The command line (app/main.cpp) fills GuiOptions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ovlab/lesson_registry.h"
#include "peer_actions.h"
#include "theme_kind.h"

namespace ovlab::gui {

// How the Timeline opens: --timeline and --timeline-request on the command line.
struct TimelineStart {
    bool shown = false;
    int focus_request = 0;  // 1-based: zoom on that request's issue, completion and handling
};

struct GuiOptions {
    std::string lesson_id;        // empty = open on the lesson list (first lesson selected, ready to run)
    Language language = Language::English;
    std::optional<ThemeKind> theme;  // --theme: wins over the remembered theme
    bool language_given = false;  // --lang: wins over the remembered language
    std::optional<float> zoom;    // --zoom: wins over the remembered zoom
    std::string screenshot_path;  // non-empty: advance `screenshot_steps` steps, render, save PNG, exit
    int screenshot_steps = 0;
    std::vector<app::PeerAction> screenshot_peer_actions;  // done in the Peer client panel's place
    std::string trace_out;        // non-empty: write the last run's trace here on exit (app/trace_file.h)
    std::string open_path;        // non-empty: show this recorded trace (docs/trace-format.md); nothing runs
    std::string program;          // non-empty: run this program of one's own (--program PATH), POSIX only
    std::vector<std::string> program_arguments;  // -- ARGS
    std::vector<std::string> program_sources;    // --source FILE...
    ParameterValues parameters;   // for lesson_id, checked already (--param); the rest at their defaults
    TimelineStart timeline;       // --timeline, --timeline-request
    bool fullscreen = false;      // --fullscreen: fill the monitor (F11 toggles)
    bool predict = false;         // --predict: open with Predict mode on (P toggles)
    int width = 1600, height = 900;  // unless the settings file remembers another size
    bool size_given = false;         // --window-size: width x height wins over the remembered size
};

// Returns the process exit code; prints a one-line error and returns non-zero when no display is
// available ("no display: set DISPLAY or run under xvfb-run") or no OpenGL context can be created.
int run_gui(const GuiOptions& options);

}  // namespace ovlab::gui
