#include "fullscreen.h"

#include <algorithm>

#include <GLFW/glfw3.h>

namespace ovlab::gui {
namespace {

int overlap(int a_begin, int a_length, int b_begin, int b_length) {
    return std::max(0, std::min(a_begin + a_length, b_begin + b_length) - std::max(a_begin, b_begin));
}

// The monitor showing most of the window (GLFW has no call for it); the primary one otherwise.
GLFWmonitor* monitor_of(GLFWwindow* window) {
    int x = 0, y = 0, width = 0, height = 0;
    glfwGetWindowPos(window, &x, &y);
    glfwGetWindowSize(window, &width, &height);
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    GLFWmonitor* best = glfwGetPrimaryMonitor();
    int best_area = 0;
    for (int i = 0; i < count; ++i) {
        const GLFWvidmode* mode = glfwGetVideoMode(monitors[i]);
        if (!mode) continue;
        int monitor_x = 0, monitor_y = 0;
        glfwGetMonitorPos(monitors[i], &monitor_x, &monitor_y);
        const int area = overlap(x, width, monitor_x, mode->width) * overlap(y, height, monitor_y, mode->height);
        if (area > best_area) {
            best_area = area;
            best = monitors[i];
        }
    }
    return best;
}

}  // namespace

bool Fullscreen::on() const { return glfwGetWindowMonitor(window_) != nullptr; }

void Fullscreen::toggle() {
    if (on()) {
        glfwSetWindowMonitor(window_, nullptr, windowed_x_, windowed_y_, windowed_width_, windowed_height_,
                             GLFW_DONT_CARE);
        return;
    }
    GLFWmonitor* monitor = monitor_of(window_);
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (!mode) return;
    glfwGetWindowPos(window_, &windowed_x_, &windowed_y_);
    glfwGetWindowSize(window_, &windowed_width_, &windowed_height_);
    glfwSetWindowMonitor(window_, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
}

}  // namespace ovlab::gui
