#include "thread_start.h"

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#include "apc.h"
#include "ovlab/platform.h"
#include "ovlab/session.h"
#include "trace_hooks.h"
#include "wait.h"

namespace ovlab::posix {
namespace {

using trace::EventKind;

// What a thread ended by a lesson reset reports (Windows would give the process exit code).
constexpr DWORD kAbortedExitCode = 0xFFFFFFFFu;

struct StartedThread {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> finished;
};

struct StartedThreads {
    std::mutex mutex;
    std::vector<StartedThread> threads;
};

// At process exit, as on Windows, threads still running just stop; the ones that ended are
// joined so that none is left unjoined (ThreadSanitizer reports that as a leak).
void settle_threads_at_exit();

// Never destroyed: a thread still running when the program exits must not find it gone.
StartedThreads& started_threads() {
    static StartedThreads* instance = [] {
        std::atexit(settle_threads_at_exit);
        return new StartedThreads;
    }();
    return *instance;
}

void settle_threads_at_exit() {
    StartedThreads& started = started_threads();
    std::lock_guard lock(started.mutex);
    for (StartedThread& t : started.threads) {
        if (*t.finished) t.thread.join();
        else t.thread.detach();
    }
    started.threads.clear();
}

thread_local bool t_in_trampoline = false;

// Blocks a thread created suspended until ResumeThread (or a reset) lets it go. Returns whether
// it had to wait.
bool wait_until_resumed(ThreadObject& self, step::Stepper* stepper) {
    std::unique_lock lock(kernel_mutex());
    if (self.started) return false;
    // No stepper in the waiter: ResumeThread gives the thread its place in line itself.
    Waiter w;
    w.trace_thread = self.trace_number();
    WaitRegistration registration(w);
    self.start_wait = &w;
    if (stepper && stepper->aborting()) w.outcome = Waiter::Outcome::Interrupted;
    else block_until_woken(w, lock, INFINITE);
    self.start_wait = nullptr;
    return true;
}

void run_thread(const std::shared_ptr<ThreadObject>& self, LPTHREAD_START_ROUTINE routine, LPVOID parameter,
                step::Stepper* stepper, const std::shared_ptr<std::atomic<bool>>& finished) {
    trace::set_current_thread(self->trace_number());
    trace::set_current_line(0);
    bind_current_thread(self);
    t_in_trampoline = true;
    DWORD exit_code = kAbortedExitCode;
    try {
        const bool was_suspended = wait_until_resumed(*self, stepper);
        if (stepper) stepper->blocking_end();  // its first turn
        if (was_suspended) record_thread_state(trace::ThreadState::Running, {});
        // Windows: a thread starts in an alertable state, so APCs queued to it before it ran
        // (QueueUserAPC to a suspended thread) run before its routine.
        run_queued_apcs(*self);
        exit_code = routine(parameter);
    } catch (const step::LessonAborted&) {
    } catch (const platform::ThreadExitRequested& request) {
        exit_code = request.exit_code;
    }
    record({EventKind::ThreadExited, 0, exit_code});
    end_thread(*self, exit_code);
    // Last: once the turn is given up, other threads record events again.
    if (stepper) stepper->thread_finished(self->trace_number());
    *finished = true;
}

}  // namespace

void start_lesson_thread(const std::shared_ptr<ThreadObject>& thread, LPTHREAD_START_ROUTINE routine,
                         LPVOID parameter, step::Stepper* stepper) {
    StartedThreads& started = started_threads();
    auto finished = std::make_shared<std::atomic<bool>>(false);
    std::thread os_thread(run_thread, thread, routine, parameter, stepper, finished);
    std::lock_guard lock(started.mutex);
    // Threads that ended are joined here, so a long-running program does not collect them.
    std::erase_if(started.threads, [](StartedThread& t) {
        if (!*t.finished) return false;
        t.thread.join();
        return true;
    });
    started.threads.push_back({std::move(os_thread), std::move(finished)});
}

void exit_current_thread(DWORD exit_code) {
    // The CreateThread trampoline and the session (the lesson's main thread) catch this.
    const uint32_t number = trace::current_thread();
    if (t_in_trampoline || (tracing() && number != 0 && number < kKernelTraceThread))
        throw platform::ThreadExitRequested{exit_code};
    end_thread(current_thread_object(), exit_code);
    pthread_exit(nullptr);
}

size_t running_thread_count() {
    StartedThreads& started = started_threads();
    std::lock_guard lock(started.mutex);
    return static_cast<size_t>(
        std::count_if(started.threads.begin(), started.threads.end(), [](const StartedThread& t) { return !*t.finished; }));
}

}  // namespace ovlab::posix

namespace ovlab::platform {

void join_lesson_threads() {
    posix::StartedThreads& started = posix::started_threads();
    std::vector<posix::StartedThread> joining;
    {
        std::lock_guard lock(started.mutex);
        joining.swap(started.threads);
    }
    for (posix::StartedThread& t : joining) t.thread.join();
}

}  // namespace ovlab::platform
