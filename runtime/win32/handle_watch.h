// The handles the lesson created through traced calls: their kind, description and signalled
// state. Windows does not tell anyone when a handle becomes signalled, so the state is observed at
// each checkpoint and by the sampler thread, in ways that never change it (see handle_watch.cpp).
#pragma once

#include <winsock2.h>  // before <windows.h>, which would pull in the old winsock.h
#include <windows.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "ovlab/trace.h"

namespace ovlab::win32 {

// Records HandleCreated with the signalled state observed now, and watches the handle.
// `overlapped_io`: a file opened with FILE_FLAG_OVERLAPPED, whose ReadFile/WriteFile never block.
void handle_created(HANDLE handle, trace::HandleKind kind, std::string_view description, bool overlapped_io = false);
// Records HandleClosed and stops watching; call only after CloseHandle succeeded.
void handle_closed(HANDLE handle);
bool is_known_handle(HANDLE handle);
// False for handles we did not see created: their I/O may block.
bool is_overlapped_handle(HANDLE handle);

// Reads the signalled state of every watched handle and records Signal for each change; for a
// completion port, records how many packets it holds when that changed.
void observe_signals(std::string_view reason);

// The end of a session: closes every watched handle the lesson left open; returns how many.
size_t close_known_handles();

}  // namespace ovlab::win32
