// GetProcessHeap, HeapAlloc, HeapFree, HeapSize: the run's heap (heapapi.h says why it is the run's).
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <unordered_map>

#include <windows.h>

#include "heap.h"
#include "kernel_object.h"
#include "last_error.h"
#include "trace_hooks.h"

namespace ovlab::posix {
namespace {

// Not a kernel object on Windows either: the process heap's handle is the heap's address. Ours
// only has to be recognisable; it is never dereferenced.
HANDLE const kProcessHeap = reinterpret_cast<HANDLE>(uintptr_t{0x48454150});  // "HEAP"

struct RunHeap {
    std::mutex mutex;
    std::unordered_map<void*, SIZE_T> blocks;  // every live block and its size
};

RunHeap& run_heap() {
    static RunHeap& instance = *new RunHeap;  // see kernel_object.h
    return instance;
}

}  // namespace

size_t free_run_heap() {
    RunHeap& heap = run_heap();
    std::lock_guard lock(heap.mutex);
    const size_t left = heap.blocks.size();
    for (const auto& [block, size] : heap.blocks) std::free(block);
    heap.blocks.clear();
    return left;
}

}  // namespace ovlab::posix

extern "C" HANDLE WINAPI GetProcessHeap(VOID) { return ovlab::posix::kProcessHeap; }

extern "C" LPVOID WINAPI HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes) {
    if (hHeap != ovlab::posix::kProcessHeap) return nullptr;
    // Windows hands out a valid, unique block for 0 bytes; malloc(0) may return NULL.
    void* block = std::malloc(dwBytes ? dwBytes : 1);
    if (!block) return nullptr;
    if (dwFlags & HEAP_ZERO_MEMORY) std::memset(block, 0, dwBytes);
    ovlab::posix::RunHeap& heap = ovlab::posix::run_heap();
    std::lock_guard lock(heap.mutex);
    heap.blocks.emplace(block, dwBytes);
    return block;
}

extern "C" BOOL WINAPI HeapFree(HANDLE hHeap, DWORD, LPVOID lpMem) {
    if (hHeap != ovlab::posix::kProcessHeap) return ovlab::posix::fail(ERROR_INVALID_HANDLE);
    if (!lpMem) return TRUE;  // the SDK marks lpMem optional: NULL frees nothing
    ovlab::posix::RunHeap& heap = ovlab::posix::run_heap();
    SIZE_T size = 0;
    {
        std::lock_guard lock(heap.mutex);
        const auto it = heap.blocks.find(lpMem);
        // Windows would corrupt its heap (or break into a debugger) on a pointer it never gave out;
        // the lab refuses it instead.
        if (it == heap.blocks.end()) return ovlab::posix::fail(ERROR_INVALID_PARAMETER);
        size = it->second;
        heap.blocks.erase(it);
    }
    const auto begin = reinterpret_cast<uint64_t>(lpMem);
    ovlab::posix::forget_object_names(begin, begin + (size ? size : 1));
    std::free(lpMem);
    return TRUE;
}

extern "C" SIZE_T WINAPI HeapSize(HANDLE hHeap, DWORD, LPCVOID lpMem) {
    ovlab::posix::RunHeap& heap = ovlab::posix::run_heap();
    std::lock_guard lock(heap.mutex);
    const auto it = heap.blocks.find(const_cast<LPVOID>(lpMem));
    if (hHeap != ovlab::posix::kProcessHeap || it == heap.blocks.end()) return static_cast<SIZE_T>(-1);
    return it->second;
}
