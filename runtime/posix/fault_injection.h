// A test hook that makes chosen kernel calls of the runtime fail or come back short, so tests can
// check what a Win32 program sees when the kernel misbehaves (docs/windows-rules.md §19). It is
// off unless a test arms it, through inject_fault() or, for a whole process, the environment:
//   OVLAB_FAULTS="uring_init=ENOMEM,uring_submit=EAGAIN:3,file_write=ENOSPC,file_read=short:2"
// Each entry is point=ERRNO[:count] (the call fails with that errno) or point=short[:count] (a
// transfer moves half of what the kernel moved); count is how many calls it hits (default 1).
// Off, a hook costs one relaxed atomic load.
#pragma once

#include <atomic>
#include <cstdint>

namespace ovlab::posix {

enum class FaultPoint {
    UringInit,    // io_uring_queue_init: the ring cannot be created
    UringSubmit,  // io_uring_submit: the ring refuses a request
    FileRead,     // the result of one kernel read of a file request (either backend)
    FileWrite,    // the result of one kernel write of a file request (either backend)
};

// `error` 0 arms a short transfer; otherwise the errno the next `count` calls at `point` fail with.
void inject_fault(FaultPoint point, int error, unsigned count = 1);
// Disarms every point.
void clear_faults();

namespace fault_detail {
extern std::atomic<bool> armed;
int64_t apply(FaultPoint point, int64_t result);
}  // namespace fault_detail

// The outcome a call at `point` reports: `result` (a byte count, 0, or -errno) unless a fault is
// armed there. A call that is replaced rather than altered passes 0 and makes the real call only
// when 0 comes back.
inline int64_t with_fault(FaultPoint point, int64_t result) {
    if (!fault_detail::armed.load(std::memory_order_relaxed)) [[likely]] return result;
    return fault_detail::apply(point, result);
}

}  // namespace ovlab::posix
