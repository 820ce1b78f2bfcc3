#include "open_trace.h"

#include <fmt/format.h>

#include "cli.h"
#include "ovlab/lesson_registry.h"
#include "recorded_run.h"
#include "standard_output.h"
#include "transcript.h"

namespace ovlab::app {
namespace {

// The recorded run's end, when the trace reaches it.
const trace::Event* lesson_finished(const trace::Recorder& recorder) {
    for (uint64_t i = recorder.published(); i-- > 0;)
        if (recorder.at(i).kind == trace::EventKind::LessonFinished) return &recorder.at(i);
    return nullptr;
}

}  // namespace

std::variant<trace::RecordedTrace, std::string> open_recorded_trace(const std::string& path) {
    auto read = trace::read_recorded_trace(std::filesystem::path(path));
    if (auto* opened = std::get_if<trace::RecordedTrace>(&read); opened && opened->warning)
        fmt::print(stderr, "warning: {}\n", printable(*opened->warning));
    return read;
}

int print_recorded_trace(const std::string& path, Language language) {
    auto read = open_recorded_trace(path);
    if (auto* error = std::get_if<std::string>(&read)) {
        print_error(*error);
        return 1;
    }
    const trace::RecordedTrace& recorded = std::get<trace::RecordedTrace>(read);
    const trace::RecordedTraceHeader& header = recorded.header;
    RecordedTexts texts;
    try {
        texts = recorded_texts(header, language);
    } catch (const std::exception& error) {
        print_error(fmt::format("{}: {}", path, error.what()));
        return 1;
    }
    fmt::print(stderr, "recorded trace of {} ({}, I/O backend: {})\n", printable(header.program),
               printable(header.platform), printable(header.backend));
    const Narration* narration = texts.narration ? &*texts.narration : nullptr;
    print_out(transcript_opening(header.changed_parameters, narration, language));
    trace::TextPrinter printer =
        make_transcript_printer(texts.source ? &*texts.source : nullptr, narration, language);
    // A lesson's printed lines are worded in the student's language as in the live run.
    if (const LessonInfo* lesson = header.lesson ? find_lesson(header.program) : nullptr)
        printer.set_console_wording(
            [lesson, language](std::string_view line) { return console_line(*lesson, line, language); });
    const trace::Recorder& recorder = *recorded.recorder;
    for (uint64_t i = 0; i < recorder.published(); ++i) print_out(printer.print(recorder.at(i)));
    const trace::Event* finished = lesson_finished(recorder);
    if (finished) print_out(transcript_closing(narration, texts.source ? &*texts.source : nullptr, recorder, printer.state()));
    if (!flush_out()) return 1;
    // HistoryFull: the recording reached its bound (a lesson run was stopped there, a program was not).
    if (recorded.dropped || printer.state().history_limit > 0)
        print_error(fmt::format("trace truncated at {} events: the recording kept no more ({} dropped)",
                                recorder.published(), recorded.dropped));
    if (header.lesson && finished && finished->b == 0) {
        print_error(fmt::format("lesson {} failed its check: {}", header.program, finished->text_view()));
        return 1;
    }
    return 0;
}

}  // namespace ovlab::app
