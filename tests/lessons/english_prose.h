// Finds English prose in a Korean text: the words a Korean student would read as untranslated.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ovlab::test {

// The rule, in order:
//  1. `code spans`, "quoted strings" (data the program sent or printed) and whole chunks that are
//     code are dropped. A chunk (text between spaces) is code when it holds a code mark: -> :: _ =
//     & [ * / \, a letter right before '(' (a call), a dot between letters (a member, a file name),
//     or a letter next to a digit (IPv4, ov2).
//  2. An English word in parentheses right after Hangul is a gloss ("대기열(backlog)"), kept on
//     purpose as Korean technical writing does.
//  3. In what is left, an ASCII word of 3 or more letters is prose unless it is an identifier or
//     constant (an uppercase letter after its first letter: hEvent, GQCS, WaitForSingleObject), or
//     one of `code_words`: the identifiers of the lesson's source, the API names its run called,
//     the English words the glossary keeps in Korean text ("alertable") and product names.
// Returns the prose words in order, each once.
std::vector<std::string> english_prose_words(std::string_view korean_text, const std::set<std::string>& code_words);

// The English words docs/glossary.md (at `path`) keeps in Korean text ("alertable 대기", "listen 상태").
std::set<std::string> glossary_words(const std::filesystem::path& path);

// Identifiers of a C/C++ source (comments and string literals left out).
std::set<std::string> source_identifiers(const std::vector<std::string>& source_lines);

}  // namespace ovlab::test
