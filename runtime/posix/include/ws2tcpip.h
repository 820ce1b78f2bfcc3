// TCP/IP extensions to Winsock 2, as the SDK's <ws2tcpip.h> declares them: IPv6 addresses and
// the text <-> address conversions, getaddrinfo/GetAddrInfoW and freeaddrinfo/FreeAddrInfoW.
#pragma once
#pragma GCC system_header

#include "winsock2.h"
#include "ws2ipdef.h"

// The C library's <unistd.h> defines socklen_t (unsigned) under the same guard; whichever header
// comes first wins, and both widths are 32 bits.
#ifndef __socklen_t_defined
#define __socklen_t_defined
typedef int socklen_t;
#endif

#ifdef __cplusplus
extern "C" {
#endif

WINSOCK_API_LINKAGE INT WSAAPI inet_pton(INT Family, PCSTR pszAddrString, PVOID pAddrBuf)
    OVLAB_WINSOCK_SYMBOL(inet_pton);
WINSOCK_API_LINKAGE INT WSAAPI InetPtonW(INT Family, PCWSTR pszAddrString, PVOID pAddrBuf);
WINSOCK_API_LINKAGE PCSTR WSAAPI inet_ntop(INT Family, const VOID* pAddr, PSTR pStringBuf, size_t StringBufSize)
    OVLAB_WINSOCK_SYMBOL(inet_ntop);
WINSOCK_API_LINKAGE PCWSTR WSAAPI InetNtopW(INT Family, const VOID* pAddr, PWSTR pStringBuf, size_t StringBufSize);

// Returns 0, or a Winsock error (also set as the last error): the EAI_ names below.
WINSOCK_API_LINKAGE INT WSAAPI getaddrinfo(PCSTR pNodeName, PCSTR pServiceName, const ADDRINFOA* pHints,
                                           PADDRINFOA* ppResult) OVLAB_WINSOCK_SYMBOL(getaddrinfo);
WINSOCK_API_LINKAGE VOID WSAAPI freeaddrinfo(PADDRINFOA pAddrInfo) OVLAB_WINSOCK_SYMBOL(freeaddrinfo);
WINSOCK_API_LINKAGE INT WSAAPI GetAddrInfoW(PCWSTR pNodeName, PCWSTR pServiceName, const ADDRINFOW* pHints,
                                            PADDRINFOW* ppResult);
WINSOCK_API_LINKAGE VOID WSAAPI FreeAddrInfoW(PADDRINFOW pAddrInfo);

#ifdef __cplusplus
}
#endif

#define EAI_AGAIN WSATRY_AGAIN
#define EAI_BADFLAGS WSAEINVAL
#define EAI_FAIL WSANO_RECOVERY
#define EAI_FAMILY WSAEAFNOSUPPORT
#define EAI_MEMORY WSA_NOT_ENOUGH_MEMORY
#define EAI_NOSECURENAME WSA_SECURE_HOST_NOT_FOUND
#define EAI_NODATA EAI_NONAME
#define EAI_NONAME WSAHOST_NOT_FOUND
#define EAI_SERVICE WSATYPE_NOT_FOUND
#define EAI_SOCKTYPE WSAESOCKTNOSUPPORT
#define GetAddrInfoA getaddrinfo
#define FreeAddrInfoA freeaddrinfo

#define InetPtonA inet_pton
#define InetNtopA inet_ntop
#ifdef UNICODE
#define GetAddrInfo GetAddrInfoW
#define FreeAddrInfo FreeAddrInfoW
typedef ADDRINFOW ADDRINFOT, *PADDRINFOT;
#define InetPton InetPtonW
#define InetNtop InetNtopW
#else
#define GetAddrInfo GetAddrInfoA
#define FreeAddrInfo FreeAddrInfoA
typedef ADDRINFOA ADDRINFOT, *PADDRINFOT;
#define InetPton InetPtonA
#define InetNtop InetNtopA
#endif
