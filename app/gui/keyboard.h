// The window's keys (the table in shortcuts.h). A GLFW key callback queues every press of a
// shortcut key as it arrives, so a tap whose press and release land in one frame is not lost
// (Dear ImGui 1.86 only sees the key's state once per frame); each frame performs the queue.
#pragma once

#include "fullscreen.h"
#include "gui_context.h"
#include "shortcuts.h"

struct GLFWwindow;

namespace ovlab::gui {

class Keyboard {
public:
    // Installs the key callback in front of Dear ImGui's (already installed), which it still calls.
    explicit Keyboard(GLFWwindow* window);
    ~Keyboard();
    Keyboard(const Keyboard&) = delete;
    Keyboard& operator=(const Keyboard&) = delete;

    // After ImGui's new frame, before the step view is taken: performs the queued presses. Presses
    // made while typing or while a dialog other than the shortcut sheet is open are dropped.
    void perform_presses(GuiContext& ctx);
    // After the panels: the shortcut sheet, when it is open.
    void draw_sheet(const GuiContext& ctx);
    // A press waits for the lesson to reach a checkpoint: the window must keep looking.
    bool presses_waiting() const { return !queue_.empty(); }
    Fullscreen& fullscreen() { return fullscreen_; }

private:
    PressOutcome perform(const KeyPress& press, GuiContext& ctx);

    GLFWwindow* window_;
    Fullscreen fullscreen_;
    KeyQueue queue_;
    bool open_sheet_ = false;
    bool close_sheet_ = false;
};

}  // namespace ovlab::gui
