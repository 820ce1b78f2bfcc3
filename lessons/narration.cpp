// Loads a narration file: Markdown where each "## key" heading starts the section for step `key`.
// Text before the first such heading (a title, notes for translators) belongs to no step. Headings
// inside fenced code blocks are part of the text, not sections. A "# Predict" line ends the
// sections: what follows is the Predict mode's questions (predict_questions.cpp).
#include <fmt/format.h>

#include <stdexcept>

#include "ovlab/lesson_registry.h"
#include "text_file.h"

namespace ovlab {
namespace {

constexpr std::string_view kSectionPrefix = "## ";

bool is_fence(std::string_view line)
{
    line = lessons::trim(line);
    return line.starts_with("```") || line.starts_with("~~~");
}

// Sections are separated by blank lines in the file; those are layout, not narration.
void trim_blank_lines(std::string& body)
{
    size_t last = body.find_last_not_of(" \t\n");
    if (last == std::string::npos) {
        body.clear();
        return;
    }
    body.erase(last + 1);
    // Keep the first line's indentation (an indented code block stays a code block).
    size_t newline_before_text = body.rfind('\n', body.find_first_not_of(" \t\n"));
    if (newline_before_text != std::string::npos) {
        body.erase(0, newline_before_text + 1);
    }
}

}  // namespace

Narration Narration::load(const std::filesystem::path& path)
{
    return parse(lessons::read_text_lines(path), path);
}

Narration Narration::parse(const std::vector<std::string>& lines, const std::filesystem::path& path)
{
    Narration narration;
    std::string* body = nullptr;
    bool in_fence = false;
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string_view line = lines[i];
        if (is_fence(line)) {
            in_fence = !in_fence;
        }
        if (!in_fence && lessons::trim(line) == predict::kPartHeading) {
            narration.questions = predict::parse_questions(
                std::vector<std::string>(lines.begin() + static_cast<std::ptrdiff_t>(i) + 1, lines.end()), i + 2, path);
            break;
        }
        if (!in_fence && line.starts_with(kSectionPrefix)) {
            std::string_view key = lessons::trim(line.substr(kSectionPrefix.size()));
            if (key.empty()) {
                throw std::runtime_error(fmt::format("{}:{}: '##' heading without a step key", path.string(), i + 1));
            }
            auto [it, inserted] = narration.sections.try_emplace(std::string(key));
            if (!inserted) {
                throw std::runtime_error(
                    fmt::format("{}:{}: section '## {}' appears twice", path.string(), i + 1, key));
            }
            body = &it->second;
            narration.order.push_back(it->first);
            continue;
        }
        if (body != nullptr) {
            body->append(line).push_back('\n');
        }
    }
    for (auto& [key, text] : narration.sections) {
        trim_blank_lines(text);
    }
    return narration;
}

const std::string* Narration::find(std::string_view key, std::string_view suffix) const
{
    if (!suffix.empty()) {
        std::string with_suffix;
        with_suffix.reserve(key.size() + suffix.size());
        with_suffix.append(key).append(suffix);
        if (auto it = sections.find(with_suffix); it != sections.end()) {
            return &it->second;
        }
    }
    if (auto it = sections.find(key); it != sections.end()) {
        return &it->second;
    }
    return nullptr;
}

}  // namespace ovlab
