// A narration section's Markdown, any bytes: the parser never throws and never keeps more of a
// block than the window is allowed to lay out each frame.
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "markdown.h"

namespace {

using ovlab::gui::MarkdownSpan;

// Room for the "… (N more characters not shown)" line that replaces what was cut, in either language.
constexpr size_t kCutNoteBytes = 160;

void require(bool condition) {
    if (!condition) std::abort();  // libFuzzer keeps the input that broke the promise
}

void check_spans(const std::vector<MarkdownSpan>& spans) {
    size_t bytes = 0;
    for (const MarkdownSpan& span : spans) bytes += span.text.size();
    require(bytes <= ovlab::gui::kMarkdownBlockTextLimit + kCutNoteBytes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const ovlab::gui::MarkdownDocument document = ovlab::gui::parse_markdown(text);
    require(document.parsed || document.blocks.size() == 1);
    for (const auto& block : document.blocks) {
        check_spans(block.spans);
        for (const auto& row : block.rows)
            for (const auto& cell : row) check_spans(cell);
    }
    return 0;
}
