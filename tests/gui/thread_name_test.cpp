// Thread names on the Threads panel's cards and in the Call log, shortened to fit: what is left
// must still say which thread it is.
#include <gtest/gtest.h>

#include <imgui.h>

#include "panel_threads.h"

namespace ovlab::gui {
namespace {

// An ImGui context with the built-in font: enough to measure text.
class ThreadNameFitting : public ::testing::Test {
protected:
    ThreadNameFitting() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(800, 600);
        io.Fonts->AddFontDefault();
        unsigned char* pixels = nullptr;
        int width = 0, height = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
        ImGui::NewFrame();
    }
    ~ThreadNameFitting() override {
        ImGui::EndFrame();
        ImGui::DestroyContext();
    }
    static float width_of(const char* text) { return ImGui::CalcTextSize(text).x; }
};

TEST_F(ThreadNameFitting, ANameThatFitsIsKept) {
    EXPECT_EQ(thread_name_fitting("kernel (io_uring)", width_of("kernel (io_uring)")), "kernel (io_uring)");
}

// The kernel's card once read "k. (io_u": the note in brackets kept, the name cut to one letter.
TEST_F(ThreadNameFitting, TheNoteInBracketsGoesBeforeTheName) {
    EXPECT_EQ(thread_name_fitting("kernel (io_uring)", width_of("kernel (io_u")), "kernel");
}

TEST_F(ThreadNameFitting, ATrailingNumberStaysWhole) {
    EXPECT_EQ(thread_name_fitting("worker 2", width_of("wor. 2")), "wor. 2");
}

}  // namespace
}  // namespace ovlab::gui
