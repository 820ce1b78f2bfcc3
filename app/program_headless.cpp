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
#include "ovlab/platform.h"
#include "ovlab/recorded_trace.h"
#include "ovlab/trace_output.h"
#include "program_run.h"
#include "program_sources.h"
#include "standard_output.h"
#include "trace_file.h"

namespace ovlab::app {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr auto kConnectLimit = 10s;  // a program built for the lab says Hello as it starts
constexpr auto kStallLimit = 20s;    // as for a lesson: every thread waits for what never happens

// The transcript shows each line of the program's source once, under the first step on it.
trace::TextPrinter make_printer(const ProgramSources& sources, Language language) {
    return trace::TextPrinter(
        [&sources](const trace::Event& event, const trace::State&) {
            if (event.kind != trace::EventKind::ApiEnter && event.kind != trace::EventKind::LineReached) return std::string();
            return sources.line_text(event.file, event.line);
        },
        language);
}

// "step 7: thread main, line 42" (or "copy.cpp:42" in a program of several files).
std::string last_step(const trace::State& state, const std::optional<trace::Event>& checkpoint) {
    if (!checkpoint) return "before its first step";
    const std::string file = state.file_of(*checkpoint);
    const std::string where = !checkpoint->line ? std::string("no line of its own")
                              : file.empty()     ? fmt::format("line {}", checkpoint->line)
                                                 : fmt::format("{}:{}", file, checkpoint->line);
    const std::string what = checkpoint->name[0] ? fmt::format(" ({})", checkpoint->name_view()) : std::string();
    return fmt::format("after step {}: thread {}, {}{}", state.checkpoints, trace::thread_label(state, checkpoint->thread),
                       where, what);
}

std::string signal_name(int signal) {
    const char* abbreviation = sigabbrev_np(signal);
    const char* description = strsignal(signal);
    return fmt::format("signal {} (SIG{}: {})", signal, abbreviation ? abbreviation : "?",
                       description ? description : "unknown");
}

class ProgramPrinter {
public:
    ProgramPrinter(ProgramRun& run, const ProgramOptions& options)
        : run_(run), sources_(std::vector<std::filesystem::path>(options.sources.begin(), options.sources.end())),
          printer_(make_printer(sources_, options.language)) {}

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
    std::string last_step() const { return app::last_step(printer_.state(), last_checkpoint_); }

private:
    ProgramRun& run_;
    ProgramSources sources_;
    trace::TextPrinter printer_;
    uint64_t printed_ = 0;
    std::optional<trace::Event> last_checkpoint_;
    Clock::time_point last_progress_ = Clock::now();
};

// Why the lab had to end the program early, or nothing while it may go on.
std::optional<std::pair<int, std::string>> reason_to_end(const ProgramRun& run, const ProgramPrinter& printer,
                                                         const ProgramOptions& options, Clock::time_point started) {
    const auto now = Clock::now();
    if (stop_requested()) return std::pair{1, std::string("the lab was asked to stop")};
    if (options.timeout_seconds > 0 && now - started > std::chrono::seconds(options.timeout_seconds))
        return std::pair{3, fmt::format("it ran longer than --timeout {} s", options.timeout_seconds)};
    if (!run.connected() && now - started > kConnectLimit)
        return std::pair{4, fmt::format("it did not connect to the lab within {} s: build it with ovlab_add_lab_program",
                                        std::chrono::duration_cast<std::chrono::seconds>(kConnectLimit).count())};
    if (run.connected() && now - printer.last_progress() > kStallLimit)
        return std::pair{3, fmt::format("it made no progress for {} s: every thread waits for something that never "
                                        "happens, or it runs without calling Win32",
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
    if (!end.broken_link.empty()) {
        print_error(fmt::format("program {} broke the lab's link: it sent {}; the lab ended it {}", name,
                                end.broken_link, printer.last_step()));
        return 4;
    }
    if (end.how == ProgramEnd::How::Signalled) {
        print_error(fmt::format("program {} was ended by {} {}", name, signal_name(end.signal), printer.last_step()));
        return 4;
    }
    if (!end.connected) {
        print_error(fmt::format("program {} exited with code {} without connecting to the lab: build it with "
                                "ovlab_add_lab_program", name, end.exit_code));
        return 4;
    }
    if (end.exit_code != 0) {
        print_error(fmt::format("program {} exited with code {} {}", name, end.exit_code, printer.last_step()));
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
            print_error(fmt::format("program {}: {}, so the lab ended it {}", name, reason->second, printer.last_step()));
            return reason->first;
        }
        std::this_thread::sleep_for(2ms);
    }
}

}  // namespace

int run_program_headless(const ProgramOptions& options) {
    const std::string name = std::filesystem::path(options.program).filename().string();
    std::unique_ptr<ProgramRun> run;
    try {
        run = std::make_unique<ProgramRun>(options.program, options.arguments);
    } catch (const std::runtime_error& error) {
        print_error(error.what());
        return 1;
    }
    fmt::print(stderr, "program {} (in its own process)\n", name);
    ProgramPrinter printer(*run, options);
    if (std::optional<int> early_exit = print_until_ended(*run, printer, options, name)) return *early_exit;

    const ProgramEnd end = *run->end();
    if (end.goodbye && end.broken_link.empty()) {
        const auto code = static_cast<int64_t>(end.goodbye->exit_code);
        run->recorder().record({trace::EventKind::LessonFinished, 0, static_cast<uint64_t>(code), code == 0 ? 1u : 0u, 1});
        if (!printer.print_new()) return 1;
    }
    if (!options.trace_out.empty()) {
        if (std::optional<std::string> error = write_trace_file(run->recorder(), options.trace_out,
                                                                program_trace_header(name, run->recorder(), options.language))) {
            print_error(*error);
            return 1;
        }
    }
    return report_end(end, name, printer);
}

}  // namespace ovlab::app
