// The narration of a run without one (a program of one's own, a recorded trace) explains every step
// from its recorded data: every lesson is run to its end and each checkpoint explained in both
// languages, as the window's narration pane does for a recorded lesson trace opened with --open.
#include <gtest/gtest.h>

#include <cstdio>
#include <set>

#include <fmt/format.h>

#include "api_summaries.h"
#include "lesson_runs.h"
#include "ovlab/lesson_registry.h"
#include "step_explanation.h"

namespace ovlab {
namespace {

constexpr Language kLanguages[] = {Language::English, Language::Korean};

struct Explained {
    std::set<std::string> functions_summarised;  // functions whose summary a step showed
    std::set<std::string> texts;                 // every explanation shown
    std::string problems;
};

void explain_run(const LessonInfo& lesson, Explained& explained) {
    Session session(lesson.program({}));
    if (std::string problem = test::run_to_end(session, {}); !problem.empty()) {
        explained.problems += lesson.id + ": " + problem + "\n";
        return;
    }
    trace::State state;
    const trace::Recorder& recorder = session.recorder();
    for (uint64_t i = 0; i < recorder.published(); ++i) {
        const trace::Event& event = recorder.at(i);
        state.apply(event);
        if (!trace::is_checkpoint(event.kind)) continue;
        for (Language language : kLanguages) {
            const std::string text = app::explain_step(event, state, language);
            if (text.empty())
                explained.problems += fmt::format("{}: checkpoint {} ({}) has no explanation\n", lesson.id, event.seq,
                                                  trace::kind_name(event.kind));
            const auto summary = app::api_summary(event.name_view(), language);
            if (event.kind == trace::EventKind::ApiEnter && summary && text.find(*summary) != std::string::npos)
                explained.functions_summarised.insert(std::string(event.name_view()));
            explained.texts.insert(text);
        }
    }
}

const Explained& every_lesson_explained() {
    static const Explained explained = [] {
        Explained all;
        for (const LessonInfo& lesson : all_lessons()) explain_run(lesson, all);
        return all;
    }();
    return explained;
}

TEST(StepExplanation, EveryCheckpointOfEveryLessonIsExplained) {
    EXPECT_EQ(every_lesson_explained().problems, "");
}

// Every summary in app/api_summaries.h is shown by some run: no text nobody sees.
TEST(StepExplanation, EveryFunctionSummaryIsShownByALessonRun) {
    const Explained& explained = every_lesson_explained();
    for (std::string_view function : app::api_summary_functions())
        EXPECT_TRUE(explained.functions_summarised.count(std::string(function)))
            << function << " has a summary no lesson run shows";
}

bool some_text_holds(const Explained& explained, std::string_view part) {
    for (const std::string& text : explained.texts)
        if (text.find(part) != std::string::npos) return true;
    return false;
}

// The cases a student most needs read right: an overlapped call's FALSE + 997 is not a failure, a
// wait's result is named, a request's end gives its status, an APC names its routine.
TEST(StepExplanation, ResultsAreReadAsWindowsMeansThem) {
    const Explained& explained = every_lesson_explained();
    EXPECT_TRUE(some_text_holds(explained, "**997 (ERROR_IO_PENDING)**: the request was started and will finish later"));
    EXPECT_TRUE(some_text_holds(explained, "For an overlapped request this is not a failure"));
    EXPECT_TRUE(some_text_holds(explained, "**WAIT_OBJECT_0**: the first (or only) object was signalled"));
    EXPECT_TRUE(some_text_holds(explained, "**WAIT_IO_COMPLETION**: the alertable wait ran queued APCs"));
    EXPECT_TRUE(some_text_holds(explained, "Internal = **0xC0000011 (STATUS_END_OF_FILE)**"));
    EXPECT_TRUE(some_text_holds(explained, "runs an APC"));
    EXPECT_TRUE(some_text_holds(explained, "중첩 I/O 요청에서는 실패가 아닙니다"));
}

TEST(StepExplanation, AFunctionWithoutASummaryIsExplainedFromItsResult) {
    trace::State state;
    trace::Event call;
    call.kind = trace::EventKind::ApiEnter;
    call.thread = 1;
    std::snprintf(call.name, sizeof call.name, "%s", "GetQueuedCompletionStatusEx");
    EXPECT_NE(app::explain_step(call, state, Language::English).find("The lab has no summary of this function"),
              std::string::npos);
    trace::Event leave = call;
    leave.kind = trace::EventKind::ApiLeave;
    leave.a = 0;
    leave.b = 258;
    leave.c = 1;
    std::snprintf(leave.text, sizeof leave.text, "%s", "FALSE");
    EXPECT_NE(app::explain_step(leave, state, Language::Korean).find("호출이 실패했습니다"), std::string::npos);
}

}  // namespace
}  // namespace ovlab
