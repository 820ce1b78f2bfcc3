// The lesson run's process heap (ovlab/win32_traced.h, lesson_heap, says why it is private).
#include <winsock2.h>
#include <windows.h>

#include <mutex>

#include "ovlab/platform.h"
#include "ovlab/win32_traced.h"

namespace ovlab::win32 {
namespace {

std::mutex g_heap_mutex;
HANDLE g_heap = nullptr;  // created at the run's first GetProcessHeap()

size_t blocks_in_use(HANDLE heap) {
    size_t blocks = 0;
    PROCESS_HEAP_ENTRY entry{};
    if (!HeapLock(heap)) return 0;
    while (HeapWalk(heap, &entry))
        if (entry.wFlags & PROCESS_HEAP_ENTRY_BUSY) ++blocks;
    HeapUnlock(heap);
    return blocks;
}

}  // namespace

HANDLE lesson_heap() {
    std::lock_guard lock(g_heap_mutex);
    if (!g_heap) g_heap = HeapCreate(0, 0, 0);
    return g_heap ? g_heap : ::GetProcessHeap();
}

}  // namespace ovlab::win32

namespace ovlab::platform {

size_t free_process_heap() {
    std::lock_guard lock(win32::g_heap_mutex);
    if (!win32::g_heap) return 0;
    const size_t left = win32::blocks_in_use(win32::g_heap);
    HeapDestroy(win32::g_heap);
    win32::g_heap = nullptr;
    return left;
}

}  // namespace ovlab::platform
