// Internal queries for tests: every runtime test ends by checking that nothing leaked.
#pragma once

#include <cstddef>

namespace ovlab::posix {

size_t open_handle_count();      // handles in the handle table
size_t requests_in_flight();     // overlapped requests issued and not yet completed
size_t stream_ops_in_flight();   // socket and pipe operations (overlapped or blocking) the kernel may still run
size_t blocked_waiter_count();   // threads blocked in a wait
size_t running_thread_count();   // threads CreateThread started that have not ended
size_t queued_apcs_of_calling_thread();  // APCs queued to the calling thread, not yet run

}  // namespace ovlab::posix
