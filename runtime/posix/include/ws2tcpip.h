// TCP/IP extensions to Winsock 2, as the SDK's <ws2tcpip.h> declares them: IPv6 addresses and
// the text <-> address conversions. getaddrinfo and friends are not provided.
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

#ifdef __cplusplus
}
#endif

#define InetPtonA inet_pton
#define InetNtopA inet_ntop
#ifdef UNICODE
#define InetPton InetPtonW
#define InetNtop InetNtopW
#else
#define InetPton InetPtonA
#define InetNtop InetNtopA
#endif
