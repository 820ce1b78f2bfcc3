// The window's colour themes by name, for the command line (--theme) and saved settings; the
// colours themselves are in app/gui/theme.cpp.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace ovlab {

// Projector: black on white with dark saturated accents and heavier lines, for a washed-out
// projector in a lit room.
enum class ThemeKind { Light, Dark, Projector };

inline constexpr std::array<ThemeKind, 3> kAllThemes = {ThemeKind::Light, ThemeKind::Dark, ThemeKind::Projector};

constexpr std::string_view theme_name(ThemeKind kind) {
    switch (kind) {
        case ThemeKind::Light: return "light";
        case ThemeKind::Dark: return "dark";
        case ThemeKind::Projector: return "projector";
    }
    return "light";
}

constexpr std::optional<ThemeKind> parse_theme(std::string_view name) {
    for (ThemeKind kind : kAllThemes)
        if (theme_name(kind) == name) return kind;
    return std::nullopt;
}

}  // namespace ovlab
