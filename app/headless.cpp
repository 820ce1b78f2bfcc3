#include "headless.h"

#include <chrono>
#include <cstdio>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "cli.h"
#include "interrupt.h"
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
std::optional<int> print_until_finished(Session& session, trace::TextPrinter& printer) {
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
            print_error(fmt::format("the run's history is full ({} events), so the lab stopped it (see the last "
                                    "step above)", session.recorder().capacity()));
            return 3;
        }
        if (std::chrono::steady_clock::now() - last_progress > kStallLimit) {
            print_error(fmt::format("the lesson made no progress for {} s: every thread waits for something "
                                    "that never happens (see the last step above)",
                                    std::chrono::duration_cast<std::chrono::seconds>(kStallLimit).count()));
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
        print_error(error.what());
        return 1;
    }

    LessonProgram program = lesson.program(options.parameters);
    program.language = options.language;
    if (!program.peer_port_file.empty()) {
        print_error(fmt::format("with {} lesson {} waits for connections from the window's Peer client panel; "
                                "run it in the window (without --headless)",
                                fmt::join(changed_parameters(lesson, options.parameters), " "), lesson.id));
        return 2;
    }
    Session session(std::move(program));
    fmt::print(stderr, "lesson {} (I/O backend: {})\n", lesson.id, platform::io_backend_name());
    print_out(transcript_opening(changed_parameters(lesson, options.parameters), &narration));

    trace::TextPrinter printer = make_transcript_printer(&source, &narration, options.language);
    session.start();
    session.stepper().run(0us);
    if (std::optional<int> early_exit = print_until_finished(session, printer)) return *early_exit;

    const SessionResult result = session.wait();
    print_out(transcript_closing(&narration));
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
        print_error(fmt::format("lesson {} failed its check: {}", lesson.id, result.check.message));
        return 1;
    }
    return 0;
}

}  // namespace ovlab::app
