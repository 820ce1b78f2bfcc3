// md4c → MarkdownDocument: the block and span shapes the narration renderer relies on.
#include <gtest/gtest.h>

#include "markdown.h"

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

}  // namespace
}  // namespace ovlab::gui
