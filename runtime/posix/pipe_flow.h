// One direction of a pipe connection and its buffer quota (docs/windows-rules.md §8): on Windows a
// write completes once everything still unread, up to its own last byte, fits in the reading end's
// buffer (nInBufferSize for the server, nOutBufferSize for the client); a bigger write pends until
// the reader has taken enough.
//
// Underneath, the Linux socket takes the bytes at once (the reader may read them while the write
// pends, as on Windows); only the write's completion waits. So a cancelled waiting write leaves its
// bytes readable, where Windows takes back what the reader has not read (§17).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "stream.h"

namespace ovlab::posix {

class PipeFlow : public std::enable_shared_from_this<PipeFlow> {
public:
    explicit PipeFlow(uint64_t quota) : quota_(quota) {}

    // A gate for one write in this direction (stream.h).
    std::shared_ptr<SendGate> gate();
    // The reader took `bytes`: writes that now fit complete.
    void took(uint64_t bytes);
    // The connection ended (a handle closed, DisconnectNamedPipe): waiting writes complete with
    // `status`, later ones at once.
    void end(uint32_t status);

private:
    class Gate;
    struct Waiting {
        uint64_t mark;  // the write's last byte, counted from the start of the connection
        std::shared_ptr<Gate> gate;
        std::function<void(uint32_t)> release;
    };

    bool fits(uint64_t mark) const { return ended_ != 0 || mark <= taken_ + quota_; }

    std::mutex mutex_;
    const uint64_t quota_;
    uint64_t written_ = 0;  // bytes of writes the kernel took
    uint64_t taken_ = 0;    // bytes the reader's reads received
    uint32_t ended_ = 0;
    std::vector<Waiting> waiting_;  // in mark order
};

}  // namespace ovlab::posix
