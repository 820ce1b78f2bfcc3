// Stream handles: what sockets and named pipes share. Both are connected byte streams on a Linux
// socket descriptor, and Windows runs their requests the same way (AFD and NPFS both keep a
// FIFO of pending IRPs per direction):
//
// - Requests of one direction complete in the order they were posted. Each direction is a lane:
//   a FIFO whose head alone is with the kernel; when it finishes, the next one starts.
// - A request posted to an empty lane is tried at once without blocking. If the kernel can do it
//   now (data already received, room in the send buffer, a connection waiting) it completes
//   before the call returns, through the same completion sequence as a pending one (event,
//   completion routine, port packet); this is decided the same way on every run, so transcripts
//   are stable. Otherwise it pends.
// - Blocking calls (recv, send, accept, connect, ReadFile on a synchronous handle) are requests
//   too, waited for with an ordinary wait, so a lesson reset can interrupt them.
//
// This header names no Linux or Winsock type (see linux_net.h); stream_op.h is the Linux side.
#pragma once

#include <windows.h>

#include <atomic>
#include <cstdint>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "io_handle_object.h"
#include "linux_net.h"

namespace ovlab::posix {

struct IoRequest;
struct StreamOp;
class PipeMessages;

enum class StreamOpKind : uint8_t {
    Receive,       // into the buffers, in order (scatter)
    Send,          // from the buffers, in order (gather); completes when all bytes are taken
    WaitReadable,  // a zero-byte receive: completes when data (or the end) arrives, consumes nothing
    Accept,        // a connection from the listen backlog (then, for AcceptEx, a first receive)
    Connect,
};

struct StreamBuffer {
    char* data;
    uint32_t length;
};

// One request, described in neutral terms by the Win32 side.
struct StreamTransfer {
    StreamOpKind kind = StreamOpKind::Receive;
    std::vector<StreamBuffer> buffers;
    bool peek = false;         // MSG_PEEK
    bool wait_all = false;     // MSG_WAITALL: a receive completes only when every buffer is full
    bool out_of_band = false;  // MSG_OOB
    // A datagram (UDP) socket: one receive takes one datagram, and a datagram longer than the
    // buffers completes with STATUS_BUFFER_OVERFLOW and the bytes that fit (the rest is lost).
    bool datagram = false;
    // A Receive on a message-type pipe end: the end's messages (pipe_message.h) are read instead
    // of the stream; `message_mode` reads at most one message, and one longer than the buffers
    // completes with STATUS_BUFFER_OVERFLOW and the bytes that fit (the rest stays for the next).
    std::shared_ptr<PipeMessages> messages;
    bool message_mode = false;
    net::Address address;      // Connect: where to; a datagram Send: to whom (empty: the connected peer)
    // A datagram Receive: runs on the thread that finishes it, before the request completes, with
    // the sender's address (WSARecvFrom's lpFrom is filled at completion).
    std::function<void(const net::Address& from)> received_from;
    // Accept and Connect: runs on the thread that finishes the op, before the request completes,
    // with the connection's descriptor (Accept: a new one, now the callee's) and its two
    // addresses. Returns 0, or an NTSTATUS that fails the request. With buffers, the first
    // transfer follows on the connection: AcceptEx's receive, ConnectEx's send.
    std::function<uint32_t(int fd, const net::Address& local, const net::Address& peer)> established;
    // A non-blocking connect (try_now): told the final status once it is known in the background.
    std::function<void(uint32_t status)> background_finished;
    // Accept: not 0 when the request cannot take a connection (AcceptEx with an address block too
    // small, docs/windows-rules.md §13). It pends until a connection is waiting, then fails with
    // this status and leaves the connection in the backlog for the next accept.
    uint32_t refuse_when_ready = 0;
    // Memory the buffers point into that the request owns (TransmitFile's copy of the file's
    // bytes): kept until the request is finished.
    std::shared_ptr<const void> keep_alive;
    // A datagram receive that waits on when an ICMP "port unreachable" is reported to it
    // (SIO_UDP_CONNRESET FALSE, docs/windows-rules.md §21).
    bool ignore_port_unreachable = false;
    // Never tried inside the issuing call: the request always pends (TransmitFile, §13).
    bool always_pends = false;

    uint64_t total_length() const;
};

// How an issued request went (docs/windows-rules.md §3).
struct IssueOutcome {
    enum class Kind { Pending, Completed, Failed } kind = Kind::Failed;
    uint32_t status = 0;  // Completed: final status; Failed: why (no notification will follow)
    uint64_t bytes = 0;   // Completed: bytes transferred
};

// A send that may complete only once the peer has taken enough of the stream (a pipe's buffer
// quota, docs/windows-rules.md §8). StreamObject::gate_send makes one per send.
class SendGate {
public:
    virtual ~SendGate() = default;
    // The kernel took the whole send (`bytes`, counted the first time). True when it may complete
    // now; otherwise, when `release` is given, keeps it and calls it once, later, with the final
    // status (success once the peer took enough, or how the connection ended), from whichever
    // thread made room. `release` runs with no lock held.
    virtual bool may_complete(uint64_t bytes, std::function<void(uint32_t status)> release) = 0;
    // CancelIo: true when the send was waiting and no longer does (`release` will not be called).
    virtual bool withdraw() = 0;
};

struct BlockingOutcome {
    uint32_t status = 0;
    uint64_t bytes = 0;
    bool timed_out = false;
};

class StreamObject : public IoHandleObject {
public:
    StreamObject(trace::HandleKind kind, int fd, bool overlapped, bool signalled = false);
    ~StreamObject() override;

    int fd() const;

    // ---- the three ways a request runs ----
    // Overlapped. `request` carries the OVERLAPPED and how completion is reported; Internal is
    // already STATUS_PENDING. Resets hEvent (or this handle) first, as every Windows request does.
    static IssueOutcome issue(const std::shared_ptr<StreamObject>& self, StreamTransfer transfer,
                              std::unique_ptr<IoRequest> request);
    // Blocking on the calling thread, in an ordinary (interruptible) wait; `timeout_ms` INFINITE or
    // a SO_RCVTIMEO/SO_SNDTIMEO value, after which the request is cancelled. `what` is the
    // thread's state in the trace. `alertable`: APCs queued to the thread run while it waits, and
    // the wait goes on (Winsock's blocking calls, docs/windows-rules.md §13).
    static BlockingOutcome run_blocking(const std::shared_ptr<StreamObject>& self, StreamTransfer transfer,
                                        DWORD timeout_ms, const std::string& what, bool alertable = false);
    // Only tries, never waits: for non-blocking sockets (FIONBIO). Failed with the status of
    // EWOULDBLOCK when the request would have to wait.
    static IssueOutcome try_now(const std::shared_ptr<StreamObject>& self, const StreamTransfer& transfer);

    // Ends every request still queued or running with `status` (closesocket: Vista+ gives
    // STATUS_CONNECTION_ABORTED; a pipe end closing: STATUS_PIPE_BROKEN). A request the kernel
    // finished meanwhile keeps its own result. New requests fail with `status` from now on.
    void abort_all(uint32_t status);
    // Ends the requests queued or running now with `status`; new ones run as usual
    // (DisconnectNamedPipe: the pipe instance is used again after the next ConnectNamedPipe).
    void cancel_pending(uint32_t status);
    // Blocks until the kernel no longer runs any of this object's ops (they may still be
    // delivering their completions). Used before a descriptor is replaced.
    void wait_until_idle();
    // Closes the descriptor now, or as soon as no op uses it (a poll-based backend must never poll
    // a number the process may have reused).
    void close_descriptor();
    // Replaces the descriptor (AcceptEx into a fresh socket, a pipe instance connecting); the old
    // one is closed. No request may be running.
    void replace_descriptor(int fd);
    // The status new requests fail with after abort_all, 0 while the handle is usable.
    uint32_t aborted_status() const;

    // ---- kinds' rules (sockets and pipes report the same events differently) ----
    // The NTSTATUS of a finished op: `result` is what the kernel returned (bytes or -errno; for
    // WaitReadable 1 = data, 0 = end of stream). Called on the finishing thread, no lock held.
    virtual uint32_t completion_status(StreamOpKind kind, int64_t result, uint64_t requested) const = 0;
    // Why a ReadFile/WriteFile (read or not) fails at once, as an NTSTATUS; 0 when it may run
    // (a pipe with no client, a socket shut down in that direction).
    virtual uint32_t refuses_transfer(bool read) const = 0;
    // A gate for a send about to be issued (pipes), or null when a finished send completes at once.
    virtual std::shared_ptr<SendGate> gate_send() { return nullptr; }
    // A receive took `bytes` from the stream (pipes count them to make room for the writer).
    virtual void received(uint64_t) {}

    // ---- backends ----
    // The kernel finished the lane's head `op` with `result`: continues a partial transfer,
    // starts the lane's next op, and reports the result. No backend lock may be held.
    static void op_finished(StreamOp* op, int64_t result);
    // Takes `op` back if the kernel does not have it yet (returns true: the caller finishes it);
    // otherwise asks the backend to cancel it and returns false (it finishes as usual).
    static bool take_back(const std::shared_ptr<StreamOp>& op);

private:
    struct Lane;
    class Finisher;

    // Puts `op` at the end of its lane and starts it if it is the head. Returns 0, or the status
    // new requests fail with after abort_all.
    static uint32_t enqueue(const std::shared_ptr<StreamOp>& op);
    // Tries `op` at once if its lane is empty (result in *result when it says Done or Partial).
    enum class Attempt { NotTried, WouldBlock, Partial, Done };
    static Attempt try_at_once(StreamObject& self, StreamOp& op, int64_t* result);
    // Gives the lane's head to the backend unless it has it already. mutex_ held.
    void arm_head(Lane& lane, Finisher& finisher);
    // Unregisters `op` (false when it was not registered); the descriptor of a closing object is
    // closed with its last op.
    static bool forget(const std::shared_ptr<StreamOp>& op);
    // Unregisters `op` and reports its final status (no lock held).
    static void finish(const std::shared_ptr<StreamOp>& op, uint32_t status, uint64_t bytes);
    // Status and bytes of a finished op; runs the `established` step of an accept or connect.
    // True when the op goes on (AcceptEx's first receive, ConnectEx's first send was started).
    static bool conclude(const std::shared_ptr<StreamOp>& op, int64_t result, uint32_t* status, uint64_t* bytes);

    void end_requests(uint32_t status, bool refuse_new);
    // Remembers a reset seen by a receive (mutex_ held, before the lane's next op starts).
    void note_receive_result(const StreamOp& op, int64_t result);

    mutable std::mutex mutex_;
    std::condition_variable idle_;  // live_ops_ became 0
    std::mutex issue_mutex_;  // one issuing call at a time: posting order is lane order
    int fd_ = -1;
    bool descriptor_closing_ = false;
    size_t live_ops_ = 0;     // ops registered for this object (the descriptor is closed at 0)
    uint32_t aborted_status_ = 0;
    // A receive met a connection reset: later ends of the stream are the reset too (§13).
    std::atomic<bool> receive_reset_{false};
    std::unique_ptr<Lane> lanes_[3];  // receive (and zero-byte), send, accept/connect
};

// Every stream request still queued or running in any object: cancels them all (a lesson reset).
void cancel_all_stream_ops();
size_t stream_ops_in_flight();

}  // namespace ovlab::posix
