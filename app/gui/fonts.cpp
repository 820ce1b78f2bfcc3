#include "fonts.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include <imgui_internal.h>

#include "font_file_check.h"

namespace ovlab::gui {
namespace {

// Latin with accents, general punctuation (• – “ ” …), arrows, maths, box drawing, geometric
// shapes (● ▶ ◀ ■) and dingbats (✓ ✗): what narration and labels use besides plain ASCII.
const ImWchar kLatinRanges[] = {
    0x0020, 0x017F, 0x2000, 0x206F, 0x2190, 0x21FF, 0x2200, 0x22FF,
    0x2500, 0x257F, 0x25A0, 0x25FF, 0x2700, 0x27BF, 0,
};
// What a face must draw to be worth loading: Latin for every role, Hangul too for the Korean ones
// (which stand in for the UI face when there is no Latin one).
constexpr std::u32string_view kLatinProbe = U"A";
constexpr std::u32string_view kKoreanProbe = U"A\uAC00";

using Candidates = std::map<std::string, std::vector<std::string>, std::less<>>;

struct CheckedFont {
    std::string path;
    std::vector<unsigned char> bytes;
};

Candidates parse_candidates(std::string_view text) {
    Candidates candidates;
    std::istringstream lines{std::string(text)};
    std::string line;
    while (std::getline(lines, line)) {
        const size_t start = line.find_first_not_of(" \t");
        if (start == std::string::npos || line[start] == '#') continue;
        const size_t role_end = line.find_first_of(" \t", start);
        if (role_end == std::string::npos) continue;
        const size_t path_start = line.find_first_not_of(" \t", role_end);
        const size_t path_end = line.find_last_not_of(" \t\r");
        if (path_start == std::string::npos) continue;
        candidates[line.substr(start, role_end - start)].push_back(line.substr(path_start, path_end - path_start + 1));
    }
    return candidates;
}

// Font lists are UTF-8; on Windows a path made from a narrow string would be read in the ANSI code page.
std::filesystem::path utf8_path(const std::string& path) { return std::u8string(path.begin(), path.end()); }

// The first candidate for `role` that is a usable font with the `needed` glyphs. A file that exists
// but is not usable is skipped with one message (a file can be a candidate for several roles); one
// that does not exist is no news, since the list names the fonts of every platform.
std::optional<CheckedFont> first_usable(const Candidates& candidates, std::string_view role,
                                        std::u32string_view needed, std::vector<std::string>& skipped) {
    const auto it = candidates.find(role);
    if (it == candidates.end()) return std::nullopt;
    for (const std::string& path : it->second) {
        std::error_code error;
        if (!std::filesystem::exists(utf8_path(path), error)) continue;
        FontFile font = read_font_file(utf8_path(path), needed);
        if (font.problem.empty()) return CheckedFont{path, std::move(font.bytes)};
        std::string message = fmt::format("font {} skipped: {}", path, font.problem);
        if (std::find(skipped.begin(), skipped.end(), message) == skipped.end()) skipped.push_back(std::move(message));
    }
    return std::nullopt;
}

ImFont* add_font(const CheckedFont& font, float pixels, const ImWchar* ranges, bool merge) {
    ImFontConfig config;
    config.MergeMode = merge;
    // Hangul at classroom sizes is crisp without horizontal oversampling, and oversampling thousands
    // of syllables would double the atlas.
    config.OversampleH = merge ? 1 : 2;
    config.PixelSnapH = merge;
    // The atlas keeps the data for as long as it lives and frees it with IM_FREE.
    void* data = IM_ALLOC(font.bytes.size());
    std::memcpy(data, font.bytes.data(), font.bytes.size());
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(data, static_cast<int>(font.bytes.size()), pixels, &config,
                                                      ranges);
}

ImFont* add_default_font(float pixels) {
    ImFontConfig config;
    config.SizePixels = pixels;
    return ImGui::GetIO().Fonts->AddFontDefault(&config);
}

// A face for `role` (Latin) with Hangul from `korean_path` merged in when there is one.
ImFont* add_face(const std::optional<CheckedFont>& latin, const std::optional<CheckedFont>& korean, float pixels) {
    ImFont* font = nullptr;
    if (latin) font = add_font(*latin, pixels, kLatinRanges, false);
    else if (korean) font = add_font(*korean, pixels, kLatinRanges, false);
    else font = add_default_font(pixels);
    if (korean) add_font(*korean, pixels, ui_hangul_ranges(), true);
    return font;
}

// The monospace face with Hangul merged in (Korean in console output, code blocks and `code` spans).
// Without a monospace file, ImGui's own font, which is monospaced too, rather than a Korean face.
ImFont* add_mono_face(const std::optional<CheckedFont>& mono, const std::optional<CheckedFont>& korean, float pixels) {
    ImFont* font = mono ? add_font(*mono, pixels, kLatinRanges, false) : add_default_font(pixels);
    if (korean) add_font(*korean, pixels, mono_hangul_ranges(), true);
    return font;
}

// $OVLAB_FONTS names a fonts.txt to use instead of the built-in one (a classroom machine with
// other fonts); an unreadable file is reported and the built-in list used.
std::string candidates_text(std::string& problem) {
    const char* path = std::getenv("OVLAB_FONTS");
    if (!path || !*path) return std::string(font_candidates_text());
    std::ifstream file(path);
    std::stringstream text;
    text << file.rdbuf();
    if (!file) {
        problem = fmt::format("cannot read OVLAB_FONTS={}: using the built-in font list", path);
        return std::string(font_candidates_text());
    }
    return text.str();
}

}  // namespace

Fonts load_fonts(float ui_pixels, float mono_pixels) {
    std::string file_problem;
    const Candidates candidates = parse_candidates(candidates_text(file_problem));
    Fonts fonts;
    const auto find = [&](std::string_view role, std::u32string_view needed) {
        return first_usable(candidates, role, needed, fonts.skipped);
    };
    const std::optional<CheckedFont> ui = find("ui", kLatinProbe);
    const std::optional<CheckedFont> ui_bold = find("ui-bold", kLatinProbe);
    const std::optional<CheckedFont> ui_italic = find("ui-italic", kLatinProbe);
    const std::optional<CheckedFont> korean = find("korean", kKoreanProbe);
    std::optional<CheckedFont> korean_bold = find("korean-bold", kKoreanProbe);
    if (!korean_bold) korean_bold = korean;
    const std::optional<CheckedFont> mono = find("mono", kLatinProbe);
    std::optional<CheckedFont> korean_mono = find("korean-mono", kKoreanProbe);
    if (!korean_mono) korean_mono = korean;

    ImGui::GetIO().Fonts->Clear();
    fonts.regular = add_face(ui, korean, ui_pixels);  // the first font added is ImGui's default
    fonts.bold = ui_bold ? add_face(ui_bold, korean_bold, ui_pixels) : fonts.regular;
    fonts.italic = ui_italic ? add_font(*ui_italic, ui_pixels, kLatinRanges, false) : fonts.regular;
    fonts.mono = add_mono_face(mono, korean_mono, mono_pixels);
    fonts.korean = korean.has_value();

    std::vector<std::string> missing;
    if (!ui) missing.push_back("a UI font (DejaVu Sans)");
    if (!mono) missing.push_back("a monospace font (DejaVu Sans Mono)");
    if (!korean) missing.push_back("a Korean font (NanumGothic: install fonts-nanum)");
    for (size_t i = 0; i < missing.size(); ++i) fonts.problem += (i ? ", " : "fonts not found: ") + missing[i];
    if (!file_problem.empty()) fonts.problem = file_problem + (fonts.problem.empty() ? "" : "; " + fonts.problem);
    return fonts;
}

bool font_has_glyphs(const ImFont* font, std::string_view text) {
    const char* p = text.data();
    const char* end = text.data() + text.size();
    while (p < end) {
        unsigned int c = 0;
        const int length = ImTextCharFromUtf8(&c, p, end);
        if (length <= 0) break;
        p += length;
        if (c >= 0x20 && !font->FindGlyphNoFallback(static_cast<ImWchar>(c))) return false;
    }
    return true;
}

}  // namespace ovlab::gui
