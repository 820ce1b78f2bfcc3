#include "predict_report.h"

#include <fmt/format.h>

namespace ovlab::app {
namespace {

struct Words {
    const char* heading;
    const char* step;
    const char* answer;
    const char* why;
    const char* not_reached;
};

constexpr Words kEnglish{"Predict: {} questions, each answered from this run's trace",
                         "[step {}] {}", "answer (from the trace: {})", "Why: {}",
                         "[{}] not asked: this run did not reach the step"};
constexpr Words kKorean{"예측: 질문 {}개, 모두 이번 실행의 기록에서 답을 읽습니다", "[{}단계] {}",
                        "정답 (실행 기록: {})", "이유: {}",
                        "[{}] 묻지 않음: 이번 실행은 그 단계에 이르지 않았습니다"};

std::string indented(const std::string& text, std::string_view indent) {
    std::string out;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t end = std::min(text.find('\n', start), text.size());
        out += fmt::format("{}{}\n", indent, std::string_view(text).substr(start, end - start));
        start = end + 1;
    }
    return out;
}

}  // namespace

PredictReport predict_report(const Narration& narration, const predict::Tracker& tracker, Language language) {
    const Words& words = language == Language::Korean ? kKorean : kEnglish;
    PredictReport report;
    report.text = fmt::format(fmt::runtime(words.heading), narration.questions.size()) + "\n";
    for (const predict::Asking& asking : tracker.askings()) {
        const predict::Question& question = narration.questions[asking.question];
        report.text += "\n" + fmt::format(fmt::runtime(words.step), asking.position, question.step) + "\n";
        report.text += indented(question.prompt, "  ");
        for (size_t i = 0; i < asking.choices.size(); ++i) {
            const bool correct = static_cast<int>(i) == asking.correct;
            report.text += fmt::format("  {} {}{}\n", correct ? "=>" : "- ", asking.choices[i],
                                       correct ? "   <- " + fmt::format(fmt::runtime(words.answer), asking.observed) : "");
        }
        report.text += indented(fmt::format(fmt::runtime(words.why), question.why), "  ");
        if (asking.correct < 0)
            report.problems.push_back(fmt::format("question '## {}' (line {}): no choice fits what the trace holds ({})",
                                                  question.step, question.line, asking.observed));
    }
    for (size_t q : tracker.not_asked())
        report.text += "\n" + fmt::format(fmt::runtime(words.not_reached), narration.questions[q].step) + "\n";
    return report;
}

}  // namespace ovlab::app
