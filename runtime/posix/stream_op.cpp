#include "stream_op.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "pipe_message.h"

namespace ovlab::posix {

void StreamOp::prepare_message() {
    message = {};
    message.msg_iov = segments.data() + first_segment;
    message.msg_iovlen = segments.size() - first_segment;
    if (!datagram) return;
    const bool receive = kind == StreamOpKind::Receive;
    if (!receive && address.length == 0) return;  // a connected UDP socket sends to its peer
    message.msg_name = address.bytes;
    message.msg_namelen = receive ? sizeof address.bytes : address.length;
}

bool StreamOp::advance(int64_t result) {
    // Only transfers count bytes (an accept's result is a descriptor, a poll's a readiness).
    if (result <= 0 || (kind != StreamOpKind::Receive && kind != StreamOpKind::Send)) return false;
    moved += static_cast<uint64_t>(result);
    if (!whole || moved >= requested) return false;
    // Skip the segments the kernel filled and trim the one it stopped in.
    auto left = static_cast<uint64_t>(result);
    while (first_segment < segments.size() && left >= segments[first_segment].iov_len) {
        left -= segments[first_segment].iov_len;
        ++first_segment;
    }
    if (first_segment < segments.size()) {
        iovec& partial = segments[first_segment];
        partial.iov_base = static_cast<char*>(partial.iov_base) + left;
        partial.iov_len -= left;
    }
    return first_segment < segments.size();
}

short StreamOp::poll_events() const {
    switch (kind) {
        case StreamOpKind::Send:
        case StreamOpKind::Connect: return POLLOUT;
        case StreamOpKind::Receive:
        case StreamOpKind::WaitReadable:
        case StreamOpKind::Accept: return POLLIN | POLLRDHUP;
    }
    return POLLIN;
}

std::shared_ptr<StreamOp> make_stream_op(const std::shared_ptr<StreamObject>& owner, const StreamTransfer& transfer,
                                         int fd) {
    auto op = std::make_shared<StreamOp>();
    op->kind = transfer.kind;
    op->owner = owner;
    op->fd = fd;
    const bool connection = transfer.kind == StreamOpKind::Accept || transfer.kind == StreamOpKind::Connect;
    op->requested = connection ? 0 : transfer.total_length();
    op->established = transfer.established;
    if (connection) {
        op->then_buffers = transfer.buffers;
    } else {
        for (const StreamBuffer& buffer : transfer.buffers)
            if (buffer.length > 0) op->segments.push_back({buffer.data, buffer.length});
    }
    if (transfer.peek) op->flags |= MSG_PEEK;
    if (transfer.out_of_band) op->flags |= MSG_OOB;
    if (transfer.wait_all) op->flags |= MSG_WAITALL;
    if (transfer.kind == StreamOpKind::Send) op->flags |= MSG_NOSIGNAL;  // a closed peer is an error, not SIGPIPE
    // Windows completes a stream send when every byte is in the transport; a receive returns what
    // has arrived, unless MSG_WAITALL asks for all of it.
    op->whole = transfer.kind == StreamOpKind::Send || (transfer.wait_all && !transfer.peek && !transfer.datagram);
    op->address = transfer.address;
    op->datagram = transfer.datagram;
    op->received_from = transfer.received_from;
    op->messages = transfer.messages;
    op->message_mode = transfer.message_mode;
    op->refuse_when_ready = transfer.refuse_when_ready;
    op->keep_alive = transfer.keep_alive;
    op->always_pends = transfer.always_pends;
    op->ignore_port_unreachable = transfer.ignore_port_unreachable;
    op->prepare_message();
    return op;
}

namespace {

int64_t attempt_accept(StreamOp& op) {
    pollfd ready{op.fd, POLLIN, 0};
    if (::poll(&ready, 1, 0) <= 0) return -EAGAIN;
    if (op.refuses_connection()) return 0;  // the connection stays in the backlog
    op.address_length = sizeof op.address.bytes;
    const int fd = ::accept4(op.fd, reinterpret_cast<sockaddr*>(op.address.bytes), &op.address_length, SOCK_CLOEXEC);
    if (fd < 0) return -errno;
    op.address.length = op.address_length;
    return fd;
}

// A descriptor stays blocking for the io_uring backend (which would fail a non-blocking one with
// EAGAIN instead of waiting), so a connect is made non-blocking only for the call that starts it.
int64_t attempt_connect(StreamOp& op) {
    if (op.connect_started) {
        pollfd ready{op.fd, POLLOUT, 0};
        if (::poll(&ready, 1, 0) <= 0) return -EAGAIN;
        const int error = net::take_pending_error(op.fd);
        return error == 0 ? 0 : -error;
    }
    op.connect_started = true;
    const int flags = ::fcntl(op.fd, F_GETFL);
    ::fcntl(op.fd, F_SETFL, flags | O_NONBLOCK);
    const int result = ::connect(op.fd, reinterpret_cast<const sockaddr*>(op.address.bytes), op.address.length);
    const int error = result < 0 ? errno : 0;
    ::fcntl(op.fd, F_SETFL, flags);
    if (error == EINPROGRESS || error == EINTR) return -EAGAIN;
    return -error;
}

int64_t receive_messages(StreamOp& op) {
    const PipeMessages::Read read =
        op.messages->read(op.fd, op.segments.data() + op.first_segment, op.segments.size() - op.first_segment,
                          op.message_mode);
    op.message_left = read.message_left;
    return read.result;
}

}  // namespace

int64_t classify_readable(int fd) {
    char byte;
    const ssize_t n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n > 0) return 1;
    if (n == 0) return 0;
    return -errno;
}

int64_t attempt_stream_op(StreamOp& op) {
    ssize_t n = 0;
    switch (op.kind) {
        case StreamOpKind::Receive:
            if (op.messages) return receive_messages(op);
            op.prepare_message();
            n = ::recvmsg(op.fd, &op.message, op.flags | MSG_DONTWAIT);
            break;
        case StreamOpKind::Send:
            op.prepare_message();
            n = ::sendmsg(op.fd, &op.message, op.flags | MSG_DONTWAIT);
            break;
        case StreamOpKind::WaitReadable: return classify_readable(op.fd);
        case StreamOpKind::Accept: return attempt_accept(op);
        case StreamOpKind::Connect: return attempt_connect(op);
    }
    if (n < 0) return errno == EWOULDBLOCK ? -EAGAIN : -errno;
    return n;
}

}  // namespace ovlab::posix
