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

// Length of the UTF-8 character at the start of `text`, or 0 when it is not one (a stray byte, a
// character cut short, an overlong form, a surrogate, or beyond U+10FFFF).
size_t utf8_character_length(std::string_view text)
{
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(0);
    if (lead < 0x80) return 1;
    size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    }
    if (length == 0 || text.size() < length || byte(1) < low || byte(1) > high) return 0;
    for (size_t i = 2; i < length; ++i)
        if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
    return length;
}

// The 1-based line of the first byte that is not UTF-8 (a file saved as CP949, Latin-1 or
// binary), or 0 when all of `text` is UTF-8.
size_t first_line_not_utf8(std::string_view text)
{
    size_t line = 1;
    for (size_t at = 0; at < text.size();) {
        const size_t length = utf8_character_length(text.substr(at));
        if (length == 0) return line;
        if (text[at] == '\n') ++line;
        at += length;
    }
    return 0;
}

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
    return text_file_lines(content, path);
}

std::vector<std::string> text_file_lines(std::string_view content, const std::filesystem::path& path)
{
    // Shown as it is, text in another encoding would be unreadable without a word of why.
    if (const size_t line = first_line_not_utf8(content)) {
        cannot_read(path, fmt::format("line {} is not UTF-8 text; save the file as UTF-8", line),
                    fmt::format("{}번째 줄이 UTF-8 텍스트가 아닙니다. 파일을 UTF-8로 저장하세요", line));
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
