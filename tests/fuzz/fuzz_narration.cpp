// A narration file as a teacher might hand it over: any bytes. Parsing either gives sections and
// Predict questions that keep the loader's promises or refuses with std::runtime_error naming the
// line; nothing else.
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "ovlab/lesson_registry.h"
#include "text_file.h"

namespace {

constexpr std::string_view kBlank = " \t\n";

void require(bool condition) {
    if (!condition) std::abort();  // libFuzzer keeps the input that broke the promise
}

void check_sections(const ovlab::Narration& narration) {
    for (const auto& [key, body] : narration.sections) {
        require(!key.empty());
        require(kBlank.find(key.front()) == std::string_view::npos);
        require(kBlank.find(key.back()) == std::string_view::npos);
        // Blank lines around a section are layout, never part of it.
        require(body.empty() || kBlank.find(body.back()) == std::string_view::npos);
        require(narration.find(key) == &body);
        require(narration.find(key, ".return") != nullptr);  // falls back to the plain key
    }
}

// docs/narration-format.md: every question says where, what and why, with choices to pick from.
void check_questions(const ovlab::Narration& narration) {
    for (const ovlab::predict::Question& question : narration.questions) {
        require(!question.steps.empty() && question.occurrence >= 1);
        for (const std::string& step : question.steps) require(!step.empty() && step.find(' ') == std::string::npos);
        require(!question.prompt.empty() && !question.why.empty() && question.line > 0);
        require(kBlank.find(question.prompt.back()) == std::string_view::npos);
        if (question.asked == ovlab::predict::Asked::Thread) require(question.choices.empty());
        else require(question.choices.size() >= 2);
        for (const ovlab::predict::Choice& choice : question.choices) require(!choice.match.empty() && !choice.label.empty());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        constexpr const char* kPath = "fuzz/narration.en.md";
        const ovlab::Narration narration = ovlab::Narration::parse(ovlab::lessons::text_file_lines(text, kPath), kPath);
        check_sections(narration);
        check_questions(narration);
    } catch (const std::runtime_error& error) {
        const std::string_view what = error.what();
        require(what.starts_with("fuzz/narration.en.md:") ||
                what.starts_with("cannot read fuzz/narration.en.md: line "));
    }
    return 0;
}
