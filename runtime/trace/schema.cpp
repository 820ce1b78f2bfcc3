#include <array>

#include "ovlab/trace.h"

namespace ovlab::trace {
namespace {

#define OVLAB_KIND_NAME(kind, ...) #kind,
constexpr std::array<std::string_view, static_cast<size_t>(EventKind::Count)> kKindNames = {
    OVLAB_TRACE_EVENTS(OVLAB_KIND_NAME)};
#undef OVLAB_KIND_NAME

#define OVLAB_KIND_CHECKPOINT(kind, checkpoint, ...) checkpoint,
constexpr std::array<bool, static_cast<size_t>(EventKind::Count)> kKindCheckpoint = {
    OVLAB_TRACE_EVENTS(OVLAB_KIND_CHECKPOINT)};
#undef OVLAB_KIND_CHECKPOINT

template <size_t N>
std::string_view lookup(const std::array<std::string_view, N>& names, size_t index) {
    return index < N ? names[index] : std::string_view("?");
}

}  // namespace

std::string_view kind_name(EventKind kind) { return lookup(kKindNames, static_cast<size_t>(kind)); }

bool is_checkpoint(EventKind kind) {
    const auto index = static_cast<size_t>(kind);
    return index < kKindCheckpoint.size() && kKindCheckpoint[index];
}

std::string_view field_name(OverlappedField field) {
    static constexpr std::array<std::string_view, 5> names = {
        "Internal", "InternalHigh", "Offset", "OffsetHigh", "hEvent"};
    return lookup(names, static_cast<size_t>(field));
}

}  // namespace ovlab::trace
