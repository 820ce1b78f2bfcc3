// The process's handle table: HANDLE values -> kernel objects.
//
// Values are multiples of 4 starting at 4, as on Windows, handed out in order and never reused
// until the table is reset at the end of a lesson session, so a run always gives the same values
// and a closed handle never aliases a new object (Windows does reuse values; a stale handle there
// may name another object - here it always fails with ERROR_INVALID_HANDLE).
//
// An object lives while a handle or an in-flight request references it (shared_ptr), so closing
// a file with I/O pending leaves the request running to its normal completion.
#pragma once

#include <windows.h>

#include <cstdint>
#include <memory>

#include "kernel_object.h"

namespace ovlab::posix {

// Adds the object, records HandleCreated, returns the new handle.
HANDLE insert_handle(std::shared_ptr<KernelObject> object);

// The object behind a handle, or null when the handle is not open.
std::shared_ptr<KernelObject> lookup_handle(HANDLE handle);

template <class T>
std::shared_ptr<T> lookup_handle_as(HANDLE handle) {
    return std::dynamic_pointer_cast<T>(lookup_handle(handle));
}

// Removes the handle and records HandleClosed; false when it was not open.
bool close_handle(HANDLE handle);

// Closes every open handle, restarts the numbering at 4, returns how many were open.
size_t close_all_handles();

size_t open_handle_count();

inline uint64_t handle_value(HANDLE handle) { return reinterpret_cast<uint64_t>(handle); }

// What GetCurrentProcess() and GetCurrentThread() return; lookup_handle() resolves them.
inline const HANDLE kCurrentProcessPseudoHandle = reinterpret_cast<HANDLE>(~uintptr_t{0});
inline const HANDLE kCurrentThreadPseudoHandle = reinterpret_cast<HANDLE>(~uintptr_t{1});

}  // namespace ovlab::posix
