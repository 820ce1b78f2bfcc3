#include "overlapped_hex_view.h"

#include <algorithm>
#include <cfloat>
#include <string>

#include <fmt/format.h>

#include "widgets.h"

namespace ovlab::gui {
namespace {

// 16 bytes a row, as hex dumps show memory: Internal and InternalHigh fill the first row; Offset,
// OffsetHigh and hEvent the second. Every field starts and ends inside one row.
constexpr size_t kBytesPerRow = 16;
constexpr float kGroupGap = 12.0f;

}  // namespace

void draw_overlapped_hex(GuiContext& ctx, const OverlappedBytes& bytes, float emphasis) {
    const Palette& p = palette();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImFont* mono = ctx.fonts.mono;
    const float char_width = mono->CalcTextSizeA(mono->FontSize, FLT_MAX, 0.0f, "0").x;
    const float prefix = char_width * 3 + 10;  // "+10"
    // Cells shrink on a narrow panel, never below the two digits.
    const float groups_gap = kGroupGap * 2;
    const float avail = ImGui::GetContentRegionAvail().x - prefix - groups_gap;
    const float cell = std::clamp(avail / kBytesPerRow, char_width * 2 + 2, char_width * 2 + 10);
    const float label_height = ImGui::GetTextLineHeight() + 2;
    const float byte_height = mono->FontSize + 8;
    const ImVec2 origin = ImGui::GetCursorScreenPos();

    for (size_t row = 0; row * kBytesPerRow < kOverlappedSize; ++row) {
        const float label_y = origin.y + static_cast<float>(row) * (label_height + byte_height + 6);
        const float byte_y = label_y + label_height;
        const std::string address = fmt::format("+{:02X}", row * kBytesPerRow);
        draw->AddText(mono, mono->FontSize, ImVec2(origin.x, byte_y + 4), to_u32(p.text_dim), address.c_str());
        float x = origin.x + prefix;
        for (const FieldBytes& field : kOverlappedLayout) {
            if (field.offset / kBytesPerRow != row) continue;
            const float width = cell * static_cast<float>(field.size);
            // The field's name over its bytes, with a bracket showing where it starts and ends.
            const std::string name(trace::field_name(field.field));
            const std::string shown = fit_text(ctx.fonts.regular, name, width);
            const ImVec2 size = ImGui::CalcTextSize(shown.c_str());
            draw->AddText(ImVec2(x + (width - size.x) * 0.5f, label_y - 2), to_u32(p.text_dim), shown.c_str());
            draw->AddLine(ImVec2(x + 2, byte_y - 1), ImVec2(x + width - 4, byte_y - 1), to_u32(p.border), 2.0f);
            for (size_t i = 0; i < field.size; ++i) {
                const size_t at = field.offset + i;
                const ImVec2 min(x + cell * static_cast<float>(i), byte_y + 2);
                const ImVec2 max(min.x + cell - 3, byte_y + byte_height);
                if (bytes.changed[at]) draw->AddRectFilled(min, max, to_u32(p.changed, 0.35f + 0.65f * emphasis), 3.0f);
                // Zero bytes recede, so the bytes that carry a value stand out.
                const ImVec4& colour = bytes.value[at] != 0 || bytes.changed[at] ? p.text : p.text_dim;
                const std::string hex = fmt::format("{:02X}", bytes.value[at]);
                const float text_x = min.x + (cell - 3 - char_width * 2) * 0.5f;
                draw->AddText(mono, mono->FontSize, ImVec2(text_x, min.y + 2), to_u32(colour), hex.c_str());
            }
            x += width + kGroupGap;
        }
    }
    const float rows = static_cast<float>(kOverlappedSize / kBytesPerRow);
    ImGui::Dummy(ImVec2(prefix + cell * kBytesPerRow + groups_gap, rows * (label_height + byte_height + 6)));
}

}  // namespace ovlab::gui
