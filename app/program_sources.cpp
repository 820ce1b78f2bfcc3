#include "program_sources.h"

#include <fstream>

#include <fmt/format.h>

namespace ovlab::app {
namespace {

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

}  // namespace

std::optional<std::string> ProgramSources::learn(const trace::Event& source_file) {
    const std::filesystem::path recorded = std::string(source_file.text_view());
    std::filesystem::path path = recorded;
    for (const std::filesystem::path& given : given_)
        if (given.filename() == recorded.filename()) path = given;
    std::ifstream in(path);
    if (!in)
        return fmt::format("cannot read the program's source file {}; its lines show without their text (--source "
                           "FILE reads it from elsewhere)", path.string());
    paths_[static_cast<uint32_t>(source_file.object)] = path;
    std::vector<std::string>& lines = lines_[static_cast<uint32_t>(source_file.object)];
    for (std::string line; std::getline(in, line);) lines.push_back(std::move(line));
    return std::nullopt;
}

std::string ProgramSources::line_text(uint32_t file, uint32_t line) const {
    const auto found = lines_.find(file);
    if (found == lines_.end() || line == 0 || line > found->second.size()) return {};
    return std::string(trimmed(found->second[line - 1]));
}

std::optional<std::filesystem::path> ProgramSources::path(uint32_t file) const {
    const auto found = paths_.find(file);
    return found == paths_.end() ? std::nullopt : std::optional(found->second);
}

const std::vector<std::string>* ProgramSources::lines(uint32_t file) const {
    const auto found = lines_.find(file);
    return found == lines_.end() ? nullptr : &found->second;
}

}  // namespace ovlab::app
