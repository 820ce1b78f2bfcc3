// Winsock 2, as the SDK's <winsock2.h> declares it, for the part the lab implements: socket
// lifetime, addresses, blocking and overlapped transfers, events, WSAIoctl.
//
// Choices forced by building on Linux, stated here so nobody has to discover them:
// - Functions whose names the C library also uses (socket, bind, connect, send, recv, htons, ...)
//   are declared with an assembler name (`ovlab_winsock_socket`), so they never replace the C
//   library's own functions in the process. Source code calls them by their Winsock names as usual.
// - u_long is `unsigned long`, exactly as the SDK writes it, which makes it 64-bit here (LP64);
//   the C library defines the same u_char/u_short/u_int/u_long types and both agree.
// - fd_set, select() and the FD_ macros are Winsock's (a count and an array of SOCKETs, not the C
//   library's bitmap). The C library declares the same names in <sys/select.h>, which <stdlib.h>
//   pulls in; as Wine's and mingw's headers do, this header keeps the C library's out of the way:
//   included first, it marks <sys/select.h> as already read; included after it, it renames its own
//   fd_set and select() with macros (ovlab_winsock_fd_set, ovlab_winsock_select). struct timeval is
//   the C library's when it came first: the same two longs. FD_SETSIZE defined before this header
//   enlarges the sets as on Windows, unless <sys/select.h> came first: its 1024 is replaced by 64.
// - WSAEventSelect records FD_READ, FD_WRITE, FD_ACCEPT and FD_CLOSE; it refuses the other bits.
// - Only TCP stream sockets (AF_INET, AF_INET6) are implemented.
// Never include this header and the Linux socket headers in the same file.
#pragma once
#pragma GCC system_header

#include "guiddef.h"
#include "windows.h"
#include "ws2def.h"

#define WSAAPI
#define WINSOCK_API_LINKAGE
#ifndef PASCAL
#define PASCAL
#endif

// The symbol a C-library-named Winsock function is linked under (see the top of the file).
#define OVLAB_WINSOCK_SYMBOL(name) __asm__("ovlab_winsock_" #name)

#ifndef __u_char_defined
#define __u_char_defined
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
#endif

typedef UINT_PTR SOCKET;
#define INVALID_SOCKET (SOCKET)(~0)
#define SOCKET_ERROR (-1)

// ---- protocol families ----
#define PF_UNSPEC AF_UNSPEC
#define PF_UNIX AF_UNIX
#define PF_INET AF_INET
#define PF_IPX AF_IPX
#define PF_APPLETALK AF_APPLETALK
#define PF_NETBIOS AF_NETBIOS
#define PF_INET6 AF_INET6
#define PF_IRDA AF_IRDA
#define PF_BTH AF_BTH

#define SOMAXCONN 0x7fffffff
#define SOMAXCONN_HINT(b) (-(b))

// shutdown() how
#define SD_RECEIVE 0x00
#define SD_SEND 0x01
#define SD_BOTH 0x02

#define MSG_PARTIAL 0x8000
#define MSG_INTERRUPT 0x10
#define MSG_MAXIOVLEN 16

struct linger {
    u_short l_onoff;   // option on/off
    u_short l_linger;  // linger time, seconds
};
typedef struct linger LINGER, *PLINGER, *LPLINGER;

typedef struct sockaddr_in* LPSOCKADDR_IN;

// ---- ioctlsocket / WSAIoctl codes (written as numbers: the SDK's _IOR/_IOW macros use the
// Windows width of u_long, and Linux defines macros of the same names) ----
#define IOCPARM_MASK 0x7f
#define IOC_VOID 0x20000000
#define IOC_OUT 0x40000000
#define IOC_IN 0x80000000
#define IOC_INOUT (IOC_IN | IOC_OUT)
#define FIONREAD 0x4004667F   // _IOR('f', 127, u_long): bytes that can be read now
#define FIONBIO 0x8004667E    // _IOW('f', 126, u_long): non-blocking mode on/off
#define FIOASYNC 0x8004667D   // _IOW('f', 125, u_long)
#define SIOCATMARK 0x40047307 // _IOR('s', 7, u_long)
#define IOC_UNIX 0x00000000
#define IOC_WS2 0x08000000
#define IOC_PROTOCOL 0x10000000
#define IOC_VENDOR 0x18000000
#define _WSAIO(x, y) (IOC_VOID | (x) | (y))
#define _WSAIOR(x, y) (IOC_OUT | (x) | (y))
#define _WSAIOW(x, y) (IOC_IN | (x) | (y))
#define _WSAIORW(x, y) (IOC_INOUT | (x) | (y))
#define SIO_GET_EXTENSION_FUNCTION_POINTER _WSAIORW(IOC_WS2, 6)

// ---- select() ----
#ifdef _SYS_SELECT_H
// The C library's select() came first: its bitmap macros go, and Winsock's fd_set takes another name.
#undef FD_SETSIZE
#undef FD_SET
#undef FD_CLR
#undef FD_ZERO
#undef FD_ISSET
#define fd_set ovlab_winsock_fd_set
#define OVLAB_WINSOCK_SELECT_RENAMED 1
#else
#define _SYS_SELECT_H 1  // the C library's <sys/select.h> now adds nothing
#endif
#ifndef __timeval_defined
#define __timeval_defined 1
struct timeval {
    long tv_sec;   // seconds
    long tv_usec;  // and microseconds
};
#endif
#ifndef timerisset
#define timerisset(tvp) ((tvp)->tv_sec || (tvp)->tv_usec)
#define timerclear(tvp) ((tvp)->tv_sec = (tvp)->tv_usec = 0)
#endif
typedef struct timeval TIMEVAL, *PTIMEVAL, *LPTIMEVAL;

#ifndef FD_SETSIZE
#define FD_SETSIZE 64
#endif
typedef struct fd_set {
    u_int fd_count;                // how many of fd_array are in use
    SOCKET fd_array[FD_SETSIZE];  // the sockets, in the order they were added
} fd_set, FD_SET, *PFD_SET, *LPFD_SET;

#ifdef __cplusplus
extern "C" {
#endif
WINSOCK_API_LINKAGE int WSAAPI __WSAFDIsSet(SOCKET fd, fd_set* set);
#ifdef OVLAB_WINSOCK_SELECT_RENAMED
// An overload would lose to the C library's select() when every set is NULL: a macro instead.
#define select ovlab_winsock_select
#endif
WINSOCK_API_LINKAGE int WSAAPI select(int nfds, fd_set* readfds, fd_set* writefds, fd_set* exceptfds,
                                      const struct timeval* timeout) OVLAB_WINSOCK_SYMBOL(select);
#ifdef __cplusplus
}
#endif

// Adds a socket once, while there is room; removes one keeping the others' order; empties; asks.
#define FD_SET(fd, set)                                                                        \
    do {                                                                                       \
        u_int ovlab_i_ = 0;                                                                    \
        while (ovlab_i_ < ((fd_set*)(set))->fd_count && ((fd_set*)(set))->fd_array[ovlab_i_] != (SOCKET)(fd)) \
            ++ovlab_i_;                                                                        \
        if (ovlab_i_ == ((fd_set*)(set))->fd_count && ovlab_i_ < FD_SETSIZE) {                 \
            ((fd_set*)(set))->fd_array[ovlab_i_] = (SOCKET)(fd);                               \
            ((fd_set*)(set))->fd_count++;                                                      \
        }                                                                                      \
    } while (0)
#define FD_CLR(fd, set)                                                                        \
    do {                                                                                       \
        u_int ovlab_i_ = 0;                                                                    \
        while (ovlab_i_ < ((fd_set*)(set))->fd_count && ((fd_set*)(set))->fd_array[ovlab_i_] != (SOCKET)(fd)) \
            ++ovlab_i_;                                                                        \
        if (ovlab_i_ < ((fd_set*)(set))->fd_count) {                                           \
            for (; ovlab_i_ + 1 < ((fd_set*)(set))->fd_count; ++ovlab_i_)                      \
                ((fd_set*)(set))->fd_array[ovlab_i_] = ((fd_set*)(set))->fd_array[ovlab_i_ + 1]; \
            ((fd_set*)(set))->fd_count--;                                                      \
        }                                                                                      \
    } while (0)
#define FD_ZERO(set) (((fd_set*)(set))->fd_count = 0)
#define FD_ISSET(fd, set) __WSAFDIsSet((SOCKET)(fd), (fd_set*)(set))

// ---- WSAStartup ----
#define WSADESCRIPTION_LEN 256
#define WSASYS_STATUS_LEN 128

typedef struct WSAData {
    WORD wVersion;
    WORD wHighVersion;
    // x64 order (the SDK's _WIN64 branch): the pointer comes before the strings.
    unsigned short iMaxSockets;
    unsigned short iMaxUdpDg;
    char* lpVendorInfo;
    char szDescription[WSADESCRIPTION_LEN + 1];
    char szSystemStatus[WSASYS_STATUS_LEN + 1];
} WSADATA, *LPWSADATA;

// ---- overlapped I/O ----
#define WSAEVENT HANDLE
#define LPWSAEVENT LPHANDLE
#define WSAOVERLAPPED OVERLAPPED
typedef struct _OVERLAPPED* LPWSAOVERLAPPED;

#define WSA_IO_PENDING (ERROR_IO_PENDING)
#define WSA_IO_INCOMPLETE (ERROR_IO_INCOMPLETE)
#define WSA_INVALID_HANDLE (ERROR_INVALID_HANDLE)
#define WSA_INVALID_PARAMETER (ERROR_INVALID_PARAMETER)
#define WSA_NOT_ENOUGH_MEMORY (ERROR_NOT_ENOUGH_MEMORY)
#define WSA_OPERATION_ABORTED (ERROR_OPERATION_ABORTED)
#define WSA_INVALID_EVENT ((WSAEVENT)NULL)
#define WSA_MAXIMUM_WAIT_EVENTS (MAXIMUM_WAIT_OBJECTS)

// ---- WSAEventSelect's network events ----
#define FD_READ_BIT 0
#define FD_READ (1 << FD_READ_BIT)
#define FD_WRITE_BIT 1
#define FD_WRITE (1 << FD_WRITE_BIT)
#define FD_OOB_BIT 2
#define FD_OOB (1 << FD_OOB_BIT)
#define FD_ACCEPT_BIT 3
#define FD_ACCEPT (1 << FD_ACCEPT_BIT)
#define FD_CONNECT_BIT 4
#define FD_CONNECT (1 << FD_CONNECT_BIT)
#define FD_CLOSE_BIT 5
#define FD_CLOSE (1 << FD_CLOSE_BIT)
#define FD_MAX_EVENTS 10
#define FD_ALL_EVENTS ((1 << FD_MAX_EVENTS) - 1)

typedef struct _WSANETWORKEVENTS {
    long lNetworkEvents;
    int iErrorCode[FD_MAX_EVENTS];
} WSANETWORKEVENTS, *LPWSANETWORKEVENTS;
#define WSA_WAIT_FAILED (WAIT_FAILED)
#define WSA_WAIT_EVENT_0 (WAIT_OBJECT_0)
#define WSA_WAIT_IO_COMPLETION (WAIT_IO_COMPLETION)
#define WSA_WAIT_TIMEOUT (WAIT_TIMEOUT)
#define WSA_INFINITE (INFINITE)

typedef void(CALLBACK* LPWSAOVERLAPPED_COMPLETION_ROUTINE)(DWORD dwError, DWORD cbTransferred,
                                                          LPWSAOVERLAPPED lpOverlapped, DWORD dwFlags);

// ---- WSASocket ----
typedef unsigned int GROUP;

#define WSA_FLAG_OVERLAPPED 0x01
#define WSA_FLAG_MULTIPOINT_C_ROOT 0x02
#define WSA_FLAG_MULTIPOINT_C_LEAF 0x04
#define WSA_FLAG_MULTIPOINT_D_ROOT 0x08
#define WSA_FLAG_MULTIPOINT_D_LEAF 0x10
#define WSA_FLAG_ACCESS_SYSTEM_SECURITY 0x40
#define WSA_FLAG_NO_HANDLE_INHERIT 0x80
#define WSA_FLAG_REGISTERED_IO 0x100

#define MAX_PROTOCOL_CHAIN 7
#define WSAPROTOCOL_LEN 255

typedef struct _WSAPROTOCOLCHAIN {
    int ChainLen;
    DWORD ChainEntries[MAX_PROTOCOL_CHAIN];
} WSAPROTOCOLCHAIN, *LPWSAPROTOCOLCHAIN;

typedef struct _WSAPROTOCOL_INFOA {
    DWORD dwServiceFlags1;
    DWORD dwServiceFlags2;
    DWORD dwServiceFlags3;
    DWORD dwServiceFlags4;
    DWORD dwProviderFlags;
    GUID ProviderId;
    DWORD dwCatalogEntryId;
    WSAPROTOCOLCHAIN ProtocolChain;
    int iVersion;
    int iAddressFamily;
    int iMaxSockAddr;
    int iMinSockAddr;
    int iSocketType;
    int iProtocol;
    int iProtocolMaxOffset;
    int iNetworkByteOrder;
    int iSecurityScheme;
    DWORD dwMessageSize;
    DWORD dwProviderReserved;
    CHAR szProtocol[WSAPROTOCOL_LEN + 1];
} WSAPROTOCOL_INFOA, *LPWSAPROTOCOL_INFOA;

typedef struct _WSAPROTOCOL_INFOW {
    DWORD dwServiceFlags1;
    DWORD dwServiceFlags2;
    DWORD dwServiceFlags3;
    DWORD dwServiceFlags4;
    DWORD dwProviderFlags;
    GUID ProviderId;
    DWORD dwCatalogEntryId;
    WSAPROTOCOLCHAIN ProtocolChain;
    int iVersion;
    int iAddressFamily;
    int iMaxSockAddr;
    int iMinSockAddr;
    int iSocketType;
    int iProtocol;
    int iProtocolMaxOffset;
    int iNetworkByteOrder;
    int iSecurityScheme;
    DWORD dwMessageSize;
    DWORD dwProviderReserved;
    WCHAR szProtocol[WSAPROTOCOL_LEN + 1];
} WSAPROTOCOL_INFOW, *LPWSAPROTOCOL_INFOW;

#ifdef __cplusplus
static_assert(sizeof(SOCKET) == 8, "SOCKET is pointer-sized on x64");
static_assert(sizeof(struct linger) == 4, "linger is two u_shorts");
static_assert(offsetof(fd_set, fd_array) == 8, "fd_set: a u_int count, then pointer-sized SOCKETs");
static_assert(offsetof(WSADATA, lpVendorInfo) == 8 && offsetof(WSADATA, szDescription) == 16, "x64 WSADATA layout");
#endif

// ---- functions ----
#ifdef __cplusplus
extern "C" {
#endif

WINSOCK_API_LINKAGE int WSAAPI WSAStartup(WORD wVersionRequested, LPWSADATA lpWSAData);
WINSOCK_API_LINKAGE int WSAAPI WSACleanup(void);
WINSOCK_API_LINKAGE int WSAAPI WSAGetLastError(void);
WINSOCK_API_LINKAGE void WSAAPI WSASetLastError(int iError);

WINSOCK_API_LINKAGE SOCKET WSAAPI socket(int af, int type, int protocol) OVLAB_WINSOCK_SYMBOL(socket);
WINSOCK_API_LINKAGE SOCKET WSAAPI WSASocketA(int af, int type, int protocol, LPWSAPROTOCOL_INFOA lpProtocolInfo, GROUP g,
                                             DWORD dwFlags);
WINSOCK_API_LINKAGE SOCKET WSAAPI WSASocketW(int af, int type, int protocol, LPWSAPROTOCOL_INFOW lpProtocolInfo, GROUP g,
                                             DWORD dwFlags);
WINSOCK_API_LINKAGE int WSAAPI closesocket(SOCKET s);
WINSOCK_API_LINKAGE int WSAAPI bind(SOCKET s, const struct sockaddr* name, int namelen) OVLAB_WINSOCK_SYMBOL(bind);
WINSOCK_API_LINKAGE int WSAAPI listen(SOCKET s, int backlog) OVLAB_WINSOCK_SYMBOL(listen);
WINSOCK_API_LINKAGE SOCKET WSAAPI accept(SOCKET s, struct sockaddr* addr, int* addrlen) OVLAB_WINSOCK_SYMBOL(accept);
WINSOCK_API_LINKAGE int WSAAPI connect(SOCKET s, const struct sockaddr* name, int namelen)
    OVLAB_WINSOCK_SYMBOL(connect);
WINSOCK_API_LINKAGE int WSAAPI shutdown(SOCKET s, int how) OVLAB_WINSOCK_SYMBOL(shutdown);
WINSOCK_API_LINKAGE int WSAAPI getsockname(SOCKET s, struct sockaddr* name, int* namelen)
    OVLAB_WINSOCK_SYMBOL(getsockname);
WINSOCK_API_LINKAGE int WSAAPI getpeername(SOCKET s, struct sockaddr* name, int* namelen)
    OVLAB_WINSOCK_SYMBOL(getpeername);
WINSOCK_API_LINKAGE int WSAAPI setsockopt(SOCKET s, int level, int optname, const char* optval, int optlen)
    OVLAB_WINSOCK_SYMBOL(setsockopt);
WINSOCK_API_LINKAGE int WSAAPI getsockopt(SOCKET s, int level, int optname, char* optval, int* optlen)
    OVLAB_WINSOCK_SYMBOL(getsockopt);
WINSOCK_API_LINKAGE int WSAAPI ioctlsocket(SOCKET s, long cmd, u_long* argp);
WINSOCK_API_LINKAGE int WSAAPI WSAIoctl(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer,
                                        LPVOID lpvOutBuffer, DWORD cbOutBuffer, LPDWORD lpcbBytesReturned,
                                        LPWSAOVERLAPPED lpOverlapped,
                                        LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);

WINSOCK_API_LINKAGE int WSAAPI send(SOCKET s, const char* buf, int len, int flags) OVLAB_WINSOCK_SYMBOL(send);
WINSOCK_API_LINKAGE int WSAAPI recv(SOCKET s, char* buf, int len, int flags) OVLAB_WINSOCK_SYMBOL(recv);
WINSOCK_API_LINKAGE int WSAAPI WSASend(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent,
                                       DWORD dwFlags, LPWSAOVERLAPPED lpOverlapped,
                                       LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE int WSAAPI WSARecv(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                                       LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags, LPWSAOVERLAPPED lpOverlapped,
                                       LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE int WSAAPI sendto(SOCKET s, const char* buf, int len, int flags, const struct sockaddr* to,
                                      int tolen) OVLAB_WINSOCK_SYMBOL(sendto);
WINSOCK_API_LINKAGE int WSAAPI recvfrom(SOCKET s, char* buf, int len, int flags, struct sockaddr* from, int* fromlen)
    OVLAB_WINSOCK_SYMBOL(recvfrom);
WINSOCK_API_LINKAGE int WSAAPI WSASendTo(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                                         LPDWORD lpNumberOfBytesSent, DWORD dwFlags, const struct sockaddr* lpTo,
                                         int iTolen, LPWSAOVERLAPPED lpOverlapped,
                                         LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE int WSAAPI WSARecvFrom(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                                           LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags, struct sockaddr* lpFrom,
                                           int* lpFromlen, LPWSAOVERLAPPED lpOverlapped,
                                           LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAGetOverlappedResult(SOCKET s, LPWSAOVERLAPPED lpOverlapped, LPDWORD lpcbTransfer,
                                                       BOOL fWait, LPDWORD lpdwFlags);

WINSOCK_API_LINKAGE WSAEVENT WSAAPI WSACreateEvent(void);
WINSOCK_API_LINKAGE BOOL WSAAPI WSACloseEvent(WSAEVENT hEvent);
WINSOCK_API_LINKAGE BOOL WSAAPI WSASetEvent(WSAEVENT hEvent);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAResetEvent(WSAEVENT hEvent);
WINSOCK_API_LINKAGE DWORD WSAAPI WSAWaitForMultipleEvents(DWORD cEvents, const WSAEVENT* lphEvents, BOOL fWaitAll,
                                                         DWORD dwTimeout, BOOL fAlertable);
WINSOCK_API_LINKAGE int WSAAPI WSAEventSelect(SOCKET s, WSAEVENT hEventObject, long lNetworkEvents);
WINSOCK_API_LINKAGE int WSAAPI WSAEnumNetworkEvents(SOCKET s, WSAEVENT hEventObject,
                                                    LPWSANETWORKEVENTS lpNetworkEvents);

WINSOCK_API_LINKAGE u_long WSAAPI htonl(u_long hostlong) OVLAB_WINSOCK_SYMBOL(htonl);
WINSOCK_API_LINKAGE u_short WSAAPI htons(u_short hostshort) OVLAB_WINSOCK_SYMBOL(htons);
WINSOCK_API_LINKAGE u_long WSAAPI ntohl(u_long netlong) OVLAB_WINSOCK_SYMBOL(ntohl);
WINSOCK_API_LINKAGE u_short WSAAPI ntohs(u_short netshort) OVLAB_WINSOCK_SYMBOL(ntohs);
WINSOCK_API_LINKAGE unsigned long WSAAPI inet_addr(const char* cp) OVLAB_WINSOCK_SYMBOL(inet_addr);
WINSOCK_API_LINKAGE char* WSAAPI inet_ntoa(struct in_addr in) OVLAB_WINSOCK_SYMBOL(inet_ntoa);

#ifdef __cplusplus
}
#endif

#ifdef UNICODE
#define WSASocket WSASocketW
typedef WSAPROTOCOL_INFOW WSAPROTOCOL_INFO;
typedef LPWSAPROTOCOL_INFOW LPWSAPROTOCOL_INFO;
#else
#define WSASocket WSASocketA
typedef WSAPROTOCOL_INFOA WSAPROTOCOL_INFO;
typedef LPWSAPROTOCOL_INFOA LPWSAPROTOCOL_INFO;
#endif
