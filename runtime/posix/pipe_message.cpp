#include "pipe_message.h"

#include <sys/ioctl.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace ovlab::posix {
namespace {

size_t capacity(const iovec* segments, size_t count) {
    size_t total = 0;
    for (size_t i = 0; i < count; ++i) total += segments[i].iov_len;
    return total;
}

// Copies `length` bytes into the segments, starting `skip` bytes into them.
void scatter(const iovec* segments, size_t count, size_t skip, const char* from, size_t length) {
    for (size_t i = 0; i < count && length > 0; ++i) {
        if (skip >= segments[i].iov_len) {
            skip -= segments[i].iov_len;
            continue;
        }
        const size_t part = std::min(length, segments[i].iov_len - skip);
        std::memcpy(static_cast<char*>(segments[i].iov_base) + skip, from, part);
        from += part;
        length -= part;
        skip = 0;
    }
}

// recvmsg on a record socket: copies into `into` (may be empty) and returns the record's whole
// length (MSG_TRUNC), -EAGAIN when no record waits, -EPIPE at the end of the connection.
int64_t receive_record(int fd, iovec into, int flags) {
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(ucred))];
    msghdr message{};
    message.msg_iov = &into;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    const ssize_t n = ::recvmsg(fd, &message, flags | MSG_TRUNC | MSG_DONTWAIT);
    if (n < 0) return errno == EWOULDBLOCK ? -EAGAIN : -errno;
    if (n == 0 && message.msg_controllen == 0) return -EPIPE;  // no record: the writer has gone
    return n;
}

// The bytes of every record waiting (0 when only empty records, or none, wait).
size_t queued_bytes(int fd) {
    int queued = 0;
    return ::ioctl(fd, FIONREAD, &queued) == 0 && queued > 0 ? static_cast<size_t>(queued) : 0;
}

}  // namespace

void prepare_record_socket(int fd) {
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
    const int largest = 64 << 20;  // the kernel caps it at net.core.wmem_max
    ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &largest, sizeof largest);
}

size_t PipeMessages::copy_rest(const iovec* segments, size_t count, size_t skip) {
    const size_t fits = std::min(rest_.size() - rest_offset_, capacity(segments, count) - skip);
    scatter(segments, count, skip, rest_.data() + rest_offset_, fits);
    rest_offset_ += fits;
    if (rest_offset_ == rest_.size()) clear_rest();
    return fits;
}

void PipeMessages::clear_rest() {
    rest_.clear();
    rest_offset_ = 0;
}

int64_t PipeMessages::take_record(int fd, const iovec* segments, size_t count, size_t skip, bool* message_left) {
    const int64_t length = receive_record(fd, {nullptr, 0}, MSG_PEEK);
    if (length < 0) return length;
    std::vector<char> record(static_cast<size_t>(length));
    const int64_t taken = receive_record(fd, {record.data(), record.size()}, 0);
    if (taken < 0) return taken;
    const size_t fits = std::min(record.size(), capacity(segments, count) - skip);
    scatter(segments, count, skip, record.data(), fits);
    if (fits < record.size()) {
        rest_.assign(record.begin() + static_cast<std::ptrdiff_t>(fits), record.end());
        rest_offset_ = 0;
        *message_left = true;
    }
    return static_cast<int64_t>(fits);
}

PipeMessages::Read PipeMessages::read(int fd, const iovec* segments, size_t count, bool message_mode) {
    std::lock_guard lock(mutex_);
    const size_t room = capacity(segments, count);
    size_t copied = 0;
    if (rest_offset_ < rest_.size()) {
        copied = copy_rest(segments, count, 0);
        if (message_mode || copied == room) return {static_cast<int64_t>(copied), rest_offset_ < rest_.size()};
    }
    if (message_mode) {
        Read one;
        one.result = take_record(fd, segments, count, 0, &one.message_left);
        return one;
    }
    // Only empty messages wait (no byte does): the read takes one and completes with 0 bytes, as
    // under Wine (docs/windows-rules.md §8). A zero-byte read takes an empty message too, and
    // otherwise waits for data and takes none.
    if (copied == 0 && queued_bytes(fd) == 0) {
        bool unused = false;
        return {take_record(fd, segments, count, 0, &unused)};
    }
    if (room == 0) {
        const int64_t length = receive_record(fd, {nullptr, 0}, MSG_PEEK);
        return {length < 0 ? length : 0};
    }
    // Byte read mode: whole messages, then the part of one that fits, while records wait.
    while (copied < room) {
        bool message_left = false;
        const int64_t taken = take_record(fd, segments, count, copied, &message_left);
        if (taken < 0) {
            if (copied > 0) break;
            return {taken};
        }
        copied += static_cast<size_t>(taken);
    }
    return {static_cast<int64_t>(copied)};
}

PipeMessages::Peeked PipeMessages::peek(int fd, char* buffer, size_t size, bool message_mode) {
    std::lock_guard lock(mutex_);
    Peeked peeked;
    int queued = 0;
    if (::ioctl(fd, FIONREAD, &queued) < 0) return {-errno};
    const size_t kept = rest_.size() - rest_offset_;
    peeked.available = kept + static_cast<size_t>(queued);
    const size_t from_rest = std::min(kept, size);
    if (from_rest > 0) std::memcpy(buffer, rest_.data() + rest_offset_, from_rest);
    peeked.result = static_cast<int64_t>(from_rest);
    peeked.left_in_message = kept - from_rest;
    // The next message is the kept rest; in byte mode the bytes after it follow.
    if (kept > 0 && (message_mode || from_rest == size)) return peeked;
    if (!message_mode) {
        size_t first_length = 0;
        const int64_t copied = peek_records(fd, buffer, size, from_rest, &first_length);
        if (copied < 0) return kept > 0 ? peeked : Peeked{copied};
        peeked.result = copied;
        // kernel32's "left this message": the next message's length minus every byte copied, so
        // a peek across messages wraps around as on a byte-type pipe (§8).
        peeked.left_in_message = (kept > 0 ? kept : first_length) - static_cast<size_t>(copied);
        return peeked;
    }
    const int64_t length = receive_record(fd, {buffer + from_rest, size - from_rest}, MSG_PEEK);
    if (length == -EAGAIN) return peeked;
    if (length < 0) return kept > 0 ? peeked : Peeked{length};
    const size_t copied = std::min(static_cast<size_t>(length), size - from_rest);
    peeked.result += static_cast<int64_t>(copied);
    if (kept == 0) peeked.left_in_message = static_cast<size_t>(length) - copied;
    return peeked;
}

int64_t PipeMessages::peek_records(int fd, char* buffer, size_t size, size_t copied, size_t* first_length) {
    // A record socket's MSG_PEEK shows its first record only; with a peek offset each peek starts
    // where the last one ended, so the records after it can be looked at without taking any. The
    // offset is switched off again before the reads (which hold the same mutex) use the socket.
    // A kernel without peek offsets on these sockets shows the first record only.
    int offset = 0;
    const bool walks = ::setsockopt(fd, SOL_SOCKET, SO_PEEK_OFF, &offset, sizeof offset) == 0;
    int64_t outcome = static_cast<int64_t>(copied);
    bool first = true;
    while (first || (walks && copied < size)) {
        const int64_t length = receive_record(fd, {buffer + copied, size - copied}, MSG_PEEK);
        if (length < 0) {
            if (first && copied == 0) outcome = length == -EAGAIN ? 0 : length;
            break;
        }
        if (first) *first_length = static_cast<size_t>(length);
        first = false;
        copied += std::min(static_cast<size_t>(length), size - copied);
        outcome = static_cast<int64_t>(copied);
    }
    offset = -1;
    if (walks) ::setsockopt(fd, SOL_SOCKET, SO_PEEK_OFF, &offset, sizeof offset);
    return outcome;
}

bool PipeMessages::holds_rest() {
    std::lock_guard lock(mutex_);
    return rest_offset_ < rest_.size();
}

void PipeMessages::clear() {
    std::lock_guard lock(mutex_);
    clear_rest();
}

}  // namespace ovlab::posix
