// The GLFW window with its OpenGL 3 context and the Dear ImGui backends.
#pragma once

#include <memory>
#include <string>
#include <variant>

#include <imgui.h>

struct GLFWwindow;

namespace ovlab::gui {

class Window {
public:
    // Given: width x height (shrunk to fit the monitor's work area); FillWorkArea: as large as the
    // monitor's work area, whatever its size (width x height when the work area is unknown).
    enum class Size { Given, FillWorkArea };
    // The window, or a one-line reason it cannot exist ("no display: set DISPLAY or run under xvfb-run").
    static std::variant<std::unique_ptr<Window>, std::string> open(int width, int height, Size size, const char* title);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    bool should_close() const;
    float content_scale() const;  // 1 on a normal display, 2 on a HiDPI one
    // The window's size in screen units at 100 % monitor scale (what open() takes) and whether it
    // is maximised: what the settings file remembers.
    struct Placement {
        int width = 0, height = 0;
        bool maximized = false;
    };
    Placement placement() const;
    void maximize();
    void poll_events();
    // `pointer_away`: the frame sees no mouse, so nothing is hovered (a screenshot script's pictures
    // never show a tooltip where a virtual display happens to leave its pointer).
    void begin_frame(bool pointer_away = false);
    // Renders the ImGui frame into the back buffer; framebuffer_size() is what was drawn.
    void render(const ImVec4& clear_colour);
    void swap();
    void framebuffer_size(int& width, int& height) const;
    GLFWwindow* glfw_window() const { return window_; }

private:
    explicit Window(GLFWwindow* window) : window_(window) {}
    GLFWwindow* window_ = nullptr;
};

}  // namespace ovlab::gui
