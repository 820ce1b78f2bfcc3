// The Microsoft extension functions that exist only behind WSAIoctl(SIO_GET_EXTENSION_FUNCTION_
// POINTER): ConnectEx has no exported name on Windows (programs get it as an LPFN_CONNECTEX), so
// it is not a C symbol here either. AcceptEx and GetAcceptExSockaddrs are exported (mswsock.h).
#pragma once

#include <winsock2.h>

namespace ovlab::posix {

BOOL PASCAL ConnectEx(SOCKET s, const struct sockaddr* name, int namelen, PVOID lpSendBuffer, DWORD dwSendDataLength,
                      LPDWORD lpdwBytesSent, LPOVERLAPPED lpOverlapped);

}  // namespace ovlab::posix
