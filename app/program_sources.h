// The source text of a lab program, for the transcript's lines: found from the paths its call
// sites recorded (SourceFile events), or from --source files matched by file name.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ovlab/trace.h"

namespace ovlab::app {

class ProgramSources {
public:
    explicit ProgramSources(std::vector<std::filesystem::path> given) : given_(std::move(given)) {}

    // Notes the file a SourceFile event names and reads it; returns a warning line when it cannot
    // be found or read (the transcript then shows its lines without their text).
    std::optional<std::string> learn(const trace::Event& source_file);
    // The text of `line` in file number `file`, trimmed; "" when unknown.
    std::string line_text(uint32_t file, uint32_t line) const;
    // Where file number `file` was read from and its lines (lines[0] is line 1); nothing when unread.
    std::optional<std::filesystem::path> path(uint32_t file) const;
    const std::vector<std::string>* lines(uint32_t file) const;

private:
    std::vector<std::filesystem::path> given_;
    std::map<uint32_t, std::vector<std::string>> lines_;  // file number -> lines[0] is line 1
    std::map<uint32_t, std::filesystem::path> paths_;
};

}  // namespace ovlab::app
