// Checks a font file before ImGui sees it. ImGui asserts on a font it cannot load, and stb_truetype
// (which ImGui uses) reads the tables without bounds checks, so an empty, garbage or truncated file
// named in a font list would abort or crash the window instead of falling back to another font.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ovlab::gui {

struct FontFile {
    std::vector<unsigned char> bytes;  // the whole file, for ImGui's AddFontFromMemoryTTF
    std::string problem;               // why the file cannot be used ("truncated table 'glyf'"); empty when it can
};

// Reads `path` and checks it is a TrueType/OpenType font (the first face of a collection, the one
// ImGui uses) whose tables all lie inside the file, has what stb_truetype needs, and has a glyph for
// every code point of `needed`.
FontFile read_font_file(const std::filesystem::path& path, std::u32string_view needed);

}  // namespace ovlab::gui
