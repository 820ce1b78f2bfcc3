// md4c callbacks → MarkdownDocument.
#include <algorithm>

#include <md4c.h>

#include <fmt/format.h>

#include "markdown.h"
#include "ui_strings.h"

namespace ovlab::gui {
namespace {

struct ListLevel {
    bool ordered = false;
    unsigned next_number = 1;
};

struct Builder {
    MarkdownDocument document;
    std::vector<ListLevel> lists;
    int quote_depth = 0;
    int bold = 0, italic = 0, code = 0, link = 0;
    bool in_code_block = false;
    bool in_table = false;
    bool list_item_waiting_for_text = false;  // a new <li> whose first paragraph joins its bullet

    MarkdownBlock& begin_block(MarkdownBlock::Kind kind) {
        MarkdownBlock block;
        block.kind = kind;
        block.indent = static_cast<int>(lists.size());
        block.quote = quote_depth > 0;
        document.blocks.push_back(std::move(block));
        return document.blocks.back();
    }

    MarkdownBlock& current() {
        if (document.blocks.empty()) begin_block(MarkdownBlock::Kind::Paragraph);
        return document.blocks.back();
    }

    uint8_t style() const {
        uint8_t s = MarkdownStyle_None;
        if (bold) s |= MarkdownStyle_Bold;
        if (italic) s |= MarkdownStyle_Italic;
        if (code) s |= MarkdownStyle_Code;
        if (link) s |= MarkdownStyle_Link;
        return s;
    }

    std::vector<MarkdownSpan>& target() {
        MarkdownBlock& block = current();
        if (in_table && !block.rows.empty() && !block.rows.back().empty()) return block.rows.back().back();
        return block.spans;
    }

    void append(std::string_view text, uint8_t span_style) {
        std::vector<MarkdownSpan>& spans = target();
        if (!spans.empty() && spans.back().style == span_style && !(span_style & MarkdownStyle_LineBreak)) {
            spans.back().text += text;
        } else {
            spans.push_back({std::string(text), span_style});
        }
    }
};

std::string_view decode_entity(std::string_view entity) {
    if (entity == "&amp;") return "&";
    if (entity == "&lt;") return "<";
    if (entity == "&gt;") return ">";
    if (entity == "&quot;") return "\"";
    if (entity == "&apos;" || entity == "&#39;") return "'";
    if (entity == "&nbsp;") return " ";
    if (entity == "&mdash;") return "\u2014";
    if (entity == "&ndash;") return "\u2013";
    if (entity == "&rarr;") return "\u2192";
    return entity;
}

int enter_block(MD_BLOCKTYPE type, void* detail, void* user) {
    Builder& b = *static_cast<Builder*>(user);
    switch (type) {
        case MD_BLOCK_QUOTE: ++b.quote_depth; break;
        case MD_BLOCK_UL: b.lists.push_back({false, 1}); break;
        case MD_BLOCK_OL: b.lists.push_back({true, static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start}); break;
        case MD_BLOCK_LI: {
            ListLevel& list = b.lists.back();
            MarkdownBlock& item = b.begin_block(MarkdownBlock::Kind::ListItem);
            item.bullet = list.ordered ? fmt::format("{}.", list.next_number++) : (b.lists.size() % 2 ? "\u2022" : "\u25E6");
            b.list_item_waiting_for_text = true;
            break;
        }
        case MD_BLOCK_HR: b.begin_block(MarkdownBlock::Kind::Rule); break;
        case MD_BLOCK_H:
            b.begin_block(MarkdownBlock::Kind::Heading).heading_level =
                static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
            break;
        case MD_BLOCK_CODE:
            b.begin_block(MarkdownBlock::Kind::CodeBlock);
            b.in_code_block = true;
            break;
        case MD_BLOCK_P:
        case MD_BLOCK_HTML:
            if (!b.list_item_waiting_for_text) b.begin_block(MarkdownBlock::Kind::Paragraph);
            b.list_item_waiting_for_text = false;
            break;
        case MD_BLOCK_TABLE:
            b.begin_block(MarkdownBlock::Kind::Table);
            b.in_table = true;
            break;
        case MD_BLOCK_THEAD: b.current().table_header = true; break;
        case MD_BLOCK_TR:
            if (b.in_table) b.current().rows.emplace_back();
            break;
        case MD_BLOCK_TH:
        case MD_BLOCK_TD:
            if (b.in_table && !b.current().rows.empty()) b.current().rows.back().emplace_back();
            break;
        default: break;
    }
    return 0;
}

int leave_block(MD_BLOCKTYPE type, void*, void* user) {
    Builder& b = *static_cast<Builder*>(user);
    switch (type) {
        case MD_BLOCK_QUOTE: --b.quote_depth; break;
        case MD_BLOCK_UL:
        case MD_BLOCK_OL: b.lists.pop_back(); break;
        case MD_BLOCK_LI: b.list_item_waiting_for_text = false; break;
        case MD_BLOCK_CODE: b.in_code_block = false; break;
        case MD_BLOCK_TABLE: b.in_table = false; break;
        default: break;
    }
    return 0;
}

int enter_span(MD_SPANTYPE type, void*, void* user) {
    Builder& b = *static_cast<Builder*>(user);
    switch (type) {
        case MD_SPAN_STRONG: ++b.bold; break;
        case MD_SPAN_EM: ++b.italic; break;
        case MD_SPAN_CODE: ++b.code; break;
        case MD_SPAN_A: ++b.link; break;
        default: break;
    }
    return 0;
}

int leave_span(MD_SPANTYPE type, void*, void* user) {
    Builder& b = *static_cast<Builder*>(user);
    switch (type) {
        case MD_SPAN_STRONG: --b.bold; break;
        case MD_SPAN_EM: --b.italic; break;
        case MD_SPAN_CODE: --b.code; break;
        case MD_SPAN_A: --b.link; break;
        default: break;
    }
    return 0;
}

int text(MD_TEXTTYPE type, const MD_CHAR* chars, MD_SIZE size, void* user) {
    Builder& b = *static_cast<Builder*>(user);
    b.list_item_waiting_for_text = false;  // text directly in a tight list item
    const std::string_view s(chars, size);
    switch (type) {
        case MD_TEXT_BR: b.append({}, MarkdownStyle_LineBreak); break;
        case MD_TEXT_SOFTBR: b.append(b.in_code_block ? "\n" : " ", b.style()); break;
        case MD_TEXT_ENTITY: b.append(decode_entity(s), b.style()); break;
        case MD_TEXT_NULLCHAR: b.append("\uFFFD", b.style()); break;
        case MD_TEXT_CODE:
            b.append(s, static_cast<uint8_t>((b.in_code_block ? uint8_t{MarkdownStyle_None} : b.style()) | MarkdownStyle_Code));
            break;
        default: b.append(s, b.style()); break;
    }
    return 0;
}

size_t count_characters(std::string_view utf8) {
    return static_cast<size_t>(std::count_if(utf8.begin(), utf8.end(),
                                             [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Keeps the first kMarkdownBlockTextLimit bytes of a block's (or table cell's) spans and ends them
// with a line saying how many characters were left out.
void cut_long_text(std::vector<MarkdownSpan>& spans, bool code_block) {
    size_t kept = 0;
    for (size_t i = 0; i < spans.size(); ++i) {
        std::string& text = spans[i].text;
        if (kept + text.size() <= kMarkdownBlockTextLimit) {
            kept += text.size();
            continue;
        }
        size_t cut = kMarkdownBlockTextLimit - kept;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
        size_t hidden = count_characters(std::string_view(text).substr(cut));
        for (size_t j = i + 1; j < spans.size(); ++j) hidden += count_characters(spans[j].text);
        text.resize(cut);
        spans.resize(i + 1);
        const std::string marker = fmt::format(fmt::runtime(tr(Str::NarrationTextCut)), hidden);
        if (code_block) {
            spans.push_back({"\n" + marker, MarkdownStyle_None});  // a code block joins its spans' text
        } else {
            spans.push_back({{}, MarkdownStyle_LineBreak});
            spans.push_back({marker, MarkdownStyle_Italic});
        }
        return;
    }
}

void cut_long_blocks(MarkdownDocument& document) {
    for (MarkdownBlock& block : document.blocks) {
        cut_long_text(block.spans, block.kind == MarkdownBlock::Kind::CodeBlock);
        for (auto& row : block.rows)
            for (auto& cell : row) cut_long_text(cell, false);
    }
}

}  // namespace

MarkdownDocument parse_markdown(std::string_view markdown) {
    Builder builder;
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH;
    parser.enter_block = enter_block;
    parser.leave_block = leave_block;
    parser.enter_span = enter_span;
    parser.leave_span = leave_span;
    parser.text = text;
    const int result = md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &builder);
    if (result != 0) {
        MarkdownDocument plain;
        plain.blocks.push_back({});
        plain.blocks.back().spans.push_back({std::string(markdown), MarkdownStyle_None});
        cut_long_blocks(plain);
        return plain;
    }
    builder.document.parsed = true;
    cut_long_blocks(builder.document);
    return std::move(builder.document);
}

}  // namespace ovlab::gui
