// Every "## section" of every narration file is shown by some run: the lesson with its default
// parameters, or with a parameter its narration names ("try alertable=0"). Each run goes to its end
// with the stepper running flat out, as in the headless mode (a lesson served by the window's Peer
// client panel gets a peer played by the test); then every checkpoint of its trace is looked up in
// both languages with the rule the window and the transcript use.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <set>

#include "lesson_runs.h"
#include "ovlab/lesson_registry.h"
#include "test_support.h"

namespace ovlab {
namespace {

constexpr Language kLanguages[] = {Language::English, Language::Korean};

// Runs the lesson to its end and adds the key of every section a step showed to `shown[language]`.
// Returns an empty string, or why the run did not end as it should.
std::string collect_shown_sections(const LessonInfo& lesson, const ParameterValues& changes,
                                   std::map<Language, std::set<std::string>>& shown)
{
    const LessonSource source = LessonSource::load(lesson_folder(lesson) / lesson.source_file);
    std::map<Language, Narration> narrations;
    for (Language language : kLanguages) narrations[language] = Narration::load(Narration::file_for(lesson, language));

    Session session(lesson.program(changes));
    if (std::string problem = test::run_to_end(session, changes); !problem.empty()) return problem;

    trace::State state;
    const trace::Recorder& recorder = session.recorder();
    const trace::Event* last_checkpoint = nullptr;
    for (uint64_t i = 0; i < recorder.published(); ++i) {
        const trace::Event& event = recorder.at(i);
        state.apply(event);
        if (!trace::is_checkpoint(event.kind)) continue;
        last_checkpoint = &event;
        for (Language language : kLanguages) {
            const CheckpointNarration section = narration_for_checkpoint(event, state, source, narrations[language]);
            if (section.text) shown[language].insert(section.key);
        }
    }
    for (Language language : kLanguages) {
        shown[language].insert("intro");
        shown[language].insert(narration_for_end(last_checkpoint, state, source, narrations[language]).key);
    }
    return {};
}

class EveryNarrationSection : public testing::TestWithParam<std::string> {};

TEST_P(EveryNarrationSection, IsShownByARun)
{
    const LessonInfo& lesson = *find_lesson(GetParam());
    std::map<Language, std::set<std::string>> shown;
    for (const ParameterValues& changes : test::parameter_sets(lesson)) {
        const std::string problem = collect_shown_sections(lesson, changes, shown);
        EXPECT_EQ(problem, "") << lesson.id << " with "
                               << fmt::format("{}", fmt::join(changed_parameters(lesson, changes), " "));
    }
    std::vector<std::string> never_shown;
    for (Language language : kLanguages) {
        for (const auto& [key, text] : Narration::load(Narration::file_for(lesson, language)).sections) {
            if (!shown[language].count(key))
                never_shown.push_back(fmt::format("{}/{}/{}", lesson.id, language_code(language), key));
        }
    }
    EXPECT_TRUE(never_shown.empty()) << "sections no run shows (default parameters and every name=value the "
                                        "narration mentions):\n  "
                                     << fmt::format("{}", fmt::join(never_shown, "\n  "));
}

// The rule in lesson_registry.h on a made-up lesson: each step shows its own line's section, or
// none, never what an earlier step showed.
TEST(NarrationForCheckpoint, AStepShowsItsOwnLinesSectionOrNone)
{
    LessonSource source;
    source.tag_at = {"", "issue-read", "issue-read", "eof"};  // lines 1 to 4
    Narration narration;
    narration.sections = {{"issue-read", "reads"}, {"issue-read.return", "returns"}, {"eof", "the end"}};
    const trace::State state;
    auto shown = [&](trace::EventKind kind, uint32_t line) {
        trace::Event event;
        event.kind = kind;
        event.line = line;
        const CheckpointNarration section = narration_for_checkpoint(event, state, source, narration);
        return section.text ? section.key + ": " + *section.text : section.key;
    };
    EXPECT_EQ(shown(trace::EventKind::ApiEnter, 2), "issue-read: reads");
    EXPECT_EQ(shown(trace::EventKind::ApiLeave, 3), "issue-read.return: returns");
    EXPECT_EQ(shown(trace::EventKind::LineReached, 4), "eof: the end");
    EXPECT_EQ(shown(trace::EventKind::ApiLeave, 4), "eof: the end");            // no "eof.return": the plain section
    EXPECT_EQ(shown(trace::EventKind::ApcDelivering, 2), "issue-read: reads");  // the wait that runs the APC
    EXPECT_EQ(shown(trace::EventKind::ApiEnter, 1), "");                        // before the first tag: none
    EXPECT_EQ(shown(trace::EventKind::IoCompleting, 0), "");                    // a request the trace never issued
}

// The ending (lesson_registry.h): a part of the lesson with an ending of its own shows it when the
// run's last step was in that part; every other run shows "## finished".
TEST(NarrationForEnd, APartWithItsOwnEndingShowsIt)
{
    LessonSource source;
    source.tag_at = {"", "serve-peer", "send-reply"};  // lines 1 to 3
    Narration narration;
    narration.sections = {{"finished", "the usual end"}, {"finished.serve-peer", "the peer's end"}};
    const trace::State state;
    trace::Event last;
    last.kind = trace::EventKind::ApiLeave;
    auto ending = [&](const trace::Event* checkpoint) {
        const CheckpointNarration section = narration_for_end(checkpoint, state, source, narration);
        return section.text ? section.key + ": " + *section.text : section.key;
    };
    last.line = 2;
    EXPECT_EQ(ending(&last), "finished.serve-peer: the peer's end");
    last.line = 3;
    EXPECT_EQ(ending(&last), "finished: the usual end");
    last.line = 1;
    EXPECT_EQ(ending(&last), "finished: the usual end");
    EXPECT_EQ(ending(nullptr), "finished: the usual end");
}

std::vector<std::string> lesson_ids()
{
    std::vector<std::string> ids;
    for (const LessonInfo& lesson : all_lessons()) ids.push_back(lesson.id);
    return ids;
}

INSTANTIATE_TEST_SUITE_P(Lessons, EveryNarrationSection, testing::ValuesIn(lesson_ids()),
                         [](const testing::TestParamInfo<std::string>& param) {
                             return test::lesson_test_name(param.param);
                         });

}  // namespace
}  // namespace ovlab
