#include "event_memory.h"

#include <algorithm>
#include <new>

#ifdef _WIN32
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#else
#include <sys/mman.h>
#endif

namespace ovlab::trace {

#ifdef _WIN32

EventMemory::EventMemory(size_t bytes) : bytes_(bytes), committed_(new std::atomic<bool>[bytes / kBlockBytes + 1]()) {
    data_ = static_cast<std::byte*>(VirtualAlloc(nullptr, bytes_, MEM_RESERVE, PAGE_NOACCESS));
    if (!data_) throw std::bad_alloc();
}

EventMemory::~EventMemory() { VirtualFree(data_, 0, MEM_RELEASE); }

// Committing a range twice is allowed, so two writers racing into a new block both succeed.
void EventMemory::commit_block(size_t block) {
    const size_t begin = block * kBlockBytes;
    const size_t length = std::min(kBlockBytes, bytes_ - begin);
    if (!VirtualAlloc(data_ + begin, length, MEM_COMMIT, PAGE_READWRITE)) throw std::bad_alloc();
    committed_[block].store(true, std::memory_order_release);
}

#else

EventMemory::EventMemory(size_t bytes) : bytes_(bytes), committed_(new std::atomic<bool>[bytes / kBlockBytes + 1]()) {
    // Nothing is charged until touched: the region costs what the run records, not its capacity.
    void* region = mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (region == MAP_FAILED) throw std::bad_alloc();
    data_ = static_cast<std::byte*>(region);
#ifdef MADV_HUGEPAGE
    madvise(region, bytes_, MADV_HUGEPAGE);  // advice only: without huge pages it works the same
#endif
}

EventMemory::~EventMemory() { munmap(data_, bytes_); }

void EventMemory::commit_block(size_t block) { committed_[block].store(true, std::memory_order_release); }

#endif

}  // namespace ovlab::trace
