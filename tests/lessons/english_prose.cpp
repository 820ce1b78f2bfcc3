#include "english_prose.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <regex>

namespace ovlab::test {
namespace {

bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
// Hangul syllables U+AC00..U+D7A3 end in a continuation byte; their lead bytes are 0xEA..0xED.
bool ends_in_hangul(std::string_view text) {
    return text.size() >= 3 && static_cast<unsigned char>(text[text.size() - 3]) >= 0xEA &&
           static_cast<unsigned char>(text[text.size() - 3]) <= 0xED;
}

// Removes `code` and "quoted" spans (quotes of either kind, straight or curly, never nest here).
std::string without_spans(std::string_view text) {
    static const std::regex spans(R"(`[^`]*`|"[^"]*"|“[^”]*”)");
    return std::regex_replace(std::string(text), spans, " ");
}

bool is_code_chunk(std::string_view chunk) {
    for (std::string_view mark : {"->", "::", "_", "=", "&", "[", "*", "/", "\\"})
        if (chunk.find(mark) != std::string_view::npos) return true;
    for (size_t i = 0; i + 1 < chunk.size(); ++i) {
        const char a = chunk[i], b = chunk[i + 1];
        if (is_letter(a) && b == '(') return true;
        if ((is_letter(a) && is_digit(b)) || (is_digit(a) && is_letter(b))) return true;
        if (b == '.' && i + 2 < chunk.size() && is_letter(a) && is_letter(chunk[i + 2])) return true;
    }
    return false;
}

bool is_identifier_or_constant(std::string_view word) {
    return std::any_of(word.begin() + 1, word.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
}

// The chunk with glosses ("대기열(backlog)") blanked out.
std::string without_glosses(std::string chunk) {
    for (size_t open = chunk.find('('); open != std::string::npos; open = chunk.find('(', open + 1)) {
        if (!ends_in_hangul(std::string_view(chunk).substr(0, open))) continue;
        const size_t close = chunk.find(')', open);
        const size_t end = close == std::string::npos ? chunk.size() : close;
        std::fill(chunk.begin() + static_cast<long>(open), chunk.begin() + static_cast<long>(end), ' ');
    }
    return chunk;
}

}  // namespace

std::vector<std::string> english_prose_words(std::string_view korean_text, const std::set<std::string>& code_words) {
    std::vector<std::string> found;
    const std::string text = without_spans(korean_text);
    static const std::regex chunk_pattern(R"(\S+)");
    static const std::regex word_pattern(R"([A-Za-z]+(?:-[A-Za-z]+)*)");
    for (std::sregex_iterator c(text.begin(), text.end(), chunk_pattern), end; c != end; ++c) {
        if (is_code_chunk(c->str())) continue;
        const std::string chunk = without_glosses(c->str());
        for (std::sregex_iterator w(chunk.begin(), chunk.end(), word_pattern); w != end; ++w) {
            const std::string word = w->str();
            if (word.size() < 3 || is_identifier_or_constant(word) || code_words.count(word)) continue;
            if (std::find(found.begin(), found.end(), word) == found.end()) found.push_back(word);
        }
    }
    return found;
}

std::set<std::string> source_identifiers(const std::vector<std::string>& source_lines) {
    std::string source;
    for (const std::string& line : source_lines) source += line + "\n";
    static const std::regex comments_and_strings(R"(//[^\n]*|/\*[\s\S]*?\*/|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')");
    source = std::regex_replace(source, comments_and_strings, " ");
    static const std::regex identifier(R"([A-Za-z_][A-Za-z0-9_]*)");
    std::set<std::string> out;
    for (std::sregex_iterator i(source.begin(), source.end(), identifier), end; i != end; ++i) out.insert(i->str());
    return out;
}

std::set<std::string> glossary_words(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::set<std::string> words;
    static const std::regex row(R"(^\| [^|]+ \| ([^|]+) \|)");
    static const std::regex word(R"([A-Za-z]+)");
    for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (!std::regex_search(line, m, row)) continue;
        const std::string korean = m[1];
        for (std::sregex_iterator w(korean.begin(), korean.end(), word), end; w != end; ++w) words.insert(w->str());
    }
    return words;
}

}  // namespace ovlab::test
