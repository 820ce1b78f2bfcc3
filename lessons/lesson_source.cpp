// Loads a lesson's Win32 program and finds its step tags: `// [step: key]` on a line tags that line
// and every line below it up to the next tag.
#include <fmt/format.h>

#include <stdexcept>

#include "ovlab/lesson_registry.h"
#include "text_file.h"

namespace ovlab {
namespace {

constexpr std::string_view kTagOpen = "[step:";

bool is_key_character(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// The key of the step tag on this line, or empty when the line has none. Tags live in `//`
// comments; a malformed tag is an error, not a silently missing narration.
std::string_view step_tag(std::string_view line, const std::filesystem::path& path, size_t line_number)
{
    size_t comment = line.find("//");
    if (comment == std::string_view::npos) {
        return {};
    }
    size_t open = line.find(kTagOpen, comment);
    if (open == std::string_view::npos) {
        return {};
    }
    size_t close = line.find(']', open);
    if (close == std::string_view::npos) {
        throw std::runtime_error(fmt::format("{}:{}: step tag has no closing ']'", path.string(), line_number));
    }
    size_t key_start = open + kTagOpen.size();
    std::string_view key = lessons::trim(line.substr(key_start, close - key_start));
    if (key.empty()) {
        throw std::runtime_error(fmt::format("{}:{}: step tag has no key", path.string(), line_number));
    }
    for (char c : key) {
        // '.' is reserved for the narration's ".return" / ".complete" suffixes.
        if (!is_key_character(c)) {
            throw std::runtime_error(fmt::format("{}:{}: step key '{}' may use only letters, digits, '-' and '_'",
                                                 path.string(), line_number, key));
        }
    }
    return key;
}

}  // namespace

LessonSource LessonSource::load(const std::filesystem::path& path)
{
    return parse(lessons::read_text_lines(path), path);
}

LessonSource LessonSource::parse(std::vector<std::string> lines, const std::filesystem::path& path)
{
    LessonSource source;
    source.path = path;
    source.lines = std::move(lines);
    source.tag_at.reserve(source.lines.size());
    std::string current;
    for (size_t i = 0; i < source.lines.size(); ++i) {
        if (std::string_view key = step_tag(source.lines[i], path, i + 1); !key.empty()) {
            current = key;
        }
        source.tag_at.push_back(current);
    }
    return source;
}

const std::string& LessonSource::tag_for_line(uint32_t line) const
{
    static const std::string none;
    if (line == 0 || line > tag_at.size()) {
        return none;
    }
    return tag_at[line - 1];
}

}  // namespace ovlab
