// Internal queries for tests: every runtime test ends by checking that nothing leaked.
#pragma once

#include <cstddef>

namespace ovlab::posix {

size_t open_handle_count();      // handles in the handle table
size_t requests_in_flight();     // overlapped requests issued and not yet completed
size_t blocked_waiter_count();   // threads blocked in a wait

}  // namespace ovlab::posix
