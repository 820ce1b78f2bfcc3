#include "linux_net.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

#include "ovlab/status_codes.h"
#include "winerror.h"

namespace ovlab::posix::net {
namespace {

// The Windows address-family numbers (ws2def.h); IPv4 agrees with Linux, IPv6 does not (10).
constexpr int kWindowsInet = 2;
constexpr int kWindowsInet6 = 23;
constexpr int kWindowsInetLength = 16;
constexpr int kWindowsInet6Length = 28;

int linux_family(int windows_family) {
    if (windows_family == kWindowsInet) return AF_INET;
    if (windows_family == kWindowsInet6) return AF_INET6;
    return -1;
}

unsigned short stored_family(const Address& address) {
    unsigned short family = 0;
    std::memcpy(&family, address.bytes, sizeof family);
    return family;
}

int result_of(int value) { return value < 0 ? -errno : value; }

}  // namespace

// Windows and Linux lay out sockaddr_in and sockaddr_in6 byte for byte alike; only the AF_INET6
// number differs, so translating is copying the bytes and rewriting the family.
int address_from_windows(const void* sockaddr, int length, Address& out) {
    if (!sockaddr || length < 2) return WSAEFAULT;
    unsigned short family = 0;
    std::memcpy(&family, sockaddr, sizeof family);
    const int needed = family == kWindowsInet ? kWindowsInetLength : family == kWindowsInet6 ? kWindowsInet6Length : 0;
    if (needed == 0) return WSAEAFNOSUPPORT;
    if (length < needed) return WSAEFAULT;
    out = {};
    std::memcpy(out.bytes, sockaddr, static_cast<size_t>(needed));
    const unsigned short linux = static_cast<unsigned short>(linux_family(family));
    std::memcpy(out.bytes, &linux, sizeof linux);
    out.length = static_cast<uint32_t>(family == kWindowsInet ? sizeof(sockaddr_in) : sizeof(sockaddr_in6));
    return 0;
}

int windows_address_length(const Address& address) {
    const unsigned short family = stored_family(address);
    return family == AF_INET ? kWindowsInetLength : family == AF_INET6 ? kWindowsInet6Length : 0;
}

int windows_family(const Address& address) {
    const unsigned short family = stored_family(address);
    return family == AF_INET ? kWindowsInet : family == AF_INET6 ? kWindowsInet6 : 0;
}

void write_windows_address(const Address& address, void* out) {
    const int length = windows_address_length(address);
    std::memcpy(out, address.bytes, static_cast<size_t>(length));
    const unsigned short family = static_cast<unsigned short>(windows_family(address));
    std::memcpy(out, &family, sizeof family);
}

namespace {

// Linux hands out ports from net.ipv4.ip_local_port_range when a socket binds port 0.
bool system_chosen_port(unsigned port) {
    static const std::pair<unsigned, unsigned> range = [] {
        unsigned low = 32768, high = 60999;
        if (FILE* file = std::fopen("/proc/sys/net/ipv4/ip_local_port_range", "r")) {
            if (std::fscanf(file, "%u %u", &low, &high) != 2) low = 32768, high = 60999;
            std::fclose(file);
        }
        return std::pair{low, high};
    }();
    return port >= range.first && port <= range.second;
}

}  // namespace

size_t format_address_and_port(const Address& address, char* out, size_t size) {
    char host[INET6_ADDRSTRLEN] = "?";
    unsigned port = 0;
    const unsigned short family = stored_family(address);
    if (family == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(address.bytes);
        inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
        port = ntohs(in->sin_port);
    } else if (family == AF_INET6) {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(address.bytes);
        inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
        port = ntohs(in6->sin6_port);
    } else {
        return static_cast<size_t>(std::snprintf(out, size, "unbound"));
    }
    const char* open = family == AF_INET ? "" : "[";
    const char* close = family == AF_INET ? "" : "]";
    if (system_chosen_port(port)) return static_cast<size_t>(std::snprintf(out, size, "%s%s%s:(system port)", open, host, close));
    return static_cast<size_t>(std::snprintf(out, size, "%s%s%s:%u", open, host, close, port));
}

int parse_address(int windows_family, const char* text, void* out) {
    const int family = linux_family(windows_family);
    if (family < 0) return -1;
    return inet_pton(family, text, out) == 1 ? 1 : 0;
}

const char* format_address(int windows_family, const void* address, char* out, size_t size, int* error) {
    const int family = linux_family(windows_family);
    if (family < 0) {
        *error = EAFNOSUPPORT;
        return nullptr;
    }
    const char* text = inet_ntop(family, address, out, static_cast<socklen_t>(size));
    if (!text) *error = errno;
    return text;
}

bool parse_ipv4_classic(const char* text, uint32_t* network_order) {
    in_addr parsed{};
    if (inet_aton(text, &parsed) == 0) return false;
    *network_order = parsed.s_addr;
    return true;
}

int create_stream_socket(int windows_family) {
    const int family = linux_family(windows_family);
    if (family < 0) return -EAFNOSUPPORT;
    const int fd = ::socket(family, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
    if (fd < 0) return -errno;
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    return fd;
}

int create_datagram_socket(int windows_family) {
    const int family = linux_family(windows_family);
    if (family < 0) return -EAFNOSUPPORT;
    const int fd = ::socket(family, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_UDP);
    return fd < 0 ? -errno : fd;
}

int connect_datagram(int fd, const Address& address) {
    return result_of(::connect(fd, reinterpret_cast<const sockaddr*>(address.bytes), address.length));
}

void close_descriptor(int fd) {
    if (fd >= 0) ::close(fd);
}

int bind(int fd, const Address& address) {
    return result_of(::bind(fd, reinterpret_cast<const sockaddr*>(address.bytes), address.length));
}

int listen(int fd, int backlog) { return result_of(::listen(fd, backlog)); }

int local_address(int fd, Address& out) {
    socklen_t length = sizeof out.bytes;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(out.bytes), &length) < 0) return -errno;
    out.length = length;
    return 0;
}

int peer_address(int fd, Address& out) {
    socklen_t length = sizeof out.bytes;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(out.bytes), &length) < 0) return -errno;
    out.length = length;
    return 0;
}

int shutdown(int fd, int how) { return result_of(::shutdown(fd, how)); }

int bytes_readable(int fd) {
    int count = 0;
    if (::ioctl(fd, FIONREAD, &count) < 0) return -errno;
    return count;
}

int take_pending_error(int fd) {
    int error = 0;
    socklen_t length = sizeof error;
    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) < 0) return errno;
    return error;
}

namespace {

struct LinuxOption {
    int level;
    int name;
};

LinuxOption linux_option(Option option) {
    switch (option) {
        case Option::KeepAlive: return {SOL_SOCKET, SO_KEEPALIVE};
        case Option::Broadcast: return {SOL_SOCKET, SO_BROADCAST};
        case Option::OobInline: return {SOL_SOCKET, SO_OOBINLINE};
        case Option::DontRoute: return {SOL_SOCKET, SO_DONTROUTE};
        case Option::ReceiveBuffer: return {SOL_SOCKET, SO_RCVBUF};
        case Option::SendBuffer: return {SOL_SOCKET, SO_SNDBUF};
        case Option::NoDelay: return {IPPROTO_TCP, TCP_NODELAY};
    }
    return {SOL_SOCKET, SO_KEEPALIVE};
}

}  // namespace

int set_option(int fd, Option option, int value) {
    const LinuxOption o = linux_option(option);
    return result_of(::setsockopt(fd, o.level, o.name, &value, sizeof value));
}

int get_option(int fd, Option option, int* value) {
    const LinuxOption o = linux_option(option);
    socklen_t length = sizeof *value;
    if (::getsockopt(fd, o.level, o.name, value, &length) < 0) return -errno;
    // Linux reports twice the buffer size it was given (it counts its bookkeeping); Windows
    // reports the size set.
    if (option == Option::ReceiveBuffer || option == Option::SendBuffer) *value /= 2;
    return 0;
}

int set_linger(int fd, bool on, int seconds) {
    const linger value{on ? 1 : 0, seconds};
    return result_of(::setsockopt(fd, SOL_SOCKET, SO_LINGER, &value, sizeof value));
}

int get_linger(int fd, bool* on, int* seconds) {
    linger value{};
    socklen_t length = sizeof value;
    if (::getsockopt(fd, SOL_SOCKET, SO_LINGER, &value, &length) < 0) return -errno;
    *on = value.l_onoff != 0;
    *seconds = value.l_linger;
    return 0;
}

namespace {

// sun_path of an abstract-namespace address: a NUL, then the name (no file on disk).
socklen_t local_address_for(std::string_view name, sockaddr_un& address) {
    address = {};
    address.sun_family = AF_UNIX;
    const size_t length = std::min(name.size(), sizeof address.sun_path - 1);
    std::memcpy(address.sun_path + 1, name.data(), length);
    return static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + length);
}

}  // namespace

int create_local_listener(std::string_view name, bool records) {
    const int fd = ::socket(AF_UNIX, (records ? SOCK_SEQPACKET : SOCK_STREAM) | SOCK_CLOEXEC, 0);
    if (fd < 0) return -errno;
    sockaddr_un address;
    const socklen_t length = local_address_for(name, address);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), length) < 0 || ::listen(fd, SOMAXCONN) < 0) {
        const int error = errno;
        ::close(fd);
        return -error;
    }
    return fd;
}

int connect_local(std::string_view name, bool records) {
    const int fd = ::socket(AF_UNIX, (records ? SOCK_SEQPACKET : SOCK_STREAM) | SOCK_CLOEXEC, 0);
    if (fd < 0) return -errno;
    sockaddr_un address;
    const socklen_t length = local_address_for(name, address);
    int result;
    do {
        result = ::connect(fd, reinterpret_cast<sockaddr*>(&address), length);
    } while (result < 0 && errno == EINTR);
    if (result < 0) {
        const int error = errno == ECONNREFUSED ? ENOENT : errno;
        ::close(fd);
        return -error;
    }
    return fd;
}

int accept_connection(int listener) {
    const int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    return fd < 0 ? -errno : fd;
}

int64_t peek(int fd, void* buffer, size_t size, size_t* waiting) {
    int count = 0;
    if (::ioctl(fd, FIONREAD, &count) < 0) return -errno;
    *waiting = static_cast<size_t>(count);
    if (count == 0) {
        char byte;
        const ssize_t n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
        if (n == 0) return -EPIPE;
        if (n < 0 && errno != EAGAIN) return -errno;
        return 0;
    }
    if (size == 0) return 0;
    const ssize_t n = ::recv(fd, buffer, std::min(size, *waiting), MSG_PEEK | MSG_DONTWAIT);
    return n < 0 ? -errno : n;
}

int wsa_error_from_errno(int error) {
    switch (error) {
        case 0: return 0;
        case EINTR: return WSAEINTR;
        case EBADF: return WSAENOTSOCK;
        case EACCES:
        case EPERM: return WSAEACCES;
        case EFAULT: return WSAEFAULT;
        case EINVAL: return WSAEINVAL;
        case EMFILE:
        case ENFILE: return WSAEMFILE;
        case EAGAIN: return WSAEWOULDBLOCK;
        case EINPROGRESS: return WSAEWOULDBLOCK;  // a non-blocking connect() has started
        case EALREADY: return WSAEALREADY;
        case ENOTSOCK: return WSAENOTSOCK;
        case EDESTADDRREQ: return WSAEDESTADDRREQ;
        case EMSGSIZE: return WSAEMSGSIZE;
        case ENOPROTOOPT: return WSAENOPROTOOPT;
        case EPROTONOSUPPORT: return WSAEPROTONOSUPPORT;
        case EOPNOTSUPP: return WSAEOPNOTSUPP;
        case EAFNOSUPPORT: return WSAEAFNOSUPPORT;
        case EADDRINUSE: return WSAEADDRINUSE;
        case EADDRNOTAVAIL: return WSAEADDRNOTAVAIL;
        case ENETDOWN: return WSAENETDOWN;
        case ENETUNREACH: return WSAENETUNREACH;
        case ENETRESET: return WSAENETRESET;
        case ECONNABORTED: return WSAECONNABORTED;
        case ECONNRESET:
        case EPIPE: return WSAECONNRESET;
        case ENOBUFS:
        case ENOMEM: return WSAENOBUFS;
        case EISCONN: return WSAEISCONN;
        case ENOTCONN: return WSAENOTCONN;
        case ESHUTDOWN: return WSAESHUTDOWN;
        case ETIMEDOUT: return WSAETIMEDOUT;
        case ECONNREFUSED: return WSAECONNREFUSED;
        case EHOSTUNREACH: return WSAEHOSTUNREACH;
        case ECANCELED: return ERROR_OPERATION_ABORTED;
        default: return WSAEINVAL;
    }
}

uint32_t socket_status_from_errno(int error) {
    switch (error) {
        case 0: return kStatusSuccess;
        case ECONNRESET:
        case EPIPE: return kStatusConnectionReset;
        case ECONNABORTED: return kStatusConnectionAborted;
        case ENOTCONN: return kStatusInvalidConnection;
        case ECANCELED: return kStatusCancelled;
        case ETIMEDOUT: return kStatusIoTimeout;
        case ECONNREFUSED: return kStatusConnectionRefused;
        case ENETUNREACH: return kStatusNetworkUnreachable;
        case EHOSTUNREACH: return kStatusHostUnreachable;
        case EADDRINUSE: return kStatusAddressAlreadyExists;
        case ENOBUFS:
        case ENOMEM: return kStatusInsufficientResources;
        case EMFILE:
        case ENFILE: return kStatusTooManyOpenedFiles;
        case EBADF: return kStatusInvalidHandle;
        default: return kStatusInvalidParameter;
    }
}

}  // namespace ovlab::posix::net
