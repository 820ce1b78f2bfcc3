// The structure is checked by hand (offsets and lengths against the file size) because that is
// exactly what stb_truetype leaves out; only then is stb_truetype asked for glyphs.
#include "font_file_check.h"

#include <cstdint>
#include <fstream>
#include <map>
#include <span>

#include <fmt/format.h>

#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include <stb_truetype.h>

namespace ovlab::gui {
namespace {

namespace fs = std::filesystem;
using Bytes = std::span<const unsigned char>;
using Tables = std::map<std::string, Bytes, std::less<>>;

bool fits(Bytes bytes, uint64_t offset, uint64_t length) {
    return offset <= bytes.size() && length <= bytes.size() - offset;
}

// Big-endian fields; callers have checked with fits() that they lie inside `bytes`.
uint32_t u16(Bytes bytes, size_t at) { return (uint32_t{bytes[at]} << 8) | bytes[at + 1]; }
uint32_t u32(Bytes bytes, size_t at) { return (u16(bytes, at) << 16) | u16(bytes, at + 2); }

constexpr uint32_t tag(const char (&name)[5]) {
    return (uint32_t(uint8_t(name[0])) << 24) | (uint32_t(uint8_t(name[1])) << 16) | (uint32_t(uint8_t(name[2])) << 8) |
           uint32_t(uint8_t(name[3]));
}

// Table tags are four bytes, usually letters ("glyf", "CFF "); anything else is shown as '?'.
std::string tag_name(Bytes bytes, size_t at) {
    std::string name;
    for (size_t i = 0; i < 4; ++i) name += (bytes[at + i] >= 0x20 && bytes[at + i] < 0x7F) ? char(bytes[at + i]) : '?';
    return name;
}

std::string read_bytes(const fs::path& path, std::vector<unsigned char>& bytes) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error) return fmt::format("cannot read: {}", error.message());
    if (fs::is_directory(status)) return "cannot read: it is a directory";
    if (!fs::is_regular_file(status)) return "cannot read: not a regular file";
    const uintmax_t size = fs::file_size(path, error);
    if (error) return fmt::format("cannot read: {}", error.message());
    if (size == 0) return "empty file";
    std::ifstream file(path, std::ios::binary);
    bytes.resize(size);
    if (!file.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size)))
        return "cannot read: read error";
    return {};
}

// Where the face ImGui loads begins: the file itself, or the first font of a collection ('ttcf').
std::string find_face(Bytes file, size_t& face) {
    if (file.size() < 12) return "too short for a font header";
    face = 0;
    if (u32(file, 0) == tag("ttcf")) {
        if (u32(file, 8) == 0 || !fits(file, 12, 4)) return "truncated collection header";
        face = u32(file, 12);
        if (!fits(file, face, 12)) return "truncated collection: its first font lies outside the file";
    }
    const uint32_t version = u32(file, face);
    if (version != 0x00010000 && version != tag("true") && version != tag("OTTO"))
        return fmt::format("not a TrueType or OpenType font (header 0x{:08X})", version);
    return {};
}

std::string read_table_directory(Bytes file, size_t face, Tables& tables) {
    const uint32_t count = u16(file, face + 4);
    const size_t directory = face + 12;
    if (!fits(file, directory, 16ull * count)) return "truncated table directory";
    for (uint32_t i = 0; i < count; ++i) {
        const size_t record = directory + 16ull * i;
        const std::string name = tag_name(file, record);
        const uint32_t offset = u32(file, record + 8);
        const uint32_t length = u32(file, record + 12);
        if (!fits(file, offset, length)) return fmt::format("truncated table '{}'", name);
        tables.emplace(name, file.subspan(offset, length));
    }
    return {};
}

// What stbtt_InitFont looks up; maxp is optional for stb but every real font has it.
std::string check_required_tables(const Tables& tables) {
    for (const char* name : {"cmap", "head", "hhea", "hmtx", "maxp"})
        if (!tables.count(name)) return fmt::format("missing table '{}'", name);
    if (tables.count("glyf")) return tables.count("loca") ? std::string() : "missing table 'loca'";
    if (!tables.count("CFF ")) return "no outlines: missing table 'glyf' and 'CFF '";
    return {};
}

std::string check_min_length(const Tables& tables, const char* name, size_t length) {
    if (tables.at(name).size() < length) return fmt::format("table '{}' too short", name);
    return {};
}

// stb_truetype reads a glyph's advance from hmtx and its outline position from loca without
// checking either against the table length.
std::string check_glyph_metrics(const Tables& tables) {
    std::string problem = check_min_length(tables, "head", 54);
    if (problem.empty()) problem = check_min_length(tables, "hhea", 36);
    if (problem.empty()) problem = check_min_length(tables, "maxp", 6);
    if (!problem.empty()) return problem;
    const uint64_t glyphs = u16(tables.at("maxp"), 4);
    const uint64_t long_metrics = u16(tables.at("hhea"), 34);
    if (long_metrics == 0) return "table 'hhea' has no horizontal metrics";
    const uint64_t short_metrics = glyphs > long_metrics ? glyphs - long_metrics : 0;
    if (tables.at("hmtx").size() < 4 * long_metrics + 2 * short_metrics)
        return fmt::format("table 'hmtx' too short for {} glyphs", glyphs);
    if (!tables.count("glyf")) return {};

    const Bytes loca = tables.at("loca");
    const bool long_offsets = u16(tables.at("head"), 50) != 0;
    const size_t entry = long_offsets ? 4 : 2;
    if (loca.size() < (glyphs + 1) * entry) return fmt::format("table 'loca' too short for {} glyphs", glyphs);
    const size_t glyf_length = tables.at("glyf").size();
    for (size_t g = 0; g <= glyphs; ++g) {
        const uint64_t offset = long_offsets ? u32(loca, g * 4) : uint64_t{u16(loca, g * 2)} * 2;
        if (offset > glyf_length) return fmt::format("glyph {} lies outside table 'glyf'", g);
    }
    return {};
}

// Every character map's declared length lies inside 'cmap' (stb_truetype searches the one it picks
// without bounds checks).
std::string check_character_maps(Bytes cmap) {
    if (cmap.size() < 4) return "table 'cmap' too short";
    const uint32_t count = u16(cmap, 2);
    if (!fits(cmap, 4, 8ull * count)) return "table 'cmap' too short for its character maps";
    for (uint32_t i = 0; i < count; ++i) {
        const uint32_t offset = u32(cmap, 4 + 8ull * i + 4);
        if (!fits(cmap, offset, 8)) return fmt::format("character map {} lies outside table 'cmap'", i);
        const uint32_t format = u16(cmap, offset);
        const uint64_t length = format >= 8 && format != 14 ? u32(cmap, offset + 4)
                                : format == 14         ? u32(cmap, offset + 2)
                                                       : u16(cmap, offset + 2);
        if (!fits(cmap, offset, length)) return fmt::format("character map {} lies outside table 'cmap'", i);
    }
    return {};
}

std::string check_glyphs(Bytes file, size_t face, std::u32string_view needed) {
    stbtt_fontinfo info{};
    if (!stbtt_InitFont(&info, file.data(), static_cast<int>(face))) return "stb_truetype cannot read it";
    for (const char32_t c : needed)
        if (stbtt_FindGlyphIndex(&info, static_cast<int>(c)) == 0)
            return fmt::format("no glyph for U+{:04X}", uint32_t(c));
    return {};
}

std::string check_font(Bytes file, std::u32string_view needed) {
    size_t face = 0;
    Tables tables;
    std::string problem = find_face(file, face);
    if (problem.empty()) problem = read_table_directory(file, face, tables);
    if (problem.empty()) problem = check_required_tables(tables);
    if (problem.empty()) problem = check_glyph_metrics(tables);
    if (problem.empty()) problem = check_character_maps(tables.at("cmap"));
    if (problem.empty()) problem = check_glyphs(file, face, needed);  // only now: stb trusts the offsets
    return problem;
}

}  // namespace

FontFile read_font_file(const fs::path& path, std::u32string_view needed) {
    FontFile font;
    font.problem = read_bytes(path, font.bytes);
    if (font.problem.empty()) font.problem = check_font(font.bytes, needed);
    if (!font.problem.empty()) font.bytes.clear();
    return font;
}

}  // namespace ovlab::gui
