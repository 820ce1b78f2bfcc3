// Stream lanes: posting order, the head with the kernel, aborting (see stream.h).
#include "stream.h"

#include <algorithm>
#include <cerrno>
#include <unordered_map>

#include "io_backend.h"
#include "pipe_message.h"
#include "stream_op.h"

namespace ovlab::posix {
namespace {

// Every op from the moment it enters a lane until it is finished: what a reset cancels, and what
// keeps an op alive while a backend holds a raw pointer to it.
struct OpRegistry {
    std::mutex mutex;
    std::unordered_map<StreamOp*, std::shared_ptr<StreamOp>> ops;
};

OpRegistry& op_registry() {
    static OpRegistry& instance = *new OpRegistry;  // see kernel_object.h
    return instance;
}

int lane_of(StreamOpKind kind) {
    switch (kind) {
        case StreamOpKind::Receive:
        case StreamOpKind::WaitReadable: return 0;
        case StreamOpKind::Send: return 1;
        case StreamOpKind::Accept:
        case StreamOpKind::Connect: return 2;
    }
    return 0;
}

std::shared_ptr<StreamOp> registered(StreamOp* op) {
    OpRegistry& r = op_registry();
    std::lock_guard lock(r.mutex);
    const auto it = r.ops.find(op);
    return it == r.ops.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<StreamOp>> registered_ops(const StreamObject* owner) {
    OpRegistry& r = op_registry();
    std::lock_guard lock(r.mutex);
    std::vector<std::shared_ptr<StreamOp>> ops;
    for (const auto& entry : r.ops)
        if (!owner || entry.second->owner.get() == owner) ops.push_back(entry.second);
    return ops;
}

}  // namespace

struct StreamObject::Lane {
    std::deque<std::shared_ptr<StreamOp>> queue;  // the head alone may be armed
};

// Ops whose start failed while a lock was held, finished once it is released (declared before
// the lock guard, so it runs after the guard is gone).
class StreamObject::Finisher {
public:
    ~Finisher() {
        for (const auto& [op, result] : failed_) StreamObject::op_finished(op.get(), result);
    }
    void add(std::shared_ptr<StreamOp> op, int64_t result) { failed_.emplace_back(std::move(op), result); }

private:
    std::vector<std::pair<std::shared_ptr<StreamOp>, int64_t>> failed_;
};

uint64_t StreamTransfer::total_length() const {
    uint64_t total = 0;
    for (const StreamBuffer& buffer : buffers) total += buffer.length;
    return total;
}

StreamObject::StreamObject(trace::HandleKind kind, int fd, bool overlapped, bool signalled)
    : IoHandleObject(kind, overlapped, signalled), fd_(fd) {
    for (auto& lane : lanes_) lane = std::make_unique<Lane>();
}

StreamObject::~StreamObject() { net::close_descriptor(fd_); }

int StreamObject::fd() const {
    std::lock_guard lock(mutex_);
    return fd_;
}

uint32_t StreamObject::aborted_status() const {
    std::lock_guard lock(mutex_);
    return aborted_status_;
}

void StreamObject::replace_descriptor(int fd) {
    std::lock_guard lock(mutex_);
    net::close_descriptor(fd_);
    fd_ = fd;
    descriptor_closing_ = false;
    receive_reset_ = false;  // a new connection
}

void StreamObject::close_descriptor() {
    std::lock_guard lock(mutex_);
    descriptor_closing_ = true;
    if (live_ops_ == 0) {
        net::close_descriptor(fd_);
        fd_ = -1;
    }
}

void StreamObject::arm_head(Lane& lane, Finisher& finisher) {
    if (lane.queue.empty() || lane.queue.front()->armed) return;
    const std::shared_ptr<StreamOp>& op = lane.queue.front();
    op->fd = fd_;
    op->armed = true;
    // The rest of a message read in part waits in the process, not in the kernel: read it now.
    if (op->reads_messages() && op->messages->holds_rest()) {
        finisher.add(op, attempt_stream_op(*op));
        return;
    }
    if (const int error = io_backend().submit_stream(*op); error != 0) finisher.add(op, -error);
}

uint32_t StreamObject::enqueue(const std::shared_ptr<StreamOp>& op) {
    StreamObject& self = *op->owner;
    Finisher finisher;
    std::lock_guard lock(self.mutex_);
    if (self.aborted_status_ != 0) return self.aborted_status_;
    {
        OpRegistry& r = op_registry();
        std::lock_guard registry_lock(r.mutex);
        r.ops.emplace(op.get(), op);
    }
    ++self.live_ops_;
    op->lane = lane_of(op->kind);
    op->in_lane = true;
    Lane& lane = *self.lanes_[op->lane];
    lane.queue.push_back(op);
    self.arm_head(lane, finisher);
    return 0;
}

StreamObject::Attempt StreamObject::try_at_once(StreamObject& self, StreamOp& op, int64_t* result) {
    std::lock_guard lock(self.mutex_);
    // A connect always goes to the kernel (Windows reports ConnectEx pending), and so does an
    // AcceptEx that also waits for the first data; a request behind others waits its turn.
    // So do an AcceptEx whose address blocks are too small (its failure comes at completion) and
    // a TransmitFile (§13).
    if (op.kind == StreamOpKind::Connect || !op.then_buffers.empty() || op.refuses_connection() || op.always_pends)
        return Attempt::NotTried;
    if (!self.lanes_[lane_of(op.kind)]->queue.empty()) return Attempt::NotTried;
    op.fd = self.fd_;
    *result = op.filtered(attempt_stream_op(op));
    self.note_receive_result(op, *result);
    if (*result == -EAGAIN) return Attempt::WouldBlock;
    // A send that moved part of its bytes pends for the rest (Windows completes a stream send once
    // all of it is in the transport); a non-blocking send reports the part.
    if (*result > 0 && op.advance(*result)) return Attempt::Partial;
    return Attempt::Done;
}

bool StreamObject::conclude(const std::shared_ptr<StreamOp>& op, int64_t result, uint32_t* status, uint64_t* bytes) {
    StreamObject& self = *op->owner;
    const bool accept = op->kind == StreamOpKind::Accept;
    if (op->refuses_connection() && result >= 0) {  // a connection is waiting: it is left there
        *status = op->refuse_when_ready;
        *bytes = 0;
        return false;
    }
    if ((accept || op->kind == StreamOpKind::Connect) && result >= 0) {
        const int fd = accept ? static_cast<int>(result) : op->fd;
        net::Address local, peer = op->address;
        net::local_address(fd, local);
        if (accept) peer.length = op->address_length;
        *status = op->established ? op->established(fd, local, peer) : 0;
        *bytes = 0;
        if (*status != 0 || op->then_buffers.empty()) return false;
        // AcceptEx with a receive buffer, ConnectEx with send data: the request goes on as the
        // first transfer of the connection, no longer holding up the socket's lane.
        StreamTransfer transfer;
        transfer.kind = accept ? StreamOpKind::Receive : StreamOpKind::Send;
        transfer.buffers = op->then_buffers;
        const std::shared_ptr<StreamOp> follow = make_stream_op(op->owner, transfer, fd);
        op->kind = transfer.kind;
        op->fd = fd;
        op->segments = follow->segments;
        op->first_segment = 0;
        op->flags = follow->flags;
        op->whole = follow->whole;
        op->requested = follow->requested;
        op->then_buffers.clear();
        const int64_t attempt = attempt_stream_op(*op);
        const bool more = attempt > 0 && op->advance(attempt);
        if (attempt != -EAGAIN && !more) return conclude(op, attempt, status, bytes);
        op->armed = true;
        if (const int error = io_backend().submit_stream(*op); error != 0) {
            op->armed = false;
            return conclude(op, -error, status, bytes);
        }
        return true;
    }
    // Bytes moved by earlier kernel calls of the op count: a MSG_WAITALL receive that met the end
    // of the stream still delivers what it got.
    int64_t effective = result >= 0 && op->moved > 0 ? static_cast<int64_t>(op->moved) : result;
    // Linux reports a reset to one receive and the end of the stream to the next; Windows fails
    // every receive after a reset with it (docs/windows-rules.md §13).
    const bool receives = op->kind == StreamOpKind::Receive || op->kind == StreamOpKind::WaitReadable;
    if (receives && effective == 0 && self.receive_reset_) effective = -ECONNRESET;
    *status = result == -ECANCELED ? op->cancel_status : self.completion_status(op->kind, effective, op->requested);
    // A message-type pipe's read says -EPIPE at the end: zero bytes there is an empty message.
    if (result == 0 && op->reads_messages()) *status = kStatusSuccess;
    // A datagram longer than the buffers: a warning, with the bytes that fit (§21).
    if (result >= 0 && op->truncated()) *status = kStatusBufferOverflow;
    if (result >= 0 && op->datagram && op->kind == StreamOpKind::Receive && op->received_from) {
        op->address.length = op->message.msg_namelen;
        op->received_from(op->address);
    }
    // A WaitReadable op's result says data/end, never a byte count; a request that failed (an
    // error, not a warning) moved nothing.
    const bool counts_bytes = op->kind == StreamOpKind::Receive || op->kind == StreamOpKind::Send;
    *bytes = nt_severity(*status) != NtSeverity::Error && counts_bytes ? op->moved : 0;
    if (op->kind == StreamOpKind::Receive && *bytes > 0) self.received(*bytes);
    return false;
}

bool StreamObject::forget(const std::shared_ptr<StreamOp>& op) {
    StreamObject& self = *op->owner;
    {
        OpRegistry& r = op_registry();
        std::lock_guard lock(r.mutex);
        if (r.ops.erase(op.get()) == 0) return false;
    }
    std::lock_guard lock(self.mutex_);
    if (--self.live_ops_ != 0) return true;
    self.idle_.notify_all();
    if (self.descriptor_closing_ && self.fd_ >= 0) {
        net::close_descriptor(self.fd_);
        self.fd_ = -1;
    }
    return true;
}

void StreamObject::note_receive_result(const StreamOp& op, int64_t result) {
    const bool receives = op.kind == StreamOpKind::Receive || op.kind == StreamOpKind::WaitReadable;
    if (receives && result == -ECONNRESET) receive_reset_ = true;
}

void StreamObject::finish(const std::shared_ptr<StreamOp>& op, uint32_t status, uint64_t bytes) {
    if (forget(op) && op->done) op->done(status, bytes);
}

void StreamObject::op_finished(StreamOp* raw, int64_t result) {
    const std::shared_ptr<StreamOp> op = registered(raw);
    if (!op) return;
    StreamObject& self = *op->owner;
    {
        Finisher finisher;
        std::lock_guard lock(self.mutex_);
        op->armed = false;
        result = op->filtered(result);
        self.note_receive_result(*op, result);
        const bool stopping = result == -ECANCELED || self.aborted_status_ != 0;
        const bool more = result > 0 && op->advance(result);  // counts the bytes either way
        // A spurious wake-up, or a partial transfer that must go on: the op stays the lane's head.
        if (!stopping && (result == -EAGAIN || more)) {
            if (op->cancel_asked) {
                result = -ECANCELED;  // the cancel came while the kernel call was finishing
            } else {
                op->armed = true;
                if (const int error = io_backend().submit_stream(*op); error != 0) finisher.add(op, -error);
                return;
            }
        }
        if (op->in_lane) {
            Lane& lane = *self.lanes_[op->lane];
            std::erase(lane.queue, op);
            op->in_lane = false;
            if (self.aborted_status_ == 0) self.arm_head(lane, finisher);
        }
    }
    uint32_t status = 0;
    uint64_t bytes = 0;
    if (conclude(op, result, &status, &bytes)) return;
    finish(op, status, bytes);
}

bool StreamObject::take_back(const std::shared_ptr<StreamOp>& op) {
    StreamObject& self = *op->owner;
    std::lock_guard lock(self.mutex_);
    if (op->armed) {
        op->cancel_asked = true;
        io_backend().cancel_stream(*op);
        return false;
    }
    if (!op->in_lane) return false;  // finishing right now
    std::erase(self.lanes_[op->lane]->queue, op);
    op->in_lane = false;
    return true;
}

void StreamObject::abort_all(uint32_t status) { end_requests(status, true); }

void StreamObject::cancel_pending(uint32_t status) { end_requests(status, false); }

void StreamObject::wait_until_idle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [&] { return live_ops_ == 0; });
}

void StreamObject::end_requests(uint32_t status, bool refuse_new) {
    const std::vector<std::shared_ptr<StreamOp>> ops = registered_ops(this);
    std::vector<std::shared_ptr<StreamOp>> taken;
    {
        std::lock_guard lock(mutex_);
        if (refuse_new && aborted_status_ == 0) aborted_status_ = status;
        for (const std::shared_ptr<StreamOp>& op : ops) {
            op->cancel_status = status;
            if (op->armed) {
                op->cancel_asked = true;
                io_backend().cancel_stream(*op);
            } else if (op->in_lane) {
                std::erase(lanes_[op->lane]->queue, op);
                op->in_lane = false;
                taken.push_back(op);
            }
        }
    }
    for (const std::shared_ptr<StreamOp>& op : taken) finish(op, status, 0);
}

void cancel_all_stream_ops() {
    for (const std::shared_ptr<StreamOp>& op : registered_ops(nullptr)) {
        op->cancel_status = kStatusCancelled;
        if (StreamObject::take_back(op)) StreamObject::op_finished(op.get(), -ECANCELED);
    }
}

size_t stream_ops_in_flight() {
    OpRegistry& r = op_registry();
    std::lock_guard lock(r.mutex);
    return r.ops.size();
}

}  // namespace ovlab::posix
