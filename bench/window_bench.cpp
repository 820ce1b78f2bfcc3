// The window's start and its rest: how long from starting the app to its first frame on screen, and
// how much of a core it uses afterwards while nothing moves. The app prints the moment of its first
// frame when OVLAB_REPORT_FIRST_FRAME is set (app/gui/app_window.cpp); this program starts it,
// reads that line, then samples the process's CPU time over a few idle seconds. Figures, not a test.
// It needs a display: on a desktop as is, else under tests/with_virtual_display.sh.
//
//   usage: ovlab-window-bench APP [runs=5] [idle=3] [APP OPTIONS...]
//   e.g.   tests/with_virtual_display.sh -s '-screen 0 1600x900x24' build/bench/bench/ovlab-window-bench \
//              build/dev/app/overlapped-lab runs=5 --lang ko
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::string_view kFirstFrameLine = "first frame at steady clock ";

struct Options {
    std::string app;
    int runs = 5;
    double idle_seconds = 3;
    std::vector<std::string> app_arguments;
};

std::optional<Options> parse(int argc, char** argv) {
    if (argc < 2) return std::nullopt;
    Options options;
    options.app = argv[1];
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg.starts_with("runs=")) options.runs = std::max(1, std::atoi(arg.c_str() + 5));
        else if (arg.starts_with("idle=")) options.idle_seconds = std::max(0.5, std::atof(arg.c_str() + 5));
        else options.app_arguments.push_back(arg);
    }
    return options;
}

struct Child {
    pid_t pid = -1;
    FILE* output = nullptr;  // the app's standard output
};

// Starts the app with its settings in a scratch folder, so the bench neither reads nor changes the
// user's, and OVLAB_REPORT_FIRST_FRAME set.
Child start(const Options& options, const std::filesystem::path& config) {
    int pipe_ends[2];
    if (pipe(pipe_ends) != 0) return {};
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(pipe_ends[1], STDOUT_FILENO);
        close(pipe_ends[0]);
        close(pipe_ends[1]);
        setenv("XDG_CONFIG_HOME", config.c_str(), 1);
        setenv("OVLAB_REPORT_FIRST_FRAME", "1", 1);
        std::vector<char*> argv{const_cast<char*>(options.app.c_str())};
        for (const std::string& arg : options.app_arguments) argv.push_back(const_cast<char*>(arg.c_str()));
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(pipe_ends[1]);
    return {pid, fdopen(pipe_ends[0], "r")};
}

// The steady clock reading the app printed at its first frame, in microseconds.
std::optional<long long> first_frame_at(FILE* output) {
    char line[256];
    while (std::fgets(line, sizeof line, output)) {
        const std::string text = line;
        if (const size_t at = text.find(kFirstFrameLine); at != std::string::npos)
            return std::atoll(text.c_str() + at + kFirstFrameLine.size());
    }
    return std::nullopt;
}

// User plus system CPU time of a process, in seconds (fields 14 and 15 of /proc/PID/stat).
double cpu_seconds(pid_t pid) {
    std::ifstream stat(fmt::format("/proc/{}/stat", pid));
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const size_t after_name = text.rfind(')');
    if (after_name == std::string::npos) return 0;
    std::vector<std::string> fields;
    size_t at = after_name + 2;
    while (at < text.size() && fields.size() < 13) {
        const size_t space = text.find(' ', at);
        fields.push_back(text.substr(at, space - at));
        at = space == std::string::npos ? text.size() : space + 1;
    }
    if (fields.size() < 13) return 0;
    return (std::atof(fields[11].c_str()) + std::atof(fields[12].c_str())) / double(sysconf(_SC_CLK_TCK));
}

struct Run {
    double first_frame_ms = -1;
    double idle_core_percent = -1;
};

Run measure_once(const Options& options, const std::filesystem::path& config) {
    const auto started = Clock::now();
    Child child = start(options, config);
    if (child.pid < 0 || !child.output) return {};
    Run run;
    if (const std::optional<long long> at = first_frame_at(child.output)) {
        const long long started_us =
            std::chrono::duration_cast<std::chrono::microseconds>(started.time_since_epoch()).count();
        run.first_frame_ms = double(*at - started_us) / 1000.0;
        // The window keeps drawing for a moment after it opens (its settle time); the rest starts after.
        std::this_thread::sleep_for(std::chrono::seconds(1));
        const double before = cpu_seconds(child.pid);
        std::this_thread::sleep_for(std::chrono::duration<double>(options.idle_seconds));
        run.idle_core_percent = 100.0 * (cpu_seconds(child.pid) - before) / options.idle_seconds;
    }
    kill(child.pid, SIGTERM);
    std::fclose(child.output);
    waitpid(child.pid, nullptr, 0);
    return run;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    const std::optional<Options> options = parse(argc, argv);
    if (!options) {
        std::fprintf(stderr, "usage: ovlab-window-bench APP [runs=5] [idle=3] [APP OPTIONS...]\n");
        return 2;
    }
    const std::filesystem::path config = std::filesystem::temp_directory_path() / fmt::format("ovlab-window-bench-{}", getpid());
    std::filesystem::create_directories(config);
    std::vector<double> first_frames, idle_percents;
    for (int i = 0; i < options->runs; ++i) {
        const Run run = measure_once(*options, config);
        if (run.first_frame_ms < 0) {
            std::fprintf(stderr, "run %d: the app printed no first frame (is there a display? is it a build with OVLAB_REPORT_FIRST_FRAME?)\n", i + 1);
            std::filesystem::remove_all(config);
            return 1;
        }
        fmt::print("run {}: first frame {:7.1f} ms, idle {:5.1f} % of a core\n", i + 1, run.first_frame_ms, run.idle_core_percent);
        first_frames.push_back(run.first_frame_ms);
        idle_percents.push_back(run.idle_core_percent);
    }
    std::filesystem::remove_all(config);
    fmt::print("median of {} runs: first frame {:.1f} ms (best {:.1f}), idle {:.1f} % of a core\n", options->runs,
               median(first_frames), *std::min_element(first_frames.begin(), first_frames.end()), median(idle_percents));
    return 0;
}
