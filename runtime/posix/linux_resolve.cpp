// getaddrinfo's Linux side: the C library's getaddrinfo with the flags, families and errors
// translated to and from Windows' numbers. "localhost" is answered with the loopback addresses, as
// Windows' resolver does, whatever /etc/hosts says (docs/windows-rules.md §13).
#include <netdb.h>
#include <strings.h>
#include <sys/socket.h>

#include <cstring>
#include <utility>

#include "linux_net.h"
#include "winerror.h"

namespace ovlab::posix::net {
namespace {

// ws2def.h's AI_ values.
constexpr int kPassive = 0x1, kCanonName = 0x2, kNumericHost = 0x4, kNumericServ = 0x8, kAll = 0x100,
              kAddrConfig = 0x400, kV4Mapped = 0x800;
constexpr int kKnownFlags = kPassive | kCanonName | kNumericHost | kNumericServ | kAll | kAddrConfig | kV4Mapped;
constexpr int kWindowsInet = 2, kWindowsInet6 = 23;

int linux_flags(int windows) {
    int flags = 0;
    if (windows & kPassive) flags |= AI_PASSIVE;
    if (windows & kCanonName) flags |= AI_CANONNAME;
    if (windows & kNumericHost) flags |= AI_NUMERICHOST;
    if (windows & kNumericServ) flags |= AI_NUMERICSERV;
    if (windows & kAll) flags |= AI_ALL;
    if (windows & kAddrConfig) flags |= AI_ADDRCONFIG;
    if (windows & kV4Mapped) flags |= AI_V4MAPPED;
    return flags;
}

// ws2tcpip.h defines the EAI_ names as these Winsock errors.
int winsock_error(int eai) {
    switch (eai) {
        case EAI_AGAIN: return WSATRY_AGAIN;
        case EAI_BADFLAGS: return WSAEINVAL;
        case EAI_FAMILY: return WSAEAFNOSUPPORT;
        case EAI_MEMORY: return 8;  // WSA_NOT_ENOUGH_MEMORY
        case EAI_SERVICE: return WSATYPE_NOT_FOUND;
        case EAI_SOCKTYPE: return WSAESOCKTNOSUPPORT;
        case EAI_NONAME:
        case EAI_NODATA:
        case EAI_ADDRFAMILY: return WSAHOST_NOT_FOUND;
        default: return WSANO_RECOVERY;
    }
}

// Appends the C library's answers for `node`; 0 or the Winsock error.
int look_up(const char* node, const char* service, const addrinfo& hints, int socket_type, Resolution& out) {
    addrinfo* found = nullptr;
    if (const int eai = ::getaddrinfo(node, service, &hints, &found); eai != 0) return winsock_error(eai);
    for (const addrinfo* entry = found; entry; entry = entry->ai_next) {
        if (entry->ai_family != AF_INET && entry->ai_family != AF_INET6) continue;
        ResolvedAddress answer;
        answer.socket_type = socket_type == 0 ? 0 : entry->ai_socktype;
        answer.protocol = socket_type == 0 ? 0 : entry->ai_protocol;
        std::memcpy(answer.address.bytes, entry->ai_addr, entry->ai_addrlen);
        answer.address.length = entry->ai_addrlen;
        out.addresses.push_back(answer);
    }
    if (found && found->ai_canonname) out.canonical_name = found->ai_canonname;
    ::freeaddrinfo(found);
    return 0;
}

// Windows answers "localhost" with every loopback address of the families asked for; the runtime
// puts ::1 before 127.0.0.1, the order RFC 6724's default policy gives. A request for the
// canonical name or with AI_ADDRCONFIG still goes to the C library.
bool is_localhost(const char* node, const addrinfo& hints) {
    return node && ::strcasecmp(node, "localhost") == 0 &&
           !(hints.ai_flags & (AI_NUMERICHOST | AI_CANONNAME | AI_ADDRCONFIG));
}

int look_up_localhost(const char* service, addrinfo hints, int socket_type, Resolution& out) {
    const int family = hints.ai_family;
    hints.ai_flags |= AI_NUMERICHOST;
    for (const auto& [loopback_family, loopback] : {std::pair{AF_INET6, "::1"}, std::pair{AF_INET, "127.0.0.1"}}) {
        if (family != AF_UNSPEC && family != loopback_family) continue;
        hints.ai_family = loopback_family;
        if (const int error = look_up(loopback, service, hints, socket_type, out); error != 0) return error;
    }
    return 0;
}

}  // namespace

int resolve(const char* node, const char* service, int windows_flags, int windows_family, int socket_type,
            int protocol, Resolution& out) {
    if (windows_flags & ~kKnownFlags) return WSAEINVAL;
    if (!node && !service) return WSAHOST_NOT_FOUND;
    if (windows_family != 0 && windows_family != kWindowsInet && windows_family != kWindowsInet6) return WSAEAFNOSUPPORT;
    addrinfo hints{};
    hints.ai_flags = linux_flags(windows_flags);
    hints.ai_family = windows_family == kWindowsInet ? AF_INET : windows_family == kWindowsInet6 ? AF_INET6 : AF_UNSPEC;
    // Windows answers a request with no socket type once per address, with type and protocol 0;
    // Linux would answer once per type. One type is asked for, and 0 reported.
    hints.ai_socktype = socket_type == 0 ? SOCK_STREAM : socket_type;
    hints.ai_protocol = socket_type == 0 ? 0 : protocol;
    const int error = is_localhost(node, hints) ? look_up_localhost(service, hints, socket_type, out)
                                                : look_up(node, service, hints, socket_type, out);
    if (error != 0) return error;
    return out.addresses.empty() ? WSAHOST_NOT_FOUND : 0;
}

}  // namespace ovlab::posix::net
