// The common shape of every panel: a title strip with a help tooltip that explains the panel, an
// explicit empty state ("No OVERLAPPED yet — step to the first ReadFile"), and the body.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "gui_context.h"
#include "ui_strings.h"

namespace ovlab::gui {

class Panel {
public:
    virtual ~Panel() = default;
    virtual const char* id() const = 0;  // stable ImGui id: titles change with the language
    virtual Str title() const = 0;
    virtual Str help() const = 0;
    // Text shown instead of the body when there is nothing to show yet; empty = draw the body.
    virtual std::string empty_state(const GuiContext&) const { return {}; }
    // Small badges drawn in the title strip after the title.
    virtual void draw_header_extras(GuiContext&) {}
    virtual void draw_body(GuiContext& ctx) = 0;
    // The body scrolls in its own child region unless the panel scrolls itself (tables).
    virtual bool body_scrolls() const { return true; }
    virtual bool has_header() const { return true; }
};

// Draws `panel` as a fixed window at `pos` with `size` (the window lays the panels out).
void draw_panel(Panel& panel, GuiContext& ctx, ImVec2 pos, ImVec2 size);

// The panels, one file each.
std::unique_ptr<Panel> make_controls_panel();
std::unique_ptr<Panel> make_lessons_panel();
std::unique_ptr<Panel> make_threads_panel();
std::unique_ptr<Panel> make_code_panel();
std::unique_ptr<Panel> make_narration_panel();
std::unique_ptr<Panel> make_overlapped_panel();
std::unique_ptr<Panel> make_handles_panel();
std::unique_ptr<Panel> make_calls_panel();
std::unique_ptr<Panel> make_console_panel();
std::unique_ptr<Panel> make_port_panel();
std::unique_ptr<Panel> make_apc_panel();
std::unique_ptr<Panel> make_peer_panel();
std::unique_ptr<Panel> make_timeline_panel();

}  // namespace ovlab::gui
