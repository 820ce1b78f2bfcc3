// WSAStartup/WSACleanup, the Winsock last error, byte order and address text conversions.
#include <winsock2.h>
#include <ws2tcpip.h>

#include <cerrno>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "api_call.h"
#include "last_error.h"
#include "linux_net.h"
#include "socket.h"
#include "text_encoding.h"

namespace ovlab::posix {
namespace {

constexpr WORD kHighestVersion = MAKEWORD(2, 2);

// The version the program gets: the one it asked for when this Winsock has it, else the highest
// below it (1.0, 1.1, 2.0, 2.1, 2.2 exist).
WORD negotiated_version(WORD requested) {
    const BYTE major = LOBYTE(requested), minor = HIBYTE(requested);
    if (major == 1) return MAKEWORD(1, minor == 0 ? 0 : 1);
    if (major == 2 && minor <= 2) return requested;
    return kHighestVersion;
}

void fill_wsadata(WSADATA& data, WORD version) {
    std::memset(&data, 0, sizeof data);
    data.wVersion = version;
    data.wHighVersion = kHighestVersion;
    std::strcpy(data.szDescription, "WinSock 2.0");
    std::strcpy(data.szSystemStatus, "Running");
}

}  // namespace
}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" int WSAAPI WSAStartup(WORD wVersionRequested, LPWSADATA lpWSAData) {
    ApiCall call("WSAStartup", [&] {
        return fmt::format("wVersionRequested=MAKEWORD({}, {}), {}", LOBYTE(wVersionRequested),
                           HIBYTE(wVersionRequested), pointer_argument("lpWSAData", 1, lpWSAData));
    });
    // The result is the error itself: WSAGetLastError cannot be used before Winsock started.
    int result = 0;
    if (LOBYTE(wVersionRequested) < 1) {
        result = WSAVERNOTSUPPORTED;
        if (lpWSAData) fill_wsadata(*lpWSAData, kHighestVersion);
    } else if (!lpWSAData) {
        result = WSAEFAULT;
    } else {
        fill_wsadata(*lpWSAData, negotiated_version(wVersionRequested));
        winsock_startup();
    }
    return static_cast<int>(call.returns_dword(static_cast<DWORD>(result), false));
}

extern "C" int WSAAPI WSACleanup(void) {
    ApiCall call("WSACleanup", [] { return std::string(); });
    if (!winsock_cleanup()) return call.returns_int(wsa_fail(WSANOTINITIALISED));
    return call.returns_int(0);
}

extern "C" int WSAAPI WSAGetLastError(void) { return static_cast<int>(last_error()); }

extern "C" void WSAAPI WSASetLastError(int iError) { set_last_error(static_cast<DWORD>(iError)); }

extern "C" u_short WSAAPI htons(u_short hostshort) { return __builtin_bswap16(hostshort); }

extern "C" u_short WSAAPI ntohs(u_short netshort) { return __builtin_bswap16(netshort); }

// u_long is 64-bit here (see winsock2.h); the value is the low 32 bits, as on Windows.
extern "C" u_long WSAAPI htonl(u_long hostlong) { return __builtin_bswap32(static_cast<uint32_t>(hostlong)); }

extern "C" u_long WSAAPI ntohl(u_long netlong) { return __builtin_bswap32(static_cast<uint32_t>(netlong)); }

// Windows Server 2003 and later: NULL and "" give INADDR_NONE, as does any malformed address.
extern "C" unsigned long WSAAPI inet_addr(const char* cp) {
    uint32_t address = 0;
    if (!cp || !*cp || !net::parse_ipv4_classic(cp, &address)) return INADDR_NONE;
    return address;
}

extern "C" char* WSAAPI inet_ntoa(struct in_addr in) {
    // Winsock keeps one buffer per thread, valid until the thread's next Winsock call.
    thread_local char text[16];
    std::snprintf(text, sizeof text, "%u.%u.%u.%u", in.S_un.S_un_b.s_b1, in.S_un.S_un_b.s_b2, in.S_un.S_un_b.s_b3,
                  in.S_un.S_un_b.s_b4);
    return text;
}

extern "C" INT WSAAPI inet_pton(INT Family, PCSTR pszAddrString, PVOID pAddrBuf) {
    if (!pszAddrString || !pAddrBuf) return wsa_fail(WSAEFAULT);
    const int parsed = net::parse_address(Family, pszAddrString, pAddrBuf);
    if (parsed < 0) return wsa_fail(WSAEAFNOSUPPORT);
    return parsed;
}

extern "C" INT WSAAPI InetPtonW(INT Family, PCWSTR pszAddrString, PVOID pAddrBuf) {
    if (!pszAddrString) return wsa_fail(WSAEFAULT);
    const std::string text = utf8_from_wide(pszAddrString);
    return inet_pton(Family, text.c_str(), pAddrBuf);
}

extern "C" PCSTR WSAAPI inet_ntop(INT Family, const VOID* pAddr, PSTR pStringBuf, size_t StringBufSize) {
    if (!pAddr || !pStringBuf) {
        wsa_fail(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    int error = 0;
    const char* text = net::format_address(Family, pAddr, pStringBuf, StringBufSize, &error);
    // Windows: an unknown family is WSAEAFNOSUPPORT, a buffer too small ERROR_INVALID_PARAMETER.
    if (!text) wsa_fail(error == EAFNOSUPPORT ? WSAEAFNOSUPPORT : ERROR_INVALID_PARAMETER);
    return text;
}

extern "C" PCWSTR WSAAPI InetNtopW(INT Family, const VOID* pAddr, PWSTR pStringBuf, size_t StringBufSize) {
    char narrow[INET6_ADDRSTRLEN];
    if (!pStringBuf || !inet_ntop(Family, pAddr, narrow, sizeof narrow)) return nullptr;
    const std::wstring wide = wide_from_utf8(narrow);
    if (wide.size() + 1 > StringBufSize) {
        wsa_fail(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    std::wmemcpy(pStringBuf, wide.c_str(), wide.size() + 1);
    return pStringBuf;
}
