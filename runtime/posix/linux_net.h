// The Linux side of sockets behind plain types. Nothing here names a Winsock type or a Linux
// socket type, so both the Winsock implementation (which includes <winsock2.h>) and the Linux
// code (which includes <sys/socket.h>) can use it: the two sets of headers declare the same names
// (sockaddr, in_addr, AF_INET6, SOL_SOCKET...) with different values and cannot meet in one file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ovlab::posix::net {

// A socket address in Linux layout (the bytes of a sockaddr_storage).
struct Address {
    alignas(8) unsigned char bytes[128] = {};
    uint32_t length = 0;
};

// ---- addresses: Windows layout (program memory) <-> Linux layout ----
// Returns 0 or a Winsock error: WSAEFAULT (NULL or too short), WSAEAFNOSUPPORT (not IPv4/IPv6).
int address_from_windows(const void* sockaddr, int length, Address& out);
// Size of the address in Windows layout: 16 for IPv4, 28 for IPv6.
int windows_address_length(const Address& address);
// Writes the Windows layout (windows_address_length(address) bytes) to `out`.
void write_windows_address(const Address& address, void* out);
// Windows AF_ value of the address (AF_INET 2, AF_INET6 23), 0 when empty.
int windows_family(const Address& address);
// "127.0.0.1:5000" for the trace. A port the system picked (from its ephemeral range: bind to
// port 0) differs from run to run, so it is shown as "127.0.0.1:(system port)" and transcripts
// stay the same.
size_t format_address_and_port(const Address& address, char* out, size_t size);

// ---- text <-> address (inet_pton, inet_ntop, inet_addr) ----
// 1 = parsed, 0 = not an address of that family, -1 = family not supported.
int parse_address(int windows_family, const char* text, void* out);
// The text, or nullptr with *error set to ENOSPC (buffer too small) or EAFNOSUPPORT.
const char* format_address(int windows_family, const void* address, char* out, size_t size, int* error);
// inet_addr's classic forms ("a.b.c.d", "a.b", hex, octal); false when not an address.
bool parse_ipv4_classic(const char* text, uint32_t* network_order);

// ---- sockets: each returns 0 (or a descriptor / a count) or -errno ----
// A TCP socket (windows_family AF_INET or AF_INET6) with SO_REUSEADDR on: Windows lets a server
// bind a port whose earlier connections are still in TIME_WAIT, Linux only with that option.
int create_stream_socket(int windows_family);
// A UDP socket, without SO_REUSEADDR: on Linux it would let two UDP sockets share a port, and
// Windows refuses the second bind.
int create_datagram_socket(int windows_family);
// connect() on a UDP socket: only sets the default peer (immediate, never waits).
int connect_datagram(int fd, const Address& address);
void close_descriptor(int fd);
int bind(int fd, const Address& address);
int listen(int fd, int backlog);
int local_address(int fd, Address& out);
int peer_address(int fd, Address& out);
// how: 0 receive, 1 send, 2 both (SD_ and SHUT_ numbers agree).
int shutdown(int fd, int how);
int bytes_readable(int fd);
// The socket's pending error (SO_ERROR), consumed by reading it.
int take_pending_error(int fd);

// Socket options the Winsock layer maps to (level SOL_SOCKET unless said otherwise).
enum class Option { KeepAlive, Broadcast, OobInline, DontRoute, ReceiveBuffer, SendBuffer, NoDelay };
int set_option(int fd, Option option, int value);
int get_option(int fd, Option option, int* value);
int set_linger(int fd, bool on, int seconds);
int get_linger(int fd, bool* on, int* seconds);

// ---- names -> addresses (getaddrinfo) ----
// One answer, in Linux layout; the flags, family and type numbers in and out are Windows' (ws2def.h).
struct ResolvedAddress {
    int socket_type = 0;
    int protocol = 0;
    Address address;
};
struct Resolution {
    std::vector<ResolvedAddress> addresses;
    std::string canonical_name;
};
// 0, or the Winsock error getaddrinfo reports (WSAHOST_NOT_FOUND, WSATYPE_NOT_FOUND, ...).
int resolve(const char* node, const char* service, int windows_flags, int windows_family, int socket_type,
            int protocol, Resolution& out);

// ---- readiness (select) ----
// What Winsock knows of a socket decides what its poll() events mean: a socket that was never
// connected reports POLLOUT|POLLHUP on Linux, and Windows calls it neither readable nor writable.
enum class SocketStage { Idle, Listening, Connecting, Connected };
struct Readiness {
    int fd = -1;
    SocketStage stage = SocketStage::Idle;
    bool want_read = false, want_write = false, want_except = false;
    bool readable = false, writable = false, exceptional = false;  // the answer
};
// Fills each item's answer and returns how many items have one. Waits up to `timeout_ms` (-1:
// without end) for one, or until `wake_fd` (an eventfd, -1 for none) is signalled; returns 0
// then, or -errno.
int poll_readiness(Readiness* items, size_t count, int timeout_ms, int wake_fd);
int create_wake_descriptor();
void signal_wake_descriptor(int fd);

// ---- local sockets for named pipes (abstract namespace: no file, gone with the process) ----
// `records`: SOCK_SEQPACKET, whose sends keep their boundaries (message-type pipes,
// pipe_message.h); otherwise SOCK_STREAM.
int create_local_listener(std::string_view name, bool records);
// The connected descriptor, or -ENOENT when no server listens on the name.
int connect_local(std::string_view name, bool records);
// Takes a connection waiting in `listener`'s backlog (one is known to be there).
int accept_connection(int listener);
// Copies up to `size` waiting bytes without consuming them and says how many wait in all.
// Returns the bytes copied, -EPIPE when nothing waits and the peer has closed, or -errno.
int64_t peek(int fd, void* buffer, size_t size, size_t* waiting);

// ---- errno -> Windows numbers ----
// What a Winsock call reports when the Linux call failed at once.
int wsa_error_from_errno(int error);
// OVERLAPPED.Internal for a socket request the kernel failed with this errno.
uint32_t socket_status_from_errno(int error);

}  // namespace ovlab::posix::net
