#include "zoom.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <string>

namespace ovlab::app {
namespace {

// Small steps near 100 % where a lecturer fine-tunes, bigger ones towards the ends.
constexpr std::array kZoomSteps = {0.5f, 0.67f, 0.75f, 0.8f, 0.9f, 1.0f, 1.1f, 1.25f,
                                   1.5f, 1.75f, 2.0f, 2.5f, 3.0f};
// A zoom this close to a step counts as that step (a value read back from a settings file).
constexpr float kSameStep = 0.005f;

}  // namespace

float clamp_zoom(float zoom) {
    if (!std::isfinite(zoom)) return 1.0f;
    return std::clamp(zoom, kZoomMin, kZoomMax);
}

float zoom_in(float zoom) {
    zoom = clamp_zoom(zoom);
    for (const float step : kZoomSteps)
        if (step > zoom + kSameStep) return step;
    return kZoomMax;
}

float zoom_out(float zoom) {
    zoom = clamp_zoom(zoom);
    for (auto step = kZoomSteps.rbegin(); step != kZoomSteps.rend(); ++step)
        if (*step < zoom - kSameStep) return *step;
    return kZoomMin;
}

std::optional<float> parse_zoom(std::string_view text) {
    std::string number(text);
    while (!number.empty() && number.back() == ' ') number.pop_back();
    const bool percent = !number.empty() && number.back() == '%';
    if (percent) number.pop_back();
    while (!number.empty() && number.back() == ' ') number.pop_back();
    if (number.empty() || number.front() == ' ') return std::nullopt;
    float value = 0;
    // from_chars, not stof: the decimal point is '.' whatever the user's locale.
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (error != std::errc() || end != number.data() + number.size() || !std::isfinite(value)) return std::nullopt;
    if (percent) value /= 100.0f;
    if (value < kZoomMin - 1e-4f || value > kZoomMax + 1e-4f) return std::nullopt;
    return clamp_zoom(value);
}

}  // namespace ovlab::app
