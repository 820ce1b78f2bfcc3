// The memory a Recorder writes its events into: address space for the whole capacity reserved at
// once, backed by memory the system hands out already zeroed as the recorder reaches it.
//
// Why not `new Chunk()`: constructing 4,096 events meant writing every byte of them before the
// first was recorded, and each 4 KiB page faulted in separately; together that was three quarters
// of the cost of recording an event. Here nothing is written ahead, and on Linux the region asks
// for transparent huge pages, so one fault brings in 2 MiB (about 6,000 events) instead of 12.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace ovlab::trace {

class EventMemory {
public:
    // `bytes` of address space, nothing of it usable before commit().
    explicit EventMemory(size_t bytes);
    ~EventMemory();
    EventMemory(const EventMemory&) = delete;
    EventMemory& operator=(const EventMemory&) = delete;

    // Non-null; throws std::bad_alloc when the address space cannot be reserved.
    std::byte* data() const { return data_; }

    // Makes the block of kBlockBytes holding `offset` usable (zero-filled) before anyone touches it;
    // safe to call from several threads at once. Only Windows needs it (it charges memory when it
    // is committed); on Linux a page exists as soon as it is touched.
    void commit_block_of(size_t offset) {
        const size_t block = offset / kBlockBytes;
        if (!committed_[block].load(std::memory_order_acquire)) commit_block(block);
    }
    static constexpr size_t kBlockBytes = size_t{1} << 21;

private:
    void commit_block(size_t block);

    std::byte* data_ = nullptr;
    size_t bytes_ = 0;
    std::unique_ptr<std::atomic<bool>[]> committed_;
};

}  // namespace ovlab::trace
