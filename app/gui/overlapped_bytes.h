// The 32 bytes of an x64 OVERLAPPED as memory holds them, for the inspector's hex view, and how a
// request struct embeds one. Pure functions of the fold, tested without a window.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ovlab/trace_state.h"

namespace ovlab::gui {

struct FieldBytes {
    trace::OverlappedField field;
    size_t offset;
    size_t size;
};

// x64: Internal and InternalHigh are ULONG_PTR, Offset and OffsetHigh DWORD, hEvent a HANDLE.
inline constexpr std::array<FieldBytes, 5> kOverlappedLayout = {{
    {trace::OverlappedField::Internal, 0, 8},
    {trace::OverlappedField::InternalHigh, 8, 8},
    {trace::OverlappedField::Offset, 16, 4},
    {trace::OverlappedField::OffsetHigh, 20, 4},
    {trace::OverlappedField::hEvent, 24, 8},
}};
inline constexpr size_t kOverlappedSize = 32;

struct OverlappedBytes {
    std::array<uint8_t, kOverlappedSize> value = {};
    std::array<bool, kOverlappedSize> changed = {};  // differs from the byte before the step shown
};

// Little-endian bytes of `ov`. `before[f]` is field f's value before the step shown when the step
// wrote it (nullopt otherwise); only bytes that really differ count as changed.
OverlappedBytes overlapped_bytes(const trace::OverlappedView& ov,
                                 const std::array<std::optional<uint64_t>, 5>& before);

// A name like `request->ov` or `io.ov` is a member of a larger struct: {"*request", "ov"} or
// {"io", "ov"}. Nullopt for a plain variable (`ov`, `reads[1]`) or a generated name.
struct EmbeddingStruct {
    std::string object;
    std::string member;
};
std::optional<EmbeddingStruct> embedding_struct(std::string_view overlapped_name);

}  // namespace ovlab::gui
