#include "frame_pacer.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

namespace ovlab::gui {

LessonSnapshot snapshot(LessonController& lessons) {
    return {lessons.generation(), lessons.trace().live_state().upto, lessons.texts_version(), lessons.held_count(),
            lessons.running(), lessons.resetting()};
}

void FramePacer::keep_drawing_for(double seconds) {
    const auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    if (until > drawing_until_) drawing_until_ = until;
}

bool FramePacer::sleep(double timeout_seconds) {
    const auto start = Clock::now();
    glfwWaitEventsTimeout(timeout_seconds);
    // GLFW does not say why it returned: well before the timeout means an event (a rare spurious
    // wake-up only costs one frame).
    return Clock::now() - start < std::chrono::duration<double>(timeout_seconds * 0.9);
}

bool FramePacer::input_this_frame() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || io.MouseWheel != 0 || io.MouseWheelH != 0) return true;
    // A text field being edited blinks its cursor.
    if (!io.InputQueueCharacters.empty() || io.WantTextInput) return true;
    for (bool down : io.MouseDown)
        if (down) return true;
    for (bool down : io.KeysDown)
        if (down) return true;
    return false;
}

}  // namespace ovlab::gui
