#include "screenshot.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <vector>

#include <GLFW/glfw3.h>
#include <fmt/format.h>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC
#include <stb_image_write.h>

namespace ovlab::gui {
namespace {

using namespace std::chrono_literals;

// A step has been taken when the stepper counted it and the lesson is parked again (or ended),
// and nothing new has been recorded for a moment (a runtime thread may still be finishing).
constexpr auto kQuietTime = 60ms;
// A step that never gets taken (every thread waits for I/O that does not come) must not hang.
constexpr auto kStepTimeout = 5s;
// --peer-actions: the time one action is given to reach the lesson before the next one.
constexpr auto kPeerActionGap = 1s;
// Frames drawn after the last step so scrolling and layout settle before the picture.
constexpr int kSettleFrames = 3;
constexpr const char* kLessonEnded = "the lesson ended";

using Bytes = std::vector<unsigned char>;

void append_bytes(void* context, void* data, int size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    static_cast<Bytes*>(context)->insert(static_cast<Bytes*>(context)->end(), bytes, bytes + size);
}

// stb's own file writer checks neither fwrite nor fclose: a full disk would leave a cut-off PNG
// and report success.
std::optional<std::string> write_file(const std::string& path, const Bytes& bytes) {
    auto failed = [&] { return fmt::format("cannot write {}: {}", path, std::strerror(errno)); };
    errno = 0;
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (!file) return failed();
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
    const int write_errno = errno;
    if (std::fclose(file) != 0 || !written) {
        if (!written) errno = write_errno;
        return failed();
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> save_framebuffer_png(const std::string& path, int width, int height) {
    return save_framebuffer_region_png(path, height, {0, 0, width, height});
}

std::optional<std::string> save_framebuffer_region_png(const std::string& path, int framebuffer_height, PixelRect rect) {
    const int width = rect.width, height = rect.height;
    if (width <= 0 || height <= 0) return fmt::format("cannot save {}: the window has no pixels", path);
    std::vector<unsigned char> pixels(static_cast<size_t>(width) * static_cast<size_t>(height) * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(rect.x, framebuffer_height - rect.y - height, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    if (glGetError() != GL_NO_ERROR) return fmt::format("cannot save {}: reading the framebuffer failed", path);
    // OpenGL's first row is the bottom one; PNG's is the top.
    stbi_flip_vertically_on_write(1);
    Bytes png;
    if (!stbi_write_png_to_func(append_bytes, &png, width, height, 3, pixels.data(), width * 3))
        return fmt::format("cannot save {}: PNG encoding failed", path);
    return write_file(path, png);
}

std::string picture_path(std::string_view lesson_id, uint64_t step, bool timeline_only) {
    namespace fs = std::filesystem;
    // The Pictures folder, else the home folder: never a current folder the user did not name.
    std::vector<fs::path> candidates;
    if (const char* xdg = std::getenv("XDG_PICTURES_DIR")) candidates.emplace_back(xdg);
    for (const char* home : {"HOME", "USERPROFILE"})
        if (const char* value = std::getenv(home)) candidates.push_back(fs::path(value) / "Pictures");
    for (const char* home : {"HOME", "USERPROFILE"})
        if (const char* value = std::getenv(home)) candidates.emplace_back(value);
    fs::path folder;
    std::error_code error;
    for (const fs::path& candidate : candidates) {
        if (fs::is_directory(candidate, error)) {
            folder = candidate;
            break;
        }
    }
    const std::time_t now = std::time(nullptr);
    char stamp[32] = {};
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
    const std::string name = fmt::format("overlapped-lab-{}-step{}{}-{}.png", lesson_id.empty() ? "window" : lesson_id,
                                         step, timeline_only ? "-timeline" : "", stamp);
    return (folder / name).string();
}

bool ScreenshotScript::advance(LessonController& lessons) {
    switch (phase_) {
        case Phase::Stepping:
            if (lessons.replaying()) {
                show_recorded_steps(lessons);
                return false;
            }
            if (lessons.runs_program()) {
                step_program(lessons);
                return false;
            }
            if (lessons.resetting() || !lessons.session()) {
                if (!lessons.run_error().empty()) stop_stepping("the lesson did not start");
                return false;
            }
            if (step_in_progress_) {
                if (!step_taken(lessons)) return false;
                step_in_progress_ = false;
                if (phase_ != Phase::Stepping) return false;
            }
            if (taken_ >= steps_) phase_ = Phase::Settling;
            else if (lessons.lesson_finished()) stop_stepping(kLessonEnded);
            else step_once(lessons);
            return false;
        case Phase::Settling:
            if (++settle_frames_ >= kSettleFrames) phase_ = Phase::Capture;
            return phase_ == Phase::Capture;
        case Phase::Capture: return true;
        case Phase::Done: return false;
    }
    return false;
}

void ScreenshotScript::show_recorded_steps(LessonController& lessons) {
    const uint64_t recorded = lessons.trace().live_step();
    taken_ = static_cast<int>(std::min<uint64_t>(static_cast<uint64_t>(steps_), recorded));
    lessons.show_step(static_cast<uint64_t>(taken_));
    if (taken_ < steps_) stop_stepping(kLessonEnded);
    else phase_ = Phase::Settling;
}

void ScreenshotScript::step_once(LessonController& lessons) {
    step::Stepper& stepper = lessons.session()->stepper();
    if (!stepper.has_waiting()) {
        // A server that published its port and went quiet waits for the Peer client panel: only a
        // student's click can move it now.
        if (waits_for_peer(lessons)) {
            if (!act_as_peer(lessons)) stop_stepping("the server waits for the Peer client panel");
            return;
        }
        // Nothing may move yet (the kernel is still working, or the first thread is starting).
        if (step_started_ == Clock::time_point{}) step_started_ = Clock::now();
        if (Clock::now() - step_started_ > kStepTimeout) stop_stepping("nothing in the lesson could move");
        return;
    }
    passed_target_ = stepper.checkpoints_passed() + 1;
    stepper.step();
    step_in_progress_ = true;
    step_looked_at_ = false;
    step_started_ = Clock::now();
    last_published_ = lessons.session()->recorder().published();
    published_changed_ = step_started_;
}

bool ScreenshotScript::step_taken(LessonController& lessons) {
    Session& session = *lessons.session();
    const auto now = Clock::now();
    // The time limit counts from the first frame that looks at the step: on a loaded machine one
    // frame can take longer than the limit by itself (seen at the first step of peer runs).
    if (!step_looked_at_) {
        step_looked_at_ = true;
        step_started_ = now;
    }
    const uint64_t published = session.recorder().published();
    if (published != last_published_) {
        last_published_ = published;
        published_changed_ = now;
    }
    // The step that ends the lesson passes no checkpoint: the lesson finishing counts it.
    const bool counted = session.stepper().checkpoints_passed() >= passed_target_ || session.finished();
    const bool parked = session.stepper().has_waiting() || session.finished();
    // A step that ends with the server blocked for the peer is never counted (a turn that ends in
    // a wait passes its step on), and nobody else can take it.
    const bool peer_idle = waits_for_peer(lessons) && !session.stepper().has_waiting();
    if (((counted && parked) || peer_idle) && now - published_changed_ >= kQuietTime) {
        ++taken_;
        step_started_ = {};
        return true;
    }
    if (now - step_started_ > kStepTimeout) {
        stop_stepping("a step was not taken within 5 s");
        ++taken_;
        return true;
    }
    return false;
}

void ScreenshotScript::step_program(LessonController& lessons) {
    if (!lessons.run_error().empty()) return stop_stepping("the program did not start");
    if (step_in_progress_) {
        if (!program_step_taken(lessons)) return;
        step_in_progress_ = false;
        if (phase_ != Phase::Stepping) return;
    }
    if (taken_ >= steps_) phase_ = Phase::Settling;
    else if (lessons.lesson_finished()) stop_stepping(kLessonEnded);
    else if (!lessons.can_step_forward()) {  // not connected yet
        if (step_started_ == Clock::time_point{}) step_started_ = Clock::now();
        if (Clock::now() - step_started_ > kStepTimeout) stop_stepping("the program did not connect");
    } else {
        passed_target_ = lessons.trace().live_state().checkpoints + 1;
        lessons.step_forward();
        step_in_progress_ = true;
        step_started_ = published_changed_ = Clock::now();
        last_published_ = lessons.recorder()->published();
    }
}

bool ScreenshotScript::program_step_taken(LessonController& lessons) {
    const auto now = Clock::now();
    const uint64_t published = lessons.recorder()->published();
    if (published != last_published_) {
        last_published_ = published;
        published_changed_ = now;
    }
    const bool counted = lessons.trace().live_state().checkpoints >= passed_target_ || lessons.lesson_finished();
    if ((counted && now - published_changed_ >= kQuietTime) || now - step_started_ > kStepTimeout) {
        if (!counted) stop_stepping("a step was not taken within 5 s");
        ++taken_;
        step_started_ = {};
        return true;
    }
    return false;
}

bool ScreenshotScript::act_as_peer(LessonController& lessons) {
    if (next_peer_action_ == peer_actions_.size()) return false;
    // The previous action's bytes, FIN or reset need a moment to reach the lesson's socket.
    const auto now = Clock::now();
    if (now - last_peer_action_ < kPeerActionGap) return true;
    app::perform_peer_action(lessons.peers(), *lessons.peer_port(), peer_actions_[next_peer_action_++]);
    last_peer_action_ = now;
    step_started_ = {};
    return true;
}

bool ScreenshotScript::waits_for_peer(const LessonController& lessons) {
    return lessons.serves_peer() && lessons.peer_port().has_value();
}

void ScreenshotScript::stop_stepping(const char* why) {
    if (taken_ < steps_) {
        shortfall_ = why == kLessonEnded
                         ? fmt::format("the lesson ended after {} steps; --steps {} asked for more", taken_, steps_)
                         : fmt::format("screenshot: stopped after {} of {} steps: {}", taken_, steps_, why);
    }
    phase_ = Phase::Settling;
}

}  // namespace ovlab::gui
