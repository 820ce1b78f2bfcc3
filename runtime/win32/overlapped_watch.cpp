#include "overlapped_watch.h"

#include <array>
#include <map>
#include <mutex>

#include "observer_thread.h"
#include "ovlab/session.h"
#include "ovlab/status_codes.h"

namespace ovlab::win32 {
namespace {

using trace::EventKind;
using trace::OverlappedField;

constexpr std::array<OverlappedField, 5> kFields = {OverlappedField::Internal, OverlappedField::InternalHigh,
                                                    OverlappedField::Offset, OverlappedField::OffsetHigh,
                                                    OverlappedField::hEvent};

struct InFlight {
    HANDLE handle = nullptr;
};

struct Watch {
    std::mutex mutex;
    std::map<uint64_t, std::array<uint64_t, 5>> last_recorded;  // address -> values the trace shows
    std::map<uint64_t, InFlight> in_flight;                      // requests not yet seen finished
};

Watch& watch() {
    static Watch instance;
    return instance;
}

// A pitfall lesson frees an OVERLAPPED while its request is pending; the sampler still reads it.
// ReadProcessMemory fails cleanly on memory that is gone, where a plain read would crash.
bool read_overlapped(uint64_t address, OVERLAPPED& copy) {
    SIZE_T read = 0;
    return ReadProcessMemory(GetCurrentProcess(), reinterpret_cast<const void*>(address), &copy, sizeof copy, &read) &&
           read == sizeof copy;
}

uint64_t field_value(const OVERLAPPED& o, OverlappedField field) {
    switch (field) {
        case OverlappedField::Internal: return o.Internal;
        case OverlappedField::InternalHigh: return o.InternalHigh;
        case OverlappedField::Offset: return o.Offset;
        case OverlappedField::OffsetHigh: return o.OffsetHigh;
        case OverlappedField::hEvent: return reinterpret_cast<uint64_t>(o.hEvent);
    }
    return 0;
}

// Records each field that differs from what the trace shows; mutex held. A fresh OVERLAPPED
// starts at zero in the trace, as on Linux.
void note_fields(Watch& w, uint64_t address, const OVERLAPPED& o) {
    std::array<uint64_t, 5>& shown = w.last_recorded[address];
    for (OverlappedField field : kFields) {
        uint64_t& known = shown[static_cast<size_t>(field)];
        const uint64_t value = field_value(o, field);
        if (known == value) continue;
        record({EventKind::FieldChange, address, static_cast<uint64_t>(field), known, value});
        known = value;
    }
}

// Reads one watched request; records its fields and, once Internal is final, IoCompleted. Returns
// true while it is still pending. Mutex held.
bool observe_one(Watch& w, uint64_t address) {
    OVERLAPPED copy{};
    if (!read_overlapped(address, copy)) return false;  // the memory is gone: nothing left to watch
    note_fields(w, address, copy);
    const auto status = static_cast<uint32_t>(copy.Internal);
    if (status == kStatusPending) return true;
    record({EventKind::IoCompleted, address, status, copy.InternalHigh});
    return false;
}

}  // namespace

void observe_overlapped(const OVERLAPPED* overlapped) {
    if (!overlapped || !recording()) return;
    OVERLAPPED copy{};
    const auto address = reinterpret_cast<uint64_t>(overlapped);
    if (!read_overlapped(address, copy)) return;
    Watch& w = watch();
    std::lock_guard lock(w.mutex);
    note_fields(w, address, copy);
}

void request_started(const OVERLAPPED* overlapped, HANDLE handle, DWORD length, std::string_view operation) {
    if (!overlapped || !recording()) return;
    announce_observer_thread();
    const auto address = reinterpret_cast<uint64_t>(overlapped);
    const uint64_t offset = (uint64_t{overlapped->OffsetHigh} << 32) | overlapped->Offset;
    Watch& w = watch();
    {
        std::lock_guard lock(w.mutex);
        record({EventKind::IoIssued, address, reinterpret_cast<uint64_t>(handle), offset, length, operation, "Windows"});
        if (observe_one(w, address)) w.in_flight[address] = {handle};
        else w.in_flight.erase(address);
    }
    wake_sampler();
}

size_t observe_requests_in_flight() {
    if (!recording()) return 0;
    Watch& w = watch();
    std::lock_guard lock(w.mutex);
    for (auto it = w.in_flight.begin(); it != w.in_flight.end();) {
        if (observe_one(w, it->first)) ++it;
        else it = w.in_flight.erase(it);
    }
    return w.in_flight.size();
}

std::vector<HANDLE> handles_with_requests_in_flight() {
    Watch& w = watch();
    std::lock_guard lock(w.mutex);
    std::vector<HANDLE> handles;
    for (const auto& [address, request] : w.in_flight) {
        bool seen = false;
        for (HANDLE h : handles) seen = seen || h == request.handle;
        if (!seen) handles.push_back(request.handle);
    }
    return handles;
}

bool request_in_flight(HANDLE handle, uint64_t overlapped) {
    Watch& w = watch();
    std::lock_guard lock(w.mutex);
    const auto it = w.in_flight.find(overlapped);
    return it != w.in_flight.end() && it->second.handle == handle;
}

void forget_overlappeds() {
    Watch& w = watch();
    std::lock_guard lock(w.mutex);
    w.last_recorded.clear();
    w.in_flight.clear();
}

}  // namespace ovlab::win32
