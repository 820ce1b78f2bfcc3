#include "apc.h"

#include <atomic>

#include <fmt/format.h>

#include "api_call.h"
#include "handle_table.h"
#include "last_error.h"
#include "ovlab/callsite.h"
#include "ovlab/session.h"
#include "runtime_diagnostics.h"
#include "trace_hooks.h"
#include "wait.h"

namespace ovlab::posix {
namespace {

using trace::EventKind;

std::atomic<uint64_t> g_next_apc_id{1};

}  // namespace

bool queue_apc(ThreadObject& thread, std::string what, std::function<void()> run) {
    if (thread.exited) return false;
    const uint64_t id = g_next_apc_id++;
    record({EventKind::ApcQueued, thread.trace_number(), id, 0, 0, {}, what});
    thread.apcs.push_back({id, std::move(what), std::move(run)});
    // Windows: an APC wakes its thread's alertable wait at once; a non-alertable wait never sees it.
    if (Waiter* wait = thread.alertable_wait; wait && wait->outcome == Waiter::Outcome::Waiting)
        end_wait(*wait, Waiter::Outcome::Alerted);
    return true;
}

bool has_queued_apcs(const ThreadObject& thread) { return !thread.apcs.empty(); }

bool run_queued_apcs(ThreadObject& self) {
    bool ran = false;
    for (;;) {
        Apc apc;
        {
            std::lock_guard lock(kernel_mutex());
            if (self.apcs.empty()) return ran;
            apc = std::move(self.apcs.front());
            self.apcs.pop_front();
        }
        record({EventKind::ApcDelivering, self.trace_number(), apc.id, 0, 0, {}, apc.what});
        checkpoint();
        record_thread_state(trace::ThreadState::RunningApc, apc.what);
        // The routine's own calls and LAB_STEP()s move the thread's line into the routine; when it
        // returns the thread is back in the wait that ran it, whose return is on the wait's line.
        const uint32_t wait_line = trace::current_line();
        apc.run();
        trace::set_current_line(wait_line);
        record({EventKind::ApcDone, self.trace_number(), apc.id});
        record_thread_state(trace::ThreadState::Running, {});
        ran = true;
    }
}

void discard_apcs(ThreadObject& thread) {
    for (const Apc& apc : thread.apcs) record({EventKind::ApcDone, thread.trace_number(), apc.id});
    thread.apcs.clear();
}

size_t queued_apc_count(const ThreadObject& thread) {
    std::lock_guard lock(kernel_mutex());
    return thread.apcs.size();
}

void reset_apc_ids() { g_next_apc_id = 1; }

size_t queued_apcs_of_calling_thread() { return queued_apc_count(current_thread_object()); }

}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" DWORD WINAPI QueueUserAPC(PAPCFUNC pfnAPC, HANDLE hThread, ULONG_PTR dwData) {
    ApiCall call("QueueUserAPC", [&] {
        return fmt::format("{}, {}, dwData=0x{:X}", pointer_argument("pfnAPC", 0, reinterpret_cast<void*>(pfnAPC)),
                           handle_argument("hThread", 1, hThread), dwData);
    });
    std::shared_ptr<ThreadObject> thread = lookup_handle_as<ThreadObject>(hThread);
    if (!thread) {
        set_last_error(ERROR_INVALID_HANDLE);
        return call.returns_dword(0, true);
    }
    if (!pfnAPC) {
        set_last_error(ERROR_INVALID_PARAMETER);
        return call.returns_dword(0, true);
    }
    const std::string routine = call.tracing() ? ovlab::callsite_argument(0) : std::string();
    const std::string what = routine.empty() ? "QueueUserAPC" : fmt::format("QueueUserAPC: {}", routine);
    bool queued;
    {
        std::lock_guard lock(kernel_mutex());
        queued = queue_apc(*thread, what, [pfnAPC, dwData] { pfnAPC(dwData); });
    }
    // Windows refuses an APC for a thread that has ended (STATUS_UNSUCCESSFUL -> ERROR_GEN_FAILURE).
    if (!queued) {
        set_last_error(ERROR_GEN_FAILURE);
        return call.returns_dword(0, true);
    }
    return call.returns_dword(1, false);
}
