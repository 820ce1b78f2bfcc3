#include "narration_outline.h"

#include <algorithm>

namespace ovlab::gui {
namespace {

constexpr std::string_view kIntro = "intro";
constexpr std::string_view kFinished = "finished";

// The end of the first sentence: ". ", ": " or " (" (a title needs no aside), or the line's end.
size_t sentence_end(std::string_view text) {
    size_t end = text.size();
    for (std::string_view stop : {". ", ": ", " (", "。"}) end = std::min(end, text.find(stop));
    if (end == text.size() && text.ends_with('.')) --end;
    return end;
}

// Drops Markdown emphasis (`*`) and code marks, and a list or quote marker in front.
std::string plain(std::string_view line) {
    while (!line.empty() && (line.front() == '-' || line.front() == '>' || line.front() == '#' || line.front() == ' '))
        line.remove_prefix(1);
    std::string out;
    for (char c : line)
        if (c != '*' && c != '`') out.push_back(c);
    return out;
}

std::string shortened(std::string text, size_t max_characters) {
    size_t characters = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // inside a UTF-8 character
        if (characters++ == max_characters) {
            text.erase(i);
            return text + "…";
        }
    }
    return text;
}

}  // namespace

std::string outline_key(std::string_view section_key) {
    if (section_key == kFinished || section_key.starts_with("finished.")) return std::string(kFinished);
    return std::string(section_key.substr(0, section_key.find('.')));
}

std::string section_title(std::string_view markdown, size_t max_characters) {
    size_t at = 0;
    while (at < markdown.size()) {
        const size_t newline = std::min(markdown.find('\n', at), markdown.size());
        const std::string_view line = markdown.substr(at, newline - at);
        at = newline + 1;
        if (line.starts_with("```") || line.starts_with('|')) continue;  // code and tables say no title
        const std::string text = plain(line);
        if (text.empty()) continue;
        return shortened(text.substr(0, sentence_end(text)), max_characters);
    }
    return {};
}

NarrationOutline make_outline(const Narration& narration, const LessonSource& source,
                              const std::vector<StepPlace>& places, std::optional<uint64_t> finished_step,
                              uint64_t shown_step) {
    NarrationOutline outline;
    auto index_of = [&outline](std::string_view key) -> std::optional<size_t> {
        for (size_t i = 0; i < outline.entries.size(); ++i)
            if (outline.entries[i].key == key) return i;
        return std::nullopt;
    };
    for (const std::string& key : narration.order) {
        if (index_of(outline_key(key))) continue;
        outline.entries.push_back({outline_key(key), section_title(narration.sections.find(key)->second), {}});
    }
    if (std::optional<size_t> intro = index_of(kIntro)) {
        outline.entries[*intro].first_step = 0;
        outline.current = intro;
    }
    for (uint64_t step = 1; step <= places.size(); ++step) {
        const StepPlace& place = places[step - 1];
        const CheckpointNarration shown = narration_for_line(place.line, place.kind, source, narration);
        const std::optional<size_t> entry = shown.text ? index_of(outline_key(shown.key)) : std::nullopt;
        if (!entry) continue;
        if (!outline.entries[*entry].first_step) outline.entries[*entry].first_step = step;
        if (step <= shown_step) outline.current = entry;
    }
    if (std::optional<size_t> end = index_of(kFinished); end && finished_step) {
        outline.entries[*end].first_step = finished_step;
        if (shown_step >= *finished_step) outline.current = end;
    }
    return outline;
}

}  // namespace ovlab::gui
