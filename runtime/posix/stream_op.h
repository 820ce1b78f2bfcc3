// One kernel operation on a stream descriptor (a TCP socket, or a named pipe's local socket): the
// unit the I/O backends run for sockets and pipes. The Linux side of stream.h: includes the Linux
// socket headers, so never include it together with <winsock2.h>.
#pragma once

#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <cerrno>
#include <functional>
#include <memory>
#include <vector>

#include "ovlab/status_codes.h"
#include "stream.h"

namespace ovlab::posix {

struct StreamOp {
    StreamOpKind kind = StreamOpKind::Receive;
    std::shared_ptr<StreamObject> owner;  // keeps the object (and its descriptor) alive
    int lane = 0;                         // which of the owner's FIFOs it waits in
    int fd = -1;
    std::vector<iovec> segments;          // what is left to transfer (advanced after a partial send)
    size_t first_segment = 0;
    int flags = 0;                        // Linux MSG_ flags
    bool whole = false;                   // complete only when every byte is moved (sends, MSG_WAITALL)
    uint64_t requested = 0;               // bytes asked for
    uint64_t moved = 0;                   // bytes moved by earlier kernel calls of this op
    msghdr message{};                     // points into `segments` while the kernel has the op
    net::Address address;                 // Connect: the target; Accept: the peer
    socklen_t address_length = 0;
    std::function<uint32_t(int, const net::Address&, const net::Address&)> established;
    std::vector<StreamBuffer> then_buffers;  // AcceptEx's first receive, ConnectEx's first send
    bool datagram = false;                   // `address` is the datagram's target or its sender
    std::function<void(const net::Address&)> received_from;
    std::shared_ptr<PipeMessages> messages;  // a message-type pipe's receive (stream.h)
    bool message_mode = false;
    bool message_left = false;               // the message read goes on (a warning, like `truncated`)
    uint32_t refuse_when_ready = 0;          // Accept: see StreamTransfer
    std::shared_ptr<const void> keep_alive;  // see StreamTransfer
    bool always_pends = false;               // see StreamTransfer
    bool ignore_port_unreachable = false;    // see StreamTransfer
    // The kernel's result as the op sees it: a "port unreachable" it ignores is only a wake-up.
    int64_t filtered(int64_t result) const {
        return ignore_port_unreachable && result == -ECONNREFUSED ? -EAGAIN : result;
    }

    bool connect_started = false;               // Connect: the non-blocking connect() was made
    uint32_t cancel_status = kStatusCancelled;  // what a cancelled op reports (closesocket: aborted)
    bool in_lane = false;                       // waits in (or heads) its owner's lane
    bool armed = false;                         // the backend has it
    // A cancel was asked while the backend had it. The backend may already have finished that
    // kernel call (a partial send), so the cancel can miss: the op must not go on afterwards.
    bool cancel_asked = false;
    // Runs once, with the final status and bytes, on whichever thread finished the op, with no
    // lock held.
    std::function<void(uint32_t status, uint64_t bytes)> done;

    // Points `message` at the segments not yet transferred (and, for a datagram, at `address`).
    void prepare_message();
    // A datagram receive found a datagram longer than its buffers (the kernel said MSG_TRUNC), or a
    // message-type pipe's message goes on beyond them.
    bool truncated() const {
        return kind == StreamOpKind::Receive && ((datagram && (message.msg_flags & MSG_TRUNC)) || message_left);
    }
    // The kernel only says when the descriptor is readable; the read itself is attempt_stream_op.
    bool reads_messages() const { return messages != nullptr && kind == StreamOpKind::Receive; }
    // An Accept that only waits for a connection, to refuse it (StreamTransfer::refuse_when_ready).
    bool refuses_connection() const { return kind == StreamOpKind::Accept && refuse_when_ready != 0; }
    // Accounts for `result` bytes moved; true when the op must go on (a partial send, or a
    // MSG_WAITALL receive that is not full yet).
    bool advance(int64_t result);
    // poll() events that say the op may make progress.
    short poll_events() const;
};

// Builds the op for a transfer (Linux flags, iovecs). `fd` is the owner's descriptor.
std::shared_ptr<StreamOp> make_stream_op(const std::shared_ptr<StreamObject>& owner, const StreamTransfer& transfer,
                                         int fd);

// Tries the op once without blocking: bytes moved, a new descriptor (Accept), 1/0 (WaitReadable:
// data / end of stream), 0 (Connect done), or -errno; -EAGAIN when it would have to wait.
// A Connect is started here (non-blocking) the first time and checked afterwards.
int64_t attempt_stream_op(StreamOp& op);

// What a WaitReadable op reports once poll() said the descriptor is readable: 1 = data is
// waiting, 0 = the stream ended, -errno = the connection failed.
int64_t classify_readable(int fd);

}  // namespace ovlab::posix
