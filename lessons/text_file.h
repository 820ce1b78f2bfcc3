// Reading the text files a teacher may edit with any editor (narration, lesson sources).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ovlab::lessons {

// The file's lines without their line endings (LF or CRLF); a UTF-8 byte order mark is dropped.
// Throws LocalizedError("cannot read <path>: <reason>", the same in Korean), also when the file is
// not UTF-8.
std::vector<std::string> read_text_lines(const std::filesystem::path& path);

// The same for a file's content already in memory, read from `path`: refused when it is not UTF-8.
std::vector<std::string> text_file_lines(std::string_view content, const std::filesystem::path& path);
// The split alone, for text already in memory.
std::vector<std::string> split_text_lines(std::string_view text);

// `text` without leading and trailing spaces and tabs.
std::string_view trim(std::string_view text);

}  // namespace ovlab::lessons
