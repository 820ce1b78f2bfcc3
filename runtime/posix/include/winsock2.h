// Winsock 2, first slice: the types and constants overlapped socket code names, as the SDK's
// <winsock2.h> declares them. The socket functions themselves come with the sockets issue.
#pragma once
#pragma GCC system_header

#include "windows.h"

typedef UINT_PTR SOCKET;
#define INVALID_SOCKET (SOCKET)(~0)
#define SOCKET_ERROR (-1)

#define WSAEVENT HANDLE
#define LPWSAEVENT LPHANDLE
#define WSAOVERLAPPED OVERLAPPED
typedef struct _OVERLAPPED* LPWSAOVERLAPPED;

typedef struct _WSABUF {
    ULONG len;   // length of the buffer
    CHAR* buf;   // the buffer
} WSABUF, *LPWSABUF;

#define WSA_IO_PENDING (ERROR_IO_PENDING)
#define WSA_IO_INCOMPLETE (ERROR_IO_INCOMPLETE)
#define WSA_INVALID_HANDLE (ERROR_INVALID_HANDLE)
#define WSA_INVALID_PARAMETER (ERROR_INVALID_PARAMETER)
#define WSA_NOT_ENOUGH_MEMORY (ERROR_NOT_ENOUGH_MEMORY)
#define WSA_OPERATION_ABORTED (ERROR_OPERATION_ABORTED)
#define WSA_INVALID_EVENT ((WSAEVENT)NULL)
#define WSA_MAXIMUM_WAIT_EVENTS (MAXIMUM_WAIT_OBJECTS)
#define WSA_WAIT_FAILED (WAIT_FAILED)
#define WSA_WAIT_EVENT_0 (WAIT_OBJECT_0)
#define WSA_WAIT_IO_COMPLETION (WAIT_IO_COMPLETION)
#define WSA_WAIT_TIMEOUT (WAIT_TIMEOUT)
#define WSA_INFINITE (INFINITE)

#define WSA_FLAG_OVERLAPPED 0x01

#ifdef __cplusplus
static_assert(sizeof(SOCKET) == 8, "SOCKET is pointer-sized on x64");
static_assert(sizeof(WSABUF) == 16, "WSABUF is 16 bytes on x64");
#endif
