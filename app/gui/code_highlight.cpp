#include "code_highlight.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>

namespace ovlab::gui {
namespace {

const std::set<std::string_view>& keywords() {
    static const std::set<std::string_view> words = {
        // C++
        "auto", "bool", "break", "case", "char", "class", "const", "constexpr", "continue", "default", "delete",
        "do", "double", "else", "enum", "extern", "false", "float", "for", "goto", "if", "inline", "int", "long",
        "namespace", "new", "nullptr", "private", "public", "return", "short", "signed", "sizeof", "static",
        "static_cast", "reinterpret_cast", "struct", "switch", "true", "typedef", "union", "unsigned", "using",
        "void", "volatile", "while", "size_t", "uint8_t", "uint32_t", "uint64_t", "int64_t",
        // Win32 types and constants a lesson is full of
        "BOOL", "BYTE", "CHAR", "DWORD", "DWORD_PTR", "HANDLE", "LARGE_INTEGER", "LONG", "LPOVERLAPPED", "LPVOID",
        "NULL", "OVERLAPPED", "SOCKET", "TRUE", "FALSE", "ULONG_PTR", "WCHAR", "WORD", "WSABUF", "WSAOVERLAPPED",
        "INVALID_HANDLE_VALUE", "INFINITE", "WINAPI", "CALLBACK", "PVOID", "LPDWORD"};
    return words;
}

bool identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

class LineScanner {
public:
    LineScanner(const std::string& line, bool& in_block_comment)
        : line_(line), in_block_comment_(in_block_comment) {}

    std::vector<CodeSpan> scan() {
        size_t i = 0;
        const size_t first = line_.find_first_not_of(" \t");
        if (!in_block_comment_ && first != std::string::npos && line_[first] == '#') {
            const size_t comment = line_.find("//", first);
            const size_t end = comment == std::string::npos ? line_.size() : comment;
            emit(0, end, CodeToken::Preprocessor);
            i = end;
        }
        while (i < line_.size()) i = scan_token(i);
        return std::move(spans_);
    }

private:
    size_t scan_token(size_t i) {
        const char c = line_[i];
        if (in_block_comment_) {
            const size_t close = line_.find("*/", i);
            const size_t end = close == std::string::npos ? line_.size() : close + 2;
            in_block_comment_ = close == std::string::npos;
            emit(i, end, CodeToken::Comment);
            return end;
        }
        if (line_.compare(i, 2, "//") == 0) {
            emit(i, line_.size(), CodeToken::Comment);
            return line_.size();
        }
        if (line_.compare(i, 2, "/*") == 0) {
            in_block_comment_ = true;
            emit(i, i + 2, CodeToken::Comment);
            return i + 2;
        }
        if (c == '"' || c == '\'') {
            size_t end = i + 1;
            while (end < line_.size() && line_[end] != c) end += line_[end] == '\\' ? 2 : 1;
            end = std::min(end + 1, line_.size());
            emit(i, end, CodeToken::String);
            return end;
        }
        if (std::isdigit(static_cast<unsigned char>(c))) {
            size_t end = i;
            while (end < line_.size() && (identifier_char(line_[end]) || line_[end] == '.')) ++end;
            emit(i, end, CodeToken::Number);
            return end;
        }
        if (identifier_char(c)) {
            size_t end = i;
            while (end < line_.size() && identifier_char(line_[end])) ++end;
            const std::string_view word(line_.data() + i, end - i);
            size_t next = end;
            while (next < line_.size() && line_[next] == ' ') ++next;
            CodeToken kind = CodeToken::Plain;
            if (keywords().count(word)) kind = CodeToken::Keyword;
            else if (next < line_.size() && line_[next] == '(' && std::isupper(static_cast<unsigned char>(c)))
                kind = CodeToken::Call;  // Win32 functions are PascalCase
            emit(i, end, kind);
            return end;
        }
        emit(i, i + 1, CodeToken::Plain);
        return i + 1;
    }

    void emit(size_t begin, size_t end, CodeToken kind) {
        if (!spans_.empty() && spans_.back().kind == kind && spans_.back().end == begin) {
            spans_.back().end = static_cast<uint32_t>(end);
            return;
        }
        spans_.push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(end), kind});
    }

    const std::string& line_;
    bool& in_block_comment_;
    std::vector<CodeSpan> spans_;
};

}  // namespace

std::string without_step_tag(std::string line) {
    const size_t comment = line.find("//");
    if (comment == std::string::npos) return line;
    const size_t open = line.find("[step:", comment);
    const size_t close = open == std::string::npos ? std::string::npos : line.find(']', open);
    if (close == std::string::npos) return line;
    const size_t rest = line.find_first_not_of(' ', close + 1);
    if (rest == std::string::npos && line.find_first_not_of(' ', comment + 2) == open) {
        // The comment is only the tag: it goes, with the spaces that separated it from the code.
        const size_t code_end = line.find_last_not_of(' ', comment == 0 ? 0 : comment - 1);
        line.erase(comment == 0 || code_end == std::string::npos ? 0 : code_end + 1);
        return line;
    }
    line.erase(open, (rest == std::string::npos ? line.size() : rest) - open);
    return line;
}

std::vector<std::vector<CodeSpan>> highlight_source(const std::vector<std::string>& lines) {
    std::vector<std::vector<CodeSpan>> result;
    result.reserve(lines.size());
    bool in_block_comment = false;
    for (const std::string& line : lines) result.push_back(LineScanner(line, in_block_comment).scan());
    return result;
}

}  // namespace ovlab::gui
