#include "keyboard.h"

#include <algorithm>
#include <string>
#include <vector>

#include <GLFW/glfw3.h>
#include <fmt/format.h>
#include <imgui.h>

#include "ovlab/platform.h"
#include "theme.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

// "###" keeps the popup's id the same in both languages while its title changes.
constexpr const char* kSheetId = "###shortcut-sheet";

// GLFW calls back with the window only: one Keyboard at a time owns these.
KeyQueue* g_queue = nullptr;
GLFWkeyfun g_previous_callback = nullptr;

void queue_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    if (g_previous_callback) g_previous_callback(window, key, scancode, action, mods);
    if (action == GLFW_RELEASE || !g_queue) return;
    if (std::optional<KeyPress> press = find_shortcut(key, mods, glfwGetTime())) g_queue->push(*press);
}

PressOutcome step_forward(LessonController& lessons) {
    const bool live = lessons.trace().is_live();
    if (lessons.can_step_forward()) {
        lessons.step_forward();
        return live ? PressOutcome::NextFrame : PressOutcome::Done;
    }
    // Nothing will ever be steppable in this run: the press does nothing, as the Step button would.
    if (lessons.lesson_finished() || (!lessons.session() && !lessons.resetting())) return PressOutcome::Done;
    return PressOutcome::NotYet;
}

void run_or_pause(LessonController& lessons) {
    if (lessons.running()) lessons.pause();
    else if (lessons.session() && !lessons.lesson_finished()) lessons.run();
}

// One line of the sheet: the keys of consecutive table rows with the same action, and what they do.
struct SheetLine {
    std::string keys;
    Str description;
};

std::vector<SheetLine> sheet_lines() {
    std::vector<SheetLine> lines;
    const Shortcut* previous = nullptr;
    for (const Shortcut& shortcut : shortcut_table()) {
        if (previous && previous->action == shortcut.action) lines.back().keys += fmt::format("  /  {}", shortcut.label);
        else lines.push_back({shortcut.label, shortcut.description});
        previous = &shortcut;
    }
    return lines;
}

bool other_popup_open() {
    return ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) && !ImGui::IsPopupOpen(kSheetId);
}

}  // namespace

Keyboard::Keyboard(GLFWwindow* window) : window_(window), fullscreen_(window) {
    g_queue = &queue_;
    g_previous_callback = glfwSetKeyCallback(window, queue_key);
}

Keyboard::~Keyboard() {
    glfwSetKeyCallback(window_, g_previous_callback);
    g_previous_callback = nullptr;
    g_queue = nullptr;
}

void Keyboard::perform_presses(GuiContext& ctx) {
    if (ImGui::GetIO().WantTextInput || other_popup_open()) {
        queue_.clear();
        return;
    }
    drain_presses(queue_, glfwGetTime(), [&](const KeyPress& press) { return perform(press, ctx); });
}

PressOutcome Keyboard::perform(const KeyPress& press, GuiContext& ctx) {
    LessonController& lessons = ctx.lessons;
    switch (press.action) {
        case KeyAction::StepForward: return step_forward(lessons);
        case KeyAction::StepBack: lessons.step_back(); break;
        case KeyAction::FirstStep: lessons.show_step(0); break;
        case KeyAction::Live: lessons.show_live(); break;
        case KeyAction::RunPause: run_or_pause(lessons); break;
        case KeyAction::Reset:
            if (!lessons.lesson()) break;
            ctx.requests.reset = true;
            return PressOutcome::NextFrame;
        case KeyAction::ToggleHold:
            if (platform::completion_hold_available()) lessons.set_hold(!lessons.hold());
            break;
        case KeyAction::ReleaseHeld: lessons.release_held(); break;
        case KeyAction::RunToCompletion: lessons.run_to({GoalKind::NextCompletion}); break;
        case KeyAction::RunToApc: lessons.run_to({GoalKind::NextApc}); break;
        case KeyAction::RunToDequeue: lessons.run_to({GoalKind::NextDequeue}); break;
        case KeyAction::DeliverFirst: lessons.deliver_focused_first(); break;
        case KeyAction::CancelRequest: lessons.cancel_focused(); break;
        case KeyAction::OpenLesson: {
            if (ctx.predict && ctx.predict->question_open()) {
                ctx.predict->choose(lessons, press.lesson - 1);
                break;
            }
            const std::vector<LessonInfo>& lessons_listed = all_lessons();
            if (press.lesson < 1 || static_cast<size_t>(press.lesson) > lessons_listed.size()) break;
            ctx.requests.open_lesson = &lessons_listed[static_cast<size_t>(press.lesson) - 1];
            return PressOutcome::NextFrame;
        }
        case KeyAction::ToggleTimeline: ctx.requests.toggle_timeline = !ctx.requests.toggle_timeline; break;
        case KeyAction::SaveWindowPicture: ctx.requests.save_picture = PictureKind::Window; break;
        case KeyAction::SaveTimelinePicture: ctx.requests.save_picture = PictureKind::Timeline; break;
        case KeyAction::ToggleFullscreen: fullscreen_.toggle(); break;
        case KeyAction::ZoomIn: ++ctx.requests.zoom_steps; break;
        case KeyAction::ZoomOut: --ctx.requests.zoom_steps; break;
        case KeyAction::ZoomReset: ctx.requests.zoom_reset = true; break;
        case KeyAction::ToggleSheet:
            if (ImGui::IsPopupOpen(kSheetId)) close_sheet_ = true;
            else open_sheet_ = true;
            break;
        case KeyAction::CloseSheet: close_sheet_ = ImGui::IsPopupOpen(kSheetId); break;
        case KeyAction::TogglePredict:
            if (ctx.predict) ctx.predict->set_on(!ctx.predict->on(), lessons);
            break;
    }
    return PressOutcome::Done;
}

void Keyboard::draw_sheet(const GuiContext& ctx) {
    if (open_sheet_) ImGui::OpenPopup(kSheetId);
    open_sheet_ = false;
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    const std::string title = fmt::format("{}{}", tr(Str::KeysTitle), kSheetId);
    bool open = true;
    if (!ImGui::BeginPopupModal(title.c_str(), &open, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove)) {
        close_sheet_ = false;
        return;
    }
    const Palette& p = palette();
    const float width = ImGui::GetFontSize() * 36;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    text_coloured(p.text_dim, tr(Str::KeysIntro));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    const std::vector<SheetLine> lines = sheet_lines();
    ImGui::PushFont(ctx.fonts.bold);
    float keys_width = 0;
    for (const SheetLine& line : lines) keys_width = std::max(keys_width, ImGui::CalcTextSize(line.keys.c_str()).x);
    ImGui::PopFont();
    if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_PadOuterX,
                          ImVec2(width, 0))) {
        ImGui::TableSetupColumn("##key", ImGuiTableColumnFlags_WidthFixed, keys_width);
        ImGui::TableSetupColumn("##what", ImGuiTableColumnFlags_WidthStretch);
        for (const SheetLine& line : lines) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            text_in_font(ctx.fonts.bold, p.accent, line.keys);
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", tr(line.description));
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    if (ImGui::Button(tr(Str::KeysClose)) || close_sheet_ || !open) ImGui::CloseCurrentPopup();
    close_sheet_ = false;
    ImGui::EndPopup();
}

}  // namespace ovlab::gui
