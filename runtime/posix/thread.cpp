#include "thread.h"

#include <atomic>

#include <fmt/format.h>

#include "apc.h"
#include "completion_port.h"
#include "io_request.h"
#include "trace_hooks.h"

namespace ovlab::posix {
namespace {

// Lesson threads get ids from their trace numbers (the same every run); any other thread from
// a counter far above them.
DWORD new_thread_id(uint32_t trace_number) {
    if (trace_number != 0 && trace_number < kKernelTraceThread) return 0x1000 + 4 * trace_number;
    static std::atomic<DWORD> next{0x100000};
    return next.fetch_add(4);
}

// Holds the calling thread's object; a thread the runtime did not create ends when its OS thread does.
struct CurrentThread {
    std::shared_ptr<ThreadObject> object;
    CurrentThread() = default;
    CurrentThread(const CurrentThread&) = delete;
    CurrentThread& operator=(const CurrentThread&) = delete;
    ~CurrentThread() {
        if (object) end_thread(*object, 0);
    }
};

thread_local CurrentThread t_current;

}  // namespace

std::string ThreadObject::describe() const {
    if (trace_number_ == 0) return fmt::format("thread id {}", id_);
    return name_.empty() ? fmt::format("thread {}", trace_number_) : fmt::format("thread {}: {}", trace_number_, name_);
}

std::shared_ptr<ThreadObject> make_thread_object(uint32_t trace_number, std::string name) {
    return std::make_shared<ThreadObject>(new_thread_id(trace_number), trace_number, std::move(name));
}

std::shared_ptr<ThreadObject> current_thread_shared() {
    if (!t_current.object) t_current.object = make_thread_object(trace::current_thread(), {});
    return t_current.object;
}

ThreadObject& current_thread_object() { return *current_thread_shared(); }

void bind_current_thread(std::shared_ptr<ThreadObject> thread) { t_current.object = std::move(thread); }

void end_thread(ThreadObject& thread, DWORD exit_code) {
    {
        std::lock_guard lock(kernel_mutex());
        if (thread.exited) return;
        thread.exited = true;
        thread.exit_code = exit_code;
        // Windows: APCs still queued when a thread ends never run.
        discard_apcs(thread);
        leave_port(thread);
    }
    // Thread-agnostic I/O (Vista+) only exists for handles bound to a completion port; anything
    // else the thread issued is cancelled as it exits, and completes with STATUS_CANCELLED.
    cancel_requests([&](const IoRequest& request) {
        if (request.issuer.get() != &thread) return false;
        std::lock_guard lock(kernel_mutex());
        return request.file->completion_port == nullptr;
    });
    std::lock_guard lock(kernel_mutex());
    thread.set_signalled(true, "thread exited");
}

}  // namespace ovlab::posix
