// A lesson program's source with its `// [step: key]` tags, as a teacher might edit it: any bytes.
// Loading either tags every line with a well-formed key or refuses with the file and line.
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "ovlab/lesson_registry.h"
#include "text_file.h"

namespace {

void require(bool condition) {
    if (!condition) std::abort();  // libFuzzer keeps the input that broke the promise
}

bool is_key(std::string_view key) {
    for (char c : key) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                             c == '_';
        if (!allowed) return false;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        constexpr const char* kPath = "fuzz/program.cpp";
        const auto source = ovlab::LessonSource::parse(ovlab::lessons::text_file_lines(text, kPath), kPath);
        require(source.tag_at.size() == source.lines.size());
        for (const std::string& tag : source.tag_at) require(is_key(tag));
        require(source.tag_for_line(0).empty());
        require(source.tag_for_line(static_cast<uint32_t>(source.lines.size() + 1)).empty());
    } catch (const std::runtime_error& error) {
        const std::string_view what = error.what();
        require(what.starts_with("fuzz/program.cpp:") || what.starts_with("cannot read fuzz/program.cpp: line "));
    }
    return 0;
}
