// Reading the text files a teacher may edit with any editor (narration, lesson sources).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ovlab::lessons {

// The file's lines without their line endings (LF or CRLF); a UTF-8 byte order mark is dropped.
// Throws LocalizedError("cannot read <path>: <reason>", the same in Korean).
std::vector<std::string> read_text_lines(const std::filesystem::path& path);

// The same split for text already in memory.
std::vector<std::string> split_text_lines(std::string_view text);

// `text` without leading and trailing spaces and tabs.
std::string_view trim(std::string_view text);

}  // namespace ovlab::lessons
