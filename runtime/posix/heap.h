// The run's heap (include/heapapi.h): what the platform layer needs to end a run.
#pragma once

#include <cstddef>

namespace ovlab::posix {

// Frees every block the run left in its heap; returns how many there were.
size_t free_run_heap();

}  // namespace ovlab::posix
