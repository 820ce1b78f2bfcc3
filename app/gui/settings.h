// What the window remembers between runs: zoom, theme, language, window size, the last lesson and
// whether the Timeline was shown. A JSON file in the user's config folder, read at start and
// written at exit. A missing file means the defaults; a broken one (not JSON, a value of the wrong
// type) the defaults too, with one warning; values out of range are clamped. No window needed:
// the tests read and write it directly.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ovlab/lesson_registry.h"
#include "theme.h"

namespace ovlab::gui {

struct Settings {
    float zoom = 1.0f;
    ThemeKind theme = ThemeKind::Light;
    Language language = Language::English;
    int window_width = 1600;  // the size when not maximised, in screen units at 100 % monitor scale
    int window_height = 900;
    bool maximized = false;
    std::string lesson;       // id of the lesson last shown; empty = the first lesson
    bool timeline_shown = false;

    bool operator==(const Settings&) const = default;
};

inline constexpr int kSettingsWindowMin = 640;
inline constexpr int kSettingsWindowMax = 16384;

struct ReadSettings {
    Settings settings;
    // One line each: why the file, or one of its values, was not used ("not JSON: ...",
    // "\"zoom\" is not a number"). Empty when the file was missing or fine.
    std::vector<std::string> problems;
    bool whole_file_ignored = false;  // unreadable, not JSON or not an object: all defaults
    bool window_size_read = false;    // the file gave both window_width and window_height
};

ReadSettings parse_settings(std::string_view json_text);
std::string settings_json(const Settings& settings);

// $XDG_CONFIG_HOME/overlapped-lab/settings.json, else ~/.config/overlapped-lab/settings.json; on
// Windows %APPDATA%\Overlapped Lab\settings.json. Nothing when none of those variables is set.
// `getenv` is std::getenv outside the tests.
std::optional<std::filesystem::path> settings_path(const std::function<const char*(const char*)>& getenv);

// A missing file gives the defaults and no problem; an unreadable or broken one the defaults and
// the reason.
ReadSettings read_settings_file(const std::filesystem::path& path);
// Writes a temporary file beside `path` and renames it over `path`, so a crash or a full disk
// never leaves half a file. Returns why it could not.
std::optional<std::string> write_settings_file(const std::filesystem::path& path, const Settings& settings);

}  // namespace ovlab::gui
