// Every text/background pair the panels draw (contrast_pairs() in theme.cpp) meets WCAG 2.x's 4.5:1
// in every theme, and the thread colours stay apart from each other.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "theme.h"

namespace ovlab::gui {
namespace {

// WCAG 2.x: sRGB channel to linear light, relative luminance, contrast ratio.
double linear(double channel) {
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

double relative_luminance(const ImVec4& c) {
    return 0.2126 * linear(c.x) + 0.7152 * linear(c.y) + 0.0722 * linear(c.z);
}

double contrast_ratio(const ImVec4& a, const ImVec4& b) {
    const double la = relative_luminance(a), lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

struct Lab {
    double l, a, b;
};

// sRGB (D65) to CIELAB.
Lab to_lab(const ImVec4& c) {
    const double r = linear(c.x), g = linear(c.y), b = linear(c.z);
    const double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    auto f = [](double t) { return t > 216.0 / 24389.0 ? std::cbrt(t) : (24389.0 / 27.0 * t + 16.0) / 116.0; };
    return {116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))};
}

// CIE76 colour difference: the distance in CIELAB.
double delta_e76(const ImVec4& a, const ImVec4& b) {
    const Lab p = to_lab(a), q = to_lab(b);
    return std::hypot(p.l - q.l, p.a - q.a, p.b - q.b);
}

ImVec4 hex(uint32_t rgb) {
    return ImVec4(((rgb >> 16) & 0xFF) / 255.0f, ((rgb >> 8) & 0xFF) / 255.0f, (rgb & 0xFF) / 255.0f, 1.0f);
}

bool same(const ImVec4& a, const ImVec4& b) { return a.x == b.x && a.y == b.y && a.z == b.z; }

TEST(ThemeContrast, TheFormulasGiveWcagsOwnFigures) {
    EXPECT_NEAR(contrast_ratio(hex(0x000000), hex(0xFFFFFF)), 21.0, 1e-9);
    EXPECT_NEAR(contrast_ratio(hex(0x777777), hex(0xFFFFFF)), 4.48, 0.01);  // the classic just-failing grey
    EXPECT_NEAR(contrast_ratio(hex(0x767676), hex(0xFFFFFF)), 4.54, 0.01);
    EXPECT_NEAR(delta_e76(hex(0xFF0000), hex(0xFF0000)), 0.0, 1e-9);
    EXPECT_NEAR(to_lab(hex(0xFFFFFF)).l, 100.0, 0.01);
}

TEST(ThemeContrast, EveryTextPairOfEveryThemeMeetsFourAndAHalfToOne) {
    for (ThemeKind kind : kAllThemes) {
        const std::vector<ContrastPair> pairs = contrast_pairs(kind);
        ASSERT_FALSE(pairs.empty());
        const ContrastPair* lowest = &pairs.front();
        for (const ContrastPair& pair : pairs) {
            EXPECT_EQ(pair.text.w, 1.0f) << pair.where << ": blend the text colour before checking it";
            EXPECT_EQ(pair.background.w, 1.0f) << pair.where << ": blend the background before checking it";
            const double ratio = contrast_ratio(pair.text, pair.background);
            EXPECT_GE(ratio, 4.5) << theme_name(kind) << ": " << pair.where << fmt::format(" is {:.2f}:1", ratio);
            if (ratio < contrast_ratio(lowest->text, lowest->background)) lowest = &pair;
        }
        std::cout << fmt::format("{}: {} pairs, lowest {:.2f}:1 ({})\n", theme_name(kind), pairs.size(),
                                 contrast_ratio(lowest->text, lowest->background), lowest->where);
    }
}

// Thread colours are read as text, under white or black labels and as line tints: each must be in
// the pairs, both as text and as a fill, so none can escape the check above.
TEST(ThemeContrast, EveryThreadColourIsCheckedAsTextAndAsFill) {
    for (ThemeKind kind : kAllThemes) {
        const Palette& p = palette_for(kind);
        const std::vector<ContrastPair> pairs = contrast_pairs(kind);
        for (size_t i = 0; i < p.threads.size(); ++i) {
            const bool as_text = std::any_of(pairs.begin(), pairs.end(), [&](const ContrastPair& pair) {
                return same(pair.text, p.threads[i]) && same(pair.background, p.panel_bg);
            });
            const bool as_fill = std::any_of(pairs.begin(), pairs.end(), [&](const ContrastPair& pair) {
                return same(pair.text, p.accent_text) && same(pair.background, p.threads[i]);
            });
            EXPECT_TRUE(as_text && as_fill) << theme_name(kind) << ": thread " << i + 1;
        }
    }
}

// A just-noticeable difference is about 2.3 in CIE76; threads have to be told apart at a glance,
// by name ("the green one"), on a projector that flattens colours. 25 (ten times the JND, about the
// step between neighbouring hues of a 12-hue wheel at text lightness) keeps every pair nameable.
constexpr double kDistinctThreads = 25.0;

TEST(ThemeContrast, TwelveThreadColoursAreDistinctInEveryTheme) {
    static_assert(kThreadColourCount >= 12);
    for (ThemeKind kind : kAllThemes) {
        const Palette& p = palette_for(kind);
        double closest = 1e9;
        std::string which;
        for (size_t i = 0; i < p.threads.size(); ++i)
            for (size_t j = i + 1; j < p.threads.size(); ++j) {
                const double distance = delta_e76(p.threads[i], p.threads[j]);
                if (distance < closest) closest = distance, which = fmt::format("threads {} and {}", i + 1, j + 1);
            }
        EXPECT_GE(closest, kDistinctThreads) << theme_name(kind) << ": " << which;
        std::cout << fmt::format("{}: closest thread colours {} (CIE76 {:.1f})\n", theme_name(kind), which, closest);
    }
}

}  // namespace
}  // namespace ovlab::gui
