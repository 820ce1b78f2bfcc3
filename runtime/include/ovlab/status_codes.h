// The one table of Win32 numbers the product prints: NTSTATUS values (what OVERLAPPED.Internal
// holds), Win32/Winsock error codes (what GetLastError returns) and wait results. The runtime, the
// trace printer and the UI tooltips all name numbers through these functions, so no output ever
// shows a bare number without its name.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// X(name, value, meaning)
#define OVLAB_NTSTATUS_TABLE(X)                                                                   \
    X(STATUS_SUCCESS, 0x00000000u, "the request finished successfully")                           \
    X(STATUS_PENDING, 0x00000103u, "the request was started and has not finished yet")             \
    X(STATUS_BUFFER_OVERFLOW, 0x80000005u, "more data is waiting than the buffer could hold")      \
    X(STATUS_HANDLES_CLOSED, 0x8000000Au, "the handle was closed while the request was pending")   \
    X(STATUS_END_OF_FILE, 0xC0000011u, "the read started at or past the end of the file")          \
    X(STATUS_CANCELLED, 0xC0000120u, "the request was cancelled (CancelIo/CancelIoEx)")            \
    X(STATUS_LOCAL_DISCONNECT, 0xC000013Bu, "this side closed the connection")                     \
    X(STATUS_PIPE_BROKEN, 0xC000014Bu, "the other end of the pipe was closed")                     \
    X(STATUS_CONNECTION_RESET, 0xC000020Du, "the peer reset the connection")                       \
    X(STATUS_CONNECTION_ABORTED, 0xC0000241u, "the connection was aborted on this side")           \
    X(STATUS_INVALID_HANDLE, 0xC0000008u, "the handle is not valid")                               \
    X(STATUS_INVALID_PARAMETER, 0xC000000Du, "a parameter is not valid")                           \
    X(STATUS_ACCESS_DENIED, 0xC0000022u, "the handle was not opened for this kind of access")      \
    X(STATUS_OBJECT_NAME_NOT_FOUND, 0xC0000034u, "the file does not exist")                        \
    X(STATUS_DISK_FULL, 0xC000007Fu, "the disk is full")                                           \
    X(STATUS_INVALID_DEVICE_REQUEST, 0xC0000010u, "the request does not apply to this kind of handle") \
    X(STATUS_INSUFFICIENT_RESOURCES, 0xC000009Au, "the system ran out of resources")              \
    X(STATUS_DEVICE_NOT_READY, 0xC00000A3u, "a non-blocking socket could not do it without waiting") \
    X(STATUS_PIPE_DISCONNECTED, 0xC00000B0u, "no client is connected, or the socket was shut down") \
    X(STATUS_PIPE_CLOSING, 0xC00000B1u, "the other end of the pipe is closed")                    \
    X(STATUS_PIPE_CONNECTED, 0xC00000B2u, "a client is already connected to the pipe")            \
    X(STATUS_PIPE_LISTENING, 0xC00000B3u, "the pipe is waiting for a client to connect")          \
    X(STATUS_IO_TIMEOUT, 0xC00000B5u, "the time-out (SO_RCVTIMEO/SO_SNDTIMEO) elapsed")           \
    X(STATUS_INVALID_CONNECTION, 0xC0000140u, "the socket is not connected")                      \
    X(STATUS_ADDRESS_ALREADY_EXISTS, 0xC000020Au, "the address is already in use")                \
    X(STATUS_CONNECTION_REFUSED, 0xC0000236u, "nothing listens on that address: the connection was refused") \
    X(STATUS_NETWORK_UNREACHABLE, 0xC000023Cu, "the network is unreachable")                      \
    X(STATUS_HOST_UNREACHABLE, 0xC000023Du, "the host is unreachable")                            \
    X(STATUS_UNSUCCESSFUL, 0xC0000001u, "the request failed")

#define OVLAB_WIN32_ERROR_TABLE(X)                                                                 \
    X(ERROR_SUCCESS, 0u, "no error")                                                               \
    X(ERROR_INVALID_FUNCTION, 1u, "the function is not valid for this handle")                     \
    X(ERROR_FILE_NOT_FOUND, 2u, "the file does not exist")                                         \
    X(ERROR_PATH_NOT_FOUND, 3u, "the folder does not exist")                                       \
    X(ERROR_TOO_MANY_OPEN_FILES, 4u, "too many handles are open")                                  \
    X(ERROR_ACCESS_DENIED, 5u, "access denied, or the handle lacks that access right")            \
    X(ERROR_INVALID_HANDLE, 6u, "the handle is not valid (closed, or never opened)")               \
    X(ERROR_NOT_ENOUGH_MEMORY, 8u, "not enough memory")                                            \
    X(ERROR_NOT_READY, 21u, "the device is not ready")                                               \
    X(ERROR_GEN_FAILURE, 31u, "the device failed the request")                                     \
    X(ERROR_SHARING_VIOLATION, 32u, "another handle holds the file without sharing it")            \
    X(ERROR_HANDLE_EOF, 38u, "the read started at or past the end of the file")                    \
    X(ERROR_NOT_SUPPORTED, 50u, "the request is not supported")                                    \
    X(ERROR_DUP_NAME, 52u, "the address is already in use")                                       \
    X(ERROR_NETNAME_DELETED, 64u, "the connection was reset or closed")                            \
    X(ERROR_FILE_EXISTS, 80u, "the file already exists")                                           \
    X(ERROR_INVALID_PARAMETER, 87u, "a parameter is not valid")                                    \
    X(ERROR_BROKEN_PIPE, 109u, "the other end of the pipe was closed")                             \
    X(ERROR_DISK_FULL, 112u, "the disk is full")                                                   \
    X(ERROR_SEM_TIMEOUT, 121u, "the time-out elapsed")                                              \
    X(ERROR_INSUFFICIENT_BUFFER, 122u, "the buffer is too small")                                  \
    X(ERROR_INVALID_NAME, 123u, "the name is not valid")                                           \
    X(ERROR_NEGATIVE_SEEK, 131u, "the file pointer would move before the start of the file")      \
    X(ERROR_ALREADY_EXISTS, 183u, "the object already exists")                                     \
    X(ERROR_BAD_PIPE, 230u, "the pipe is in the wrong state for this (message mode, no client)")  \
    X(ERROR_PIPE_BUSY, 231u, "every instance of the pipe is busy")                                \
    X(ERROR_NO_DATA, 232u, "the pipe is being closed: the other end is gone")                     \
    X(ERROR_PIPE_NOT_CONNECTED, 233u, "no process is on the other end of the pipe")               \
    X(ERROR_MORE_DATA, 234u, "more data is available than the buffer could hold")                  \
    X(ERROR_PIPE_CONNECTED, 535u, "a client connected before ConnectNamedPipe was called")         \
    X(ERROR_PIPE_LISTENING, 536u, "the pipe waits for a client: nothing to read or write yet")    \
    X(ERROR_HANDLES_CLOSED, 676u, "the handle was closed while the request was pending")           \
    X(ERROR_ABANDONED_WAIT_0, 735u, "the completion port was closed while waiting")                \
    X(ERROR_OPERATION_ABORTED, 995u, "the request was cancelled")                                  \
    X(ERROR_IO_INCOMPLETE, 996u, "the request has not finished yet")                               \
    X(ERROR_IO_PENDING, 997u, "the request was started and will finish later")                     \
    X(ERROR_NOACCESS, 998u, "a buffer pointer is not valid for the length given")                  \
    X(ERROR_NOT_FOUND, 1168u, "no matching request was found")                                     \
    X(ERROR_CONNECTION_REFUSED, 1225u, "the remote computer refused the connection")              \
    X(ERROR_CONNECTION_INVALID, 1229u, "the socket is not connected")                             \
    X(ERROR_NETWORK_UNREACHABLE, 1231u, "the network is unreachable")                             \
    X(ERROR_HOST_UNREACHABLE, 1232u, "the host is unreachable")                                   \
    X(ERROR_CONNECTION_ABORTED, 1236u, "the connection was aborted on this side")                  \
    X(ERROR_NO_SYSTEM_RESOURCES, 1450u, "the system ran out of resources")                        \
    X(ERROR_INVALID_USER_BUFFER, 1784u, "the buffer given is not valid for the length given")      \
    X(WSAEINTR, 10004u, "the call was interrupted")                                                \
    X(WSAEBADF, 10009u, "the socket handle is not valid")                                          \
    X(WSAEACCES, 10013u, "permission denied")                                                      \
    X(WSAEFAULT, 10014u, "a pointer argument is not valid")                                        \
    X(WSAEINVAL, 10022u, "an argument is not valid")                                               \
    X(WSAEMFILE, 10024u, "too many sockets are open")                                              \
    X(WSAEWOULDBLOCK, 10035u, "the operation would block")                                         \
    X(WSAEINPROGRESS, 10036u, "a blocking operation is in progress")                               \
    X(WSAEALREADY, 10037u, "the operation is already in progress")                                 \
    X(WSAENOTSOCK, 10038u, "the handle is not a socket")                                           \
    X(WSAEDESTADDRREQ, 10039u, "a destination address is required")                               \
    X(WSAEMSGSIZE, 10040u, "the message is too long")                                              \
    X(WSAEPROTOTYPE, 10041u, "the protocol does not fit the socket type")                         \
    X(WSAENOPROTOOPT, 10042u, "the option is unknown or not supported at that level")             \
    X(WSAEPROTONOSUPPORT, 10043u, "the protocol is not supported")                                 \
    X(WSAESOCKTNOSUPPORT, 10044u, "the socket type is not supported")                             \
    X(WSAEOPNOTSUPP, 10045u, "the operation is not supported")                                     \
    X(WSAEPFNOSUPPORT, 10046u, "the protocol family is not supported")                            \
    X(WSAEAFNOSUPPORT, 10047u, "the address family is not supported")                              \
    X(WSAEADDRINUSE, 10048u, "the address is already in use")                                      \
    X(WSAEADDRNOTAVAIL, 10049u, "the address is not available")                                    \
    X(WSAENETDOWN, 10050u, "the network is down")                                                  \
    X(WSAENETUNREACH, 10051u, "the network is unreachable")                                        \
    X(WSAENETRESET, 10052u, "the connection broke while the operation was in progress")           \
    X(WSAECONNABORTED, 10053u, "the connection was aborted on this side")                          \
    X(WSAECONNRESET, 10054u, "the peer reset the connection")                                      \
    X(WSAENOBUFS, 10055u, "no buffer space is available")                                          \
    X(WSAEISCONN, 10056u, "the socket is already connected")                                       \
    X(WSAENOTCONN, 10057u, "the socket is not connected")                                          \
    X(WSAESHUTDOWN, 10058u, "the socket was shut down")                                            \
    X(WSAETIMEDOUT, 10060u, "the connection timed out")                                            \
    X(WSAECONNREFUSED, 10061u, "the connection was refused")                                       \
    X(WSAEHOSTUNREACH, 10065u, "the host is unreachable")                                          \
    X(WSASYSNOTREADY, 10091u, "the network subsystem is not ready")                                \
    X(WSAVERNOTSUPPORTED, 10092u, "that Winsock version is not supported")                         \
    X(WSANOTINITIALISED, 10093u, "WSAStartup has not been called")

// X(name, value, meaning)
#define OVLAB_WAIT_RESULT_TABLE(X)                                                                 \
    X(WAIT_OBJECT_0, 0x00000000u, "the first (or only) object was signalled")                      \
    X(WAIT_ABANDONED_0, 0x00000080u, "a mutex was abandoned by a thread that exited")              \
    X(WAIT_IO_COMPLETION, 0x000000C0u, "the alertable wait ran queued APCs and returned")           \
    X(WAIT_TIMEOUT, 0x00000102u, "the time-out elapsed before anything was signalled")             \
    X(WAIT_FAILED, 0xFFFFFFFFu, "the wait itself failed; see GetLastError")

namespace ovlab {

struct CodeInfo {
    std::string_view name;     // empty when the number is not in the table
    std::string_view meaning;
};

CodeInfo ntstatus_info(uint32_t status);
CodeInfo win32_error_info(uint32_t error);

// RtlNtStatusToDosError for the statuses the runtime produces (GetOverlappedResult, GQCS).
uint32_t ntstatus_to_win32_error(uint32_t status);
// What WSAGetOverlappedResult reports for the same status (differs for network statuses).
uint32_t ntstatus_to_wsa_error(uint32_t status);

// "0xC0000011 (STATUS_END_OF_FILE)", "997 (ERROR_IO_PENDING)", "0x102 (WAIT_TIMEOUT)".
std::string format_ntstatus(uint32_t status);
std::string format_win32_error(uint32_t error);
std::string format_wait_result(uint32_t result, uint32_t object_count);

}  // namespace ovlab
