// A lesson's lesson.json, as a teacher might edit it: any bytes. Reading it either gives metadata
// the lab can use (every parameter's default inside its range, a title in both languages) or refuses
// with one line that starts with the file's name; nothing else escapes.
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "lesson_metadata.h"

namespace {

void require(bool condition) {
    if (!condition) std::abort();  // libFuzzer keeps the input that broke the promise
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto metadata = ovlab::lessons::parse_lesson_metadata(text, "fuzz/lesson.json");
        require(!metadata.title.en.empty() && !metadata.title.ko.empty() && !metadata.program.empty());
        ovlab::ParameterValues defaults;
        for (const ovlab::LessonParameter& parameter : metadata.parameters) {
            require(parameter.min <= parameter.default_value && parameter.default_value <= parameter.max);
            require(!parameter.is_switch || (parameter.min == 0 && parameter.max == 1));
            defaults.emplace(parameter.name, parameter.default_value);
        }
        if (metadata.passed) ovlab::lessons::fill_in_parameters(metadata.passed->en, defaults);
    } catch (const std::runtime_error& error) {
        const std::string_view message = error.what();
        require(message.starts_with("fuzz/lesson.json") && message.find('\n') == std::string_view::npos);
    }
    return 0;
}
