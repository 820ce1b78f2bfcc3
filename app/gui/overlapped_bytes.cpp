#include "overlapped_bytes.h"

namespace ovlab::gui {

OverlappedBytes overlapped_bytes(const trace::OverlappedView& ov,
                                 const std::array<std::optional<uint64_t>, 5>& before) {
    OverlappedBytes bytes;
    for (const FieldBytes& layout : kOverlappedLayout) {
        const size_t index = static_cast<size_t>(layout.field);
        for (size_t i = 0; i < layout.size; ++i) {
            const auto byte_of = [&](uint64_t value) { return static_cast<uint8_t>(value >> (8 * i)); };
            bytes.value[layout.offset + i] = byte_of(ov.value[index]);
            if (before[index]) bytes.changed[layout.offset + i] = byte_of(*before[index]) != byte_of(ov.value[index]);
        }
    }
    return bytes;
}

std::optional<EmbeddingStruct> embedding_struct(std::string_view name) {
    // The last member access splits the expression; a trailing index (`reqs[i]`) is not a member.
    const size_t arrow = name.rfind("->");
    const size_t dot = name.rfind('.');
    const bool is_arrow = arrow != std::string_view::npos && (dot == std::string_view::npos || arrow > dot);
    const size_t at = is_arrow ? arrow : dot;
    if (at == std::string_view::npos || at == 0) return std::nullopt;
    const std::string_view member = name.substr(at + (is_arrow ? 2 : 1));
    if (member.empty() || member.find_first_of("[]()* ") != std::string_view::npos) return std::nullopt;
    const std::string_view object = name.substr(0, at);
    return EmbeddingStruct{is_arrow ? "*" + std::string(object) : std::string(object), std::string(member)};
}

}  // namespace ovlab::gui
