#include "trace_hooks.h"

#include <array>
#include <atomic>
#include <cctype>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "call_arguments.h"
#include "io_backend.h"
#include "object_names.h"
#include "ovlab/callsite.h"
#include "ovlab/session.h"

namespace ovlab::posix {
namespace {

using trace::EventKind;
using trace::OverlappedField;

struct HookState {
    std::mutex mutex;
    ObjectNames names;
    std::map<uint64_t, std::array<uint64_t, 5>> overlapped_seen;  // address -> last recorded values
};

HookState& hooks() {
    static HookState& state = *new HookState;  // see kernel_object.h
    return state;
}

// Sessions are told apart by a counter bumped at each reset, so a runtime thread re-announces
// itself in every session.
std::atomic<uint64_t> g_session_epoch{1};
std::atomic<uint64_t> g_kernel_thread_announced_epoch{0};

uint64_t read_field(const OVERLAPPED* o, OverlappedField field) {
    switch (field) {
        case OverlappedField::Internal: return __atomic_load_n(&o->Internal, __ATOMIC_ACQUIRE);
        case OverlappedField::InternalHigh: return __atomic_load_n(&o->InternalHigh, __ATOMIC_RELAXED);
        case OverlappedField::Offset: return o->Offset;
        case OverlappedField::OffsetHigh: return o->OffsetHigh;
        case OverlappedField::hEvent: return reinterpret_cast<uint64_t>(o->hEvent);
    }
    return 0;
}

// Records a change against the last value the trace holds for this OVERLAPPED; mutex held.
// `writer` is "program" for a value the lesson stored itself (seen at its next call), empty for one
// the runtime wrote.
void note_value(HookState& state, const OVERLAPPED* o, OverlappedField field, uint64_t value,
                std::string_view writer) {
    const auto address = reinterpret_cast<uint64_t>(o);
    auto [it, fresh] = state.overlapped_seen.try_emplace(address);
    uint64_t& known = it->second[static_cast<size_t>(field)];
    if (!fresh && known == value) return;
    if (fresh && value == 0) return;  // the trace starts every OVERLAPPED at zero
    record({EventKind::FieldChange, address, static_cast<uint64_t>(field), known, value, writer});
    known = value;
}

}  // namespace

bool tracing() { return recording(); }

void record_handle_created(uint64_t handle, trace::HandleKind kind, bool signalled, std::string_view description) {
    record({EventKind::HandleCreated, handle, static_cast<uint64_t>(kind), signalled ? 1u : 0u, 0, {}, description});
}

void record_handle_closed(uint64_t handle) { record({EventKind::HandleClosed, handle}); }

void record_signal(uint64_t handle, bool signalled, std::string_view reason) {
    record({EventKind::Signal, handle, signalled ? 1u : 0u, 0, 0, {}, reason});
}

void record_thread_state(trace::ThreadState state, std::string_view detail) {
    record({EventKind::ThreadState, 0, static_cast<uint64_t>(state), 0, 0, {}, detail});
}


void write_overlapped_field(OVERLAPPED* o, OverlappedField field, uint64_t value) {
    if (field == OverlappedField::Internal) __atomic_store_n(&o->Internal, value, __ATOMIC_RELEASE);
    else if (field == OverlappedField::InternalHigh) __atomic_store_n(&o->InternalHigh, value, __ATOMIC_RELAXED);
    if (!tracing()) return;
    HookState& state = hooks();
    std::lock_guard lock(state.mutex);
    note_value(state, o, field, value, {});
}

void observe_overlapped(const OVERLAPPED* o) {
    if (!o || !tracing()) return;
    HookState& state = hooks();
    std::lock_guard lock(state.mutex);
    for (OverlappedField field : {OverlappedField::Internal, OverlappedField::InternalHigh, OverlappedField::Offset,
                                  OverlappedField::OffsetHigh, OverlappedField::hEvent})
        note_value(state, o, field, read_field(o, field), "program");
}

void announce_kernel_thread() {
    const uint64_t epoch = g_session_epoch.load();
    if (!tracing() || g_kernel_thread_announced_epoch.exchange(epoch) == epoch) return;
    // Recorded in the kernel thread's name: the recorder stamps the calling thread's number.
    const uint32_t caller = trace::current_thread();
    const uint32_t caller_line = trace::current_line();
    trace::set_current_thread(kKernelTraceThread);
    trace::set_current_line(0);
    record({EventKind::ThreadStarted, 0, 1, 0, 0, {}, std::string("kernel (") + std::string(io_backend().name()) + ")"});
    trace::set_current_thread(caller);
    trace::set_current_line(caller_line);
}

void enter_kernel_thread() { trace::set_current_thread(kKernelTraceThread); }

void forget_object_names(uint64_t begin, uint64_t end) {
    HookState& state = hooks();
    std::lock_guard lock(state.mutex);
    state.names.forget_range(begin, end);
}

void reset_trace_hooks() {
    HookState& state = hooks();
    std::lock_guard lock(state.mutex);
    state.names.clear();
    state.overlapped_seen.clear();
    ++g_session_epoch;
}

}  // namespace ovlab::posix

// Declared in call_arguments.h, shared with the Windows layer.
void ovlab::name_argument(size_t index, uint64_t object, bool is_overlapped) {
    if (object == 0 || !posix::tracing()) return;
    const std::string name = callsite_object_name(index, is_overlapped);
    if (name.empty()) return;
    posix::HookState& state = posix::hooks();
    std::lock_guard lock(state.mutex);
    const std::string recorded_name = state.names.name_for(object, name);
    if (recorded_name.empty()) return;
    record({trace::EventKind::ObjectNamed, object, is_overlapped ? 1u : 0u, 0, 0, {}, recorded_name});
}
