#include "ovlab/lesson_registry.h"

namespace ovlab {

const std::string* narration_for_checkpoint(const trace::Event& checkpoint, const trace::State& state,
                                            const LessonSource& source, const Narration& narration) {
    switch (checkpoint.kind) {
        case trace::EventKind::ApiEnter:
            return narration.find(source.tag_for_line(checkpoint.line));
        case trace::EventKind::ApiLeave:
            return narration.find(source.tag_for_line(checkpoint.line), ".return");
        case trace::EventKind::IoCompleting:
            // A completion runs on no lesson line: it belongs to the call that issued the request.
            for (auto it = state.ios.rbegin(); it != state.ios.rend(); ++it)
                if (it->overlapped == checkpoint.object)
                    return narration.find(source.tag_for_line(it->issued_line), ".complete");
            return nullptr;
        default:
            return nullptr;
    }
}

}  // namespace ovlab
