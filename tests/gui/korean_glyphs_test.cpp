// No '?' in Korean: every character of every Korean text the window can draw has a glyph in the
// fonts it is drawn with, loaded the way the window loads them (load_fonts, then the atlas built).
// The texts: the Korean column of the UI strings, the lessons' Korean titles and parameters, every
// narration.ko.md, and the Korean headless transcripts (call notes, console lines, field names).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "fonts.h"
#include "markdown.h"
#include "ovlab/lesson_registry.h"
#include "ui_strings.h"

namespace ovlab::gui {
namespace {

struct KoreanText {
    std::string where;  // "lessons/pitfalls/narration.ko.md", "UI string 41"
    std::string text;
};

std::string read_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

std::vector<KoreanText> korean_texts() {
    std::vector<KoreanText> texts;
    const char* const ui_strings[] = {
#define OVLAB_KOREAN_COLUMN(id, en, ko) ko,
        OVLAB_ALL_UI_STRINGS(OVLAB_KOREAN_COLUMN)
#undef OVLAB_KOREAN_COLUMN
    };
    for (size_t i = 0; i < std::size(ui_strings); ++i) texts.push_back({fmt::format("UI string {}", i), ui_strings[i]});
    for (const LessonInfo& lesson : all_lessons()) {
        texts.push_back({lesson.id + " title", lesson.title_ko});
        for (const LessonParameter& parameter : lesson.parameters)
            texts.push_back({lesson.id + " parameter " + parameter.name, parameter.explain_ko});
    }
    const std::filesystem::path source = OVLAB_SOURCE_DIR;
    for (const auto& entry : std::filesystem::directory_iterator(source / "lessons"))
        if (std::filesystem::exists(entry.path() / "narration.ko.md"))
            texts.push_back({fmt::format("lessons/{}/narration.ko.md", entry.path().filename().string()),
                             read_file(entry.path() / "narration.ko.md")});
    for (const auto& entry : std::filesystem::directory_iterator(source / "tests" / "golden"))
        if (entry.path().filename().string().ends_with(".ko.txt"))
            texts.push_back({"tests/golden/" + entry.path().filename().string(), read_file(entry.path())});
    return texts;
}

// The first place each code point `font` cannot draw appears, "file:line".
std::map<unsigned int, std::string> missing_glyphs(const ImFont* font, const std::vector<KoreanText>& texts) {
    std::map<unsigned int, std::string> missing;
    for (const KoreanText& text : texts) {
        int line = 1;
        const char* p = text.text.c_str();
        const char* end = p + text.text.size();
        while (p < end) {
            unsigned int c = 0;
            const int length = ImTextCharFromUtf8(&c, p, end);
            if (length <= 0) break;
            p += length;
            if (c == '\n') ++line;
            if (c < 0x20 || font->FindGlyphNoFallback(static_cast<ImWchar>(c))) continue;
            missing.emplace(c, fmt::format("{}:{}", text.where, line));
        }
    }
    return missing;
}

std::string describe(const std::map<unsigned int, std::string>& missing) {
    std::string out;
    for (const auto& [c, where] : missing) {
        char utf8[5] = {};
        ImTextCharToUtf8(utf8, c);
        out += fmt::format("  U+{:04X} '{}' first in {}\n", c, utf8, where);
    }
    return out;
}

class KoreanGlyphs : public ::testing::Test {
protected:
    void SetUp() override {
        ImGui::CreateContext();
        const auto start = std::chrono::steady_clock::now();
        fonts_ = load_fonts(18.0f, 16.0f);
        ImGui::GetIO().Fonts->Build();
        const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
        std::cout << fmt::format("fonts loaded and atlas built in {:.0f} ms\n", took.count());
    }
    void TearDown() override { ImGui::DestroyContext(); }
    Fonts fonts_;
};

TEST_F(KoreanGlyphs, EveryKoreanTextHasAGlyphForEveryCharacterInTheUiAndMonoFonts) {
    ASSERT_TRUE(fonts_.korean) << fonts_.problem;
    const std::vector<KoreanText> texts = korean_texts();
    ASSERT_GT(texts.size(), 100u);  // the UI strings, titles, narration and transcripts were all found
    for (const auto& [name, font] : {std::pair{"regular", fonts_.regular}, std::pair{"bold", fonts_.bold},
                                     std::pair{"mono", fonts_.mono}}) {
        const auto missing = missing_glyphs(font, texts);
        EXPECT_TRUE(missing.empty()) << "the " << name << " font would draw '?' for:\n" << describe(missing);
    }
}

// Narration words in italic (or bold, or code) are drawn in the face markdown_font picks: the italic
// face has no Hangul, so a Korean word in *italics* must come out upright in the regular face.
TEST_F(KoreanGlyphs, EveryStyledWordOfKoreanNarrationIsDrawnInAFaceThatHasItsCharacters) {
    ASSERT_TRUE(fonts_.korean) << fonts_.problem;
    size_t upright_italics = 0;
    for (const KoreanText& text : korean_texts()) {
        if (!text.where.ends_with(".md")) continue;
        for (const MarkdownBlock& block : parse_markdown(text.text).blocks)
            for (const MarkdownSpan& span : block.spans) {
                std::istringstream words(span.text);
                std::string word;
                while (words >> word) {
                    const ImFont* font = markdown_font(span.style, fonts_, word);
                    EXPECT_TRUE(font_has_glyphs(font, word)) << text.where << ": '" << word << "'";
                    if ((span.style & MarkdownStyle_Italic) && font != fonts_.italic) ++upright_italics;
                }
            }
    }
    EXPECT_GT(upright_italics, 0u);  // the narration does have Korean in italics: the fallback was exercised
}

}  // namespace
}  // namespace ovlab::gui
