// A whole read or write with blocking system calls, as the Windows file system does it: the count
// is short only at end of file (reads), and an error fails the whole transfer.
#pragma once

#include <cstdint>

#include "io_request.h"

namespace ovlab::posix {

constexpr int64_t kAtFilePointer = -1;

// Returns the bytes moved, or -errno when a call failed, even after some bytes had moved: a disk
// transfer on Windows succeeds whole or fails (docs/windows-rules.md §19). `offset` kAtFilePointer uses and advances
// the descriptor's file position (read/write); any other offset uses pread/pwrite.
int64_t blocking_transfer(int fd, IoOperation operation, void* buffer, uint32_t length, int64_t offset);

}  // namespace ovlab::posix
