#include "text_file.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>

#include "ovlab/localized_error.h"

namespace ovlab::lessons {
namespace {

[[noreturn]] void cannot_read(const std::filesystem::path& path, std::string_view reason, std::string_view korean_reason)
{
    throw LocalizedError(fmt::format("cannot read {}: {}", path.string(), reason),
                         fmt::format("{}을(를) 읽을 수 없습니다: {}", path.string(), korean_reason));
}

// The C library words errno in English only: the Korean line says the usual reasons itself.
std::string korean_open_failure(int error)
{
    if (error == ENOENT) {
        return "그런 파일이 없습니다";
    }
    if (error == EACCES) {
        return "파일을 읽을 권한이 없습니다";
    }
    return error != 0 ? fmt::format("파일을 열 수 없습니다(errno {})", error) : "파일을 열 수 없습니다";
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
        cannot_read(path, "it is a folder, not a file", "파일이 아니라 폴더입니다");
    }
    if (std::uintmax_t size = std::filesystem::file_size(path, error); !error && size > kMaxTextFileBytes) {
        cannot_read(path,
                    fmt::format("it is {} MiB; a lesson text file may be at most {} MiB", size / (1024 * 1024),
                                kMaxTextFileBytes / (1024 * 1024)),
                    fmt::format("크기가 {} MiB입니다. 레슨 텍스트 파일은 {} MiB까지만 읽습니다", size / (1024 * 1024),
                                kMaxTextFileBytes / (1024 * 1024)));
    }
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        const int open_error = errno;
        cannot_read(path, open_error != 0 ? std::generic_category().message(open_error) : "the file cannot be opened",
                    korean_open_failure(open_error));
    }
    std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) {
        cannot_read(path, "reading failed part way through", "읽는 도중에 실패했습니다");
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
