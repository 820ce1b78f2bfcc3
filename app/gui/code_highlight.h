// A small C++ colouriser for the code pane: comments, strings, numbers, keywords and types,
// preprocessor lines and calls. Computed once per loaded source, not per frame.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ovlab::gui {

enum class CodeToken : uint8_t { Plain, Comment, Keyword, String, Number, Preprocessor, Call };

struct CodeSpan {
    uint32_t begin = 0;  // byte offsets into the line
    uint32_t end = 0;
    CodeToken kind = CodeToken::Plain;
};

// The line as the code pane shows it: without its step tag (`// [step: key]`), which names a
// narration section for whoever edits the lesson and means nothing to a student. A comment that is
// only the tag goes whole; other words in it stay.
std::string without_step_tag(std::string line);

// One vector of spans per line; spans cover each line completely and in order.
std::vector<std::vector<CodeSpan>> highlight_source(const std::vector<std::string>& lines);

}  // namespace ovlab::gui
