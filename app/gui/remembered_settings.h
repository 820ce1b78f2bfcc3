// The settings file for one run of the window: read at start with the command line on top, kept
// up to date while the window is open, written at exit. A --screenshot run uses the defaults and
// leaves the file alone, so its pictures are the same on every machine.
#pragma once

#include <filesystem>
#include <optional>

#include "gui.h"
#include "settings.h"
#include "window.h"

namespace ovlab::gui {

class RememberedSettings {
public:
    // Prints one warning line on stderr for a file that could not be used.
    explicit RememberedSettings(const GuiOptions& options);

    const Settings& at_start() const { return start_; }
    // How the window opens: at the remembered size, at the fixed size of a --screenshot run, or
    // (nothing remembered) filling the monitor's work area.
    Window::Size opening_size() const { return opening_size_; }
    // Call once a frame: keeps the size the window had when it was last not maximised.
    void follow_window(const Window& window);
    // Writes the file (when this run has one); a failure is a warning, never an error.
    void save(Settings now) const;

private:
    std::optional<std::filesystem::path> path_;  // none: a screenshot run, or no config folder
    Settings start_;
    Window::Placement placement_;
    Window::Size opening_size_ = Window::Size::Given;
};

}  // namespace ovlab::gui
