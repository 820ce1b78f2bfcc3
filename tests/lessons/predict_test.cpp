// Predict mode's questions (docs/narration-format.md): the syntax, the answers read from a trace,
// and every lesson's questions against real runs, with the default parameters and every
// "name=value" its narration documents.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "english_prose.h"
#include "lesson_runs.h"
#include "ovlab/lesson_registry.h"
#include "ovlab/predict.h"
#include "test_support.h"
#include "text_file.h"

namespace ovlab {
namespace {

using trace::EventKind;

std::vector<predict::Question> parse(std::string_view text) {
    return predict::parse_questions(lessons::split_text_lines(text), 10, "narration.en.md");
}

TEST(PredictQuestions, ReadsEveryPart) {
    const std::vector<predict::Question> questions = parse(R"(A note, never shown.

## issue-read.return #2
ask: result
What will **ReadFile** return?

- [TRUE] TRUE
- [FALSE 997] FALSE, ERROR_IO_PENDING
why: It started.
It goes on.

## sleep-ex.apc | drain.apc
ask: thread
Which thread runs it?
why: The issuing one.

## issue-read.complete
ask: InternalHigh of ro
How many bytes?
- [asked] All
- [*] Fewer
why: Count them.
)");
    ASSERT_EQ(questions.size(), 3u);
    const predict::Question& result = questions[0];
    EXPECT_EQ(result.steps, std::vector<std::string>{"issue-read.return"});
    EXPECT_EQ(result.occurrence, 2);
    EXPECT_EQ(result.asked, predict::Asked::Result);
    EXPECT_EQ(result.prompt, "What will **ReadFile** return?");
    ASSERT_EQ(result.choices.size(), 2u);
    EXPECT_EQ(result.choices[1].match, "FALSE 997");
    EXPECT_EQ(result.choices[1].label, "FALSE, ERROR_IO_PENDING");
    EXPECT_EQ(result.why, "It started.\nIt goes on.");
    EXPECT_EQ(result.line, 12u);
    EXPECT_EQ(questions[1].steps, (std::vector<std::string>{"sleep-ex.apc", "drain.apc"}));
    EXPECT_EQ(questions[1].asked, predict::Asked::Thread);
    EXPECT_EQ(questions[2].asked, predict::Asked::Field);
    EXPECT_EQ(questions[2].field, trace::OverlappedField::InternalHigh);
    EXPECT_EQ(questions[2].overlapped, "ro");
}

TEST(PredictQuestions, RefusesWhatCannotBeAsked) {
    const std::pair<const char*, const char*> broken[] = {
        {"## a.return\nWhat?\n- [TRUE] T\n- [FALSE] F\nwhy: w\n", "narration.en.md:11: a question's first line"},
        {"## a.return\nask: colour\nWhat?\n- [1] a\n- [2] b\nwhy: w\n", "narration.en.md:11: 'ask: colour'"},
        {"## a.return\nask: result\nWhat?\n- [TRUE] T\nwhy: w\n", "narration.en.md:10: question '## a.return' needs"},
        {"## a.return\nask: result\nWhat?\n- [TRUE] T\n- [FALSE] F\n", "has no 'why:' line"},
        {"## a.return\nask: result\n- [TRUE] T\n- [FALSE] F\nwhy: w\n", "has no prompt"},
        {"## a.apc\nask: thread\nWho?\n- [x] main\nwhy: w\n", "asks for a thread"},
        {"## a.return #0\nask: result\nWhat?\n- [TRUE] T\n- [FALSE] F\nwhy: w\n", "'0' is not a step's occurrence"},
        {"## a.apc |\nask: thread\nWho?\nwhy: w\n", "a '|' without a step"},
        {"## two words\nask: thread\nWho?\nwhy: w\n", "a question's heading is"},
        {"## a.return\nask: result\nWhat?\n- [TRUE] T\n- [FALSE F\nwhy: w\n", "a choice is '- [<match>] <label>'"},
        {"## a.return\nask: result\nWhat?\n- [TRUE] T\n- [FALSE] F\nmore prompt\nwhy: w\n", "only 'why:' may follow"},
    };
    for (const auto& [text, expected] : broken) {
        try {
            parse(text);
            ADD_FAILURE() << "accepted:\n" << text;
        } catch (const std::runtime_error& error) {
            EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
        }
    }
}

TEST(PredictQuestions, TheNarrationEndsWhereThePredictPartStarts) {
    const Narration narration = Narration::parse(lessons::split_text_lines(R"(# notes
## issue-read
Reads.

# Predict

## issue-read.return
ask: result
What?
- [TRUE] T
- [FALSE] F
why: w
)"),
                                                 "narration.en.md");
    EXPECT_EQ(narration.sections.size(), 1u);
    EXPECT_EQ(narration.sections.at("issue-read"), "Reads.");
    ASSERT_EQ(narration.questions.size(), 1u);
    EXPECT_EQ(narration.questions[0].line, 7u);
}

// A made-up run: main's ReadFile returns FALSE/997 on line 2, its read completes with 1234 of the
// 4096 bytes asked, and WorkerThread 2 returns from its wait on line 3.
class PredictAnswers : public testing::Test {
protected:
    void SetUp() override {
        source_.tag_at = {"", "issue-read", "worker-wait"};
        record(1, 0, {EventKind::ThreadStarted, 0, 0, 0, 0, {}, "main"});
        record(2, 0, {EventKind::ThreadStarted, 0, 0, 0, 0, {}, "WorkerThread 2"});
        record(1, 2, {EventKind::ApiEnter, 0, 0, 0, 0, "ReadFile", ""});
        record(1, 2, {EventKind::IoIssued, 0x1000, 0x4, 0, 4096, "read", "threads"});
        record(1, 2, {EventKind::ApiLeave, 0, 0, 997, 1, "ReadFile", "FALSE (GetLastError 997 ERROR_IO_PENDING)"});
        record(0, 0, {EventKind::IoCompleting, 0x1000, 0, 1234, 0, {}, {}});
        record(2, 3, {EventKind::ApiLeave, 0, 1, 0, 0, "GetQueuedCompletionStatus", "TRUE"});
    }
    void record(uint32_t thread, uint32_t line, const trace::EventData& data) {
        trace::set_current_thread(thread);
        trace::set_current_line(line);
        recorder_.record(data);
    }
    // The asking of a question with `ask` and `choices` at `step`.
    predict::Asking ask(const std::string& step, const std::string& ask, const std::string& choices) {
        questions_ = parse(fmt::format("## {}\nask: {}\nWhat?\n{}why: w\n", step, ask, choices));
        predict::Tracker tracker(source_, questions_);
        tracker.update(recorder_);
        if (tracker.askings().size() != 1) {
            ADD_FAILURE() << step << " was asked " << tracker.askings().size() << " times";
            return {};
        }
        return tracker.askings()[0];
    }

    LessonSource source_;
    trace::Recorder recorder_{1024};
    std::vector<predict::Question> questions_;
};

TEST_F(PredictAnswers, AResultIsTheCallsReturnValueAndLastError) {
    const predict::Asking asking =
        ask("issue-read.return", "result", "- [TRUE] T\n- [FALSE 997] pending\n- [FALSE] other\n");
    EXPECT_EQ(asking.correct, 1);
    EXPECT_EQ(asking.observed, "FALSE (GetLastError 997 ERROR_IO_PENDING)");
    EXPECT_EQ(asking.position, 2u);
    EXPECT_EQ(ask("issue-read.return", "result", "- [TRUE] T\n- [FALSE 38] eof\n- [FALSE] other\n").correct, 2);
    EXPECT_EQ(ask("issue-read.return", "result", "- [TRUE] T\n- [FALSE 38] eof\n").correct, -1) << "no choice fits";
}

TEST_F(PredictAnswers, ACompletionsFieldIsWhatTheSystemIsAboutToWrite) {
    EXPECT_EQ(ask("issue-read.complete", "InternalHigh", "- [asked] all\n- [0] none\n- [*] fewer\n").correct, 2);
    const predict::Asking status = ask("issue-read.complete", "Internal", "- [0x103] pending\n- [0] success\n");
    EXPECT_EQ(status.correct, 1);
    EXPECT_EQ(status.position, 3u);
}

TEST_F(PredictAnswers, AThreadIsTheOneThatTakesTheStepAmongTheLessonsThreads) {
    const predict::Asking asking = ask("worker-wait.return", "thread", "");
    EXPECT_EQ(asking.choices, (std::vector<std::string>{"main", "WorkerThread 2"}));
    EXPECT_EQ(asking.correct, 1);
    EXPECT_EQ(asking.observed, "WorkerThread 2");
}

TEST_F(PredictAnswers, AStepTheRunNeverReachesIsNotAsked) {
    questions_ = parse("## issue-read.return #2\nask: result\nWhat?\n- [TRUE] T\n- [FALSE] F\nwhy: w\n");
    predict::Tracker tracker(source_, questions_);
    tracker.update(recorder_);
    EXPECT_TRUE(tracker.askings().empty());
    EXPECT_EQ(tracker.not_asked(), std::vector<size_t>{0});
}

// Both languages ask the same questions, read the same way, in the same order.
void expect_same_questions(const Narration& english, const Narration& korean, const std::string& lesson) {
    ASSERT_EQ(english.questions.size(), korean.questions.size()) << lesson;
    for (size_t i = 0; i < english.questions.size(); ++i) {
        const predict::Question& en = english.questions[i];
        const predict::Question& ko = korean.questions[i];
        EXPECT_EQ(en.step, ko.step) << lesson << " question " << i + 1;
        EXPECT_EQ(en.occurrence, ko.occurrence) << lesson << " " << en.step;
        EXPECT_EQ(en.asked, ko.asked) << lesson << " " << en.step;
        EXPECT_EQ(en.field, ko.field) << lesson << " " << en.step;
        EXPECT_EQ(en.overlapped, ko.overlapped) << lesson << " " << en.step;
        ASSERT_EQ(en.choices.size(), ko.choices.size()) << lesson << " " << en.step;
        for (size_t c = 0; c < en.choices.size(); ++c) EXPECT_EQ(en.choices[c].match, ko.choices[c].match) << lesson;
    }
}

std::string korean_prose(const Narration& korean, const LessonSource& source) {
    std::set<std::string> allowed = test::glossary_words(std::filesystem::path(OVLAB_SOURCE_DIR) / "docs" / "glossary.md");
    const std::set<std::string> code = test::source_identifiers(source.lines);
    allowed.insert(code.begin(), code.end());
    allowed.insert({"Windows", "Linux"});
    for (int field = 0; field <= static_cast<int>(trace::OverlappedField::hEvent); ++field)
        allowed.insert(std::string(trace::field_name(static_cast<trace::OverlappedField>(field))));
    std::string report;
    for (const predict::Question& question : korean.questions) {
        std::string text = question.prompt + "\n" + question.why;
        for (const predict::Choice& choice : question.choices) text += "\n" + choice.label;
        for (const std::string& line : lessons::split_text_lines(text))
            if (const auto words = test::english_prose_words(line, allowed); !words.empty())
                report += fmt::format("  {}: {}\n", question.step, fmt::join(words, " "));
    }
    return report;
}

class EveryPredictQuestion : public testing::TestWithParam<std::string> {};

TEST_P(EveryPredictQuestion, IsAnsweredFromTheTraceOfEveryDocumentedRun) {
    const LessonInfo& lesson = *find_lesson(GetParam());
    const LessonSource source = LessonSource::load(lesson_folder(lesson) / lesson.source_file);
    const Narration english = Narration::load(Narration::file_for(lesson, Language::English));
    const Narration korean = Narration::load(Narration::file_for(lesson, Language::Korean));
    EXPECT_GE(english.questions.size(), 3u) << lesson.id << " asks fewer than three questions";
    expect_same_questions(english, korean, lesson.id);
    EXPECT_EQ(korean_prose(korean, source), "") << "English prose in the Korean questions of " << lesson.id;

    for (const ParameterValues& changes : test::parameter_sets(lesson)) {
        const std::string run = fmt::format("{} with [{}]", lesson.id, fmt::join(changed_parameters(lesson, changes), " "));
        Session session(lesson.program(changes));
        if (const std::string problem = test::run_to_end(session, changes); !problem.empty()) {
            ADD_FAILURE() << run << ": " << problem;
            continue;
        }
        predict::Tracker tracker(source, english.questions);
        tracker.update(session.recorder());
        for (const predict::Asking& asking : tracker.askings()) {
            const predict::Question& question = english.questions[asking.question];
            EXPECT_GE(asking.correct, 0) << run << ": no choice of '## " << question.step << "' fits the trace ("
                                         << asking.observed << ")";
            EXPECT_GE(asking.choices.size(), 2u) << run << ": '## " << question.step << "' offers one answer";
        }
        // Another parameter may skip a part of the lesson; the defaults reach every question.
        if (changes.empty())
            for (size_t q : tracker.not_asked())
                ADD_FAILURE() << run << ": the run never reaches '## " << english.questions[q].step << "'";
    }
}

std::vector<std::string> lesson_ids() {
    std::vector<std::string> ids;
    for (const LessonInfo& lesson : all_lessons()) ids.push_back(lesson.id);
    return ids;
}

INSTANTIATE_TEST_SUITE_P(Lessons, EveryPredictQuestion, testing::ValuesIn(lesson_ids()),
                         [](const testing::TestParamInfo<std::string>& param) {
                             return test::lesson_test_name(param.param);
                         });

}  // namespace
}  // namespace ovlab
