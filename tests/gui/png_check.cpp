// Checks the GUI smoke screenshots: each PNG is a real picture (not blank, not one flat colour)
// and the picture after N steps differs from the one at step 0 (the panels followed the lesson).
//
//   gui_png_check STEP0.png STEPN.png
#include <cstdio>
#include <memory>
#include <set>

#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_STATIC
#include <stb_image.h>

namespace {

// Distinct colours a drawn window has at least (text, panels, badges); a blank frame has one or two.
constexpr size_t kMinColours = 24;
// Share of pixels that must differ between step 0 and step N (code marker, call log, inspector).
constexpr double kMinChangedShare = 0.005;

struct Image {
    int width = 0, height = 0;
    std::unique_ptr<unsigned char, decltype(&stbi_image_free)> pixels{nullptr, stbi_image_free};
};

bool load(const char* path, Image& image) {
    int channels = 0;
    image.pixels.reset(stbi_load(path, &image.width, &image.height, &channels, 3));
    if (!image.pixels) {
        std::fprintf(stderr, "FAIL: cannot read %s: %s\n", path, stbi_failure_reason());
        return false;
    }
    return true;
}

bool looks_drawn(const char* path, const Image& image) {
    std::set<unsigned> colours;
    const size_t count = static_cast<size_t>(image.width) * static_cast<size_t>(image.height);
    for (size_t i = 0; i < count && colours.size() < kMinColours; ++i) {
        const unsigned char* p = image.pixels.get() + i * 3;
        colours.insert(unsigned(p[0]) << 16 | unsigned(p[1]) << 8 | p[2]);
    }
    if (colours.size() < kMinColours) {
        std::fprintf(stderr, "FAIL: %s has only %zu colours: the window drew nothing\n", path, colours.size());
        return false;
    }
    std::printf("ok: %s is %dx%d and drawn\n", path, image.width, image.height);
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: gui_png_check STEP0.png STEPN.png\n");
        return 2;
    }
    Image first, later;
    if (!load(argv[1], first) || !load(argv[2], later)) return 1;
    if (!looks_drawn(argv[1], first) || !looks_drawn(argv[2], later)) return 1;
    if (first.width != later.width || first.height != later.height) {
        std::fprintf(stderr, "FAIL: the screenshots differ in size (%dx%d vs %dx%d)\n", first.width, first.height,
                     later.width, later.height);
        return 1;
    }
    const size_t count = static_cast<size_t>(first.width) * static_cast<size_t>(first.height);
    size_t changed = 0;
    for (size_t i = 0; i < count * 3; i += 3)
        if (first.pixels.get()[i] != later.pixels.get()[i] || first.pixels.get()[i + 1] != later.pixels.get()[i + 1] ||
            first.pixels.get()[i + 2] != later.pixels.get()[i + 2])
            ++changed;
    const double share = static_cast<double>(changed) / static_cast<double>(count);
    if (share < kMinChangedShare) {
        std::fprintf(stderr, "FAIL: only %.2f%% of the pixels changed between %s and %s: stepping did not show\n",
                     share * 100, argv[1], argv[2]);
        return 1;
    }
    std::printf("ok: %.1f%% of the pixels changed between the two steps\n", share * 100);
    return 0;
}
