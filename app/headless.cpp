#include "headless.h"

#include <chrono>
#include <cstdio>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "cli.h"
#include "interrupt.h"
#include "ovlab/localized_error.h"
#include "ovlab/platform.h"
#include "ovlab/trace_output.h"
#include "predict_report.h"
#include "recorded_run.h"
#include "standard_output.h"
#include "trace_file.h"
#include "transcript.h"

namespace ovlab::app {
namespace {

using namespace std::chrono_literals;

// A lesson whose threads all wait for something that never happens would otherwise hang the run.
constexpr auto kStallLimit = 20s;

// Prints the transcript as the lesson runs. Returns nothing once it finished, or the exit code
// when it had to end early: stalled, stdout failed or a signal asked to stop (the caller's
// Session then stops the lesson and removes its folder).
std::optional<int> print_until_finished(Session& session, trace::TextPrinter& printer, Language language) {
    uint64_t printed = 0;
    auto last_progress = std::chrono::steady_clock::now();
    for (;;) {
        // Read `finished` first: LessonFinished is recorded before the result is set, so once
        // finished, everything the run will ever record is already published.
        const bool done = session.finished();
        const uint64_t published = session.recorder().published();
        if (printed < published) last_progress = std::chrono::steady_clock::now();
        for (; printed < published; ++printed) print_out(printer.print(session.recorder().at(printed)));
        if (!flush_out() || stop_requested()) return 1;
        if (done) return std::nullopt;
        if (session.history_full() && printed == session.recorder().published()) {
            print_error(worded(language,
                               "the run's history is full ({} events), so the lab stopped it (see the last step above)",
                               "실행 기록이 가득 차서({}개 이벤트) 랩이 실행을 멈췄습니다(위의 마지막 단계를 보세요)",
                               session.recorder().capacity()),
                        language);
            return 3;
        }
        if (std::chrono::steady_clock::now() - last_progress > kStallLimit) {
            print_error(worded(language,
                               "the lesson made no progress for {} s: every thread waits for something that never "
                               "happens (see the last step above)",
                               "레슨이 {}초 동안 진행되지 않았습니다. 모든 스레드가 일어나지 않을 일을 기다립니다(위의 "
                               "마지막 단계를 보세요)",
                               std::chrono::duration_cast<std::chrono::seconds>(kStallLimit).count()),
                        language);
            return 3;
        }
        std::this_thread::sleep_for(2ms);
    }
}

}  // namespace

int run_headless(const LessonInfo& lesson, const HeadlessOptions& options) {
    LessonSource source;
    Narration narration;
    try {
        source = LessonSource::load(lesson_folder(lesson) / lesson.source_file);
        narration = Narration::load(Narration::file_for(lesson, options.language));
    } catch (const std::exception& error) {
        print_error(message_in(error, options.language), options.language);
        return 1;
    }

    LessonProgram program = lesson.program(options.parameters);
    program.language = options.language;
    if (!program.peer_port_file.empty()) {
        print_error(worded(options.language,
                           "with {} lesson {} waits for connections from the window's Peer client panel; run it in "
                           "the window (without --headless)",
                           "{} 설정에서 레슨 {}는 창의 피어 클라이언트 패널에서 오는 연결을 기다립니다. 창에서 "
                           "실행하세요(--headless 없이)",
                           fmt::join(changed_parameters(lesson, options.parameters), " "), lesson.id),
                    options.language);
        return 2;
    }
    Session session(std::move(program));
    fmt::print(stderr, "{}\n",
               worded(options.language, "lesson {} (I/O backend: {})", "레슨 {} (I/O 백엔드: {})", lesson.id,
                      platform::io_backend_name()));
    print_out(transcript_opening(changed_parameters(lesson, options.parameters), &narration, options.language));

    trace::TextPrinter printer = make_transcript_printer(&source, &narration, options.language);
    printer.set_console_wording(
        [&lesson, language = options.language](std::string_view line) { return console_line(lesson, line, language); });
    session.start();
    session.stepper().run(0us);
    if (std::optional<int> early_exit = print_until_finished(session, printer, options.language)) return *early_exit;

    const SessionResult result = session.wait();
    print_out(transcript_closing(&narration, &source, session.recorder(), printer.state()));
    if (!flush_out()) return 1;
    if (!options.trace_out.empty()) {
        const trace::RecordedTraceHeader header = lesson_trace_header(lesson, options.language, options.parameters);
        if (std::optional<std::string> error = write_trace_file(session.recorder(), options.trace_out, header)) {
            print_error(*error);
            return 1;
        }
    }
    if (options.predict) {
        predict::Tracker tracker(source, narration.questions);
        tracker.update(session.recorder());
        const PredictReport report = predict_report(narration, tracker, options.language);
        print_out("\n" + report.text);
        if (!flush_out()) return 1;
        for (const std::string& problem : report.problems) print_error(problem);
        if (!report.problems.empty()) return 1;
    }
    if (!result.check.passed) {
        print_error(worded(options.language, "lesson {} failed its check: {}", "레슨 {}가 확인에 실패했습니다: {}",
                           lesson.id, result.check.message_in(options.language)),
                    options.language);
        return 1;
    }
    return 0;
}

}  // namespace ovlab::app
