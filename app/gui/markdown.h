// Narration is Markdown. md4c parses it into a small document (blocks of styled spans) and this
// renderer lays it out with word wrapping and mixed fonts: headings, paragraphs, bold, italic,
// inline code, code blocks, quotes, tables and (nested) lists.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fonts.h"

namespace ovlab::gui {

enum MarkdownStyle : uint8_t {
    MarkdownStyle_None = 0,
    MarkdownStyle_Bold = 1 << 0,
    MarkdownStyle_Italic = 1 << 1,
    MarkdownStyle_Code = 1 << 2,
    MarkdownStyle_Link = 1 << 3,
    MarkdownStyle_LineBreak = 1 << 4,  // a hard line break; the span has no text
};

struct MarkdownSpan {
    std::string text;
    uint8_t style = MarkdownStyle_None;
};

struct MarkdownBlock {
    enum class Kind { Paragraph, Heading, ListItem, CodeBlock, Rule, Table } kind = Kind::Paragraph;
    int heading_level = 0;
    int indent = 0;         // list nesting depth
    bool quote = false;     // inside a block quote
    std::string bullet;     // "•" or "3." for list items
    std::vector<MarkdownSpan> spans;
    // Tables: rows of cells of spans; the first row is the header when `table_header` is set.
    std::vector<std::vector<std::vector<MarkdownSpan>>> rows;
    bool table_header = false;
};

struct MarkdownDocument {
    std::vector<MarkdownBlock> blocks;
    bool parsed = false;    // false when md4c refused the text (it is then shown as one paragraph)
};

// A block's text beyond this many bytes is not kept: a line "… (N more characters not shown)"
// takes its place. The window lays out every block each frame, so a pasted megabyte would make
// each frame slow; real narration paragraphs are a few hundred bytes.
inline constexpr size_t kMarkdownBlockTextLimit = 16 * 1024;

MarkdownDocument parse_markdown(std::string_view text);

// What laying out a document took, so tests can check it grows linearly with the text.
struct MarkdownLayoutWork {
    size_t lines = 0;           // wrapped and broken lines of flowing text
    size_t bytes_measured = 0;  // text whose width was asked of ImGui
};

// The face a word of flowing text in `style` is drawn in: the style's own face, or the regular one
// when that face lacks one of the word's characters (Hangul in italic is drawn upright, not as '?').
ImFont* markdown_font(uint8_t style, const Fonts& fonts, std::string_view word);

// Draws the document at the cursor, wrapped to the available width.
MarkdownLayoutWork render_markdown(const MarkdownDocument& document, const Fonts& fonts);

}  // namespace ovlab::gui
