// The window's fonts, found through assets/fonts.txt (built into the binary): a UI face with Hangul
// merged in (Korean narration), its bold, a Latin italic and a monospace face for code, with Hangul
// merged in too (a Korean coding font when there is one). Each file is
// checked first (font_file_check.h); a bad one is skipped for the next candidate, then ImGui's own font.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace ovlab::gui {

struct Fonts {
    ImFont* regular = nullptr;
    ImFont* bold = nullptr;
    ImFont* italic = nullptr;   // Latin only: text with other glyphs falls back to `regular`
    ImFont* mono = nullptr;
    bool korean = false;        // Hangul glyphs are available in `regular`, `bold` and `mono`
    std::string problem;        // one line naming what was not found, empty when all is well
    std::vector<std::string> skipped;  // one line per font file found but unusable ("font X skipped: empty file")
};

// Loads the fonts into ImGui's atlas (call before the renderer builds its font texture).
Fonts load_fonts(float ui_pixels, float mono_pixels);

// The 2,350 Hangul syllables of KS X 1001 in UTF-8: the ones every face can draw.
std::string_view common_hangul_syllables();
// Glyph ranges of the Hangul merged into the faces (fonts_hangul.cpp): for the regular and bold
// faces the common syllables and every syllable of the window's own Korean texts, for the
// monospace face the common syllables; jamo, CJK punctuation and full-width forms in both.
const ImWchar* ui_hangul_ranges();
const ImWchar* mono_hangul_ranges();

// The text of assets/fonts.txt, embedded at build time (generated font_candidates.cpp).
std::string_view font_candidates_text();

// True when `font` has a glyph for every character of `text` (so no '?' would be drawn).
bool font_has_glyphs(const ImFont* font, std::string_view text);

}  // namespace ovlab::gui
