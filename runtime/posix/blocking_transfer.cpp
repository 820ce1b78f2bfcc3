#include "blocking_transfer.h"

#include <unistd.h>

#include <cerrno>

namespace ovlab::posix {

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
        if (n < 0 && errno == EINTR) continue;
        // A pipe or FIFO has no file position (Windows ignores Offset on such devices): read or
        // write what the stream gives now, as a pipe read on Windows completes with what arrived.
        if (n < 0 && errno == ESPIPE && offset != kAtFilePointer && done == 0) {
            n = operation == IoOperation::Read ? ::read(fd, bytes, length) : ::write(fd, bytes, length);
            while (n < 0 && errno == EINTR)
                n = operation == IoOperation::Read ? ::read(fd, bytes, length) : ::write(fd, bytes, length);
            return n < 0 ? -errno : n;
        }
        if (n < 0) return done > 0 ? static_cast<int64_t>(done) : -errno;
        if (n == 0) break;
        done += static_cast<uint64_t>(n);
    }
    return static_cast<int64_t>(done);
}

}  // namespace ovlab::posix
