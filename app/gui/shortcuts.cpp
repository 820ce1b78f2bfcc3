#include "shortcuts.h"

#include <GLFW/glfw3.h>

namespace ovlab::gui {
namespace {

constexpr int kNone = 0;
constexpr int kShift = GLFW_MOD_SHIFT;
constexpr int kCtrl = GLFW_MOD_CONTROL;
constexpr int kModifierBits = GLFW_MOD_SHIFT | GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER;

constexpr Shortcut one(int key, int mods, KeyAction action, const char* label, Str description) {
    return {key, key, mods, action, label, description};
}

constexpr Shortcut kShortcuts[] = {
    one(GLFW_KEY_SPACE, kNone, KeyAction::StepForward, "Space", Str::KeysStepForward),
    one(GLFW_KEY_RIGHT, kNone, KeyAction::StepForward, "→", Str::KeysStepForward),
    one(GLFW_KEY_PAGE_DOWN, kNone, KeyAction::StepForward, "PageDown", Str::KeysStepForward),
    one(GLFW_KEY_LEFT, kNone, KeyAction::StepBack, "←", Str::KeysStepBack),
    one(GLFW_KEY_PAGE_UP, kNone, KeyAction::StepBack, "PageUp", Str::KeysStepBack),
    one(GLFW_KEY_HOME, kNone, KeyAction::FirstStep, "Home", Str::KeysFirstStep),
    one(GLFW_KEY_END, kNone, KeyAction::Live, "End", Str::KeysLive),
    one(GLFW_KEY_R, kNone, KeyAction::RunPause, "R", Str::KeysRunPause),
    one(GLFW_KEY_R, kCtrl, KeyAction::Reset, "Ctrl+R", Str::KeysReset),
    one(GLFW_KEY_H, kNone, KeyAction::ToggleHold, "H", Str::KeysHold),
    one(GLFW_KEY_H, kShift, KeyAction::ReleaseHeld, "Shift+H", Str::KeysRelease),
    one(GLFW_KEY_N, kNone, KeyAction::RunToCompletion, "N", Str::KeysRunToCompletion),
    one(GLFW_KEY_A, kNone, KeyAction::RunToApc, "A", Str::KeysRunToApc),
    one(GLFW_KEY_G, kNone, KeyAction::RunToDequeue, "G", Str::KeysRunToDequeue),
    one(GLFW_KEY_D, kNone, KeyAction::DeliverFirst, "D", Str::KeysDeliverFirst),
    one(GLFW_KEY_C, kNone, KeyAction::CancelRequest, "C", Str::KeysCancelRequest),
    {GLFW_KEY_1, GLFW_KEY_9, kNone, KeyAction::OpenLesson, "1–9", Str::KeysOpenLesson},
    one(GLFW_KEY_P, kNone, KeyAction::TogglePredict, "P", Str::KeysPredict),
    one(GLFW_KEY_T, kNone, KeyAction::ToggleTimeline, "T", Str::KeysTimeline),
    one(GLFW_KEY_F12, kNone, KeyAction::SaveWindowPicture, "F12", Str::KeysWindowPicture),
    one(GLFW_KEY_F12, kShift, KeyAction::SaveTimelinePicture, "Shift+F12", Str::KeysTimelinePicture),
    one(GLFW_KEY_F11, kNone, KeyAction::ToggleFullscreen, "F11", Str::KeysFullscreen),
    // Ctrl+plus is Ctrl+= or Ctrl+Shift+= on US and Korean keyboards; the keypad has its own keys.
    one(GLFW_KEY_EQUAL, kCtrl, KeyAction::ZoomIn, "Ctrl+=", Str::KeysZoomIn),
    one(GLFW_KEY_EQUAL, kCtrl | kShift, KeyAction::ZoomIn, "Ctrl++", Str::KeysZoomIn),
    one(GLFW_KEY_KP_ADD, kCtrl, KeyAction::ZoomIn, "Ctrl+Num+", Str::KeysZoomIn),
    one(GLFW_KEY_MINUS, kCtrl, KeyAction::ZoomOut, "Ctrl+-", Str::KeysZoomOut),
    one(GLFW_KEY_KP_SUBTRACT, kCtrl, KeyAction::ZoomOut, "Ctrl+Num-", Str::KeysZoomOut),
    one(GLFW_KEY_0, kCtrl, KeyAction::ZoomReset, "Ctrl+0", Str::KeysZoomReset),
    one(GLFW_KEY_KP_0, kCtrl, KeyAction::ZoomReset, "Ctrl+Num0", Str::KeysZoomReset),
    one(GLFW_KEY_F1, kNone, KeyAction::ToggleSheet, "F1", Str::KeysSheet),
    // "?" is Shift+/ on US and Korean keyboards alike.
    one(GLFW_KEY_SLASH, kShift, KeyAction::ToggleSheet, "?", Str::KeysSheet),
    one(GLFW_KEY_ESCAPE, kNone, KeyAction::CloseSheet, "Esc", Str::KeysCloseSheet),
};

}  // namespace

std::span<const Shortcut> shortcut_table() { return kShortcuts; }

std::optional<KeyPress> find_shortcut(int key, int mods, double time) {
    mods &= kModifierBits;
    for (const Shortcut& shortcut : kShortcuts) {
        if (key < shortcut.first_key || key > shortcut.last_key || mods != shortcut.mods) continue;
        const int lesson = shortcut.action == KeyAction::OpenLesson ? key - shortcut.first_key + 1 : 0;
        return KeyPress{shortcut.action, lesson, time};
    }
    return std::nullopt;
}

}  // namespace ovlab::gui
