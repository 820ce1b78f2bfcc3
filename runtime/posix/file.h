// File objects (CreateFile, ReadFile, WriteFile, GetFileSizeEx) on real Linux files.
//
// Known divergences from Windows (docs/windows-rules.md §17 collects them all):
// - dwShareMode is not enforced: Linux has no mandatory sharing modes, so ERROR_SHARING_VIOLATION
//   never happens.
// - FILE_FLAG_NO_BUFFERING / WRITE_THROUGH / hints are accepted and ignored (no O_DIRECT alignment rules).
// - Regular-file overlapped requests always pend (FALSE/997), as under Wine; Windows may finish
//   cached reads and extending writes at once (TRUE). Both are documented Windows behaviour.
// - A new file handle starts non-signalled (the NT file object's event); Wine reports regular
//   file handles as always signalled.
#pragma once

#include <mutex>
#include <string>

#include "io_handle_object.h"

namespace ovlab::posix {

class FileObject : public IoHandleObject {
public:
    FileObject(int fd, std::string display_name, bool overlapped, bool can_read, bool can_write)
        : IoHandleObject(trace::HandleKind::File, overlapped),
          fd_(fd),
          display_name_(std::move(display_name)),
          can_read_(can_read),
          can_write_(can_write) {}
    ~FileObject() override;

    int fd() const { return fd_; }
    bool can_read() const { return can_read_; }
    bool can_write() const { return can_write_; }
    // A second descriptor of the same file opened with O_APPEND, for writes at Offset = OffsetHigh =
    // 0xFFFFFFFF: the kernel then places each write at the end, even with several in flight.
    // Returns -1 and sets errno when it cannot be opened.
    int append_fd();

    std::string describe() const override;

private:
    int fd_;
    std::string display_name_;
    bool can_read_;
    bool can_write_;
    std::mutex append_mutex_;
    int append_fd_ = -1;
};

}  // namespace ovlab::posix
