#include "text_file.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>

namespace ovlab::lessons {
namespace {

[[noreturn]] void cannot_read(const std::filesystem::path& path, std::string_view reason)
{
    throw std::runtime_error(fmt::format("cannot read {}: {}", path.string(), reason));
}

// A narration or lesson program is tens of kilobytes; a file far larger is a mistake (a video
// renamed .md, a log pasted in) that would otherwise be read whole into memory.
constexpr std::uintmax_t kMaxTextFileBytes = 16 * 1024 * 1024;

// Notepad and other Windows editors start UTF-8 files with EF BB BF; it is not text.
constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

}  // namespace

std::vector<std::string> read_text_lines(const std::filesystem::path& path)
{
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
        cannot_read(path, "it is a folder, not a file");
    }
    if (std::uintmax_t size = std::filesystem::file_size(path, error); !error && size > kMaxTextFileBytes) {
        cannot_read(path, fmt::format("it is {} MiB; a lesson text file may be at most {} MiB",
                                      size / (1024 * 1024), kMaxTextFileBytes / (1024 * 1024)));
    }
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        cannot_read(path, errno != 0 ? std::generic_category().message(errno) : "the file cannot be opened");
    }
    std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) {
        cannot_read(path, "reading failed part way through");
    }
    return split_text_lines(content);
}

std::vector<std::string> split_text_lines(std::string_view text)
{
    if (text.starts_with(kUtf8ByteOrderMark)) {
        text.remove_prefix(kUtf8ByteOrderMark.size());
    }
    std::vector<std::string> lines;
    while (!text.empty()) {
        size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        lines.emplace_back(line);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    }
    return lines;
}

std::string_view trim(std::string_view text)
{
    constexpr std::string_view kBlank = " \t";
    size_t first = text.find_first_not_of(kBlank);
    if (first == std::string_view::npos) {
        return {};
    }
    size_t last = text.find_last_not_of(kBlank);
    return text.substr(first, last - first + 1);
}

}  // namespace ovlab::lessons
