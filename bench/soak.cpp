// A soak run: every lesson, over and over, with random parameters and the actions a class takes —
// Step, Run, Hold, Release, Reset in the middle of pending I/O, switching lesson and language (the
// narration loaded and the console worded in it) — and every `report=` seconds one line of what the
// process holds: resident memory, open descriptors, threads, and next to RSS the heap the program
// has in use and what malloc holds from the system (a leak grows the first; allocator behaviour
// grows only the second and RSS). Over an hour they must stay flat. Figures, not a test.
//
//   usage: ovlab-soak [minutes=60] [report=60] [seed=1]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include <malloc.h>

#include <fmt/format.h>

#include "ovlab/lesson_registry.h"
#include "ovlab/session.h"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

long option(int argc, char** argv, const std::string& name, long fallback) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg.starts_with(name + "=")) return std::atol(arg.c_str() + name.size() + 1);
    }
    return fallback;
}

long status_field(const char* field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.starts_with(field)) return std::atol(line.c_str() + std::string_view(field).size());
    return -1;
}

size_t open_descriptors() {
    size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) ++count;
    return count;
}

// Bytes handed out by malloc and not yet freed (small blocks plus mmapped large ones), the bytes
// malloc holds from the system for them, summed over all its arenas, and how many arenas there are
// (glibc adds one when threads contend for the existing ones, up to 8 per core).
struct Heap {
    size_t in_use_kb, held_kb, arenas;
};

size_t malloc_arenas() {
    char* text = nullptr;
    size_t length = 0;
    FILE* out = open_memstream(&text, &length);
    if (!out) return 0;
    malloc_info(0, out);
    std::fclose(out);
    size_t count = 0;
    for (const char* at = text; (at = std::strstr(at, "<heap nr=")); ++at) ++count;
    std::free(text);
    return count;
}

Heap heap() {
    const struct mallinfo2 info = mallinfo2();
    return {(info.uordblks + info.hblkhd) / 1024, (info.arena + info.hblkhd) / 1024, malloc_arenas()};
}

struct Sample {
    long rss_kb;
    Heap heap;
    size_t fds;
    long threads;
};

Sample sample() { return {status_field("VmRSS:"), heap(), open_descriptors(), status_field("Threads:")}; }

struct Tally {
    uint64_t runs = 0, resets = 0, finished = 0, failed_checks = 0, hangs = 0, steps = 0;
};

// Random values for the lesson's parameters; a run that would serve the window's peer panel (it
// never ends alone) goes back to the defaults.
ovlab::LessonProgram random_program(const ovlab::LessonInfo& lesson, std::mt19937& random, std::string& described) {
    ovlab::ParameterValues changes;
    for (const ovlab::LessonParameter& parameter : lesson.parameters)
        if (random() % 2) changes[parameter.name] = std::uniform_int_distribution(parameter.min, parameter.max)(random);
    ovlab::LessonProgram program = lesson.program(changes);
    if (!program.peer_port_file.empty()) return lesson.program();
    for (const std::string& change : ovlab::changed_parameters(lesson, changes)) described += change + " ";
    return program;
}

// The program's lines in the run's language, as the window's Console panel words them each frame.
void show_console(const ovlab::LessonInfo& lesson, ovlab::Session& session, ovlab::Language language) {
    const ovlab::trace::Recorder& recorder = session.recorder();
    for (uint64_t i = 0; i < recorder.published(); ++i) {
        const ovlab::trace::Event& event = recorder.at(i);
        if (event.kind != ovlab::trace::EventKind::Console) continue;
        std::string_view text = event.text_view();
        while (text.ends_with('\n')) text.remove_suffix(1);
        ovlab::console_line(lesson, text, language);
    }
}

// One run with random actions; ends it by Reset (stop) or lets it finish.
void one_run(const ovlab::LessonInfo& lesson, std::mt19937& random, Tally& tally) {
    // The narration a language switch would load, parsed each run as the window does.
    const auto language = random() % 2 ? ovlab::Language::Korean : ovlab::Language::English;
    ovlab::Narration::load(ovlab::Narration::file_for(lesson, language));
    std::string arguments;
    ovlab::Session session(random_program(lesson, random, arguments));
    session.start();
    ++tally.runs;
    const int actions = std::uniform_int_distribution(1, 12)(random);
    for (int i = 0; i < actions && !session.finished(); ++i) {
        switch (random() % 5) {
        case 0: case 1: {
            const int steps = std::uniform_int_distribution(1, 40)(random);
            for (int s = 0; s < steps; ++s) session.stepper().step();
            tally.steps += static_cast<uint64_t>(steps);
            break;
        }
        case 2: session.stepper().run(std::chrono::microseconds(random() % 2000)); break;
        case 3: session.stepper().set_hold(!session.stepper().hold()); break;
        case 4: session.stepper().release_held(); break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(random() % 20));
        session.stepper().pause();
    }
    if (random() % 2) {
        show_console(lesson, session, language);
        session.stop();  // Reset, often with requests still pending
        ++tally.resets;
        return;
    }
    session.stepper().set_hold(false);
    session.stepper().run(0us);
    const auto deadline = Clock::now() + 60s;
    while (!session.finished() && Clock::now() < deadline) std::this_thread::sleep_for(1ms);
    if (!session.finished()) {
        ++tally.hangs;
        std::fprintf(stderr, "HANG: %s did not finish within 60 s; reset\n", lesson.id.c_str());
        session.stop();
        return;
    }
    ++tally.finished;
    const ovlab::SessionResult& result = session.wait();
    show_console(lesson, session, language);
    if (!result.check.passed) {
        ++tally.failed_checks;
        std::fprintf(stderr, "FAILED CHECK: %s %s: %s\n", lesson.id.c_str(), arguments.c_str(),
                     result.check.message.c_str());
    }
}

Sample report(double minutes, const Tally& tally) {
    const Sample now = sample();
    fmt::print("{:7.1f} min  runs {:6}  resets {:5}  finished {:5}  failed checks {:3}  hangs {}  "
               "RSS {:7} kB  heap in use {:7} kB  malloc holds {:7} kB in {:2} arenas  fds {:3}  threads {:3}\n",
               minutes, tally.runs, tally.resets, tally.finished, tally.failed_checks, tally.hangs, now.rss_kb,
               now.heap.in_use_kb, now.heap.held_kb, now.heap.arenas, now.fds, now.threads);
    std::fflush(stdout);
    return now;
}

// The second report (one interval in), the last, and the largest of each figure over the run.
void summary(const Sample& first, const Sample& last, const Sample& most) {
    const auto row = [](const char* name, const Sample& s) {
        fmt::print("{:>6}  RSS {:7} kB  heap in use {:7} kB  malloc holds {:7} kB in {:2} arenas  fds {:3}  threads {:3}\n",
                   name, s.rss_kb, s.heap.in_use_kb, s.heap.held_kb, s.heap.arenas, s.fds, s.threads);
    };
    row("start", first);
    row("end", last);
    row("max", most);
    fmt::print("end - start: RSS {:+} kB  heap in use {:+} kB  fds {:+}  threads {:+}\n", last.rss_kb - first.rss_kb,
               static_cast<long>(last.heap.in_use_kb) - static_cast<long>(first.heap.in_use_kb),
               static_cast<long>(last.fds) - static_cast<long>(first.fds), last.threads - first.threads);
}

Sample largest(const Sample& a, const Sample& b) {
    const Heap heap = {std::max(a.heap.in_use_kb, b.heap.in_use_kb), std::max(a.heap.held_kb, b.heap.held_kb),
                       std::max(a.heap.arenas, b.heap.arenas)};
    return {std::max(a.rss_kb, b.rss_kb), heap, std::max(a.fds, b.fds), std::max(a.threads, b.threads)};
}

}  // namespace

int main(int argc, char** argv) {
    mallopt(M_ARENA_MAX, 2);  // as the lab does (app/main.cpp), so the figures are the lab's
    const auto length = std::chrono::minutes(option(argc, argv, "minutes", 60));
    const auto every = std::chrono::seconds(option(argc, argv, "report", 60));
    std::mt19937 random(static_cast<unsigned>(option(argc, argv, "seed", 1)));
    const auto& lessons = ovlab::all_lessons();
    Tally tally;
    const auto start = Clock::now();
    const auto minutes = [&] { return std::chrono::duration<double, std::ratio<60>>(Clock::now() - start).count(); };
    auto next_report = start;
    std::optional<Sample> first, most;
    while (Clock::now() - start < length) {
        if (Clock::now() >= next_report) {
            const Sample now = report(minutes(), tally);
            // The first report (before any run) is not the baseline: lessons' first runs load what
            // every later run shares.
            if (next_report > start) {
                if (!first) first = now;
                most = most ? largest(*most, now) : now;
            }
            next_report += every;
        }
        one_run(lessons[random() % lessons.size()], random, tally);
    }
    const Sample last = report(minutes(), tally);
    if (first) summary(*first, last, largest(*most, last));
    return tally.hangs == 0 ? 0 : 1;
}
