// Where overlapped requests meet the Linux kernel. Two backends behind one interface:
//   io_uring - one ring; lesson threads submit, one reaper thread consumes completions.
//   threads  - a small pool of threads doing pread/pwrite (works where io_uring is unavailable).
// Selection, once per process: OVLAB_IO_BACKEND=uring|threads; default io_uring, falling back to
// the pool when the ring cannot be created (or the build has no liburing).
#pragma once

#include <memory>
#include <string_view>

namespace ovlab::posix {

struct IoRequest;
struct StreamOp;

class IoBackend {
public:
    virtual ~IoBackend() = default;
    // "io_uring" or "threads".
    virtual std::string_view name() const = 0;
    // Starts real kernel I/O for the request. Returns 0, or an errno when it could not be started.
    // Once started, the backend calls request_finished() exactly once, from one of its threads.
    virtual int submit(IoRequest& request) = 0;
    // Asks the kernel to cancel everything in flight; each request still finishes through
    // request_finished() (with -ECANCELED, or normally if it had already finished).
    virtual void cancel_all() = 0;
    // Asks the kernel to cancel one request. Returns true when the request never reached the
    // kernel and has been taken back: the caller then finishes it with -ECANCELED. Otherwise it
    // finishes through request_finished() as usual (with -ECANCELED if the kernel could stop it).
    // Must not dereference `request` when it is no longer in flight.
    virtual bool cancel(IoRequest& request) = 0;

    // ---- stream ops (sockets, pipes; stream_op.h) ----
    // Starts the op (io_uring: RECVMSG/SENDMSG/ACCEPT/CONNECT/POLL_ADD; threads: an epoll loop).
    // Returns 0 or an errno. The backend then calls StreamObject::op_finished() exactly once, from
    // one of its own threads, never from inside submit_stream or cancel_stream.
    virtual int submit_stream(StreamOp& op) = 0;
    // Asks the kernel to stop the op; it still finishes through op_finished() (with -ECANCELED, or
    // normally if it had already finished). Harmless when the op has finished already.
    virtual void cancel_stream(StreamOp& op) = 0;
};

IoBackend& io_backend();

// Null when the ring cannot be created here (no liburing in the build, or the kernel refuses).
std::unique_ptr<IoBackend> make_uring_backend();
std::unique_ptr<IoBackend> make_thread_pool_backend();

}  // namespace ovlab::posix
