// What the Windows layer knows about the OVERLAPPEDs a lesson passes to calls. The kernel writes
// their fields; we only see them by reading, so every FieldChange recorded here is an observation:
// made at each checkpoint (by the lesson thread) and by the sampler thread between checkpoints.
#pragma once

#include <winsock2.h>  // before <windows.h>, which would pull in the old winsock.h
#include <windows.h>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace ovlab::win32 {

// Records FieldChange for each field of `overlapped` that differs from what the trace last showed
// (the program sets Offset/OffsetHigh/hEvent itself). Called for the OVERLAPPED a call was given.
void observe_overlapped(const OVERLAPPED* overlapped);

// The call started a request on `overlapped` (it returned TRUE, or FALSE with ERROR_IO_PENDING):
// records IoIssued, then watches the OVERLAPPED until its Internal leaves STATUS_PENDING, when
// IoCompleted is recorded. Under Wine a file request has already finished when the call returns,
// so IoCompleted follows at once.
void request_started(const OVERLAPPED* overlapped, HANDLE handle, DWORD length, std::string_view operation);

// Reads every watched OVERLAPPED and records what changed; returns how many are still pending.
size_t observe_requests_in_flight();

// Handles with at least one watched request still pending (for CancelIoEx on reset).
std::vector<HANDLE> handles_with_requests_in_flight();

// True while the request with this OVERLAPPED on `handle` is watched and not yet seen finished.
bool request_in_flight(HANDLE handle, uint64_t overlapped);

// The end of a session: forget every OVERLAPPED (the next session's addresses mean nothing here).
void forget_overlappeds();

}  // namespace ovlab::win32
