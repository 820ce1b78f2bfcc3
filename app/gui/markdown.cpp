// Lays out a MarkdownDocument: words flow across spans of different fonts and wrap at the panel
// edge (ImGui's own wrapping handles one font per call only).
#include "markdown.h"

#include <algorithm>

#include <imgui.h>

#include "theme.h"

namespace ovlab::gui {
namespace {

struct Flow {
    ImDrawList* draw = nullptr;
    float left = 0, right = 0;   // line extent in screen coordinates
    float x = 0, y = 0;
    float line_height = 0;
    bool line_empty = true;
    MarkdownLayoutWork* work = nullptr;

    void new_line() {
        x = left;
        y += line_height;
        line_empty = true;
        ++work->lines;
    }
};

float width_of(ImFont* font, std::string_view text) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}

float measure(Flow& flow, ImFont* font, std::string_view text) {
    flow.work->bytes_measured += text.size();
    return width_of(font, text);
}

// The longest start of `word` that fits in `width` (at least one character, so a line always
// advances); ImGui stops reading at the cut, so this costs the length of the piece, not the word.
size_t fitting_prefix(Flow& flow, ImFont* font, std::string_view word, float width) {
    const char* end = font->CalcWordWrapPositionA(1.0f, word.data(), word.data() + word.size(), width);
    size_t cut = std::max<size_t>(1, static_cast<size_t>(end - word.data()));
    while (cut < word.size() && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) ++cut;  // UTF-8 boundary
    flow.work->bytes_measured += cut;
    return cut;
}

void draw_word(Flow& flow, ImFont* font, uint8_t style, std::string_view word, ImU32 colour) {
    const Palette& p = palette();
    const float width = measure(flow, font, word);
    const float base_size = ImGui::GetFontSize();
    const float y = flow.y + (base_size - font->FontSize) * 0.7f;
    if (style & MarkdownStyle_Code) {
        // The box reaches 3 px beyond the word on each side: step in by as much, so the space before
        // it stays as visible as the one after it ("choose; `getsockname`" must not read "choose;getsockname").
        flow.x += 3;
        flow.draw->AddRectFilled(ImVec2(flow.x - 3, flow.y - 1), ImVec2(flow.x + width + 3, flow.y + base_size + 2),
                                 to_u32(mix(p.code_bg, p.accent, kCodeSpanTint)), 4.0f);
        flow.draw->AddRect(ImVec2(flow.x - 3, flow.y - 1), ImVec2(flow.x + width + 3, flow.y + base_size + 2),
                           to_u32(p.border, 0.8f), 4.0f);
        colour = to_u32(p.code_call);
    }
    flow.draw->AddText(font, font->FontSize, ImVec2(flow.x, y), colour, word.data(), word.data() + word.size());
    if (style & MarkdownStyle_Link)
        flow.draw->AddLine(ImVec2(flow.x, flow.y + base_size), ImVec2(flow.x + width, flow.y + base_size), colour);
    flow.x += width + ((style & MarkdownStyle_Code) ? 6.0f : 0.0f);
    flow.line_empty = false;
}

// Places one word, wrapping first when it does not fit; a word wider than a whole line is cut into
// line-wide pieces. The word is measured once and each piece once more (never the shrinking rest,
// which made a 1 MB word without spaces take minutes), so the cost is linear in the word's length.
void place_word(Flow& flow, ImFont* font, uint8_t style, std::string_view word, ImU32 colour) {
    const float width = measure(flow, font, word);
    if (flow.x + width > flow.right && !flow.line_empty) flow.new_line();
    if (width <= flow.right - flow.left) {
        draw_word(flow, font, style, word, colour);
        return;
    }
    while (!word.empty()) {
        const size_t cut = fitting_prefix(flow, font, word, flow.right - flow.x);
        draw_word(flow, font, style, word.substr(0, cut), colour);
        word.remove_prefix(cut);
        if (!word.empty()) flow.new_line();
    }
}

void flow_spans(Flow& flow, const std::vector<MarkdownSpan>& spans, const Fonts& fonts, ImFont* base_font,
                ImU32 colour) {
    for (const MarkdownSpan& span : spans) {
        if (span.style & MarkdownStyle_LineBreak) {
            flow.new_line();
            continue;
        }
        std::string_view rest = span.text;
        while (!rest.empty()) {
            if (rest.front() == '\n') {
                flow.new_line();
                rest.remove_prefix(1);
                continue;
            }
            if (rest.front() == ' ') {
                if (!flow.line_empty) flow.x += measure(flow, base_font, " ");
                rest.remove_prefix(1);
                continue;
            }
            const size_t end = rest.find_first_of(" \n");  // two find()s would each scan to the end of the span
            const std::string_view word = rest.substr(0, end);
            ImFont* font = base_font == fonts.regular ? markdown_font(span.style, fonts, word) : base_font;
            place_word(flow, font, span.style, word, (span.style & MarkdownStyle_Link) ? to_u32(palette().accent) : colour);
            rest.remove_prefix(word.size());
        }
    }
}

// Flows spans into a column starting at `start`; returns the height used.
float flow_text(ImDrawList* draw, ImVec2 start, float width, const std::vector<MarkdownSpan>& spans,
                const Fonts& fonts, ImFont* base_font, ImU32 colour, MarkdownLayoutWork& work) {
    Flow flow;
    flow.draw = draw;
    flow.work = &work;
    flow.left = start.x;
    flow.right = start.x + width;
    flow.x = flow.left;
    flow.y = start.y;
    flow.line_height = ImGui::GetFontSize() * 1.38f;
    flow_spans(flow, spans, fonts, base_font, colour);
    return flow.y - start.y + (flow.line_empty && flow.y > start.y ? 0.0f : flow.line_height);
}

void render_table(const MarkdownBlock& block, const Fonts& fonts, int id, MarkdownLayoutWork& work) {
    const Palette& p = palette();
    size_t columns = 0;
    for (const auto& row : block.rows) columns = std::max(columns, row.size());
    if (columns == 0) return;
    ImGui::PushID(id);
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("table", static_cast<int>(columns), flags)) {
        for (size_t r = 0; r < block.rows.size(); ++r) {
            const bool header = block.table_header && r == 0;
            ImGui::TableNextRow();
            if (header) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, to_u32(p.header_bg));
            for (size_t c = 0; c < columns; ++c) {
                ImGui::TableNextColumn();
                if (c >= block.rows[r].size()) continue;
                const float width = ImGui::GetContentRegionAvail().x;
                ImFont* font = header ? fonts.bold : fonts.regular;
                const float height = flow_text(ImGui::GetWindowDrawList(), ImGui::GetCursorScreenPos(), width,
                                               block.rows[r][c], fonts, font, to_u32(p.text), work);
                ImGui::Dummy(ImVec2(width, height));
            }
        }
        ImGui::EndTable();
    }
    ImGui::PopID();
}

void render_code_block(const MarkdownBlock& block, const Fonts& fonts, float left, float width) {
    const Palette& p = palette();
    std::string text;
    for (const MarkdownSpan& span : block.spans) text += span.text;
    while (!text.empty() && text.back() == '\n') text.pop_back();
    ImGui::PushFont(fonts.mono);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, width - 20);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(left, pos.y), ImVec2(left + width, pos.y + size.y + 16), to_u32(p.code_bg), 5.0f);
    draw->AddRect(ImVec2(left, pos.y), ImVec2(left + width, pos.y + size.y + 16), to_u32(p.border), 5.0f);
    ImGui::SetCursorScreenPos(ImVec2(left + 10, pos.y + 8));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 20);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + size.y + 16));
}

void render_block(const MarkdownBlock& block, const Fonts& fonts, bool first, int id, MarkdownLayoutWork& work) {
    const Palette& p = palette();
    const float em = ImGui::GetFontSize();
    const float spacing = first ? 0.0f : (block.kind == MarkdownBlock::Kind::ListItem ? em * 0.25f : em * 0.6f);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + spacing);

    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float full_width = ImGui::GetContentRegionAvail().x;
    const float indent = block.indent * em * 1.4f + (block.quote ? em : 0.0f);
    ImDrawList* draw = ImGui::GetWindowDrawList();

    if (block.kind == MarkdownBlock::Kind::Rule) {
        draw->AddLine(ImVec2(start.x, start.y + em * 0.5f), ImVec2(start.x + full_width, start.y + em * 0.5f),
                      to_u32(p.border), 1.5f);
        ImGui::Dummy(ImVec2(full_width, em));
        return;
    }
    if (block.kind == MarkdownBlock::Kind::CodeBlock) {
        render_code_block(block, fonts, start.x + indent, full_width - indent);
        return;
    }
    if (block.kind == MarkdownBlock::Kind::Table) {
        render_table(block, fonts, id, work);
        return;
    }

    ImFont* base_font = fonts.regular;
    ImU32 colour = to_u32(block.quote ? p.text_dim : p.text);
    if (block.kind == MarkdownBlock::Kind::Heading) {
        base_font = fonts.bold;
        colour = to_u32(block.heading_level <= 3 ? p.accent : p.text);
    }
    float left = start.x + indent;
    if (block.kind == MarkdownBlock::Kind::ListItem) {
        draw->AddText(fonts.regular, fonts.regular->FontSize, ImVec2(left + em * 0.3f, start.y), to_u32(p.accent),
                      block.bullet.c_str());
        left += std::max(em * 1.3f, width_of(fonts.regular, block.bullet) + em * 0.6f);
    }
    const float height = flow_text(draw, ImVec2(left, start.y), start.x + full_width - 4 - left, block.spans, fonts,
                                   base_font, colour, work);
    if (block.quote)
        draw->AddRectFilled(ImVec2(start.x + indent - em * 0.7f, start.y), ImVec2(start.x + indent - em * 0.7f + 4, start.y + height),
                            to_u32(p.accent, 0.5f), 2.0f);
    if (block.kind == MarkdownBlock::Kind::Heading && block.heading_level <= 2)
        draw->AddLine(ImVec2(start.x, start.y + height), ImVec2(start.x + full_width, start.y + height),
                      to_u32(p.accent, 0.35f), 1.5f);
    ImGui::Dummy(ImVec2(full_width, height));
}

}  // namespace

ImFont* markdown_font(uint8_t style, const Fonts& fonts, std::string_view word) {
    ImFont* wanted = fonts.regular;
    if (style & MarkdownStyle_Code) wanted = fonts.mono;
    else if (style & MarkdownStyle_Bold) wanted = fonts.bold;
    else if (style & MarkdownStyle_Italic) wanted = fonts.italic;
    // The italic face has no Hangul (nor has mono without a Korean font): such words are drawn upright
    // in the regular face instead of as '?'.
    return font_has_glyphs(wanted, word) ? wanted : fonts.regular;
}

MarkdownLayoutWork render_markdown(const MarkdownDocument& document, const Fonts& fonts) {
    MarkdownLayoutWork work;
    int id = 0;
    for (const MarkdownBlock& block : document.blocks) {
        render_block(block, fonts, id == 0, id, work);
        ++id;
    }
    return work;
}

}  // namespace ovlab::gui
