#include "ovlab/process_recording.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "ovlab/platform.h"
#include "ovlab/recorded_trace.h"

#ifdef _WIN32
#include <windows.h>
#else
#include <signal.h>
#include <unistd.h>

#include <thread>
#endif

namespace ovlab {
namespace {

// Never destroyed: threads of the program may still record while exit() runs the writer.
struct ProcessTrace {
    std::string path;
    trace::RecordedTraceHeader header;
    trace::Recorder recorder;
    std::atomic<bool> history_full{false};
    std::atomic<bool> written{false};
};

ProcessTrace* g_trace = nullptr;
std::atomic<bool> g_active{false};
// Set once the recorder is full: the runtime then stops formatting and recording altogether.
std::atomic<bool> g_full{false};

#ifdef _WIN32
// UTF-8, as the file's header is: "copy.exe".
std::string executable_name() {
    std::wstring path(MAX_PATH, L'\0');
    DWORD length = 0;
    while ((length = GetModuleFileNameW(nullptr, path.data(), static_cast<DWORD>(path.size()))) == path.size())
        path.resize(path.size() * 2);
    if (length == 0) return "program";
    path.resize(length);
    const std::u8string name = std::filesystem::path(path).filename().u8string();
    return std::string(name.begin(), name.end());
}
#else
std::string executable_name() {
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    return error ? std::string("program") : self.filename().string();
}
#endif

void write_process_trace() {
    ProcessTrace& trace = *g_trace;
    if (!g_active.load() || trace.written.exchange(true)) return;
    std::ofstream out(trace.path, std::ios::binary | std::ios::trunc);
    if (!out || !trace::write_recorded_trace(trace.header, trace.recorder, out)) {
        std::fprintf(stderr, "ovlab: cannot write the trace to %s (OVLAB_TRACE)\n", trace.path.c_str());
        return;
    }
    if (const uint64_t dropped = trace.recorder.dropped())
        std::fprintf(stderr, "ovlab: the trace in %s stops at %llu events; %llu later ones were not kept\n",
                     trace.path.c_str(), static_cast<unsigned long long>(trace.recorder.published()),
                     static_cast<unsigned long long>(dropped));
}

#ifdef _WIN32
// Windows runs a console control handler on a thread of its own, so it may write the file itself.
// Handlers are called last-registered first until one returns TRUE: a handler the program adds
// runs before this one, and this one returns FALSE so that the next one (in the end the default
// handler, which calls ExitProcess) ends the process as it would have.
BOOL WINAPI on_console_control(DWORD type) {
    if (type == CTRL_C_EVENT || type == CTRL_BREAK_EVENT || type == CTRL_CLOSE_EVENT) write_process_trace();
    return FALSE;
}

void write_on_stop_signals() { SetConsoleCtrlHandler(on_console_control, TRUE); }
#else
int g_signal_pipe[2] = {-1, -1};

void on_stop_signal(int number) {
    const auto byte = static_cast<char>(number);
    (void)!::write(g_signal_pipe[1], &byte, 1);
}

// Writing a file is not allowed in a signal handler: the handler wakes a thread that writes the
// trace, then ends the process the way the signal meant. A program's own handlers are left alone.
void write_on_stop_signals() {
    if (::pipe(g_signal_pipe) != 0) return;
    for (const int number : {SIGINT, SIGTERM}) {
        struct sigaction current {};
        if (::sigaction(number, nullptr, &current) != 0 || current.sa_handler != SIG_DFL) continue;
        struct sigaction action {};
        action.sa_handler = on_stop_signal;
        sigemptyset(&action.sa_mask);
        ::sigaction(number, &action, nullptr);
    }
    std::thread([] {
        char number = 0;
        while (::read(g_signal_pipe[0], &number, 1) != 1) {}
        write_process_trace();
        ::signal(number, SIG_DFL);
        ::raise(number);
    }).detach();
}
#endif

// Runs before main (this file is linked whenever the runtime records anything).
[[maybe_unused]] const bool g_started = [] {
    const char* path = std::getenv("OVLAB_TRACE");
    if (!path || !*path) return false;
    auto* trace = new ProcessTrace{path, {}, trace::Recorder(), {}, {}};
    trace->header.platform = trace::host_platform_name();
    // Asked now, so the backend is built before the writer is registered and outlives it at exit.
    trace->header.backend = platform::io_backend_name();
    trace->header.program = executable_name();
    trace->header.language = "en";
    trace->header.capacity = trace->recorder.capacity();
    trace::set_current_thread(platform::allocate_lesson_thread_number());
    g_trace = trace;
    g_active = true;
    record_process_wide({trace::EventKind::ThreadStarted, 0, 0, 0, 0, {}, "main"});
    std::atexit(write_process_trace);
    write_on_stop_signals();
    return true;
}();

}  // namespace

bool process_recording_active() {
    return g_active.load(std::memory_order_relaxed) && !g_full.load(std::memory_order_relaxed);
}

void end_process_recording() {
    if (!g_active.exchange(false)) return;
    // Its own runs start from thread 1 and handle 4 again, as if nothing had been recorded.
    platform::close_leaked_handles();
}

uint64_t record_process_wide(const trace::EventData& data) {
    if (!process_recording_active()) return 0;
    trace::Recorder& recorder = g_trace->recorder;
    const uint64_t index = recorder.record(data);
    if (recorder.near_limit() && !g_trace->history_full.exchange(true))
        recorder.record({trace::EventKind::HistoryFull, 0, recorder.capacity()});
    if (index == trace::Recorder::kDropped) g_full = true;
    return index;
}

}  // namespace ovlab
