// Winsock definitions shared by every protocol, as the SDK's <ws2def.h> declares them: address
// families, socket-level options, generic and IPv4 socket addresses, WSABUF, message flags.
//
// The numbers are the Windows ones (AF_INET6 is 23, SOL_SOCKET 0xffff, SO_REUSEADDR 4), not the
// Linux ones: the runtime translates at the system-call boundary. Never include this header and
// <sys/socket.h> in the same file.
#pragma once
#pragma GCC system_header

#include "inaddr.h"
#include "windows.h"

typedef USHORT ADDRESS_FAMILY;

// ---- address families ----
#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_INET 2
#define AF_IMPLINK 3
#define AF_PUP 4
#define AF_CHAOS 5
#define AF_NS 6
#define AF_IPX AF_NS
#define AF_ISO 7
#define AF_OSI AF_ISO
#define AF_ECMA 8
#define AF_DATAKIT 9
#define AF_CCITT 10
#define AF_SNA 11
#define AF_DECnet 12
#define AF_DLI 13
#define AF_LAT 14
#define AF_HYLINK 15
#define AF_APPLETALK 16
#define AF_NETBIOS 17
#define AF_VOICEVIEW 18
#define AF_FIREFOX 19
#define AF_UNKNOWN1 20
#define AF_BAN 21
#define AF_ATM 22
#define AF_INET6 23
#define AF_CLUSTER 24
#define AF_12844 25
#define AF_IRDA 26
#define AF_NETDES 28
#define AF_BTH 32

// ---- socket types ----
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_RAW 3
#define SOCK_RDM 4
#define SOCK_SEQPACKET 5

// ---- socket-level options (level SOL_SOCKET) ----
#define SOL_SOCKET 0xffff
#define SO_DEBUG 0x0001
#define SO_ACCEPTCONN 0x0002
#define SO_REUSEADDR 0x0004
#define SO_KEEPALIVE 0x0008
#define SO_DONTROUTE 0x0010
#define SO_BROADCAST 0x0020
#define SO_USELOOPBACK 0x0040
#define SO_LINGER 0x0080
#define SO_OOBINLINE 0x0100
#define SO_DONTLINGER (int)(~SO_LINGER)
#define SO_EXCLUSIVEADDRUSE ((int)(~SO_REUSEADDR))
#define SO_SNDBUF 0x1001
#define SO_RCVBUF 0x1002
#define SO_SNDLOWAT 0x1003
#define SO_RCVLOWAT 0x1004
#define SO_SNDTIMEO 0x1005
#define SO_RCVTIMEO 0x1006
#define SO_ERROR 0x1007
#define SO_TYPE 0x1008
#define SO_BSP_STATE 0x1009
#define SO_GROUP_ID 0x2001
#define SO_GROUP_PRIORITY 0x2002
#define SO_MAX_MSG_SIZE 0x2003
#define SO_CONDITIONAL_ACCEPT 0x3002
#define SO_PAUSE_ACCEPT 0x3003
#define SO_COMPARTMENT_ID 0x3004
#define SO_RANDOMIZE_PORT 0x3005
#define SO_PORT_SCALABILITY 0x3006
#define SO_REUSE_UNICASTPORT 0x3007
#define SO_REUSE_MULTICASTPORT 0x3008

// ---- generic socket address ----
typedef struct sockaddr {
    ADDRESS_FAMILY sa_family;  // address family
    CHAR sa_data[14];          // up to 14 bytes of direct address
} SOCKADDR, *PSOCKADDR, *LPSOCKADDR;

#define _SS_MAXSIZE 128
#define _SS_ALIGNSIZE (sizeof(LONGLONG))  // __int64 in the SDK
#define _SS_PAD1SIZE (_SS_ALIGNSIZE - sizeof(USHORT))
#define _SS_PAD2SIZE (_SS_MAXSIZE - (sizeof(USHORT) + _SS_PAD1SIZE + _SS_ALIGNSIZE))

typedef struct sockaddr_storage {
    ADDRESS_FAMILY ss_family;
    CHAR __ss_pad1[_SS_PAD1SIZE];
    LONGLONG __ss_align;  // __int64 in the SDK: forces the 8-byte alignment
    CHAR __ss_pad2[_SS_PAD2SIZE];
} SOCKADDR_STORAGE_LH, *PSOCKADDR_STORAGE_LH, *LPSOCKADDR_STORAGE_LH;
typedef SOCKADDR_STORAGE_LH SOCKADDR_STORAGE;
typedef SOCKADDR_STORAGE_LH* PSOCKADDR_STORAGE;
typedef SOCKADDR_STORAGE_LH* LPSOCKADDR_STORAGE;

// ---- protocols ----
#define IPPROTO_IP 0
typedef enum {
    IPPROTO_HOPOPTS = 0,
    IPPROTO_ICMP = 1,
    IPPROTO_IGMP = 2,
    IPPROTO_GGP = 3,
    IPPROTO_IPV4 = 4,
    IPPROTO_ST = 5,
    IPPROTO_TCP = 6,
    IPPROTO_CBT = 7,
    IPPROTO_EGP = 8,
    IPPROTO_IGP = 9,
    IPPROTO_PUP = 12,
    IPPROTO_UDP = 17,
    IPPROTO_IDP = 22,
    IPPROTO_RDP = 27,
    IPPROTO_IPV6 = 41,
    IPPROTO_ROUTING = 43,
    IPPROTO_FRAGMENT = 44,
    IPPROTO_ESP = 50,
    IPPROTO_AH = 51,
    IPPROTO_ICMPV6 = 58,
    IPPROTO_NONE = 59,
    IPPROTO_DSTOPTS = 60,
    IPPROTO_ND = 77,
    IPPROTO_ICLFXBM = 78,
    IPPROTO_PIM = 103,
    IPPROTO_PGM = 113,
    IPPROTO_L2TP = 115,
    IPPROTO_SCTP = 132,
    IPPROTO_RAW = 255,
    IPPROTO_MAX = 256,
    IPPROTO_RESERVED_RAW = 257,
    IPPROTO_RESERVED_IPSEC = 258,
    IPPROTO_RESERVED_IPSECOFFLOAD = 259,
    IPPROTO_RESERVED_WNV = 260,
    IPPROTO_RESERVED_MAX = 261
} IPPROTO, *PIPROTO;

// TCP-level option (level IPPROTO_TCP).
#define TCP_NODELAY 0x0001

// ---- IPv4 addresses ----
#define INADDR_ANY (ULONG)0x00000000
#define INADDR_LOOPBACK 0x7f000001
#define INADDR_BROADCAST (ULONG)0xffffffff
#define INADDR_NONE 0xffffffff

typedef struct sockaddr_in {
    ADDRESS_FAMILY sin_family;
    USHORT sin_port;  // network byte order
    IN_ADDR sin_addr;
    CHAR sin_zero[8];
} SOCKADDR_IN, *PSOCKADDR_IN;

// ---- scatter/gather buffer ----
typedef struct _WSABUF {
    ULONG len;  // the length of the buffer
    CHAR* buf;  // the pointer to the buffer
} WSABUF, *LPWSABUF;

// ---- message flags (send, recv, WSASend, WSARecv) ----
#define MSG_TRUNC 0x0100
#define MSG_CTRUNC 0x0200
#define MSG_BCAST 0x0400
#define MSG_MCAST 0x0800
#define MSG_ERRQUEUE 0x1000
#define MSG_OOB 0x1
#define MSG_PEEK 0x2
#define MSG_DONTROUTE 0x4
#define MSG_WAITALL 0x8
#define MSG_PUSH_IMMEDIATE 0x20

// ---- getaddrinfo (declared in ws2tcpip.h) ----
// The Windows order: ai_canonname comes before ai_addr (the C library's struct has them the other
// way round; the two never meet, <netdb.h> is not included with this header).
typedef struct addrinfo {
    int ai_flags;              // AI_ flags
    int ai_family;             // AF_
    int ai_socktype;           // SOCK_
    int ai_protocol;           // IPPROTO_
    size_t ai_addrlen;         // length of ai_addr
    char* ai_canonname;        // canonical name (AI_CANONNAME, first entry)
    struct sockaddr* ai_addr;  // the address
    struct addrinfo* ai_next;  // the next entry, or NULL
} ADDRINFOA, *PADDRINFOA;

typedef struct addrinfoW {
    int ai_flags;
    int ai_family;
    int ai_socktype;
    int ai_protocol;
    size_t ai_addrlen;
    PWSTR ai_canonname;
    struct sockaddr* ai_addr;
    struct addrinfoW* ai_next;
} ADDRINFOW, *PADDRINFOW;

#define AI_PASSIVE 0x00000001      // the address is for bind()
#define AI_CANONNAME 0x00000002    // return the canonical name
#define AI_NUMERICHOST 0x00000004  // the node name is an address, never looked up
#define AI_NUMERICSERV 0x00000008  // the service is a port number
#define AI_ALL 0x00000100
#define AI_ADDRCONFIG 0x00000400   // only families a local interface has
#define AI_V4MAPPED 0x00000800

#ifdef __cplusplus
static_assert(sizeof(SOCKADDR) == 16, "SOCKADDR is 16 bytes");
static_assert(sizeof(SOCKADDR_IN) == 16, "SOCKADDR_IN is 16 bytes");
static_assert(offsetof(SOCKADDR_IN, sin_addr) == 4, "SOCKADDR_IN layout");
static_assert(sizeof(SOCKADDR_STORAGE) == 128, "SOCKADDR_STORAGE is 128 bytes");
static_assert(offsetof(ADDRINFOA, ai_canonname) == 24 && sizeof(ADDRINFOA) == 48, "ADDRINFOA on x64");
static_assert(sizeof(WSABUF) == 16 && offsetof(WSABUF, buf) == 8, "WSABUF is 16 bytes on x64");
#endif
