// The receiving side of one end of a message-type pipe (docs/windows-rules.md §8). The Linux side
// of pipe.h: includes the Linux socket headers.
//
// A message-type pipe connection is a pair of local SOCK_SEQPACKET sockets: each WriteFile is one
// record, so the kernel keeps the boundaries. Windows lets a read take part of a message and the
// next read the rest; a record cannot be read in part (the kernel drops what does not fit), so a
// message longer than the read's buffers is taken whole and its unread end kept here, where the
// end's next reads find it first. Only the head of the end's receive lane reads (stream.h), so
// reads never race each other; PeekNamedPipe looks without taking.
//
// A record of zero bytes is an empty message; the end of the connection reads as zero bytes too.
// Every record carries the sender's credentials (SO_PASSCRED) and the end carries none, which
// tells them apart.
#pragma once

#include <sys/uio.h>

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

namespace ovlab::posix {

class PipeMessages {
public:
    struct Read {
        int64_t result = 0;         // bytes copied, -EAGAIN when nothing waits, -EPIPE at the end, -errno
        bool message_left = false;  // message read mode: the message goes on (STATUS_BUFFER_OVERFLOW)
    };
    struct Peeked {
        int64_t result = 0;          // bytes copied, -EPIPE when nothing waits and the writer has gone, -errno
        size_t available = 0;        // every byte waiting, the kept rest included
        size_t left_in_message = 0;  // of the next message, not counting the bytes copied
    };

    // A read into `segments`. In message read mode it takes at most one message; in byte read mode
    // it goes across messages and takes what waits, up to the buffers' size.
    // When only empty messages wait, it takes one of them (0 bytes).
    Read read(int fd, const iovec* segments, size_t count, bool message_mode);
    // PeekNamedPipe: copies from the next message only in message mode (the read mode the pipe
    // was created with, docs/windows-rules.md §8); in byte mode every byte waiting, up to `size`:
    // the kept rest, then the records after it (a peek offset walks past each record it has shown).
    Peeked peek(int fd, char* buffer, size_t size, bool message_mode);
    // The rest of a message read in part waits here (a read may complete without the kernel).
    bool holds_rest();
    // DisconnectNamedPipe: unread data goes with the connection.
    void clear();

private:
    // Copies from the kept rest; returns the bytes copied. mutex_ held.
    size_t copy_rest(const iovec* segments, size_t count, size_t skip);
    void clear_rest();  // mutex_ held
    // Takes the next record whole: the part that fits goes to `segments` after `skip` bytes, the
    // rest is kept. mutex_ held.
    int64_t take_record(int fd, const iovec* segments, size_t count, size_t skip, bool* message_left);
    // Byte mode: copies the waiting records into `buffer` after `copied` bytes, without taking
    // them; returns the bytes copied in all, or a negative errno when nothing could be looked at.
    static int64_t peek_records(int fd, char* buffer, size_t size, size_t copied, size_t* first_length);

    std::mutex mutex_;
    std::vector<char> rest_;
    size_t rest_offset_ = 0;
};

// Readies one end's socket: every record sent to it carries the sender's credentials, so that an
// empty message can be told from the end of the connection; and its send buffer is as large as
// the system allows (twice net.core.wmem_max), since a message must fit in it whole.
void prepare_record_socket(int fd);

}  // namespace ovlab::posix
