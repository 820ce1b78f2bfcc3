#include "settings.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>
#include <system_error>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "zoom.h"

namespace ovlab::gui {
namespace {

using nlohmann::json;

// Reads one member when it is there and has the right type; a wrong type is noted and skipped.
class Reader {
public:
    Reader(const json& object, std::vector<std::string>& problems) : object_(object), problems_(problems) {}

    std::optional<double> number(const char* key) {
        const json* value = find(key);
        if (!value) return std::nullopt;
        if (value->is_number()) return value->get<double>();
        problems_.push_back(fmt::format("\"{}\" is not a number", key));
        return std::nullopt;
    }
    std::optional<bool> boolean(const char* key) {
        const json* value = find(key);
        if (!value) return std::nullopt;
        if (value->is_boolean()) return value->get<bool>();
        problems_.push_back(fmt::format("\"{}\" is not true or false", key));
        return std::nullopt;
    }
    std::optional<std::string> text(const char* key) {
        const json* value = find(key);
        if (!value) return std::nullopt;
        if (value->is_string()) return value->get<std::string>();
        problems_.push_back(fmt::format("\"{}\" is not a string", key));
        return std::nullopt;
    }
    void unknown_value(const char* key, const std::string& value) {
        problems_.push_back(fmt::format("\"{}\": unknown value \"{}\"", key, value));
    }

private:
    const json* find(const char* key) const {
        const auto it = object_.find(key);
        return it == object_.end() || it->is_null() ? nullptr : &*it;
    }
    const json& object_;
    std::vector<std::string>& problems_;
};

int window_extent(double value) {
    if (!std::isfinite(value)) return kSettingsWindowMin;
    return static_cast<int>(std::clamp(value, double{kSettingsWindowMin}, double{kSettingsWindowMax}));
}

void read_members(Reader& read, Settings& settings, bool& window_size_read) {
    if (const auto zoom = read.number("zoom")) settings.zoom = app::clamp_zoom(static_cast<float>(*zoom));
    if (const auto theme = read.text("theme")) {
        if (const auto kind = parse_theme(*theme)) settings.theme = *kind;
        else read.unknown_value("theme", *theme);
    }
    if (const auto code = read.text("language")) {
        if (const auto language = parse_language(*code)) settings.language = *language;
        else read.unknown_value("language", *code);
    }
    const auto width = read.number("window_width");
    const auto height = read.number("window_height");
    if (width) settings.window_width = window_extent(*width);
    if (height) settings.window_height = window_extent(*height);
    window_size_read = width && height;
    if (const auto maximized = read.boolean("maximized")) settings.maximized = *maximized;
    if (const auto lesson = read.text("lesson")) settings.lesson = *lesson;
    if (const auto timeline = read.boolean("timeline_shown")) settings.timeline_shown = *timeline;
}

}  // namespace

ReadSettings parse_settings(std::string_view json_text) {
    ReadSettings result;
    const json document = json::parse(json_text, nullptr, false);
    if (document.is_discarded()) {
        result.problems.push_back("not valid JSON");
        result.whole_file_ignored = true;
        return result;
    }
    if (!document.is_object()) {
        result.problems.push_back("not a JSON object");
        result.whole_file_ignored = true;
        return result;
    }
    Reader read(document, result.problems);
    read_members(read, result.settings, result.window_size_read);
    return result;
}

std::string settings_json(const Settings& settings) {
    const json document = {
        {"zoom", std::round(static_cast<double>(settings.zoom) * 100) / 100},  // 1.1, not 1.100000023841858
        {"theme", theme_name(settings.theme)},
        {"language", language_code(settings.language)},
        {"window_width", settings.window_width},
        {"window_height", settings.window_height},
        {"maximized", settings.maximized},
        {"lesson", settings.lesson},
        {"timeline_shown", settings.timeline_shown},
    };
    return document.dump(2) + "\n";
}

std::optional<std::filesystem::path> settings_path(const std::function<const char*(const char*)>& getenv) {
    const auto set = [&](const char* name) -> const char* {
        const char* value = getenv(name);
        return value && *value ? value : nullptr;
    };
    // Environment values are UTF-8 on Linux; on Windows getenv gives the ANSI code page, which
    // std::filesystem::path reads the same way.
#ifdef _WIN32
    if (const char* appdata = set("APPDATA")) return std::filesystem::path(appdata) / "Overlapped Lab" / "settings.json";
#else
    if (const char* config = set("XDG_CONFIG_HOME")) return std::filesystem::path(config) / "overlapped-lab" / "settings.json";
    if (const char* home = set("HOME")) return std::filesystem::path(home) / ".config" / "overlapped-lab" / "settings.json";
#endif
    return std::nullopt;
}

ReadSettings read_settings_file(const std::filesystem::path& path) {
    std::error_code error;
    if (!std::filesystem::exists(path, error) && !error) return {};
    if (!std::filesystem::is_regular_file(path, error)) {
        ReadSettings not_a_file;
        not_a_file.problems.push_back(error ? error.message() : "not a regular file");
        not_a_file.whole_file_ignored = true;
        return not_a_file;
    }
    std::ifstream file(path, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    if (!file || error) {
        ReadSettings unreadable;
        unreadable.problems.push_back(error ? error.message() : "cannot be read");
        unreadable.whole_file_ignored = true;
        return unreadable;
    }
    return parse_settings(text.str());
}

std::optional<std::string> write_settings_file(const std::filesystem::path& path, const Settings& settings) {
    std::error_code error;
    std::filesystem::create_directories(path.parent_path(), error);
    if (error) return fmt::format("cannot create {}: {}", path.parent_path().string(), error.message());
    // Two copies of the lab may save at the same moment: each writes its own temporary file, and
    // the last rename wins whole.
    std::filesystem::path temporary = path;
    temporary += fmt::format(".{:08x}.tmp", std::random_device{}());
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        file << settings_json(settings);
        file.close();
        if (!file) {
            std::filesystem::remove(temporary, error);
            return fmt::format("cannot write {}", temporary.string());
        }
    }
    std::filesystem::rename(temporary, path, error);
    if (error) {
        const std::string reason = error.message();
        std::filesystem::remove(temporary, error);
        return fmt::format("cannot replace {}: {}", path.string(), reason);
    }
    return std::nullopt;
}

}  // namespace ovlab::gui
