#pragma once
#include <windows.h>

// Reads one chunk of `source` at `offset` and writes it to `target` at the same offset, each
// request overlapped and awaited on `done`. Returns the bytes copied, 0 at the end of the file.
DWORD copy_chunk(HANDLE source, HANDLE target, HANDLE done, ULONGLONG offset);
// Closes the three handles the copy used.
void close_all(HANDLE done, HANDLE target, HANDLE source);
