#include "event.h"

#include <map>
#include <memory>
#include <mutex>

#include <fmt/format.h>

#include "api_call.h"
#include "handle_table.h"
#include "last_error.h"
#include "text_encoding.h"

namespace ovlab::posix {
namespace {

// Named events: CreateEvent with an existing name opens the same object (ERROR_ALREADY_EXISTS).
struct NamedEvents {
    std::mutex mutex;
    std::map<std::string, std::weak_ptr<EventObject>> by_name;
};

NamedEvents& named_events() {
    static NamedEvents& instance = *new NamedEvents;  // see kernel_object.h
    return instance;
}

HANDLE create_event(bool manual_reset, bool initial_state, const std::string* name) {
    if (!name) {
        HANDLE handle = insert_handle(std::make_shared<EventObject>(manual_reset, initial_state, std::string()));
        set_last_error(ERROR_SUCCESS);
        return handle;
    }
    NamedEvents& registry = named_events();
    std::lock_guard lock(registry.mutex);
    if (std::shared_ptr<EventObject> existing = registry.by_name[*name].lock()) {
        HANDLE handle = insert_handle(existing);
        set_last_error(ERROR_ALREADY_EXISTS);  // the existing event keeps its own reset mode and state
        return handle;
    }
    auto event = std::make_shared<EventObject>(manual_reset, initial_state, *name);
    registry.by_name[*name] = event;
    HANDLE handle = insert_handle(std::move(event));
    set_last_error(ERROR_SUCCESS);
    return handle;
}

std::string event_arguments(LPSECURITY_ATTRIBUTES attributes, BOOL manual_reset, BOOL initial_state,
                            const std::string* name) {
    return fmt::format("{}, {}, {}, lpName={}", pointer_argument("lpEventAttributes", 0, attributes),
                       bool_argument("bManualReset", manual_reset), bool_argument("bInitialState", initial_state),
                       name ? fmt::format("\"{}\"", *name) : "NULL");
}

BOOL change_event(HANDLE handle, bool signalled, const char* reason) {
    std::shared_ptr<EventObject> event = lookup_handle_as<EventObject>(handle);
    if (!event) return fail(ERROR_INVALID_HANDLE);
    std::lock_guard lock(kernel_mutex());
    event->set_signalled(signalled, reason);
    return TRUE;
}

}  // namespace

std::string EventObject::describe() const {
    const char* mode = manual_reset_ ? "manual-reset" : "auto-reset";
    return name_.empty() ? fmt::format("event {}", mode) : fmt::format("event {} \"{}\"", mode, name_);
}

}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" HANDLE WINAPI CreateEventA(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset, BOOL bInitialState,
                                      LPCSTR lpName) {
    const std::string name = lpName ? lpName : "";
    const std::string* name_or_null = lpName ? &name : nullptr;
    ApiCall call("CreateEventA",
                 [&] { return event_arguments(lpEventAttributes, bManualReset, bInitialState, name_or_null); });
    return call.returns_handle(create_event(bManualReset != FALSE, bInitialState != FALSE, name_or_null));
}

extern "C" HANDLE WINAPI CreateEventW(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset, BOOL bInitialState,
                                      LPCWSTR lpName) {
    const std::string name = lpName ? utf8_from_wide(lpName) : "";
    const std::string* name_or_null = lpName ? &name : nullptr;
    ApiCall call("CreateEventW",
                 [&] { return event_arguments(lpEventAttributes, bManualReset, bInitialState, name_or_null); });
    return call.returns_handle(create_event(bManualReset != FALSE, bInitialState != FALSE, name_or_null));
}

extern "C" BOOL WINAPI SetEvent(HANDLE hEvent) {
    ApiCall call("SetEvent", [&] { return handle_argument("hEvent", 0, hEvent); });
    return call.returns_bool(change_event(hEvent, true, "SetEvent"));
}

extern "C" BOOL WINAPI ResetEvent(HANDLE hEvent) {
    ApiCall call("ResetEvent", [&] { return handle_argument("hEvent", 0, hEvent); });
    return call.returns_bool(change_event(hEvent, false, "ResetEvent"));
}
