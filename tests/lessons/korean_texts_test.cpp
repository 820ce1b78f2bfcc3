// A Korean run is Korean throughout: every lesson runs in-process in Korean, and neither its
// transcript (what `--headless --lang ko` prints: the printer's own lines, the runtime's recorded
// phrases, the program's lines as the lesson words them, the check's message, the narration) nor the texts the window's panels show for its
// events (trace::localize_recorded, which the panels call through gui::recorded_text) may hold
// English prose. The rule for what counts as English prose is in english_prose.h. The Korean
// columns of the wording tables (transcript lines, thread states, handle kinds, status and error
// meanings) and the window's labels are checked whole, including rows no lesson reaches.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>

#include "english_prose.h"
#include "step_explanation.h"
#include "gui/ui_strings.h"
#include "ovlab/lesson_registry.h"
#include "ovlab/status_codes.h"
#include "ovlab/trace_output.h"
#include "ovlab/trace_text.h"
#include "test_support.h"

namespace ovlab {
namespace {

using namespace std::chrono_literals;

// Names of products, which Korean text writes in English.
const std::set<std::string> kProductNames = {"Windows", "Winsock", "Linux", "Microsoft", "Overlapped", "Lab"};

std::set<std::string> allowed_words(const std::set<std::string>& more = {}) {
    std::set<std::string> words = test::glossary_words(std::filesystem::path(OVLAB_SOURCE_DIR) / "docs" / "glossary.md");
    words.insert(kProductNames.begin(), kProductNames.end());
    words.insert(more.begin(), more.end());
    return words;
}

// Each line of `text` holding English prose, with the words found.
std::string prose_report(const std::string& text, const std::set<std::string>& allowed) {
    std::string report;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        const std::vector<std::string> words = test::english_prose_words(line, allowed);
        if (words.empty()) continue;
        report += "  " + line + "\n    English:";
        for (const std::string& word : words) report += " " + word;
        report += "\n";
    }
    return report;
}

// The event texts the panels show (handle descriptions, why a handle changed, what a thread waits
// for, what an APC runs, where a packet came from, a request's operation), as the panels show them.
std::string panel_text(const trace::Event& event) {
    using trace::EventKind;
    switch (event.kind) {
        case EventKind::HandleCreated:
        case EventKind::Signal:
        case EventKind::ThreadState:
        case EventKind::ApcQueued:
        case EventKind::ApcDelivering:
        case EventKind::PortPacketQueued: return trace::localize_recorded(event.text_view(), Language::Korean);
        case EventKind::IoIssued: return trace::localize_recorded(event.name_view(), Language::Korean);
        default: return {};
    }
}

class KoreanRun : public testing::TestWithParam<std::string> {};

TEST_P(KoreanRun, TranscriptAndPanelTextsHoldNoEnglishProse) {
    const LessonInfo& lesson = *find_lesson(GetParam());
    const LessonSource source = LessonSource::load(lesson_folder(lesson) / lesson.source_file);
    const Narration narration = Narration::load(Narration::file_for(lesson, Language::Korean));
    LessonProgram program = lesson.program();
    program.language = Language::Korean;
    Session session(std::move(program));
    session.start();
    session.stepper().run(0us);
    const SessionResult result = session.wait();
    ASSERT_TRUE(result.check.passed) << result.check.message;

    std::set<std::string> code = test::source_identifiers(source.lines);
    code.insert(lesson.id);
    for (int field = 0; field <= static_cast<int>(trace::OverlappedField::hEvent); ++field)
        code.insert(std::string(trace::field_name(static_cast<trace::OverlappedField>(field))));
    trace::TextPrinter printer(
        [&](const trace::Event& event, const trace::State& state) {
            const CheckpointNarration shown = narration_for_checkpoint(event, state, source, narration);
            return shown.text ? *shown.text : std::string();
        },
        Language::Korean);
    // The program prints English; the Korean run shows its lines as the lesson words them.
    printer.set_console_wording([&lesson](std::string_view line) { return console_line(lesson, line, Language::Korean); });
    std::string transcript;
    std::string panels;
    const trace::Recorder& recorder = session.recorder();
    for (uint64_t i = 0; i < recorder.published(); ++i) {
        const trace::Event& event = recorder.at(i);
        if (event.kind == trace::EventKind::ApiEnter) code.insert(std::string(event.name_view()));
        transcript += printer.print(event);
        if (std::string text = panel_text(event); !text.empty()) panels += text + "\n";
        // The narration pane of a recorded trace of this run explains each step from its data.
        if (trace::is_checkpoint(event.kind))
            panels += app::explain_step(event, printer.state(), Language::Korean) + "\n";
        // What the Threads panel shows of each thread at this point (state.cpp words a thread at a
        // checkpoint: "about to call ReadFile"),
        // and the name on its card ("kernel (io_uring)" is the runtime's lane).
        for (const trace::ThreadView& thread : printer.state().threads) {
            if (!thread.detail.empty()) panels += trace::localize_recorded(thread.detail, Language::Korean) + "\n";
            panels += trace::localize_recorded(thread.name, Language::Korean) + "\n";
        }
    }
    const std::set<std::string> allowed = allowed_words(code);
    EXPECT_EQ(prose_report(transcript, allowed), "") << "English prose in the Korean transcript of " << lesson.id;
    EXPECT_EQ(prose_report(panels, allowed), "") << "English prose in the Korean panel texts of " << lesson.id;
}

// The lesson ids (docs/design.md), listed because lessons register themselves during static
// initialisation, after gtest has instantiated its parameters.
const std::vector<std::string> kLessonIds = {"blocking-vs-overlapped", "event-file-copy", "event-sockets",
                                             "completion-routine", "wait-on-another-thread", "iocp-file-reads",
                                             "iocp-echo-server", "pitfalls"};

TEST(KoreanRunList, NamesEveryLesson) {
    std::vector<std::string> ids;
    for (const LessonInfo& lesson : all_lessons()) ids.push_back(lesson.id);
    EXPECT_EQ(ids, kLessonIds);
}

INSTANTIATE_TEST_SUITE_P(Lessons, KoreanRun, testing::ValuesIn(kLessonIds),
                         [](const testing::TestParamInfo<std::string>& param) {
                             return test::lesson_test_name(param.param);
                         });

TEST(KoreanTables, EveryKoreanRowIsKorean) {
    std::string texts;
#define OVLAB_KOREAN_LINE(key, en, ko) texts += std::string(ko) + "\n";
    OVLAB_TRACE_LINES(OVLAB_KOREAN_LINE)
#undef OVLAB_KOREAN_LINE
    for (int state = 0; state <= static_cast<int>(trace::ThreadState::RunningApc); ++state)
        texts += std::string(trace::thread_state_name(static_cast<trace::ThreadState>(state), Language::Korean)) + "\n";
    for (int kind = 0; kind <= static_cast<int>(trace::HandleKind::Other); ++kind)
        texts += std::string(trace::handle_kind_name(static_cast<trace::HandleKind>(kind), Language::Korean)) + "\n";
#define OVLAB_KOREAN_MEANING(name, value, en, ko) texts += std::string(ko) + "\n";
#define OVLAB_KOREAN_STATUS_MEANING(name, constant, value, win32_error, winsock_error, en, ko) \
    texts += std::string(ko) + "\n";
    OVLAB_NTSTATUS_TABLE(OVLAB_KOREAN_STATUS_MEANING)
    OVLAB_WIN32_ERROR_TABLE(OVLAB_KOREAN_MEANING)
    OVLAB_WAIT_RESULT_TABLE(OVLAB_KOREAN_MEANING)
#undef OVLAB_KOREAN_STATUS_MEANING
#undef OVLAB_KOREAN_MEANING
    // The window's own labels (app/gui/ui_strings.h); {…} are fmt fields, % printf formats.
    std::string labels;
    // Said in English on purpose: it shows when no font can draw Hangul.
#define OVLAB_KOREAN_LABEL(id, en, ko) \
    if (std::string_view(#id) != "KoreanFontMissing") labels += std::string(ko) + "\n";
    OVLAB_ALL_UI_STRINGS(OVLAB_KOREAN_LABEL)
#undef OVLAB_KOREAN_LABEL
    texts += std::regex_replace(labels, std::regex(R"(\{[^}]*\}|%[-+ #0-9.]*[a-z])"), " ");
    // Code the texts name: the API a thread state names ("Sleep 중"), the lesson programs' main and
    // accept, OVERLAPPED's fields; and the keys the window's help names, as printed on the key caps.
    std::set<std::string> code = {"Sleep", "main", "accept", "Space", "Home", "Ctrl", "Esc", "Shift", "Num"};
    for (int field = 0; field <= static_cast<int>(trace::OverlappedField::hEvent); ++field)
        code.insert(std::string(trace::field_name(static_cast<trace::OverlappedField>(field))));
    EXPECT_EQ(prose_report(texts, allowed_words(code)), "");
}

// The rule finds English prose and lets code, names and glosses through.
TEST(EnglishProse, FindsProseAndLetsCodeThrough) {
    const std::set<std::string> allowed = allowed_words({"main", "idle"});
    EXPECT_EQ(test::english_prose_words("main is waiting: WaitForSingleObject(client->cue)", allowed),
              (std::vector<std::string>{"waiting"}));
    EXPECT_EQ(test::english_prose_words("이벤트 0x14 → 비신호 상태: wait satisfied: auto-reset", allowed),
              (std::vector<std::string>{"wait", "satisfied", "auto-reset"}));
    EXPECT_EQ(test::english_prose_words("packet queued on port: 64 bytes", allowed),
              (std::vector<std::string>{"packet", "queued", "port", "bytes"}));
    EXPECT_TRUE(test::english_prose_words("main: 대기 중: WaitForSingleObject(g_connections[i].closed)", allowed).empty());
    EXPECT_TRUE(test::english_prose_words("request->ov.Internal 0x103 (STATUS_PENDING) -> 0x0 (STATUS_SUCCESS)", allowed).empty());
    EXPECT_TRUE(test::english_prose_words("소켓 TCP/IPv4 (중첩 I/O), 파일 sample.txt, `idle` 이벤트", allowed).empty());
    EXPECT_TRUE(test::english_prose_words("대기열(backlog)에서 기다립니다. alertable 대기, Windows에서", allowed).empty());
    EXPECT_TRUE(test::english_prose_words("받은 \"hello 1 from client 1\"을 돌려줍니다", allowed).empty());
}

// Recorded phrases become Korean where they stand, and code they sit beside stays as it is.
TEST(LocalizeRecorded, TranslatesPhrasesAndLeavesCode) {
    const auto ko = [](std::string_view text) { return trace::localize_recorded(text, Language::Korean); };
    EXPECT_EQ(ko("wait satisfied: auto-reset"), "대기 충족: 자동 리셋");
    EXPECT_EQ(ko("recv completed"), "수신 완료");
    EXPECT_EQ(ko("socket returned"), "socket 반환됨");
    EXPECT_EQ(ko("socket TCP/IPv4 (overlapped)"), "소켓 TCP/IPv4 (중첩 I/O)");
    EXPECT_EQ(ko("WaitForSingleObject(readDone)"), "WaitForSingleObject(readDone)");
    EXPECT_EQ(ko("file file-a.txt (overlapped)"), "파일 file-a.txt (중첩 I/O)");
    EXPECT_EQ(trace::localize_recorded("recv completed", Language::English), "recv completed");
}

}  // namespace
}  // namespace ovlab
