#include <algorithm>
#include <chrono>
#include <cstring>

#include "ovlab/trace.h"

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

// A chunk's `ready` flags let readers skip nothing: published_ only advances over slots whose
// writer has finished, so a slow writer holds back visibility but never exposes a half-written event.
struct Recorder::Chunk {
    Event events[kChunkSize];
    std::atomic<bool> ready[kChunkSize] = {};
};

Recorder::Recorder(uint64_t capacity)
    : chunks_(new std::atomic<Chunk*>[kMaxChunks]),
      capacity_(std::clamp(capacity, 2 * kReserve, kMaxChunks * kChunkSize)),
      start_ns_(now_ns()) {
    for (uint64_t i = 0; i < kMaxChunks; ++i) chunks_[i].store(nullptr, std::memory_order_relaxed);
}

Recorder::~Recorder() {
    for (uint64_t i = 0; i < kMaxChunks; ++i) delete chunks_[i].load(std::memory_order_relaxed);
}

Recorder::Chunk* Recorder::chunk_for(uint64_t index) {
    const uint64_t chunk_index = index >> kChunkBits;
    std::atomic<Chunk*>& slot = chunks_[chunk_index];
    Chunk* chunk = slot.load(std::memory_order_acquire);
    if (chunk) return chunk;
    auto* fresh = new Chunk();
    if (slot.compare_exchange_strong(chunk, fresh, std::memory_order_acq_rel)) return fresh;
    delete fresh;  // another writer installed it first
    return chunk;
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
    Event& event = chunk_for(index)->events[index & (kChunkSize - 1)];
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
    Event& event = chunk_for(index)->events[index & (kChunkSize - 1)];
    event = recorded;
    event.seq = index;
    publish(index);
    return index;
}

void Recorder::publish(uint64_t index) {
    chunks_[index >> kChunkBits].load(std::memory_order_acquire)->ready[index & (kChunkSize - 1)].store(
        true, std::memory_order_release);
    // Advance the published prefix over every finished slot; whoever sees the gap first helps.
    uint64_t visible = published_.load(std::memory_order_acquire);
    const uint64_t end = std::min(next_.load(std::memory_order_acquire), capacity_);
    while (visible < end) {
        Chunk* c = chunks_[visible >> kChunkBits].load(std::memory_order_acquire);
        if (!c || !c->ready[visible & (kChunkSize - 1)].load(std::memory_order_acquire)) break;
        if (published_.compare_exchange_weak(visible, visible + 1, std::memory_order_acq_rel)) ++visible;
    }
}

bool Recorder::near_limit() const { return next_.load(std::memory_order_relaxed) + kReserve >= capacity_; }

uint64_t Recorder::published() const { return published_.load(std::memory_order_acquire); }

const Event& Recorder::at(uint64_t index) const {
    return chunks_[index >> kChunkBits].load(std::memory_order_acquire)->events[index & (kChunkSize - 1)];
}

void set_current_thread(uint32_t trace_thread) { t_thread = trace_thread; }
uint32_t current_thread() { return t_thread; }
void set_current_line(uint32_t line) { t_line = line; }
uint32_t current_line() { return t_line; }
void set_current_file(uint32_t file) { t_file = file; }

}  // namespace ovlab::trace
