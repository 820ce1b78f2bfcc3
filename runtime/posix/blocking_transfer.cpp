#include "blocking_transfer.h"

#include <unistd.h>

#include <cerrno>

#include "fault_injection.h"

namespace ovlab::posix {
namespace {

// The test hook may turn one call's outcome into a failure or a shorter transfer.
ssize_t with_transfer_fault(IoOperation operation, ssize_t n) {
    const FaultPoint point = operation == IoOperation::Read ? FaultPoint::FileRead : FaultPoint::FileWrite;
    const int64_t result = with_fault(point, n < 0 ? -errno : n);
    if (result >= 0) return static_cast<ssize_t>(result);
    errno = static_cast<int>(-result);
    return -1;
}

}  // namespace

int64_t blocking_transfer(int fd, IoOperation operation, void* buffer, uint32_t length, int64_t offset) {
    auto* bytes = static_cast<char*>(buffer);
    uint64_t done = 0;
    while (done < length) {
        const size_t left = length - done;
        ssize_t n;
        if (offset == kAtFilePointer)
            n = operation == IoOperation::Read ? ::read(fd, bytes + done, left) : ::write(fd, bytes + done, left);
        else if (operation == IoOperation::Read)
            n = ::pread(fd, bytes + done, left, static_cast<off_t>(offset + done));
        else
            n = ::pwrite(fd, bytes + done, left, static_cast<off_t>(offset + done));
        n = with_transfer_fault(operation, n);
        if (n < 0 && errno == EINTR) continue;
        // A pipe or FIFO has no file position (Windows ignores Offset on such devices): read or
        // write what the stream gives now, as a pipe read on Windows completes with what arrived.
        if (n < 0 && errno == ESPIPE && offset != kAtFilePointer && done == 0) {
            n = operation == IoOperation::Read ? ::read(fd, bytes, length) : ::write(fd, bytes, length);
            while (n < 0 && errno == EINTR)
                n = operation == IoOperation::Read ? ::read(fd, bytes, length) : ::write(fd, bytes, length);
            return n < 0 ? -errno : n;
        }
        if (n < 0) return -errno;
        if (n == 0) break;
        done += static_cast<uint64_t>(n);
    }
    return static_cast<int64_t>(done);
}

}  // namespace ovlab::posix
