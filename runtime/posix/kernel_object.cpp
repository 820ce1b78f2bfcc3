#include "kernel_object.h"

#include "trace_hooks.h"
#include "wait.h"

namespace ovlab::posix {

std::mutex& kernel_mutex() {
    static std::mutex mutex;
    return mutex;
}

void KernelObject::set_signalled(bool signalled, std::string_view reason) {
    if (signalled_ == signalled) return;
    signalled_ = signalled;
    record_signal(trace_handle_, signalled, reason);
    if (signalled) wake_waiters(*this);
}

}  // namespace ovlab::posix
