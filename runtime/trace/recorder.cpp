#include <algorithm>
#include <chrono>
#include <cstring>

#include "ovlab/trace.h"

#include "event_memory.h"

namespace ovlab::trace {
namespace {

thread_local uint32_t t_thread = 0;
thread_local uint32_t t_line = 0;
thread_local uint32_t t_file = 0;

uint64_t now_ns() {
    using namespace std::chrono;
    return static_cast<uint64_t>(duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count());
}

void copy_truncated(char* destination, size_t capacity, std::string_view source) {
    const size_t n = std::min(source.size(), capacity - 1);
    if (n) std::memcpy(destination, source.data(), n);  // an empty view may have a null data()
    destination[n] = '\0';
}

}  // namespace

Recorder::Recorder(uint64_t capacity)
    : capacity_(std::clamp(capacity, 2 * kReserve, kMaxCapacity)),
      memory_(std::make_unique<EventMemory>(capacity_ * sizeof(Event))),
      events_(reinterpret_cast<Event*>(memory_->data())),
      ready_(new std::atomic<bool>[capacity_]()),
      start_ns_(now_ns()) {}

Recorder::~Recorder() = default;

Event& Recorder::slot(uint64_t index) {
    memory_->commit_block_of(index * sizeof(Event));
    memory_->commit_block_of((index + 1) * sizeof(Event) - 1);  // an event may straddle two blocks
    return events_[index];
}

uint64_t Recorder::claim_slot() {
    const uint64_t index = next_.fetch_add(1, std::memory_order_relaxed);
    if (index < capacity_) return index;
    dropped_.fetch_add(1, std::memory_order_relaxed);
    return kDropped;
}

uint64_t Recorder::record(const EventData& data) {
    const uint64_t index = claim_slot();
    if (index == kDropped) return kDropped;
    // The memory is zero-filled and written once: each field is stored, each string up to its NUL.
    Event& event = slot(index);
    event.seq = index;
    event.time_ns = now_ns() - start_ns_;
    event.kind = data.kind;
    event.thread = t_thread;
    event.line = t_line;
    event.file = t_file;
    event.object = data.object;
    event.a = data.a;
    event.b = data.b;
    event.c = data.c;
    copy_truncated(event.name, sizeof event.name, data.name);
    copy_truncated(event.text, sizeof event.text, data.text);
    publish(index);
    return index;
}

uint64_t Recorder::append_recorded(const Event& recorded) {
    const uint64_t index = claim_slot();
    if (index == kDropped) return kDropped;
    Event& event = slot(index);
    event = recorded;
    event.seq = index;
    publish(index);
    return index;
}

// published_ only advances over slots whose writer has finished, so a slow writer holds back
// visibility but never exposes a half-written event.
void Recorder::publish(uint64_t index) {
    ready_[index].store(true, std::memory_order_release);
    // Advance the published prefix over every finished slot; whoever sees the gap first helps.
    uint64_t visible = published_.load(std::memory_order_acquire);
    const uint64_t end = std::min(next_.load(std::memory_order_acquire), capacity_);
    while (visible < end) {
        if (!ready_[visible].load(std::memory_order_acquire)) break;
        if (published_.compare_exchange_weak(visible, visible + 1, std::memory_order_acq_rel)) ++visible;
    }
}

bool Recorder::near_limit() const { return next_.load(std::memory_order_relaxed) + kReserve >= capacity_; }

uint64_t Recorder::published() const { return published_.load(std::memory_order_acquire); }

const Event& Recorder::at(uint64_t index) const { return events_[index]; }

void set_current_thread(uint32_t trace_thread) { t_thread = trace_thread; }
uint32_t current_thread() { return t_thread; }
void set_current_line(uint32_t line) { t_line = line; }
uint32_t current_line() { return t_line; }
void set_current_file(uint32_t file) { t_file = file; }

}  // namespace ovlab::trace
