// The common shape of every panel: a title strip with a help tooltip that explains the panel, an
// explicit empty state ("No OVERLAPPED yet — step to the first overlapped call"), and the body.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <imgui.h>

#include "gui_context.h"
#include "layout.h"
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

// Draws `panel` as a fixed window at `pos` with `size` (the window lays the panels out). A double
// click on its title strip asks for it to fill the window, or to go back (UiRequests::toggle_enlarged).
void draw_panel(Panel& panel, GuiContext& ctx, ImVec2 pos, ImVec2 size);
float panel_header_height();
// The screen x where a panel's strip extras must end: the help icon is to its right.
float panel_header_extras_right();
// Draws each panel in its place; while ctx.enlarged_panel names one of them, only the toolbar and
// that panel, over `enlarged_area`.
void draw_placed_panels(const std::vector<std::pair<Panel*, PanelRect>>& placed, GuiContext& ctx,
                        PanelRect enlarged_area);
// Esc puts an enlarged panel back in its place.
void restore_enlarged_panel_on_escape(GuiContext& ctx);

// The height of the Code panel showing `rows` rows of code in a font of `mono_pixels`.
float code_panel_height(int rows, float mono_pixels);

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
