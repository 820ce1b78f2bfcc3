// Which narration section a step shows. The rule is written out in lesson_registry.h, above
// narration_for_checkpoint.
#include "ovlab/lesson_registry.h"

namespace ovlab {
namespace {

// The lesson line a checkpoint is about: a completion runs on no lesson line, so it belongs to the
// call that issued the request; every other checkpoint is on the line its thread is at.
uint32_t line_of(const trace::Event& checkpoint, const trace::State& state) {
    if (checkpoint.kind != trace::EventKind::IoCompleting) return checkpoint.line;
    for (auto it = state.ios.rbegin(); it != state.ios.rend(); ++it)
        if (it->overlapped == checkpoint.object) return it->issued_line;
    return 0;
}

std::string_view suffix_of(trace::EventKind kind) {
    switch (kind) {
        case trace::EventKind::ApiLeave: return ".return";
        case trace::EventKind::IoCompleting: return ".complete";
        default: return {};
    }
}

}  // namespace

CheckpointNarration narration_for_checkpoint(const trace::Event& checkpoint, const trace::State& state,
                                             const LessonSource& source, const Narration& narration) {
    return narration_for_line(line_of(checkpoint, state), checkpoint.kind, source, narration);
}

CheckpointNarration narration_for_end(const trace::Event* last_checkpoint, const trace::State& state,
                                      const LessonSource& source, const Narration& narration) {
    const std::string& tag = last_checkpoint ? source.tag_for_line(line_of(*last_checkpoint, state)) : std::string();
    if (!tag.empty()) {
        std::string key = "finished." + tag;
        if (auto it = narration.sections.find(key); it != narration.sections.end()) return {std::move(key), &it->second};
    }
    if (auto it = narration.sections.find("finished"); it != narration.sections.end()) return {"finished", &it->second};
    return {};
}

CheckpointNarration narration_for_line(uint32_t line, trace::EventKind kind, const LessonSource& source,
                                       const Narration& narration) {
    const std::string& tag = source.tag_for_line(line);
    if (tag.empty()) return {};
    const std::string_view suffix = suffix_of(kind);
    if (!suffix.empty()) {
        std::string key = tag + std::string(suffix);
        if (auto it = narration.sections.find(key); it != narration.sections.end()) return {std::move(key), &it->second};
    }
    if (auto it = narration.sections.find(tag); it != narration.sections.end()) return {tag, &it->second};
    return {};
}

}  // namespace ovlab
