// The window's settings.json, which a user may edit by hand or find half-written: any bytes. Reading
// it gives settings inside their ranges and one line per problem, a file ignored whole gives the
// defaults, and what was read is written and read back the same; nothing escapes.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "settings.h"
#include "zoom.h"

namespace {

using ovlab::gui::ReadSettings;
using ovlab::gui::Settings;

void require(bool condition) {
    if (!condition) std::abort();  // libFuzzer keeps the input that broke the promise
}

bool in_window_range(int extent) {
    return extent >= ovlab::gui::kSettingsWindowMin && extent <= ovlab::gui::kSettingsWindowMax;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const ReadSettings read = ovlab::gui::parse_settings(std::string_view(reinterpret_cast<const char*>(data), size));
    const Settings& settings = read.settings;
    require(settings.zoom >= ovlab::app::kZoomMin && settings.zoom <= ovlab::app::kZoomMax);
    require(in_window_range(settings.window_width) && in_window_range(settings.window_height));
    for (const std::string& problem : read.problems) require(!problem.empty() && problem.find('\n') == std::string::npos);
    if (read.whole_file_ignored) require(settings == Settings{});

    // The file keeps the zoom to two decimals; everything else comes back exactly.
    const ReadSettings again = ovlab::gui::parse_settings(ovlab::gui::settings_json(settings));
    require(again.problems.empty() && again.window_size_read);
    require(std::fabs(again.settings.zoom - settings.zoom) < 0.01f);
    Settings same_zoom = again.settings;
    same_zoom.zoom = settings.zoom;
    require(same_zoom == settings);
    return 0;
}
