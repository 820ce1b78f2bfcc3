#include "kernel_object.h"

#include "trace_hooks.h"
#include "wait.h"

namespace ovlab::posix {

std::mutex& kernel_mutex() {
    static std::mutex& mutex = *new std::mutex;  // see kernel_object.h
    return mutex;
}

void KernelObject::set_signalled(bool signalled, std::string_view reason) {
    if (signalled_ == signalled) return;
    signalled_ = signalled;
    // An object no handle ever named (a thread that never had one) has nothing to show in the trace.
    if (trace_handle_ != 0) record_signal(trace_handle_, signalled, reason);
    if (signalled) wake_waiters(*this);
}

}  // namespace ovlab::posix
