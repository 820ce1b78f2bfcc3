#include "peer_client.h"

#include <algorithm>
#include <cstring>
#include <deque>

#include <fmt/format.h>

#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#endif

namespace ovlab::app {
namespace {

// The few calls that differ between Winsock and POSIX sockets.
#ifdef _WIN32
using NativeSocket = SOCKET;
constexpr NativeSocket kNoSocket = INVALID_SOCKET;
constexpr int kShutdownSend = SD_SEND;
constexpr int kSendFlags = 0;
int last_error() { return WSAGetLastError(); }
bool would_block(int error) { return error == WSAEWOULDBLOCK; }
bool connect_pending(int error) { return error == WSAEWOULDBLOCK || error == WSAEINPROGRESS; }
bool is_reset(int error) { return error == WSAECONNRESET || error == WSAECONNABORTED; }
void close_native(NativeSocket s) { closesocket(s); }
bool make_nonblocking(NativeSocket s) {
    u_long on = 1;
    return ioctlsocket(s, FIONBIO, &on) == 0;
}
int poll_native(pollfd* descriptor) { return WSAPoll(descriptor, 1, 0); }
std::string error_text(int error) { return fmt::format("Winsock error {}", error); }
#else
using NativeSocket = int;
constexpr NativeSocket kNoSocket = -1;
constexpr int kShutdownSend = SHUT_WR;
constexpr int kSendFlags = MSG_NOSIGNAL;  // a send to a reset connection fails with EPIPE, never SIGPIPE
int last_error() { return errno; }
bool would_block(int error) { return error == EAGAIN || error == EWOULDBLOCK; }
bool connect_pending(int error) { return error == EINPROGRESS; }
bool is_reset(int error) { return error == ECONNRESET || error == EPIPE; }
void close_native(NativeSocket s) { ::close(s); }
bool make_nonblocking(NativeSocket s) { return fcntl(s, F_SETFL, fcntl(s, F_GETFL) | O_NONBLOCK) == 0; }
int poll_native(pollfd* descriptor) { return ::poll(descriptor, 1, 0); }
std::string error_text(int error) { return std::strerror(error); }
#endif

bool is_open(PeerStatus status) {
    return status == PeerStatus::Connecting || status == PeerStatus::Connected || status == PeerStatus::Closing;
}

}  // namespace

struct PeerClients::Socket {
    NativeSocket fd = kNoSocket;
    std::string outgoing;         // queued by send(), not yet taken by the kernel
    std::deque<std::string> pieces;  // send_in_pieces: each goes to `outgoing` once it is empty
    std::chrono::steady_clock::time_point next_piece_at;
    bool shutdown_wanted = false;  // close() came while bytes were still queued
    bool shutdown_done = false;

    ~Socket() { release(); }
    void release() {
        if (fd != kNoSocket) close_native(fd);
        fd = kNoSocket;
    }
};

PeerClients::PeerClients() {
#ifdef _WIN32
    // Winsock counts startups: the app's own, independent of any lesson program's WSAStartup.
    WSADATA data;
    WSAStartup(MAKEWORD(2, 2), &data);
#endif
}

PeerClients::~PeerClients() {
    clear();
#ifdef _WIN32
    WSACleanup();
#endif
}

int PeerClients::connect(uint16_t port) {
    PeerConnection& connection = connections_.emplace_back();
    connection.number = next_number_++;
    Socket& socket = *sockets_.emplace_back(std::make_unique<Socket>());
    socket.fd = ::socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (socket.fd == kNoSocket) {
        fail(connection, socket, fmt::format("socket: {}", error_text(last_error())));
        return connection.number;
    }
    if (!make_nonblocking(socket.fd)) {
        fail(connection, socket, fmt::format("non-blocking mode: {}", error_text(last_error())));
        return connection.number;
    }
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(port);
    server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(socket.fd, reinterpret_cast<const sockaddr*>(&server), sizeof server) == 0) {
        connection.status = PeerStatus::Connected;
    } else if (const int error = last_error(); !connect_pending(error)) {
        fail(connection, socket, fmt::format("connect to 127.0.0.1:{}: {}", port, error_text(error)));
    }
    return connection.number;
}

// The connection `number` when it can still send `text`, else null.
PeerConnection* PeerClients::sender(int number, std::string_view text) {
    Socket* socket = socket_of(number);
    if (!socket || socket->shutdown_wanted || text.empty()) return nullptr;
    PeerConnection& connection = connections_[static_cast<size_t>(number - 1)];
    if (connection.status != PeerStatus::Connecting && connection.status != PeerStatus::Connected) return nullptr;
    return &connection;
}

bool PeerClients::send(int number, std::string_view text) {
    PeerConnection* connection = sender(number, text);
    if (!connection) return false;
    Socket& socket = *socket_of(number);
    // After pieces still waiting, so the bytes keep their order.
    if (socket.pieces.empty()) socket.outgoing += text;
    else socket.pieces.back() += text;
    connection->sent += text;
    poll();
    return true;
}

bool PeerClients::send_in_pieces(int number, std::string_view text) {
    PeerConnection* connection = sender(number, text);
    if (!connection || text.size() < 2) return false;
    Socket& socket = *socket_of(number);
    const size_t half = text.size() / 2;
    socket.pieces.emplace_back(text.substr(0, half));
    socket.pieces.emplace_back(text.substr(half));
    connection->sent += text;
    poll();
    return true;
}

void PeerClients::close(int number) {
    Socket* socket = socket_of(number);
    if (!socket) return;
    PeerConnection& connection = connections_[static_cast<size_t>(number - 1)];
    if (!is_open(connection.status) || socket->shutdown_wanted) return;
    // The FIN goes after the bytes already queued; the socket is closed once the server closed its
    // end too, so everything it still sends is read (closing with unread bytes would send a reset).
    socket->shutdown_wanted = true;
    if (connection.status == PeerStatus::Connected) connection.status = PeerStatus::Closing;
    poll();
}

void PeerClients::reset(int number) {
    Socket* socket = socket_of(number);
    if (!socket) return;
    PeerConnection& connection = connections_[static_cast<size_t>(number - 1)];
    if (!is_open(connection.status)) return;
    linger abort{};
    abort.l_onoff = 1;
    abort.l_linger = 0;
    setsockopt(socket->fd, SOL_SOCKET, SO_LINGER, reinterpret_cast<const char*>(&abort), sizeof abort);
    socket->release();
    connection.status = PeerStatus::Reset;
}

void PeerClients::clear() {
    sockets_.clear();  // each Socket closes its descriptor
    connections_.clear();
    next_number_ = 1;
}

void PeerClients::poll() {
    char buffer[4096];
    for (size_t i = 0; i < connections_.size(); ++i) {
        PeerConnection& connection = connections_[i];
        Socket& socket = *sockets_[i];
        if (!is_open(connection.status)) continue;
        if (connection.status == PeerStatus::Connecting) {
            pollfd descriptor{};
            descriptor.fd = socket.fd;
            descriptor.events = POLLOUT;
            if (poll_native(&descriptor) <= 0) continue;  // still connecting
            int error = 0;
            socklen_t length = sizeof error;
            getsockopt(socket.fd, SOL_SOCKET, SO_ERROR, reinterpret_cast<char*>(&error), &length);
            if (error != 0) {
                fail(connection, socket, fmt::format("connect: {}", error_text(error)));
                continue;
            }
            connection.status = socket.shutdown_wanted ? PeerStatus::Closing : PeerStatus::Connected;
        }
        // The next piece waits until the previous one is all sent, and then for the pause, so it
        // goes in a send() call of its own.
        const auto now = std::chrono::steady_clock::now();
        if (socket.outgoing.empty() && !socket.pieces.empty() && now >= socket.next_piece_at) {
            socket.outgoing = std::move(socket.pieces.front());
            socket.pieces.pop_front();
            socket.next_piece_at = now + kPiecePause;
        }
        while (!socket.outgoing.empty()) {
            const auto sent = ::send(socket.fd, socket.outgoing.data(), static_cast<int>(socket.outgoing.size()),
                                     kSendFlags);
            if (sent > 0) {
                socket.outgoing.erase(0, static_cast<size_t>(sent));
                continue;
            }
            const int error = last_error();
            if (!would_block(error)) {
                if (is_reset(error)) {
                    socket.release();
                    connection.status = PeerStatus::Reset;
                    connection.reset_by_server = true;
                } else {
                    fail(connection, socket, fmt::format("send: {}", error_text(error)));
                }
            }
            break;
        }
        if (!is_open(connection.status)) continue;
        if (socket.shutdown_wanted && !socket.shutdown_done && socket.outgoing.empty() && socket.pieces.empty()) {
            ::shutdown(socket.fd, kShutdownSend);
            socket.shutdown_done = true;
        }
        for (;;) {
            const auto got = ::recv(socket.fd, buffer, static_cast<int>(sizeof buffer), 0);
            if (got > 0) {
                connection.echoed.append(buffer, static_cast<size_t>(got));
                continue;
            }
            if (got == 0) {
                // The server closed its end: after our shutdown that completes a graceful close;
                // before it (the server stopped this connection) we answer with our own close.
                connection.server_closed = !socket.shutdown_wanted;
                socket.release();
                connection.status = PeerStatus::Closed;
                break;
            }
            const int error = last_error();
            if (is_reset(error)) {
                socket.release();
                connection.status = PeerStatus::Reset;
                connection.reset_by_server = true;
            } else if (!would_block(error)) {
                fail(connection, socket, fmt::format("recv: {}", error_text(error)));
            }
            break;
        }
    }
}

const PeerConnection* PeerClients::find(int number) const {
    auto found = std::find_if(connections_.begin(), connections_.end(),
                              [number](const PeerConnection& c) { return c.number == number; });
    return found == connections_.end() ? nullptr : &*found;
}

size_t PeerClients::open_count() const {
    return static_cast<size_t>(std::count_if(connections_.begin(), connections_.end(),
                                             [](const PeerConnection& c) { return is_open(c.status); }));
}

PeerClients::Socket* PeerClients::socket_of(int number) {
    if (number < 1 || static_cast<size_t>(number) > sockets_.size()) return nullptr;
    return sockets_[static_cast<size_t>(number - 1)].get();
}

void PeerClients::fail(PeerConnection& connection, Socket& socket, std::string what) {
    socket.release();
    connection.status = PeerStatus::Failed;
    connection.error = std::move(what);
}

}  // namespace ovlab::app
