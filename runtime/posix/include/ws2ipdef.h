// IPv6 socket addresses, as the SDK's <ws2ipdef.h> (and <in6addr.h>) declare them.
#pragma once
#pragma GCC system_header

#include "ws2def.h"

typedef struct in6_addr {
    union {
        UCHAR Byte[16];
        USHORT Word[8];
    } u;
} IN6_ADDR, *PIN6_ADDR, *LPIN6_ADDR;

#define in_addr6 in6_addr
#define _S6_un u
#define _S6_u8 Byte
#define s6_addr _S6_un._S6_u8
#define s6_bytes u.Byte
#define s6_words u.Word

// The SDK puts sin6_scope_id in a union with a SCOPE_ID bit-field view; the lab has only the ULONG.
typedef struct sockaddr_in6 {
    ADDRESS_FAMILY sin6_family;  // AF_INET6
    USHORT sin6_port;            // transport level port number, network byte order
    ULONG sin6_flowinfo;         // IPv6 flow information
    IN6_ADDR sin6_addr;          // IPv6 address
    ULONG sin6_scope_id;         // set of interfaces for a scope
} SOCKADDR_IN6_LH, *PSOCKADDR_IN6_LH, *LPSOCKADDR_IN6_LH;
typedef SOCKADDR_IN6_LH SOCKADDR_IN6;
typedef SOCKADDR_IN6_LH* PSOCKADDR_IN6;
typedef SOCKADDR_IN6_LH* LPSOCKADDR_IN6;

#define INET_ADDRSTRLEN 22
#define INET6_ADDRSTRLEN 65

#ifdef __cplusplus
static_assert(sizeof(IN6_ADDR) == 16, "IN6_ADDR is 16 bytes");
static_assert(sizeof(SOCKADDR_IN6) == 28, "SOCKADDR_IN6 is 28 bytes");
#endif
