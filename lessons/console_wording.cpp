// console_line: the Korean wording of what a lesson program prints.
#include <map>
#include <memory>
#include <mutex>
#include <regex>

#include "ovlab/lesson_registry.h"

namespace ovlab {
namespace {

// Forms several lessons print when something goes wrong.
const std::vector<ConsoleWording>& common_wordings() {
    static const std::vector<ConsoleWording> wordings = {
        {R"((\w+) failed: error (\d+))", "$1 실패: 오류 $2"},
        {R"((\w+) failed)", "$1 실패"},
        {R"(cannot (\w+) (.*): error (\d+))", "$2: $1 실패, 오류 $3"},
    };
    return wordings;
}

struct CompiledWording {
    std::regex english;
    std::string korean;
};

// Regular expressions are compiled once per lesson, and each line is worded once: the window
// asks for every visible console line on every frame. The lines differ with the lesson's
// parameters, so run after run would grow the memo without end; past kMemoLines it starts afresh,
// which costs one more wording of each line on screen (the Console panel shows at most 400), and
// only the lesson asked last keeps its lines.
class Wordings {
public:
    explicit Wordings(const LessonInfo& lesson) {
        for (const std::vector<ConsoleWording>* list : {&lesson.console_ko, &common_wordings()})
            for (const ConsoleWording& wording : *list) compiled_.push_back({std::regex(wording.english), wording.korean});
    }

    const std::string& korean(std::string_view line) {
        if (const auto found = memo_.find(line); found != memo_.end()) return found->second;
        if (memo_.size() >= kMemoLines) memo_.clear();
        const auto at = memo_.emplace(std::string(line), std::string()).first;
        at->second = word(at->first);
        return at->second;
    }

    void forget_lines() { memo_.clear(); }

private:
    static constexpr size_t kMemoLines = 1024;

    std::string word(const std::string& line) const {
        for (const CompiledWording& wording : compiled_) {
            std::smatch match;
            if (std::regex_match(line, match, wording.english)) return match.format(wording.korean);
        }
        return line;
    }

    std::vector<CompiledWording> compiled_;
    std::map<std::string, std::string, std::less<>> memo_;
};

}  // namespace

std::string console_line(const LessonInfo& lesson, std::string_view line, Language language) {
    if (language != Language::Korean) return std::string(line);
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<Wordings>, std::less<>> by_lesson;
    static Wordings* last_asked = nullptr;  // the window shows one lesson: only its lines are kept
    std::lock_guard lock(mutex);
    std::unique_ptr<Wordings>& wordings = by_lesson[lesson.id];
    if (!wordings) wordings = std::make_unique<Wordings>(lesson);
    if (last_asked && last_asked != wordings.get()) last_asked->forget_lines();
    last_asked = wordings.get();
    return wordings->korean(line);
}

}  // namespace ovlab
