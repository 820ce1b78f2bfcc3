#include "window.h"

#include <algorithm>
#include <cfloat>
#include <cstdint>
#include <cstdlib>

#include <GLFW/glfw3.h>
#include <fmt/format.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

namespace ovlab::gui {

namespace {

std::string g_glfw_error;

void remember_glfw_error(int, const char* description) { g_glfw_error = description ? description : ""; }

std::string glfw_detail() { return g_glfw_error.empty() ? std::string() : fmt::format(" ({})", g_glfw_error); }

bool display_configured() {
#if defined(__linux__) || defined(__FreeBSD__)
    const char* x11 = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    return (x11 && *x11) || (wayland && *wayland);
#else
    return true;
#endif
}

// A projector at 1280x720, or 1600x900 scaled to 150 % on a laptop, must not push the window (and
// its toolbar) off the screen: shrink it to the primary monitor's work area and move it inside.
// Without a remembered size the window takes the whole work area: small on a small projector,
// large on a 4K monitor. The work area includes the title bar and borders, so they are taken off.
void fit_in_work_area(GLFWwindow* window, Window::Size size) {
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    if (!monitor) return;
    int x = 0, y = 0, width = 0, height = 0;
    glfwGetMonitorWorkarea(monitor, &x, &y, &width, &height);
    if (width <= 0 || height <= 0) return;
    int left = 0, top = 0, right = 0, bottom = 0;
    glfwGetWindowFrameSize(window, &left, &top, &right, &bottom);
    const int inner_width = std::max(width - left - right, 1);
    const int inner_height = std::max(height - top - bottom, 1);
    int window_width = 0, window_height = 0;
    glfwGetWindowSize(window, &window_width, &window_height);
    if (size == Window::Size::Given && window_width <= inner_width && window_height <= inner_height) return;
    if (size == Window::Size::FillWorkArea) window_width = window_height = INT32_MAX;
    glfwSetWindowSize(window, std::min(window_width, inner_width), std::min(window_height, inner_height));
    glfwSetWindowPos(window, x + left, y + top);
}

}  // namespace

std::variant<std::unique_ptr<Window>, std::string> Window::open(int width, int height, Size size, const char* title) {
    constexpr const char* kNoDisplay = "no display: set DISPLAY or run under xvfb-run";
    if (!display_configured()) return std::string(kNoDisplay);
    glfwSetErrorCallback(remember_glfw_error);
    if (!glfwInit()) return fmt::format("{}{}", kNoDisplay, glfw_detail());

    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    GLFWwindow* window = glfwCreateWindow(width, height, title, nullptr, nullptr);
    if (!window) {
        const std::string error = fmt::format("cannot create an OpenGL 3.0 context{}", glfw_detail());
        glfwTerminate();
        return error;
    }
    fit_in_work_area(window, size);
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is fixed; no imgui.ini in the student's folder
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 130");
    return std::unique_ptr<Window>(new Window(window));
}

Window::~Window() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window_);
    glfwTerminate();
}

bool Window::should_close() const { return glfwWindowShouldClose(window_); }

float Window::content_scale() const {
    float x = 1, y = 1;
    glfwGetWindowContentScale(window_, &x, &y);
    return x > 0 ? x : 1;
}

Window::Placement Window::placement() const {
    int width = 0, height = 0;
    glfwGetWindowSize(window_, &width, &height);
    // open() asks GLFW to scale the size to the monitor: undo that so the next open() gets it back.
    const float scale = content_scale();
    return {static_cast<int>(static_cast<float>(width) / scale), static_cast<int>(static_cast<float>(height) / scale),
            glfwGetWindowAttrib(window_, GLFW_MAXIMIZED) == GLFW_TRUE};
}

void Window::maximize() { glfwMaximizeWindow(window_); }

void Window::poll_events() { glfwPollEvents(); }

void Window::begin_frame(bool pointer_away) {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (pointer_away) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
}

void Window::render(const ImVec4& clear_colour) {
    ImGui::Render();
    int width = 0, height = 0;
    framebuffer_size(width, height);
    glViewport(0, 0, width, height);
    glClearColor(clear_colour.x, clear_colour.y, clear_colour.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Window::swap() { glfwSwapBuffers(window_); }

void Window::framebuffer_size(int& width, int& height) const { glfwGetFramebufferSize(window_, &width, &height); }

}  // namespace ovlab::gui
