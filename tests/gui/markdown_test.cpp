// md4c → MarkdownDocument: the block and span shapes the narration renderer relies on; and the
// layout of very long text, which must cost work linear in its length.
#include <chrono>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "markdown.h"
#include "ui_strings.h"

namespace ovlab::gui {
namespace {

using Kind = MarkdownBlock::Kind;

TEST(MarkdownParse, HeadingsParagraphsAndInlineStyles) {
    const MarkdownDocument doc = parse_markdown("### What happens\n\nReadFile *starts* a **request**: `0x103`.\n");
    ASSERT_TRUE(doc.parsed);
    ASSERT_EQ(doc.blocks.size(), 2u);
    EXPECT_EQ(doc.blocks[0].kind, Kind::Heading);
    EXPECT_EQ(doc.blocks[0].heading_level, 3);
    const std::vector<MarkdownSpan>& spans = doc.blocks[1].spans;
    ASSERT_EQ(spans.size(), 7u);
    EXPECT_EQ(spans[1].text, "starts");
    EXPECT_EQ(spans[1].style, MarkdownStyle_Italic);
    EXPECT_EQ(spans[3].text, "request");
    EXPECT_EQ(spans[3].style, MarkdownStyle_Bold);
    EXPECT_EQ(spans[5].text, "0x103");
    EXPECT_EQ(spans[5].style, MarkdownStyle_Code);
}

TEST(MarkdownParse, ListsNestAndNumber) {
    const MarkdownDocument doc = parse_markdown("3. first\n4. second\n   - inner\n");
    ASSERT_EQ(doc.blocks.size(), 3u);
    EXPECT_EQ(doc.blocks[0].bullet, "3.");
    EXPECT_EQ(doc.blocks[1].bullet, "4.");
    EXPECT_EQ(doc.blocks[2].kind, Kind::ListItem);
    EXPECT_EQ(doc.blocks[2].indent, 2);
    EXPECT_EQ(doc.blocks[2].spans.at(0).text, "inner");
}

TEST(MarkdownParse, TablesKeepTheirCells) {
    const MarkdownDocument doc = parse_markdown("| part | hEvent |\n|---|---|\n| A | NULL |\n");
    ASSERT_EQ(doc.blocks.size(), 1u);
    const MarkdownBlock& table = doc.blocks[0];
    EXPECT_EQ(table.kind, Kind::Table);
    EXPECT_TRUE(table.table_header);
    ASSERT_EQ(table.rows.size(), 2u);
    ASSERT_EQ(table.rows[1].size(), 2u);
    EXPECT_EQ(table.rows[1][1].at(0).text, "NULL");
}

TEST(MarkdownParse, KoreanTextAndEntitiesSurvive) {
    const MarkdownDocument doc = parse_markdown("읽기가 **시작**되었습니다 &amp; 끝납니다\n");
    ASSERT_EQ(doc.blocks.size(), 1u);
    std::string text;
    for (const MarkdownSpan& span : doc.blocks[0].spans) text += span.text;
    EXPECT_EQ(text, "읽기가 시작되었습니다 & 끝납니다");
}

MarkdownDocument one_paragraph(std::string text) {
    MarkdownDocument document;
    document.blocks.push_back({});
    document.blocks.back().spans.push_back({std::move(text), MarkdownStyle_None});
    return document;
}

std::string visible_text(const MarkdownBlock& block) {
    std::string text;
    for (const MarkdownSpan& span : block.spans) text += span.text;
    return text;
}

TEST(MarkdownParse, AnOverlongParagraphIsCutWithAMarker) {
    const MarkdownDocument doc = parse_markdown(std::string(5'000'000, 'x') + "\n\nnext paragraph\n");
    ASSERT_EQ(doc.blocks.size(), 2u);
    const std::string text = visible_text(doc.blocks[0]);
    EXPECT_EQ(text.substr(0, kMarkdownBlockTextLimit), std::string(kMarkdownBlockTextLimit, 'x'));
    EXPECT_EQ(text.substr(kMarkdownBlockTextLimit),
              fmt::format("… ({} more characters not shown)", 5'000'000 - kMarkdownBlockTextLimit));
    EXPECT_EQ(doc.blocks[0].spans.back().style, MarkdownStyle_Italic);
    EXPECT_EQ(visible_text(doc.blocks[1]), "next paragraph");
}

TEST(MarkdownParse, TheCutKeepsWholeCharactersAndSpeaksTheUiLanguage) {
    set_ui_language(Language::Korean);
    const MarkdownDocument doc = parse_markdown(std::string(kMarkdownBlockTextLimit, 'x') + "가나다");
    set_ui_language(Language::English);
    ASSERT_EQ(doc.blocks.size(), 1u);
    EXPECT_EQ(visible_text(doc.blocks[0]),
              std::string(kMarkdownBlockTextLimit, 'x') + "… (나머지 3자는 표시하지 않습니다)");
}

// An ImGui context with the built-in font and a window but no display: enough to lay out narration.
class MarkdownLayout : public ::testing::Test {
protected:
    MarkdownLayout() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1600, 900);
        ImFont* font = io.Fonts->AddFontDefault();
        unsigned char* pixels = nullptr;
        int width = 0, height = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
        fonts_.regular = fonts_.bold = fonts_.italic = fonts_.mono = font;
    }
    ~MarkdownLayout() override { ImGui::DestroyContext(); }

    MarkdownLayoutWork lay_out(const MarkdownDocument& document, std::string_view what) {
        ImGui::NewFrame();
        ImGui::SetNextWindowSize(ImVec2(600, 800));
        ImGui::Begin(std::string(what).c_str());  // a new window each time: no scrollbar narrows it
        const auto start = std::chrono::steady_clock::now();
        const MarkdownLayoutWork work = render_markdown(document, fonts_);
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        ImGui::End();
        ImGui::EndFrame();
        fmt::print("{}: {} lines, {} bytes measured, {:.3f} s\n", what, work.lines, work.bytes_measured, took.count());
        return work;
    }

    Fonts fonts_;
};

// A word longer than a line is cut into line-wide pieces; measuring the shrinking rest again after
// each piece made 1 MB take minutes and 5 MB never finish.
TEST_F(MarkdownLayout, AWordWithoutSpacesCostsWorkLinearInItsLength) {
    const MarkdownLayoutWork one = lay_out(one_paragraph(std::string(1'000'000, 'x')), "1 MB word");
    const MarkdownLayoutWork five = lay_out(one_paragraph(std::string(5'000'000, 'x')), "5 MB word");
    EXPECT_LE(one.bytes_measured, 3u * 1'000'000);
    EXPECT_LE(five.bytes_measured, 3u * 5'000'000);
    EXPECT_GT(one.lines, 1'000u);
    EXPECT_NEAR(static_cast<double>(five.lines) / static_cast<double>(one.lines), 5.0, 0.001);
}

TEST_F(MarkdownLayout, ManyShortWordsCostWorkLinearInTheirLength) {
    std::string words;
    while (words.size() < 1'000'000) words += "overlapped ";
    const MarkdownLayoutWork work = lay_out(one_paragraph(words), "1 MB of words");
    EXPECT_LE(work.bytes_measured, 3u * words.size());
    EXPECT_GT(work.lines, 1'000u);
}

TEST_F(MarkdownLayout, AParsedOverlongParagraphStaysSmall) {
    const MarkdownLayoutWork work = lay_out(parse_markdown(std::string(5'000'000, 'x')), "parsed 5 MB word");
    EXPECT_LE(work.bytes_measured, 4 * kMarkdownBlockTextLimit);
}

}  // namespace
}  // namespace ovlab::gui
