// The same echo service written straight on io_uring (liburing), one thread: the yardstick for the
// runtime's IOCP echo server. Multishot accept; per connection one recv or send in flight.
//
//   usage: echo-server-uring   prints "port N" once it listens on 127.0.0.1
#include <arpa/inet.h>
#include <liburing.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <memory>

#include "listen_loopback.h"

namespace {

enum Op : uintptr_t { Accept = 0, Recv = 1, Send = 2 };

struct Connection {
    int fd = -1;
    size_t length = 0;
    size_t sent = 0;
    alignas(8) char data[65536];
};

void* tag(Connection* c, Op op) { return reinterpret_cast<void*>(reinterpret_cast<uintptr_t>(c) | op); }

io_uring_sqe* next_sqe(io_uring& ring) {
    io_uring_sqe* sqe = io_uring_get_sqe(&ring);
    if (!sqe) {  // the submission queue is full: hand it to the kernel and take a fresh slot
        io_uring_submit(&ring);
        sqe = io_uring_get_sqe(&ring);
    }
    return sqe;
}

void post_recv(io_uring& ring, Connection* c) {
    io_uring_sqe* sqe = next_sqe(ring);
    io_uring_prep_recv(sqe, c->fd, c->data, sizeof c->data, 0);
    io_uring_sqe_set_data(sqe, tag(c, Recv));
}

void post_send(io_uring& ring, Connection* c) {
    io_uring_sqe* sqe = next_sqe(ring);
    io_uring_prep_send(sqe, c->fd, c->data + c->sent, c->length - c->sent, 0);
    io_uring_sqe_set_data(sqe, tag(c, Send));
}

void post_accept(io_uring& ring, int listener) {
    io_uring_sqe* sqe = next_sqe(ring);
    io_uring_prep_multishot_accept(sqe, listener, nullptr, nullptr, 0);
    io_uring_sqe_set_data(sqe, tag(nullptr, Accept));
}

void close_connection(Connection* c) {
    close(c->fd);
    delete c;
}

void handle(io_uring& ring, int listener, const io_uring_cqe& cqe) {
    const auto data = reinterpret_cast<uintptr_t>(io_uring_cqe_get_data(&cqe));
    auto* c = reinterpret_cast<Connection*>(data & ~uintptr_t{3});
    switch (static_cast<Op>(data & 3)) {
    case Accept:
        if (cqe.res >= 0) {
            auto* fresh = new Connection;
            fresh->fd = cqe.res;
            int one = 1;
            setsockopt(fresh->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            post_recv(ring, fresh);
        }
        if (!(cqe.flags & IORING_CQE_F_MORE)) post_accept(ring, listener);
        break;
    case Recv:
        if (cqe.res <= 0) return close_connection(c);
        c->length = static_cast<size_t>(cqe.res);
        c->sent = 0;
        post_send(ring, c);
        break;
    case Send:
        if (cqe.res < 0) return close_connection(c);
        c->sent += static_cast<size_t>(cqe.res);
        c->sent < c->length ? post_send(ring, c) : post_recv(ring, c);
        break;
    }
}

}  // namespace

int main() {
    const int listener = bench::listen_on_loopback();
    io_uring ring;
    if (int error = io_uring_queue_init(4096, &ring, 0); error < 0) {
        std::fprintf(stderr, "io_uring_queue_init: %d\n", error);
        return 1;
    }
    post_accept(ring, listener);
    for (;;) {
        io_uring_submit_and_wait(&ring, 1);
        io_uring_cqe* cqe = nullptr;
        unsigned head = 0, seen = 0;
        io_uring_for_each_cqe(&ring, head, cqe) {
            handle(ring, listener, *cqe);
            ++seen;
        }
        io_uring_cq_advance(&ring, seen);
    }
}
