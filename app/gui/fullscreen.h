// F11 and --fullscreen: the window fills the monitor it is on; F11 again puts it back where it was,
// at the size it had.
#pragma once

struct GLFWwindow;

namespace ovlab::gui {

class Fullscreen {
public:
    explicit Fullscreen(GLFWwindow* window) : window_(window) {}
    void toggle();
    bool on() const;

private:
    GLFWwindow* window_;
    int windowed_x_ = 0, windowed_y_ = 0, windowed_width_ = 0, windowed_height_ = 0;
};

}  // namespace ovlab::gui
