// The remote machine of the iocp-echo-server lesson when it runs with clients=0: TCP clients the
// student drives from the window (the Peer client panel). They are plain sockets of the app (POSIX
// sockets on Linux, Winsock on Windows), not lesson code: nothing here is traced or stepped, just
// as a real client on another machine would not be.
//
// Every socket is non-blocking and poll() does the waiting work once per frame, so a server that
// is paused at a step never freezes the window.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ovlab::app {

// The pause between the pieces of send_in_pieces: a receive the server has posted completes with
// the first piece alone long before it ends.
inline constexpr std::chrono::milliseconds kPiecePause{400};

enum class PeerStatus : uint8_t {
    Connecting,  // connect() is under way
    Connected,   // open both ways
    Closing,     // we sent our FIN (shutdown); waiting for the server to close its end
    Closed,      // both ends closed gracefully
    Reset,       // we reset it (SO_LINGER {1, 0}), or the server did
    Failed,      // connect or a transfer failed: see `error`
};

struct PeerConnection {
    int number = 0;              // 1, 2, ... in the order the student connected them
    PeerStatus status = PeerStatus::Connecting;
    std::string sent;            // everything sent so far
    std::string echoed;          // everything received so far (the server's echoes)
    std::string error;           // Failed: what failed, with the system's error text
    bool server_closed = false;  // the server closed its end before we closed ours
    bool reset_by_server = false;  // Reset came from the server's side, not from reset()
};

class PeerClients {
public:
    PeerClients();
    ~PeerClients();  // closes every socket still open
    PeerClients(const PeerClients&) = delete;
    PeerClients& operator=(const PeerClients&) = delete;

    // Starts a connection to 127.0.0.1:`port`; returns its number. A failure shows as Failed.
    int connect(uint16_t port);
    // Queues `text` to send on connection `number` (sent as poll() finds room). False when the
    // connection cannot send any more (not connected, or closing).
    bool send(int number, std::string_view text);
    // Queues `text` as two pieces, each in its own send() call, the second kPiecePause after the
    // first: what a server's receive gets depends on when it reads, not on how the text was sent.
    // False as send(), or when the text is too short to split.
    bool send_in_pieces(int number, std::string_view text);
    // Graceful close: shutdown(send), then close once the server closed its end too.
    void close(int number);
    // Abortive close: SO_LINGER {on, 0 s} makes close() send a reset (RST) instead of a FIN.
    void reset(int number);
    // Closes every socket at once (the lesson was reset or changed) and forgets the connections.
    void clear();
    // Finishes connects, sends what is queued, reads echoes, notices the server closing. Never blocks.
    void poll();

    const std::vector<PeerConnection>& connections() const { return connections_; }
    const PeerConnection* find(int number) const;
    // Open connections (Connecting, Connected or Closing): what a lesson reset cuts.
    size_t open_count() const;

private:
    struct Socket;
    Socket* socket_of(int number);
    PeerConnection* sender(int number, std::string_view text);
    void fail(PeerConnection& connection, Socket& socket, std::string what);

    std::vector<PeerConnection> connections_;
    std::vector<std::unique_ptr<Socket>> sockets_;  // sockets_[i] belongs to connections_[i]
    int next_number_ = 1;
};

}  // namespace ovlab::app
