#include "handle_table.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "api_call.h"
#include "last_error.h"
#include "process.h"
#include "thread.h"
#include "trace_hooks.h"

namespace ovlab::posix {
namespace {

constexpr uint64_t kFirstHandle = 4;

struct Table {
    std::mutex mutex;
    std::map<uint64_t, std::shared_ptr<KernelObject>> objects;
    uint64_t next = kFirstHandle;
};

Table& table() {
    static Table& instance = *new Table;  // see kernel_object.h
    return instance;
}

// The table's key for a handle: Windows ignores the two low bits of a handle value (free for the
// caller's tags, as the hEvent low bit that suppresses a port packet), §5.
uint64_t table_key(HANDLE handle) { return handle_value(handle) & ~uint64_t{3}; }

// Closing a pseudo-handle is allowed and does nothing.
bool is_pseudo_handle(HANDLE handle) {
    return handle == kCurrentProcessPseudoHandle || handle == kCurrentThreadPseudoHandle;
}

}  // namespace

HANDLE insert_handle(std::shared_ptr<KernelObject> object) {
    Table& t = table();
    std::lock_guard lock(t.mutex);
    const uint64_t value = t.next;
    t.next += 4;
    {
        std::lock_guard kernel(kernel_mutex());
        if (object->trace_handle() == 0) object->set_trace_handle(value);
        record_handle_created(value, object->kind(), object->is_signalled(), object->describe());
    }
    t.objects.emplace(value, std::move(object));
    return reinterpret_cast<HANDLE>(value);
}

std::shared_ptr<KernelObject> lookup_handle(HANDLE handle) {
    // GetCurrentThread() and GetCurrentProcess() name the caller's own thread and process. The
    // process pseudo-handle has the value of INVALID_HANDLE_VALUE: waiting on it waits for the
    // process to end, as on Windows; every call that needs a file or an event fails with 6.
    if (handle == kCurrentThreadPseudoHandle) return current_thread_shared();
    if (handle == kCurrentProcessPseudoHandle) return current_process_object();
    Table& t = table();
    std::lock_guard lock(t.mutex);
    const auto it = t.objects.find(table_key(handle));
    return it == t.objects.end() ? nullptr : it->second;
}

bool close_handle(HANDLE handle) {
    std::shared_ptr<KernelObject> object;  // released after the table lock: may close a file
    bool last_handle = false;
    {
        Table& t = table();
        std::lock_guard lock(t.mutex);
        const auto it = t.objects.find(table_key(handle));
        if (it == t.objects.end()) return false;
        object = std::move(it->second);
        record_handle_closed(it->first);
        t.objects.erase(it);
        last_handle = std::none_of(t.objects.begin(), t.objects.end(),
                                   [&](const auto& entry) { return entry.second == object; });
    }
    if (last_handle) object->last_handle_closed();
    return true;
}

size_t close_all_handles() {
    std::map<uint64_t, std::shared_ptr<KernelObject>> closing;
    Table& t = table();
    {
        std::lock_guard lock(t.mutex);
        closing.swap(t.objects);
        t.next = kFirstHandle;
        for (const auto& entry : closing) record_handle_closed(entry.first);
    }
    std::set<KernelObject*> closed;
    for (const auto& entry : closing)
        if (closed.insert(entry.second.get()).second) entry.second->last_handle_closed();
    return closing.size();
}

size_t open_handle_count() {
    Table& t = table();
    std::lock_guard lock(t.mutex);
    return t.objects.size();
}

}  // namespace ovlab::posix

extern "C" BOOL WINAPI CloseHandle(HANDLE hObject) {
    using namespace ovlab::posix;
    ApiCall call("CloseHandle", [&] { return handle_argument("hObject", 0, hObject); });
    if (is_pseudo_handle(hObject)) return call.returns_bool(TRUE);
    if (!close_handle(hObject)) return call.returns_bool(fail(ERROR_INVALID_HANDLE));
    return call.returns_bool(TRUE);
}
