// The key table and the press queue (app/gui/shortcuts.h): which key does what, that the sheet's
// rows come from the same table, and that queued presses are performed one by one, in order.
#include <gtest/gtest.h>

#include <GLFW/glfw3.h>

#include <set>
#include <string>
#include <vector>

#include "shortcuts.h"

namespace ovlab::gui {
namespace {

std::optional<KeyAction> action_of(int key, int mods = 0) {
    const std::optional<KeyPress> press = find_shortcut(key, mods, 0.0);
    return press ? std::optional<KeyAction>(press->action) : std::nullopt;
}

TEST(Shortcuts, PresenterKeysStepForwardAndBack) {
    for (int key : {GLFW_KEY_SPACE, GLFW_KEY_RIGHT, GLFW_KEY_PAGE_DOWN}) EXPECT_EQ(action_of(key), KeyAction::StepForward);
    for (int key : {GLFW_KEY_LEFT, GLFW_KEY_PAGE_UP}) EXPECT_EQ(action_of(key), KeyAction::StepBack);
    EXPECT_EQ(action_of(GLFW_KEY_HOME), KeyAction::FirstStep);
    EXPECT_EQ(action_of(GLFW_KEY_END), KeyAction::Live);
}

TEST(Shortcuts, ModifiersChooseBetweenActionsOnOneKey) {
    EXPECT_EQ(action_of(GLFW_KEY_R), KeyAction::RunPause);
    EXPECT_EQ(action_of(GLFW_KEY_R, GLFW_MOD_CONTROL), KeyAction::Reset);
    EXPECT_EQ(action_of(GLFW_KEY_H), KeyAction::ToggleHold);
    EXPECT_EQ(action_of(GLFW_KEY_H, GLFW_MOD_SHIFT), KeyAction::ReleaseHeld);
    EXPECT_EQ(action_of(GLFW_KEY_F12), KeyAction::SaveWindowPicture);
    EXPECT_EQ(action_of(GLFW_KEY_F12, GLFW_MOD_SHIFT), KeyAction::SaveTimelinePicture);
    EXPECT_EQ(action_of(GLFW_KEY_SLASH, GLFW_MOD_SHIFT), KeyAction::ToggleSheet);
    EXPECT_EQ(action_of(GLFW_KEY_P), KeyAction::TogglePredict);
    EXPECT_EQ(action_of(GLFW_KEY_SLASH), std::nullopt);
    EXPECT_EQ(action_of(GLFW_KEY_R, GLFW_MOD_ALT), std::nullopt);
    EXPECT_EQ(action_of(GLFW_KEY_SPACE, GLFW_MOD_CONTROL), std::nullopt);  // Ctrl+keys belong to others (zoom)
    // Caps Lock or Num Lock on changes nothing.
    EXPECT_EQ(action_of(GLFW_KEY_R, GLFW_MOD_CAPS_LOCK | GLFW_MOD_NUM_LOCK), KeyAction::RunPause);
    EXPECT_EQ(action_of(GLFW_KEY_A), KeyAction::RunToApc);
    EXPECT_EQ(action_of(GLFW_KEY_C), KeyAction::CancelRequest);
    EXPECT_EQ(action_of(GLFW_KEY_B), std::nullopt);
}

TEST(Shortcuts, DigitsOpenTheLessonAtThatPosition) {
    for (int n = 1; n <= 9; ++n) {
        const std::optional<KeyPress> press = find_shortcut(GLFW_KEY_0 + n, 0, 0.0);
        ASSERT_TRUE(press);
        EXPECT_EQ(press->action, KeyAction::OpenLesson);
        EXPECT_EQ(press->lesson, n);
    }
    EXPECT_EQ(action_of(GLFW_KEY_0), std::nullopt);
    EXPECT_EQ(action_of(GLFW_KEY_0, GLFW_MOD_CONTROL), KeyAction::ZoomReset);
}

// The sheet prints one line per run of rows with the same action: an action split in two places
// would be listed twice, and a row without a description would print an empty line.
TEST(Shortcuts, TheSheetListsEveryActionOnceInBothLanguages) {
    std::set<KeyAction> seen;
    KeyAction previous{};
    bool first = true;
    for (const Shortcut& shortcut : shortcut_table()) {
        if (first || shortcut.action != previous) {
            EXPECT_TRUE(seen.insert(shortcut.action).second) << shortcut.label;
        }
        previous = shortcut.action;
        first = false;
        EXPECT_NE(std::string(shortcut.label), "");
        for (Language language : {Language::English, Language::Korean}) {
            set_ui_language(language);
            EXPECT_NE(std::string(tr(shortcut.description)), "") << shortcut.label;
        }
    }
    set_ui_language(Language::English);
    EXPECT_EQ(seen.size(), static_cast<size_t>(KeyAction::CancelRequest) + 1);
}

TEST(Shortcuts, EveryTableRowIsFoundByItsOwnKey) {
    for (const Shortcut& shortcut : shortcut_table()) {
        const std::optional<KeyPress> press = find_shortcut(shortcut.last_key, shortcut.mods, 0.0);
        ASSERT_TRUE(press) << shortcut.label;
        EXPECT_EQ(press->action, shortcut.action) << shortcut.label;
    }
}

KeyPress step_at(double time) { return {KeyAction::StepForward, 0, time}; }

// Ten taps queued within one frame (press and release together): ten live steps, one per frame.
TEST(KeyQueue, TenQueuedTapsAreTenStepsOnePerFrame) {
    KeyQueue queue;
    for (int i = 0; i < 10; ++i) queue.push(step_at(0.0));
    int steps = 0;
    for (int frame = 0; frame < 20; ++frame) {
        int this_frame = 0;
        drain_presses(queue, 0.01 * frame, [&](const KeyPress&) {
            ++this_frame;
            return PressOutcome::NextFrame;
        });
        EXPECT_LE(this_frame, 1);
        steps += this_frame;
    }
    EXPECT_EQ(steps, 10);
    EXPECT_TRUE(queue.empty());
}

TEST(KeyQueue, PressesThatNeedNoWaitingAreAllPerformedInOrder) {
    KeyQueue queue;
    queue.push({KeyAction::StepBack, 0, 0.0});
    queue.push({KeyAction::ToggleTimeline, 0, 0.0});
    queue.push({KeyAction::Live, 0, 0.0});
    std::vector<KeyAction> performed;
    drain_presses(queue, 0.0, [&](const KeyPress& press) {
        performed.push_back(press.action);
        return PressOutcome::Done;
    });
    EXPECT_EQ(performed, (std::vector<KeyAction>{KeyAction::StepBack, KeyAction::ToggleTimeline, KeyAction::Live}));
}

// The lesson is on its way to its next checkpoint: the step waits, and so does what came after it.
TEST(KeyQueue, AWaitingPressKeepsItsPlaceUntilItsPatienceRunsOut) {
    KeyQueue queue;
    queue.push(step_at(1.0));
    queue.push({KeyAction::StepBack, 0, 1.0});
    std::vector<KeyAction> performed;
    auto lesson_busy = [&](const KeyPress& press) {
        if (press.action == KeyAction::StepForward) return PressOutcome::NotYet;
        performed.push_back(press.action);
        return PressOutcome::Done;
    };
    drain_presses(queue, 1.0 + kPressPatienceSeconds / 2, lesson_busy);
    EXPECT_EQ(queue.size(), 2u);
    EXPECT_TRUE(performed.empty());
    drain_presses(queue, 1.0 + kPressPatienceSeconds, lesson_busy);
    EXPECT_TRUE(queue.empty());
    EXPECT_EQ(performed, std::vector<KeyAction>{KeyAction::StepBack});
}

}  // namespace
}  // namespace ovlab::gui
