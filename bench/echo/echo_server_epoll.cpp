// The same echo service on epoll (readiness, then the I/O calls), one thread: the classic Linux
// server, for a second yardstick.
//
//   usage: echo-server-epoll   prints "port N" once it listens on 127.0.0.1
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>

#include "listen_loopback.h"

namespace {

struct Connection {
    int fd = -1;
    size_t length = 0;
    size_t sent = 0;
    char data[65536];
};

void set_interest(int epoll, Connection* c, uint32_t events) {
    epoll_event event{};
    event.events = events;
    event.data.ptr = c;
    epoll_ctl(epoll, EPOLL_CTL_MOD, c->fd, &event);
}

void close_connection(Connection* c) {
    close(c->fd);  // also leaves the epoll set
    delete c;
}

// Sends what is left of the echo; false when the connection is gone.
bool flush(int epoll, Connection* c) {
    while (c->sent < c->length) {
        const ssize_t n = send(c->fd, c->data + c->sent, c->length - c->sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EAGAIN) {
            set_interest(epoll, c, EPOLLOUT);
            return true;
        }
        if (n <= 0) return false;
        c->sent += static_cast<size_t>(n);
    }
    c->length = c->sent = 0;
    set_interest(epoll, c, EPOLLIN);
    return true;
}

void accept_all(int epoll, int listener) {
    for (;;) {
        const int fd = accept4(listener, nullptr, nullptr, SOCK_NONBLOCK);
        if (fd < 0) return;
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        auto* c = new Connection;
        c->fd = fd;
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.ptr = c;
        epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
    }
}

void serve(int epoll, Connection* c, uint32_t events) {
    if (events & EPOLLOUT) {
        if (!flush(epoll, c)) close_connection(c);
        return;
    }
    const ssize_t n = recv(c->fd, c->data, sizeof c->data, 0);
    if (n < 0 && errno == EAGAIN) return;
    if (n <= 0) return close_connection(c);
    c->length = static_cast<size_t>(n);
    c->sent = 0;
    if (!flush(epoll, c)) close_connection(c);
}

}  // namespace

int main() {
    const int listener = bench::listen_on_loopback();
    fcntl(listener, F_SETFL, O_NONBLOCK);
    const int epoll = epoll_create1(0);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.ptr = nullptr;  // the listener
    epoll_ctl(epoll, EPOLL_CTL_ADD, listener, &event);
    epoll_event ready[256];
    for (;;) {
        const int count = epoll_wait(epoll, ready, 256, -1);
        for (int i = 0; i < count; ++i) {
            if (ready[i].data.ptr == nullptr) accept_all(epoll, listener);
            else serve(epoll, static_cast<Connection*>(ready[i].data.ptr), ready[i].events);
        }
    }
}
