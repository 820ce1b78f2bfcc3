#include "ui_scale.h"

#include <imgui_impl_opengl3.h>

#include "zoom.h"

namespace ovlab::gui {
namespace {

constexpr float kUiPixels = 19.0f;    // readable from the back of a classroom at 1600x900
constexpr float kMonoPixels = 18.0f;

float g_scale = 1.0f;

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

std::optional<float> zoom_asked(float zoom, const UiRequests& requests) {
    if (requests.zoom_reset) return 1.0f;
    float asked = zoom;
    for (int step = 0; step < requests.zoom_steps; ++step) asked = app::zoom_in(asked);
    for (int step = 0; step > requests.zoom_steps; --step) asked = app::zoom_out(asked);
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl && !io.KeyAlt && io.MouseWheel > 0) asked = app::zoom_in(asked);
    if (io.KeyCtrl && !io.KeyAlt && io.MouseWheel < 0) asked = app::zoom_out(asked);
    return asked != zoom ? std::optional<float>(asked) : std::nullopt;
}

}  // namespace ovlab::gui
