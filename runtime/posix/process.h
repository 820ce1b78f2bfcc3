// The process object GetCurrentProcess() names: only a handle to pass to DuplicateHandle, and a
// waitable that is never signalled while the program runs (its end is what a wait would see).
#pragma once

#include <memory>

#include "kernel_object.h"

namespace ovlab::posix {

std::shared_ptr<KernelObject> current_process_object();

}  // namespace ovlab::posix
