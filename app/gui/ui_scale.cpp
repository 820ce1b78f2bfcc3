#include "ui_scale.h"

#include <GLFW/glfw3.h>
#include <imgui_impl_opengl3.h>

#include "zoom.h"

namespace ovlab::gui {
namespace {

constexpr float kUiPixels = 19.0f;    // readable from the back of a classroom at 1600x900
constexpr float kMonoPixels = 18.0f;

float g_scale = 1.0f;

bool pressed(int glfw_key) { return ImGui::IsKeyPressed(glfw_key, true); }

}  // namespace

float ui_scale() { return g_scale; }

Fonts UiScale::load_fonts() const {
    g_scale = scale();
    return gui::load_fonts(kUiPixels * scale(), kMonoPixels * scale());
}

void UiScale::style_from_theme() {
    base_style_ = ImGui::GetStyle();
    scale_style();
}

void UiScale::scale_style() const {
    ImGuiStyle scaled = base_style_;
    scaled.ScaleAllSizes(scale());
    ImGui::GetStyle() = scaled;
}

void UiScale::set_zoom(float zoom, Fonts& fonts) {
    zoom_ = app::clamp_zoom(zoom);
    Fonts reloaded = load_fonts();
    // The warnings about missing fonts were printed at start; the faces found are the same.
    fonts.regular = reloaded.regular;
    fonts.bold = reloaded.bold;
    fonts.italic = reloaded.italic;
    fonts.mono = reloaded.mono;
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    scale_style();
}

std::optional<float> zoom_asked(float zoom) {
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.KeyCtrl || io.KeyAlt) return std::nullopt;
    if (pressed(GLFW_KEY_EQUAL) || pressed(GLFW_KEY_KP_ADD) || io.MouseWheel > 0) return app::zoom_in(zoom);
    if (pressed(GLFW_KEY_MINUS) || pressed(GLFW_KEY_KP_SUBTRACT) || io.MouseWheel < 0) return app::zoom_out(zoom);
    if (pressed(GLFW_KEY_0) || pressed(GLFW_KEY_KP_0)) return 1.0f;
    return std::nullopt;
}

}  // namespace ovlab::gui
