// Reads the "# Predict" part of a narration file into questions (docs/narration-format.md):
//
//     ## issue-read.return            the step, optionally "#2" for its second time
//     ask: result                     result | thread | <field> [of <OVERLAPPED name>]
//     What will ReadFile return?      the prompt: every line up to the first choice
//     - [TRUE] TRUE                   a choice: [what the trace must hold] what the student reads
//     - [FALSE 997] FALSE, ERROR_IO_PENDING (997)
//     why: ...                        the explanation, to the next "## "
#include <fmt/format.h>

#include <charconv>
#include <stdexcept>

#include "ovlab/predict.h"
#include "text_file.h"

namespace ovlab::predict {
namespace {

constexpr std::string_view kQuestionPrefix = "## ";
constexpr std::string_view kAskPrefix = "ask:";
constexpr std::string_view kWhyPrefix = "why:";
constexpr std::string_view kChoicePrefix = "- [";

struct Where {
    const std::filesystem::path& path;
    size_t line;
    [[noreturn]] void fail(std::string_view why) const {
        throw std::runtime_error(fmt::format("{}:{}: {}", path.string(), line, why));
    }
};

void append_line(std::string& text, std::string_view line) {
    if (text.empty() && lessons::trim(line).empty()) return;
    text.append(line).push_back('\n');
}

void trim_end(std::string& text) {
    const size_t last = text.find_last_not_of(" \t\n");
    text.erase(last == std::string::npos ? 0 : last + 1);
}

// "issue-read.return", "issue-read.return #2" or "sleep-ex.apc | drain.apc".
void read_step(std::string_view heading, Question& question, const Where& where) {
    heading = lessons::trim(heading);
    if (const size_t hash = heading.find(" #"); hash != std::string_view::npos) {
        const std::string_view number = lessons::trim(heading.substr(hash + 2));
        const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), question.occurrence);
        if (error != std::errc() || end != number.data() + number.size() || question.occurrence < 1)
            where.fail(fmt::format("'{}' is not a step's occurrence (1, 2, ...)", number));
        heading = lessons::trim(heading.substr(0, hash));
    }
    question.step = std::string(heading);
    while (!heading.empty()) {
        const size_t bar = heading.find('|');
        const std::string_view step = lessons::trim(heading.substr(0, bar));
        if (step.empty() || step.find_first_of(" \t#") != std::string_view::npos)
            where.fail("a question's heading is '## <step>', '## <step> | <step>' or '## <step> #<n>'");
        question.steps.emplace_back(step);
        heading = bar == std::string_view::npos ? std::string_view() : heading.substr(bar + 1);
        if (bar != std::string_view::npos && lessons::trim(heading).empty()) where.fail("a '|' without a step after it");
    }
    if (question.steps.empty()) where.fail("a question's heading names its step: '## <step>'");
}

// "result", "thread", "Internal", "InternalHigh of ro".
void read_ask(std::string_view what, Question& question, const Where& where) {
    what = lessons::trim(what);
    if (what == "result") return void(question.asked = Asked::Result);
    if (what == "thread") return void(question.asked = Asked::Thread);
    const size_t of = what.find(" of ");
    const std::string_view field = of == std::string_view::npos ? what : lessons::trim(what.substr(0, of));
    for (int f = 0; f <= static_cast<int>(trace::OverlappedField::hEvent); ++f) {
        if (trace::field_name(static_cast<trace::OverlappedField>(f)) != field) continue;
        question.asked = Asked::Field;
        question.field = static_cast<trace::OverlappedField>(f);
        if (of != std::string_view::npos) question.overlapped = std::string(lessons::trim(what.substr(of + 4)));
        return;
    }
    where.fail(fmt::format("'ask: {}': ask for result, thread or an OVERLAPPED field (Internal, InternalHigh, "
                           "Offset, OffsetHigh, hEvent)",
                           what));
}

// "- [FALSE 997] FALSE, ERROR_IO_PENDING (997)".
Choice read_choice(std::string_view line, const Where& where) {
    const size_t close = line.find(']');
    if (close == std::string_view::npos) where.fail("a choice is '- [<match>] <label>'");
    Choice choice{std::string(lessons::trim(line.substr(kChoicePrefix.size(), close - kChoicePrefix.size()))),
                  std::string(lessons::trim(line.substr(close + 1)))};
    if (choice.match.empty() || choice.label.empty()) where.fail("a choice needs a match and a label");
    return choice;
}

void check_complete(const Question& question, const Where& where) {
    if (question.prompt.empty()) where.fail(fmt::format("question '## {}' has no prompt", question.step));
    if (question.why.empty()) where.fail(fmt::format("question '## {}' has no 'why:' line", question.step));
    if (question.asked == Asked::Thread && !question.choices.empty())
        where.fail(fmt::format("question '## {}' asks for a thread: the run's threads are its choices", question.step));
    if (question.asked != Asked::Thread && question.choices.size() < 2)
        where.fail(fmt::format("question '## {}' needs at least two choices", question.step));
}

enum class Part { Prompt, Choices, Why };

}  // namespace

std::vector<Question> parse_questions(const std::vector<std::string>& lines, size_t first_line,
                                      const std::filesystem::path& path) {
    std::vector<Question> questions;
    Part part = Part::Prompt;
    bool asked_given = false;
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string_view line = lines[i];
        const Where where{path, first_line + i};
        if (line.starts_with(kQuestionPrefix)) {
            if (!questions.empty()) check_complete(questions.back(), Where{path, questions.back().line});
            questions.emplace_back().line = where.line;
            read_step(line.substr(kQuestionPrefix.size()), questions.back(), where);
            part = Part::Prompt;
            asked_given = false;
            continue;
        }
        if (questions.empty()) continue;  // notes before the first question
        Question& question = questions.back();
        if (!asked_given && !lessons::trim(line).empty()) {
            if (!line.starts_with(kAskPrefix)) where.fail("a question's first line is 'ask: <what>'");
            read_ask(line.substr(kAskPrefix.size()), question, where);
            asked_given = true;
        } else if (part != Part::Why && line.starts_with(kChoicePrefix)) {
            question.choices.push_back(read_choice(line, where));
            part = Part::Choices;
        } else if (part != Part::Why && line.starts_with(kWhyPrefix)) {
            part = Part::Why;
            append_line(question.why, lessons::trim(line.substr(kWhyPrefix.size())));
        } else if (part == Part::Choices && !lessons::trim(line).empty()) {
            where.fail("after the choices only 'why:' may follow");
        } else {
            append_line(part == Part::Why ? question.why : question.prompt, line);
        }
    }
    if (!questions.empty()) check_complete(questions.back(), Where{path, questions.back().line});
    for (Question& question : questions) {
        trim_end(question.prompt);
        trim_end(question.why);
    }
    return questions;
}

}  // namespace ovlab::predict
