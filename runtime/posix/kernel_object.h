// The part every Win32 kernel object shares: a kind, a signalled state, the waits blocked on it,
// and the ops a wait uses (modelled on Wine's server/object.h ops table):
//   is_signalled  - may a wait on this object be satisfied now?
//   satisfied     - a wait was satisfied by this object: consume the signal if the kind does so
//   describe      - one line for the trace and the UI ("event auto-reset", "file a.bin (overlapped)")
//   last_handle_closed - the last handle went away (a completion port then abandons its waiters)
//
// Locking: one process-wide kernel mutex guards every object's signalled state and waiter list
// (like Wine's single server lock). It is never held while a thread parks at a checkpoint.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "ovlab/trace.h"

namespace ovlab::posix {

struct Waiter;

// The runtime's shared state (this mutex, the handle table, the request and stream registries,
// the waiter list, named objects, the trace hooks' memory) is allocated once and never destroyed.
// When a program returns from main, the I/O backend's threads may still be finishing a completion
// while static destructors run; on Windows nothing is torn down under a running thread either.
std::mutex& kernel_mutex();

class KernelObject {
public:
    KernelObject(trace::HandleKind kind, bool signalled) : kind_(kind), signalled_(signalled) {}
    virtual ~KernelObject() = default;
    KernelObject(const KernelObject&) = delete;
    KernelObject& operator=(const KernelObject&) = delete;

    trace::HandleKind kind() const { return kind_; }

    // ---- ops; kernel mutex held ----
    virtual bool is_signalled() const { return signalled_; }
    virtual void satisfied() {}
    virtual std::string describe() const = 0;
    // The object's last handle was closed (it may live on while requests or waits hold it).
    // Called without any lock held.
    virtual void last_handle_closed() {}

    // Sets or resets the signalled state; records a Signal event when it changes and, when it
    // becomes signalled, satisfies the waits it can. Kernel mutex held.
    void set_signalled(bool signalled, std::string_view reason);

    // The handle value trace events name this object by (its first handle).
    uint64_t trace_handle() const { return trace_handle_; }
    void set_trace_handle(uint64_t handle) { trace_handle_ = handle; }

    std::vector<Waiter*> waiters;  // blocked waits on this object, in the order they started

private:
    trace::HandleKind kind_;
    bool signalled_;
    uint64_t trace_handle_ = 0;
};

}  // namespace ovlab::posix
