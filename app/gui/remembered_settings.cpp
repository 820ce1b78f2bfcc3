#include "remembered_settings.h"

#include <cstdlib>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace ovlab::gui {

RememberedSettings::RememberedSettings(const GuiOptions& options) {
    start_.window_width = options.width;
    start_.window_height = options.height;
    if (options.screenshot_path.empty()) path_ = settings_path([](const char* name) { return std::getenv(name); });
    if (options.screenshot_path.empty()) opening_size_ = Window::Size::FillWorkArea;
    if (path_) {
        ReadSettings read = read_settings_file(*path_);
        if (read.window_size_read) opening_size_ = Window::Size::Given;
        start_ = read.settings;
        if (read.whole_file_ignored)
            fmt::print(stderr, "warning: settings file {} ignored: {}\n", path_->string(), read.problems.front());
        else if (!read.problems.empty())
            fmt::print(stderr, "warning: settings file {}: {} (ignored)\n", path_->string(), fmt::join(read.problems, "; "));
    }
    if (options.size_given) {
        start_.window_width = options.width;
        start_.window_height = options.height;
        start_.maximized = false;
        opening_size_ = Window::Size::Given;
    }
    if (options.language_given) start_.language = options.language;
    if (options.zoom) start_.zoom = *options.zoom;
    if (options.theme) start_.theme = *options.theme;
    if (options.timeline.shown) start_.timeline_shown = true;
    if (!options.lesson_id.empty()) start_.lesson = options.lesson_id;
    placement_ = {start_.window_width, start_.window_height, start_.maximized};
}

void RememberedSettings::follow_window(const Window& window) {
    const Window::Placement now = window.placement();
    if (now.maximized) placement_.maximized = true;
    else if (now.width > 0 && now.height > 0) placement_ = now;
}

void RememberedSettings::save(Settings now) const {
    if (!path_) return;
    now.window_width = placement_.width;
    now.window_height = placement_.height;
    now.maximized = placement_.maximized;
    if (std::optional<std::string> error = write_settings_file(*path_, now))
        fmt::print(stderr, "warning: settings not saved: {}\n", *error);
}

}  // namespace ovlab::gui
