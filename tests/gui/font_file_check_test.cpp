// read_font_file: every file a font list may name, good or bad, comes back as bytes or a reason,
// never as a crash. Bad fonts are made from a real one (DejaVu Sans, NanumGothic) in a temp folder.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "font_file_check.h"

namespace ovlab::gui {
namespace {

namespace fs = std::filesystem;

const fs::path kDejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const fs::path kNanum = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf";

std::string read_all(const fs::path& path) {
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), {}};
}

class FontFileCheck : public ::testing::Test {
protected:
    FontFileCheck() {
        dir_ = fs::temp_directory_path() /
               ("ovlab-font-check-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    ~FontFileCheck() override { fs::remove_all(dir_); }

    fs::path write(const std::string& name, const std::string& bytes) const {
        const fs::path path = dir_ / name;
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    }

    static std::string dejavu() {
        if (!fs::exists(kDejaVu)) return {};
        return read_all(kDejaVu);
    }

    fs::path dir_;
};

#define REQUIRE_FONT(bytes) \
    if ((bytes).empty()) GTEST_SKIP() << "this test needs the DejaVu fonts (fonts-dejavu-core)"

TEST_F(FontFileCheck, AGoodFontComesBackWhole) {
    const std::string font = dejavu();
    REQUIRE_FONT(font);
    const FontFile checked = read_font_file(kDejaVu, U"A");
    EXPECT_EQ(checked.problem, "");
    EXPECT_EQ(checked.bytes.size(), font.size());
}

TEST_F(FontFileCheck, AKoreanFontHasHangul) {
    if (!fs::exists(kNanum)) GTEST_SKIP() << "this test needs NanumGothic (fonts-nanum)";
    EXPECT_EQ(read_font_file(kNanum, U"A\uAC00").problem, "");
}

TEST_F(FontFileCheck, AFontWithoutTheNeededGlyphIsRefused) {
    REQUIRE_FONT(dejavu());
    const FontFile checked = read_font_file(kDejaVu, U"A\uAC00");
    EXPECT_EQ(checked.problem, "no glyph for U+AC00");
    EXPECT_TRUE(checked.bytes.empty());
}

TEST_F(FontFileCheck, EmptyAndGarbageFilesAreRefused) {
    EXPECT_EQ(read_font_file(write("empty.ttf", ""), U"A").problem, "empty file");
    EXPECT_EQ(read_font_file(write("short.ttf", "OTTO"), U"A").problem, "too short for a font header");
    EXPECT_EQ(read_font_file(write("garbage.ttf", std::string(4096, 'g')), U"A").problem,
              "not a TrueType or OpenType font (header 0x67676767)");
}

TEST_F(FontFileCheck, UnreadablePathsAreRefused) {
    EXPECT_EQ(read_font_file(dir_, U"A").problem, "cannot read: it is a directory");
    EXPECT_EQ(read_font_file(dir_ / "no-such-font.ttf", U"A").problem.rfind("cannot read: ", 0), 0u);
}

TEST_F(FontFileCheck, ARealFontTruncatedAnywhereIsRefused) {
    const std::string font = dejavu();
    REQUIRE_FONT(font);
    EXPECT_EQ(read_font_file(write("8.ttf", font.substr(0, 8)), U"A").problem, "too short for a font header");
    EXPECT_EQ(read_font_file(write("100.ttf", font.substr(0, 100)), U"A").problem, "truncated table directory");
    for (const size_t length : {font.size() / 10, font.size() / 2, font.size() * 9 / 10, font.size() - 1}) {
        const FontFile checked = read_font_file(write(std::to_string(length) + ".ttf", font.substr(0, length)), U"A");
        EXPECT_EQ(checked.problem.rfind("truncated table '", 0), 0u) << length << " bytes: " << checked.problem;
        EXPECT_TRUE(checked.bytes.empty());
    }
}

// Table records are 16 bytes from offset 12: tag, checksum, offset, length.
size_t table_record(const std::string& font, std::string_view tag) {
    const size_t count = (static_cast<unsigned char>(font[4]) << 8) | static_cast<unsigned char>(font[5]);
    for (size_t i = 0; i < count; ++i)
        if (font.compare(12 + 16 * i, 4, tag) == 0) return 12 + 16 * i;
    return std::string::npos;
}

TEST_F(FontFileCheck, AMissingTableIsNamed) {
    std::string font = dejavu();
    REQUIRE_FONT(font);
    const size_t cmap = table_record(font, "cmap");
    ASSERT_NE(cmap, std::string::npos);
    font.replace(cmap, 4, "xmap");
    EXPECT_EQ(read_font_file(write("no-cmap.ttf", font), U"A").problem, "missing table 'cmap'");
}

// A collection ('ttcf') with the font as its only member: table offsets count from the file start.
std::string as_collection(std::string font) {
    const size_t header = 16;
    const size_t count = (static_cast<unsigned char>(font[4]) << 8) | static_cast<unsigned char>(font[5]);
    for (size_t i = 0; i < count; ++i) {
        const size_t at = 12 + 16 * i + 8;
        uint32_t offset = 0;
        for (size_t b = 0; b < 4; ++b) offset = (offset << 8) | static_cast<unsigned char>(font[at + b]);
        offset += header;
        for (size_t b = 0; b < 4; ++b) font[at + b] = static_cast<char>(offset >> (24 - 8 * b));
    }
    return std::string("ttcf\0\1\0\0\0\0\0\1\0\0\0\x10", header) + font;
}

TEST_F(FontFileCheck, TheFirstFontOfACollectionIsChecked) {
    const std::string font = dejavu();
    REQUIRE_FONT(font);
    const std::string collection = as_collection(font);
    EXPECT_EQ(read_font_file(write("good.ttc", collection), U"A").problem, "");
    EXPECT_EQ(read_font_file(write("header.ttc", collection.substr(0, 20)), U"A").problem,
              "truncated collection: its first font lies outside the file");
    EXPECT_EQ(read_font_file(write("cut.ttc", collection.substr(0, collection.size() / 2)), U"A").problem.rfind(
                  "truncated table '", 0),
              0u);
}

}  // namespace
}  // namespace ovlab::gui
