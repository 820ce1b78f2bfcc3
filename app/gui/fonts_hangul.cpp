// Which Hangul the font atlas holds. ImGui draws every glyph of every range into the atlas before
// the first frame, and all 11,172 syllables in the regular and the bold face made that the longest
// step of start-up. The faces hold the 2,350 common syllables (common_hangul_syllables) and, for
// the regular and bold faces, every other syllable the window's own Korean texts use: the UI strings,
// the lessons' titles, parameters, console wording and Korean narration (read here, once). The Korean
// glyph test checks every Korean text the window shows is covered.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <imgui.h>

#include "fonts.h"
#include "ovlab/lesson_registry.h"
#include "ui_strings.h"

namespace ovlab::gui {
namespace {

// Hangul jamo, CJK punctuation, compatibility jamo and full-width forms: few, so all of them.
const ImWchar kHangulMarks[] = {0x1100, 0x11FF, 0x3000, 0x303F, 0x3131, 0x318F, 0xFF00, 0xFFEF, 0};

void add_text(ImFontGlyphRangesBuilder& builder, std::string_view text) {
    builder.AddText(text.data(), text.data() + text.size());
}

// An unreadable narration file adds nothing: the narration panel reports it when it is opened.
void add_file(ImFontGlyphRangesBuilder& builder, const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    add_text(builder, text);
}

void add_window_texts(ImFontGlyphRangesBuilder& builder) {
    const char* const ui_strings[] = {
#define OVLAB_KOREAN_COLUMN(id, en, ko) ko,
        OVLAB_ALL_UI_STRINGS(OVLAB_KOREAN_COLUMN)
#undef OVLAB_KOREAN_COLUMN
    };
    for (const char* text : ui_strings) add_text(builder, text);
    for (const LessonInfo& lesson : all_lessons()) {
        add_text(builder, lesson.title_ko);
        for (const LessonParameter& parameter : lesson.parameters) add_text(builder, parameter.explain_ko);
        for (const ConsoleWording& wording : lesson.console_ko) add_text(builder, wording.korean);
        add_file(builder, Narration::file_for(lesson, Language::Korean));
    }
}

// Only the Hangul of `builder`'s code points is kept: Latin and the rest come from their own ranges.
ImVector<ImWchar> hangul_only(ImFontGlyphRangesBuilder& builder) {
    for (unsigned int c = 0; c < 0xAC00; ++c) builder.UsedChars[static_cast<int>(c >> 5)] &= ~(1u << (c & 31));
    for (unsigned int c = 0xD7A4; c <= IM_UNICODE_CODEPOINT_MAX; ++c)
        builder.UsedChars[static_cast<int>(c >> 5)] &= ~(1u << (c & 31));
    builder.AddRanges(kHangulMarks);
    ImVector<ImWchar> ranges;
    builder.BuildRanges(&ranges);
    return ranges;
}

ImVector<ImWchar> build_ranges(bool with_window_texts) {
    ImFontGlyphRangesBuilder builder;
    add_text(builder, common_hangul_syllables());
    if (with_window_texts) add_window_texts(builder);
    return hangul_only(builder);
}

}  // namespace

// ImGui reads the ranges when the atlas is built (again at each zoom), so they live as long as the program.
const ImWchar* ui_hangul_ranges() {
    static const ImVector<ImWchar> ranges = build_ranges(true);
    return ranges.Data;
}

const ImWchar* mono_hangul_ranges() {
    static const ImVector<ImWchar> ranges = build_ranges(false);
    return ranges.Data;
}

}  // namespace ovlab::gui
