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

// A port lesson's six lanes at 1280x720 (about 35 letters of room): shared equally, "Client 4" and
// "Worker 2" were cut ("Clie. 4", "Wo. 2"); shared by need, every name is whole.
TEST_F(ThreadNameFitting, LanesSharedByNeedKeepEveryNameWhole) {
    const std::vector<const char*> names = {"main", "kernel", "Worker 2", "Worker 3", "Client 4", "Client 5"};
    const float padding = 14;
    std::vector<float> needs;
    float total = 0;
    for (const char* name : names) {
        needs.push_back(width_of(name) + padding);
        total += needs.back();
    }
    const float spacing = 6;
    const float room = total + spacing * 5 + 4;
    const std::vector<float> widths = lane_widths(needs, room, spacing, 1000);
    ASSERT_EQ(widths.size(), names.size());
    for (size_t i = 0; i < names.size(); ++i)
        EXPECT_EQ(thread_name_fitting(names[i], widths[i] - padding), names[i]) << names[i];
    EXPECT_EQ(lane_widths({10, 10}, 1000, 0, 300), (std::vector<float>{300, 300})) << "never wider than widest";
}

}  // namespace
}  // namespace ovlab::gui
