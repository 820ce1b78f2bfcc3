#include "program_headless.h"

#include <string.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "cli.h"
#include "interrupt.h"
#include "ovlab/localized_error.h"
#include "ovlab/platform.h"
#include "ovlab/recorded_trace.h"
#include "ovlab/trace_output.h"
#include "program_narration.h"
#include "program_run.h"
#include "predict_report.h"
#include "program_sources.h"
#include "standard_output.h"
#include "trace_file.h"
#include "transcript.h"

namespace ovlab::app {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr auto kConnectLimit = 10s;  // a program built for the lab says Hello as it starts
constexpr auto kStallLimit = 20s;    // as for a lesson: every thread waits for what never happens

// The transcript shows the narration's section of each step once; a step without one (or a program
// without narration) shows its source line once, under the first step on it.
trace::TextPrinter make_printer(const ProgramSources& sources, ProgramNarration* narration, Language language) {
    return trace::TextPrinter(
        [&sources, narration](const trace::Event& event, const trace::State& state) {
            if (narration) {
                std::optional<std::string> warning;
                const std::string* text = narration->text_for(event, state, sources, warning);
                if (warning) fmt::print(stderr, "warning: {}\n", printable(*warning));
                if (text) return *text;
            }
            if (event.kind != trace::EventKind::ApiEnter && event.kind != trace::EventKind::LineReached) return std::string();
            return sources.line_text(event.file, event.line);
        },
        language);
}

// "after step 7: thread main, line 42" (or "copy.cpp:42" in a program of several files).
std::string last_step(const trace::State& state, const std::optional<trace::Event>& checkpoint, Language language) {
    if (!checkpoint) return worded(language, "before its first step", "(첫 단계 전)");
    const std::string file = state.file_of(*checkpoint);
    const std::string where = !checkpoint->line ? worded(language, "no line of its own", "코드 줄 없음")
                              : file.empty()     ? worded(language, "line {}", "{}번째 줄", checkpoint->line)
                                                 : fmt::format("{}:{}", file, checkpoint->line);
    const std::string what = checkpoint->name[0] ? fmt::format(" ({})", checkpoint->name_view()) : std::string();
    return worded(language, "after step {}: thread {}, {}{}", "(단계 {} 뒤: 스레드 {}, {}{})", state.checkpoints,
                  trace::thread_label(state, checkpoint->thread), where, what);
}

// strsignal's description is in English only: the Korean line names the signal by its number and SIG name.
std::string signal_name(int signal, Language language) {
    const char* abbreviation = sigabbrev_np(signal);
    const char* description = strsignal(signal);
    return worded(language, "signal {} (SIG{}: {})", "시그널 {}(SIG{})", signal, abbreviation ? abbreviation : "?",
                  description ? description : "unknown");
}

class ProgramPrinter {
public:
    ProgramPrinter(ProgramRun& run, const std::vector<std::string>& sources, ProgramNarration* narration,
                   Language language)
        : run_(run), sources_(std::vector<std::filesystem::path>(sources.begin(), sources.end())),
          narration_(narration), language_(language), printer_(make_printer(sources_, narration, language)) {}

    void set_console_wording(trace::TextPrinter::ConsoleWording wording) {
        printer_.set_console_wording(std::move(wording));
    }

    // Prints what arrived; false when standard output failed.
    bool print_new() {
        const uint64_t published = run_.recorder().published();
        if (printed_ < published) last_progress_ = Clock::now();
        for (; printed_ < published; ++printed_) {
            const trace::Event& event = run_.recorder().at(printed_);
            if (event.kind == trace::EventKind::SourceFile) {
                if (std::optional<std::string> warning = sources_.learn(event))
                    fmt::print(stderr, "warning: {}\n", printable(*warning));
            }
            if (trace::is_checkpoint(event.kind)) last_checkpoint_ = event;
            print_out(printer_.print(event));
        }
        return flush_out();
    }

    Clock::time_point last_progress() const { return last_progress_; }
    std::string last_step() const { return app::last_step(printer_.state(), last_checkpoint_, language_); }
    Language language() const { return language_; }

    // After the end: the narration's ending for the file and tag of the last step.
    std::string closing() {
        if (!narration_) return {};
        std::optional<std::string> warning;
        const std::string* text =
            narration_->ending(last_checkpoint_ ? &*last_checkpoint_ : nullptr, printer_.state(), sources_, warning);
        if (warning) fmt::print(stderr, "warning: {}\n", printable(*warning));
        return text ? fmt::format("\n{}\n", *text) : std::string();
    }

private:
    ProgramRun& run_;
    ProgramSources sources_;
    ProgramNarration* narration_;
    Language language_;
    trace::TextPrinter printer_;
    uint64_t printed_ = 0;
    std::optional<trace::Event> last_checkpoint_;
    Clock::time_point last_progress_ = Clock::now();
};

// Why the lab had to end the program early, or nothing while it may go on.
std::optional<std::pair<int, std::string>> reason_to_end(const ProgramRun& run, const ProgramPrinter& printer,
                                                         const ProgramOptions& options, Clock::time_point started) {
    const auto now = Clock::now();
    const Language language = printer.language();
    if (stop_requested())
        return std::pair{1, worded(language, "the lab was asked to stop", "랩에 멈추라는 요청이 와서")};
    if (options.timeout_seconds > 0 && now - started > std::chrono::seconds(options.timeout_seconds))
        return std::pair{3, worded(language, "it ran longer than --timeout {} s", "--timeout {}초보다 오래 실행되어",
                                   options.timeout_seconds)};
    if (!run.connected() && now - started > kConnectLimit)
        return std::pair{4, worded(language,
                                   "it did not connect to the lab within {} s: build it with ovlab_add_lab_program",
                                   "{}초 안에 랩에 연결하지 않아(ovlab_add_lab_program으로 빌드하세요)",
                                   std::chrono::duration_cast<std::chrono::seconds>(kConnectLimit).count())};
    if (run.connected() && now - printer.last_progress() > kStallLimit)
        return std::pair{3, worded(language,
                                   "it made no progress for {} s: every thread waits for something that never "
                                   "happens, or it runs without calling Win32",
                                   "{}초 동안 진행되지 않아(모든 스레드가 일어나지 않을 일을 기다리거나, Win32를 "
                                   "호출하지 않고 실행됩니다)",
                                   std::chrono::duration_cast<std::chrono::seconds>(kStallLimit).count())};
    return std::nullopt;
}

// One line on stderr for a run that did not end by returning 0 from main; the exit code for it.
// A program's recorded trace names it and carries no lesson files (docs/trace-format.md).
trace::RecordedTraceHeader program_trace_header(const std::string& name, const trace::Recorder& recorder,
                                                Language language) {
    trace::RecordedTraceHeader header;
    header.platform = trace::host_platform_name();
    header.backend = platform::io_backend_name();
    header.program = name;
    header.language = language == Language::Korean ? "ko" : "en";
    header.capacity = recorder.capacity();
    return header;
}

int report_end(const ProgramEnd& end, const std::string& name, const ProgramPrinter& printer) {
    const Language language = printer.language();
    if (!end.broken_link.empty()) {
        print_error(worded(language, "program {} broke the lab's link: it sent {}; the lab ended it {}",
                           "프로그램 {}: 랩과의 연결 규약을 어겼습니다(보낸 것: {}). 랩이 프로그램을 끝냈습니다 {}",
                           name, end.broken_link, printer.last_step()),
                    language);
        return 4;
    }
    if (end.how == ProgramEnd::How::Signalled) {
        print_error(worded(language, "program {} was ended by {} {}", "프로그램 {}: {}로 끝났습니다 {}", name,
                           signal_name(end.signal, language), printer.last_step()),
                    language);
        return 4;
    }
    if (!end.connected) {
        print_error(worded(language,
                           "program {} exited with code {} without connecting to the lab: build it with "
                           "ovlab_add_lab_program",
                           "프로그램 {}: 랩에 연결하지 않고 종료 코드 {}로 끝났습니다. ovlab_add_lab_program으로 "
                           "빌드하세요",
                           name, end.exit_code),
                    language);
        return 4;
    }
    if (end.exit_code != 0) {
        print_error(worded(language, "program {} exited with code {} {}", "프로그램 {}: 종료 코드 {}로 끝났습니다 {}",
                           name, end.exit_code, printer.last_step()),
                    language);
        return 1;
    }
    return 0;
}

// Waits for the program, printing as it goes; the exit code when the lab had to end it early.
std::optional<int> print_until_ended(ProgramRun& run, ProgramPrinter& printer, const ProgramOptions& options,
                                     const std::string& name) {
    const auto started = Clock::now();
    bool running = false;
    for (;;) {
        const bool ended = run.end().has_value();  // read first: then everything it sent is published
        if (!printer.print_new()) return 1;
        if (ended) return std::nullopt;
        if (!running && run.connected()) running = run.command(link::LabCommand::Run, 0);
        if (const auto reason = reason_to_end(run, printer, options, started)) {
            run.kill();
            while (!run.end()) std::this_thread::sleep_for(2ms);
            printer.print_new();
            print_error(worded(printer.language(), "program {}: {}, so the lab ended it {}",
                               "프로그램 {}: {} 랩이 프로그램을 끝냈습니다 {}", name, reason->second,
                               printer.last_step()),
                        printer.language());
            return reason->first;
        }
        std::this_thread::sleep_for(2ms);
    }
}

// What runs in its own process: a --program PATH with its arguments, or a lesson of one's own.
struct ProgramPlan {
    std::string name;  // the program's file name, or the lesson's id
    std::string path;
    std::vector<std::string> arguments;
    std::vector<std::string> sources;
    std::optional<Narration> narration;
    std::optional<LessonProgram> lesson_run;  // a lesson's: its check
};

// Throws std::runtime_error (a narration that does not read) or std::invalid_argument (a parameter).
ProgramPlan plan_for(const ProgramOptions& options) {
    ProgramPlan plan;
    if (!options.lesson) {
        const std::filesystem::path program(options.program);
        plan = {program.filename().string(), options.program, options.arguments, options.sources,
                load_narration_in(program.parent_path(), options.language), std::nullopt};
        return plan;
    }
    const LessonInfo& lesson = *options.lesson;
    plan.name = lesson.id;
    plan.path = lesson.executable.string();
    plan.lesson_run = lesson.program(options.parameters);
    plan.arguments = plan.lesson_run->prepare({});  // only the parameters: the program makes its own data
    plan.sources = {(lesson_folder(lesson) / lesson.source_file).string()};
    plan.narration = Narration::load(Narration::file_for(lesson, options.language));
    return plan;
}

// --predict: the lesson's questions with the answers the run gave (predict_report.h); false when a
// question was asked where no choice fits the trace.
bool print_predictions(ProgramRun& run, const ProgramPlan& plan, Language language) {
    const LessonSource source = LessonSource::load(plan.sources.front());
    predict::Tracker tracker(source, plan.narration->questions);
    tracker.update(run.recorder());
    const PredictReport report = predict_report(*plan.narration, tracker, language);
    print_out("\n" + report.text);
    for (const std::string& problem : report.problems) print_error(problem);
    return report.problems.empty();
}

// How a run that returned from main ended: a lesson of one's own's check decides, as a built-in one's.
std::optional<CheckResult> record_end(ProgramRun& run, const ProgramPlan& plan, int64_t code, Language language) {
    if (!plan.lesson_run) {
        run.recorder().record({trace::EventKind::LessonFinished, 0, static_cast<uint64_t>(code), code == 0 ? 1u : 0u, 1});
        return std::nullopt;
    }
    CheckResult check = plan.lesson_run->check({}, static_cast<int>(code));
    run.recorder().record({trace::EventKind::LessonFinished, 0, static_cast<uint64_t>(code), check.passed ? 1u : 0u, 0,
                           {}, check.message_in(language)});
    return check;
}

}  // namespace

int run_program_headless(const ProgramOptions& options) {
    ProgramPlan plan;
    std::unique_ptr<ProgramRun> run;
    try {
        plan = plan_for(options);
        run = std::make_unique<ProgramRun>(plan.path, plan.arguments);
    } catch (const std::exception& error) {
        print_error(message_in(error, options.language), options.language);
        return 1;
    }
    const Language language = options.language;
    if (options.lesson)
        fmt::print(stderr, fmt::runtime(language == Language::Korean ? "레슨 {} (프로그램은 자체 프로세스에서 실행됩니다)\n"
                                                                      : "lesson {} (its program runs in its own process)\n"),
                   plan.name);
    else
        fmt::print(stderr, fmt::runtime(language == Language::Korean ? "프로그램 {} (자체 프로세스에서 실행됩니다)\n"
                                                                      : "program {} (in its own process)\n"),
                   plan.name);
    std::optional<ProgramNarration> narration;
    if (plan.narration) narration.emplace(*plan.narration, run->recorder());
    ProgramPrinter printer(*run, plan.sources, narration ? &*narration : nullptr, language);
    std::vector<std::string> changed;
    if (options.lesson) {
        printer.set_console_wording([&lesson = *options.lesson, language](std::string_view line) {
            return console_line(lesson, line, language);
        });
        changed = changed_parameters(*options.lesson, options.parameters);
    }
    print_out(transcript_opening(changed, plan.narration ? &*plan.narration : nullptr, language));
    if (std::optional<int> early_exit = print_until_ended(*run, printer, options, plan.name)) return *early_exit;

    const ProgramEnd end = *run->end();
    std::optional<CheckResult> check;
    if (end.goodbye && end.broken_link.empty()) {
        check = record_end(*run, plan, static_cast<int64_t>(end.goodbye->exit_code), language);
        if (!printer.print_new()) return 1;
        print_out(printer.closing());
        const bool predictions_fit = !options.predict || print_predictions(*run, plan, language);
        if (!flush_out() || !predictions_fit) return 1;
    }
    if (!options.trace_out.empty()) {
        if (std::optional<std::string> error = write_trace_file(run->recorder(), options.trace_out,
                                                                program_trace_header(plan.name, run->recorder(), language))) {
            print_error(*error);
            return 1;
        }
    }
    const int exit_code = report_end(end, plan.name, printer);
    if (exit_code == 0 && check && !check->passed) {
        print_error(fmt::format(fmt::runtime(language == Language::Korean ? "레슨 {}가 확인에 실패했습니다: {}"
                                                                          : "lesson {} failed its check: {}"),
                                plan.name, check->message_in(language)),
                    language);
        return 1;
    }
    return exit_code;
}

}  // namespace ovlab::app
