// The one table of Win32 numbers: NTSTATUS values (what OVERLAPPED.Internal holds) with the Win32
// and Winsock errors each one becomes, Win32/Winsock error codes (what GetLastError returns) and
// wait results. The runtime's constants and conversions, the trace printer and the UI tooltips all
// come from these rows, so no output shows a bare number without its name and no other file
// spells an NTSTATUS number (tests/unit/status_codes_spelled_once_test.cpp checks).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ovlab/language.h"

// One row per NTSTATUS the lab knows:
// X(name, constant, value, Win32 error, Winsock error, meaning in English, meaning in Korean)
// - constant: the C++ name the lab's code uses (ovlab::kStatusEndOfFile). The Windows name cannot
//   be that name: the Win32 headers define some of them (STATUS_PENDING) as macros.
// - Win32 error: what GetLastError says after GetOverlappedResult or GetQueuedCompletionStatus
//   reports the status (RtlNtStatusToDosError), named from OVLAB_WIN32_ERROR_TABLE.
// - Winsock error: what WSAGetOverlappedResult and WSAGetLastError say for it; network statuses
//   have Winsock numbers of their own (docs/windows-rules.md §1).
// A number outside the table converts to ERROR_GEN_FAILURE, as RtlNtStatusToDosError does.
#define OVLAB_NTSTATUS_TABLE(X)                                                                                 \
    X(STATUS_SUCCESS, kStatusSuccess, 0x00000000u, ERROR_SUCCESS, ERROR_SUCCESS,                                \
      "the request finished successfully",                                                                      \
      "요청이 성공적으로 끝났습니다")                                                                           \
    X(STATUS_PENDING, kStatusPending, 0x00000103u, ERROR_IO_PENDING, ERROR_IO_PENDING,                          \
      "the request was started and has not finished yet",                                                       \
      "요청이 시작되었고 아직 끝나지 않았습니다")                                                               \
    X(STATUS_BUFFER_OVERFLOW, kStatusBufferOverflow, 0x80000005u, ERROR_MORE_DATA, WSAEMSGSIZE,                 \
      "the data was longer than the buffer: the buffer holds its first part",                                   \
      "데이터가 버퍼보다 길었습니다. 버퍼에는 앞부분이 담겼습니다")                                             \
    X(STATUS_HANDLES_CLOSED, kStatusHandlesClosed, 0x8000000Au, ERROR_HANDLES_CLOSED, ERROR_HANDLES_CLOSED,     \
      "the handle was closed while the request was pending",                                                    \
      "요청이 진행 중일 때 핸들이 닫혔습니다")                                                                  \
    X(STATUS_END_OF_FILE, kStatusEndOfFile, 0xC0000011u, ERROR_HANDLE_EOF, ERROR_HANDLE_EOF,                    \
      "the read started at or past the end of the file",                                                        \
      "읽기가 파일 끝이나 그 뒤에서 시작되었습니다")                                                            \
    X(STATUS_BUFFER_TOO_SMALL, kStatusBufferTooSmall, 0xC0000023u, ERROR_INSUFFICIENT_BUFFER, WSAEFAULT,       \
      "the buffer is too small for what the request must write",                                                \
      "요청이 써야 할 내용에 비해 버퍼가 너무 작습니다")                                                        \
    X(STATUS_CANCELLED, kStatusCancelled, 0xC0000120u, ERROR_OPERATION_ABORTED, ERROR_OPERATION_ABORTED,        \
      "the request was cancelled (CancelIo/CancelIoEx)",                                                        \
      "요청이 취소되었습니다(CancelIo/CancelIoEx)")                                                             \
    X(STATUS_LOCAL_DISCONNECT, kStatusLocalDisconnect, 0xC000013Bu, ERROR_NETNAME_DELETED, WSAECONNABORTED,     \
      "this side closed the connection",                                                                        \
      "이쪽에서 연결을 닫았습니다")                                                                             \
    X(STATUS_PIPE_BROKEN, kStatusPipeBroken, 0xC000014Bu, ERROR_BROKEN_PIPE, ERROR_BROKEN_PIPE,                 \
      "the other end of the pipe was closed",                                                                   \
      "파이프의 다른 쪽 끝이 닫혔습니다")                                                                       \
    X(STATUS_IO_DEVICE_ERROR, kStatusIoDeviceError, 0xC0000185u, ERROR_IO_DEVICE, ERROR_IO_DEVICE,              \
      "the device reported an I/O error",                                                                       \
      "장치가 I/O 오류를 보고했습니다")                                                                         \
    X(STATUS_CONNECTION_RESET, kStatusConnectionReset, 0xC000020Du, ERROR_NETNAME_DELETED, WSAECONNRESET,       \
      "the peer reset the connection",                                                                          \
      "상대가 연결을 리셋했습니다")                                                                             \
    X(STATUS_CONNECTION_ABORTED, kStatusConnectionAborted, 0xC0000241u, ERROR_CONNECTION_ABORTED, WSAECONNABORTED, \
      "the connection was aborted on this side",                                                                \
      "이쪽에서 연결이 중단되었습니다")                                                                         \
    X(STATUS_INVALID_HANDLE, kStatusInvalidHandle, 0xC0000008u, ERROR_INVALID_HANDLE, ERROR_INVALID_HANDLE,     \
      "the handle is not valid",                                                                                \
      "핸들이 올바르지 않습니다")                                                                               \
    X(STATUS_INVALID_PARAMETER, kStatusInvalidParameter, 0xC000000Du, ERROR_INVALID_PARAMETER, WSAEINVAL,       \
      "a parameter is not valid",                                                                               \
      "매개 변수가 올바르지 않습니다")                                                                          \
    X(STATUS_ACCESS_DENIED, kStatusAccessDenied, 0xC0000022u, ERROR_ACCESS_DENIED, ERROR_ACCESS_DENIED,         \
      "the handle was not opened for this kind of access",                                                      \
      "핸들이 이런 종류의 액세스로 열리지 않았습니다")                                                          \
    X(STATUS_OBJECT_NAME_NOT_FOUND, kStatusObjectNameNotFound, 0xC0000034u, ERROR_FILE_NOT_FOUND, ERROR_FILE_NOT_FOUND, \
      "the file does not exist",                                                                                \
      "파일이 없습니다")                                                                                        \
    X(STATUS_DISK_FULL, kStatusDiskFull, 0xC000007Fu, ERROR_DISK_FULL, ERROR_DISK_FULL,                         \
      "the disk is full",                                                                                       \
      "디스크가 가득 찼습니다")                                                                                 \
    X(STATUS_INVALID_DEVICE_REQUEST, kStatusInvalidDeviceRequest, 0xC0000010u, ERROR_INVALID_FUNCTION, ERROR_INVALID_FUNCTION, \
      "the request does not apply to this kind of handle",                                                      \
      "이 종류의 핸들에는 맞지 않는 요청입니다")                                                                \
    X(STATUS_INSUFFICIENT_RESOURCES, kStatusInsufficientResources, 0xC000009Au, ERROR_NO_SYSTEM_RESOURCES, WSAENOBUFS, \
      "the system ran out of resources",                                                                        \
      "시스템 리소스가 부족합니다")                                                                             \
    X(STATUS_TOO_MANY_OPENED_FILES, kStatusTooManyOpenedFiles, 0xC000011Fu, ERROR_TOO_MANY_OPEN_FILES, WSAEMFILE, \
      "the process has no free handles (descriptors) left",                                                     \
      "프로세스에 남은 핸들(디스크립터)이 없습니다")                                                            \
    X(STATUS_DEVICE_NOT_READY, kStatusDeviceNotReady, 0xC00000A3u, ERROR_NOT_READY, WSAEWOULDBLOCK,             \
      "a non-blocking socket could not do it without waiting",                                                  \
      "비차단 소켓이 기다리지 않고는 할 수 없는 일입니다")                                                      \
    X(STATUS_PIPE_DISCONNECTED, kStatusPipeDisconnected, 0xC00000B0u, ERROR_PIPE_NOT_CONNECTED, WSAESHUTDOWN,   \
      "no client is connected, or the socket was shut down",                                                    \
      "연결된 클라이언트가 없거나 소켓이 종료(shutdown)되었습니다")                                             \
    X(STATUS_PIPE_CLOSING, kStatusPipeClosing, 0xC00000B1u, ERROR_NO_DATA, ERROR_NO_DATA,                       \
      "the other end of the pipe is closed",                                                                    \
      "파이프의 다른 쪽 끝이 닫혀 있습니다")                                                                    \
    X(STATUS_PIPE_CONNECTED, kStatusPipeConnected, 0xC00000B2u, ERROR_PIPE_CONNECTED, ERROR_PIPE_CONNECTED,     \
      "a client is already connected to the pipe",                                                              \
      "파이프에 이미 클라이언트가 연결되어 있습니다")                                                           \
    X(STATUS_PIPE_LISTENING, kStatusPipeListening, 0xC00000B3u, ERROR_PIPE_LISTENING, ERROR_PIPE_LISTENING,     \
      "the pipe is waiting for a client to connect",                                                            \
      "파이프가 클라이언트의 연결을 기다리고 있습니다")                                                         \
    X(STATUS_IO_TIMEOUT, kStatusIoTimeout, 0xC00000B5u, ERROR_SEM_TIMEOUT, WSAETIMEDOUT,                        \
      "the time-out (SO_RCVTIMEO/SO_SNDTIMEO) elapsed",                                                         \
      "제한 시간(SO_RCVTIMEO/SO_SNDTIMEO)이 지났습니다")                                                        \
    X(STATUS_INVALID_CONNECTION, kStatusInvalidConnection, 0xC0000140u, ERROR_CONNECTION_INVALID, WSAENOTCONN,  \
      "the socket is not connected",                                                                            \
      "소켓이 연결되어 있지 않습니다")                                                                          \
    X(STATUS_ADDRESS_ALREADY_EXISTS, kStatusAddressAlreadyExists, 0xC000020Au, ERROR_DUP_NAME, WSAEADDRINUSE,   \
      "the address is already in use",                                                                          \
      "주소가 이미 사용 중입니다")                                                                              \
    X(STATUS_CONNECTION_REFUSED, kStatusConnectionRefused, 0xC0000236u, ERROR_CONNECTION_REFUSED, WSAECONNREFUSED, \
      "nothing listens on that address: the connection was refused",                                            \
      "그 주소에서 listen하는 것이 없어 연결이 거부되었습니다")                                                 \
    X(STATUS_NETWORK_UNREACHABLE, kStatusNetworkUnreachable, 0xC000023Cu, ERROR_NETWORK_UNREACHABLE, WSAENETUNREACH, \
      "the network is unreachable",                                                                             \
      "네트워크에 연결할 수 없습니다")                                                                          \
    X(STATUS_PORT_UNREACHABLE, kStatusPortUnreachable, 0xC000023Fu, ERROR_PORT_UNREACHABLE, WSAECONNRESET,     \
      "a datagram sent earlier came back as undeliverable: no program receives at that port",                   \
      "앞서 보낸 데이터그램이 전달되지 못하고 돌아왔습니다. 그 포트에서 받는 프로그램이 없습니다")              \
    X(STATUS_HOST_UNREACHABLE, kStatusHostUnreachable, 0xC000023Du, ERROR_HOST_UNREACHABLE, WSAEHOSTUNREACH,    \
      "the host is unreachable",                                                                                \
      "호스트에 연결할 수 없습니다")                                                                            \
    X(STATUS_UNSUCCESSFUL, kStatusUnsuccessful, 0xC0000001u, ERROR_GEN_FAILURE, ERROR_GEN_FAILURE,              \
      "the request failed",                                                                                     \
      "요청이 실패했습니다")

// X(name, value, meaning in English, meaning in Korean)
#define OVLAB_WIN32_ERROR_TABLE(X)                                                                 \
    X(ERROR_SUCCESS, 0u, "no error",                                                                    \
      "오류 없음")                                                                                          \
    X(ERROR_INVALID_FUNCTION, 1u, "the function is not valid for this handle",                          \
      "이 핸들에는 올바르지 않은 함수입니다")                                                                           \
    X(ERROR_FILE_NOT_FOUND, 2u, "the file does not exist",                                              \
      "파일이 없습니다")                                                                                       \
    X(ERROR_PATH_NOT_FOUND, 3u, "the folder does not exist",                                            \
      "폴더가 없습니다")                                                                                       \
    X(ERROR_TOO_MANY_OPEN_FILES, 4u, "too many handles are open",                                       \
      "열린 핸들이 너무 많습니다")                                                                                 \
    X(ERROR_ACCESS_DENIED, 5u, "access denied, or the handle lacks that access right",                  \
      "액세스가 거부되었거나 핸들에 그 액세스 권한이 없습니다")                                                                 \
    X(ERROR_INVALID_HANDLE, 6u, "the handle is not valid (closed, or never opened)",                    \
      "핸들이 올바르지 않습니다(닫혔거나 열린 적이 없음)")                                                                   \
    X(ERROR_NOT_ENOUGH_MEMORY, 8u, "not enough memory",                                                 \
      "메모리가 부족합니다")                                                                                     \
    X(ERROR_NOT_READY, 21u, "the device is not ready",                                                  \
      "장치가 준비되지 않았습니다")                                                                                 \
    X(ERROR_GEN_FAILURE, 31u, "the device failed the request",                                          \
      "장치가 요청을 처리하지 못했습니다")                                                                             \
    X(ERROR_SHARING_VIOLATION, 32u, "another handle holds the file without sharing it",                 \
      "다른 핸들이 공유를 허용하지 않고 파일을 열고 있습니다")                                                                 \
    X(ERROR_HANDLE_EOF, 38u, "the read started at or past the end of the file",                         \
      "읽기가 파일 끝이나 그 뒤에서 시작되었습니다")                                                                       \
    X(ERROR_NOT_SUPPORTED, 50u, "the request is not supported",                                         \
      "지원되지 않는 요청입니다")                                                                                  \
    X(ERROR_DUP_NAME, 52u, "the address is already in use",                                             \
      "주소가 이미 사용 중입니다")                                                                                 \
    X(ERROR_NETNAME_DELETED, 64u, "the connection was reset or closed",                                 \
      "연결이 리셋되었거나 닫혔습니다")                                                                               \
    X(ERROR_FILE_EXISTS, 80u, "the file already exists",                                                \
      "파일이 이미 있습니다")                                                                                    \
    X(ERROR_INVALID_PARAMETER, 87u, "a parameter is not valid",                                         \
      "매개 변수가 올바르지 않습니다")                                                                               \
    X(ERROR_BROKEN_PIPE, 109u, "the other end of the pipe was closed",                                  \
      "파이프의 다른 쪽 끝이 닫혔습니다")                                                                             \
    X(ERROR_DISK_FULL, 112u, "the disk is full",                                                        \
      "디스크가 가득 찼습니다")                                                                                   \
    X(ERROR_SEM_TIMEOUT, 121u, "the time-out elapsed",                                                  \
      "제한 시간이 지났습니다")                                                                                   \
    X(ERROR_INSUFFICIENT_BUFFER, 122u, "the buffer is too small",                                       \
      "버퍼가 너무 작습니다")                                                                                    \
    X(ERROR_INVALID_NAME, 123u, "the name is not valid",                                                \
      "이름이 올바르지 않습니다")                                                                                  \
    X(ERROR_NEGATIVE_SEEK, 131u, "the file pointer would move before the start of the file",            \
      "파일 포인터가 파일 시작보다 앞으로 옮겨지게 됩니다")                                                                   \
    X(ERROR_ALREADY_EXISTS, 183u, "the object already exists",                                          \
      "개체가 이미 있습니다")                                                                                    \
    X(ERROR_BAD_PIPE, 230u, "the pipe is in the wrong state for this (message mode, no client)",        \
      "파이프가 이 일을 할 수 없는 상태입니다(메시지 모드, 클라이언트 없음)")                                                       \
    X(ERROR_PIPE_BUSY, 231u, "every instance of the pipe is busy",                                      \
      "파이프의 모든 인스턴스가 사용 중입니다")                                                                          \
    X(ERROR_NO_DATA, 232u, "the pipe is being closed: the other end is gone",                           \
      "파이프가 닫히는 중입니다. 다른 쪽 끝이 없어졌습니다")                                                                  \
    X(ERROR_PIPE_NOT_CONNECTED, 233u, "no process is on the other end of the pipe",                     \
      "파이프의 다른 쪽 끝에 프로세스가 없습니다")                                                                        \
    X(ERROR_MORE_DATA, 234u, "more data is available than the buffer could hold",                       \
      "버퍼에 담을 수 있는 것보다 많은 데이터가 있습니다")                                                                   \
    X(ERROR_PIPE_CONNECTED, 535u, "a client connected before ConnectNamedPipe was called",              \
      "ConnectNamedPipe를 호출하기 전에 클라이언트가 연결했습니다")                                                        \
    X(ERROR_PIPE_LISTENING, 536u, "the pipe waits for a client: nothing to read or write yet",          \
      "파이프가 클라이언트를 기다립니다. 아직 읽거나 쓸 것이 없습니다")                                                            \
    X(ERROR_HANDLES_CLOSED, 676u, "the handle was closed while the request was pending",                \
      "요청이 진행 중일 때 핸들이 닫혔습니다")                                                                          \
    X(ERROR_ABANDONED_WAIT_0, 735u, "the completion port was closed while waiting",                     \
      "기다리는 동안 입출력 완료 포트가 닫혔습니다")                                                                       \
    X(ERROR_OPERATION_ABORTED, 995u, "the request was cancelled",                                       \
      "요청이 취소되었습니다")                                                                                    \
    X(ERROR_IO_INCOMPLETE, 996u, "the request has not finished yet",                                    \
      "요청이 아직 끝나지 않았습니다")                                                                               \
    X(ERROR_IO_PENDING, 997u, "the request was started and will finish later",                          \
      "요청이 시작되었고 나중에 끝납니다")                                                                             \
    X(ERROR_NOACCESS, 998u, "a buffer pointer is not valid for the length given",                       \
      "버퍼 포인터가 주어진 길이에 대해 올바르지 않습니다")                                                                   \
    X(ERROR_IO_DEVICE, 1117u, "the device reported an I/O error",                                     \
      "장치가 I/O 오류를 보고했습니다")                                                                            \
    X(ERROR_NOT_FOUND, 1168u, "no matching request was found",                                          \
      "일치하는 요청을 찾지 못했습니다")                                                                              \
    X(ERROR_CONNECTION_REFUSED, 1225u, "the remote computer refused the connection",                    \
      "원격 컴퓨터가 연결을 거부했습니다")                                                                             \
    X(ERROR_CONNECTION_INVALID, 1229u, "the socket is not connected",                                   \
      "소켓이 연결되어 있지 않습니다")                                                                               \
    X(ERROR_NETWORK_UNREACHABLE, 1231u, "the network is unreachable",                                   \
      "네트워크에 연결할 수 없습니다")                                                                               \
    X(ERROR_HOST_UNREACHABLE, 1232u, "the host is unreachable",                                         \
      "호스트에 연결할 수 없습니다")                                                                                \
    X(ERROR_PORT_UNREACHABLE, 1234u, "no program receives at that port",                                \
      "그 포트에서 받는 프로그램이 없습니다")                                                                    \
    X(ERROR_CONNECTION_ABORTED, 1236u, "the connection was aborted on this side",                       \
      "이쪽에서 연결이 중단되었습니다")                                                                               \
    X(ERROR_NO_SYSTEM_RESOURCES, 1450u, "the system ran out of resources",                              \
      "시스템 리소스가 부족합니다")                                                                                 \
    X(ERROR_INVALID_USER_BUFFER, 1784u, "the buffer given is not valid for the length given",           \
      "주어진 버퍼가 그 길이에 대해 올바르지 않습니다")                                                                     \
    X(WSAEINTR, 10004u, "the call was interrupted",                                                     \
      "호출이 중단되었습니다")                                                                                    \
    X(WSAEBADF, 10009u, "the socket handle is not valid",                                               \
      "소켓 핸들이 올바르지 않습니다")                                                                               \
    X(WSAEACCES, 10013u, "permission denied",                                                           \
      "권한이 거부되었습니다")                                                                                    \
    X(WSAEFAULT, 10014u, "a pointer argument is not valid",                                             \
      "포인터 인수가 올바르지 않습니다")                                                                              \
    X(WSAEINVAL, 10022u, "an argument is not valid",                                                    \
      "인수가 올바르지 않습니다")                                                                                  \
    X(WSAEMFILE, 10024u, "too many sockets are open",                                                   \
      "열린 소켓이 너무 많습니다")                                                                                 \
    X(WSAEWOULDBLOCK, 10035u, "the operation would block",                                              \
      "작업이 블록될 것입니다")                                                                                   \
    X(WSAEINPROGRESS, 10036u, "a blocking operation is in progress",                                    \
      "블로킹 작업이 진행 중입니다")                                                                                \
    X(WSAEALREADY, 10037u, "the operation is already in progress",                                      \
      "작업이 이미 진행 중입니다")                                                                                 \
    X(WSAENOTSOCK, 10038u, "the handle is not a socket",                                                \
      "핸들이 소켓이 아닙니다")                                                                                   \
    X(WSAEDESTADDRREQ, 10039u, "a destination address is required",                                     \
      "대상 주소가 필요합니다")                                                                                   \
    X(WSAEMSGSIZE, 10040u, "the message is too long",                                                   \
      "메시지가 너무 깁니다")                                                                                    \
    X(WSAEPROTOTYPE, 10041u, "the protocol does not fit the socket type",                               \
      "프로토콜이 소켓 종류에 맞지 않습니다")                                                                           \
    X(WSAENOPROTOOPT, 10042u, "the option is unknown or not supported at that level",                   \
      "옵션을 모르거나 그 수준에서 지원되지 않습니다")                                                                      \
    X(WSAEPROTONOSUPPORT, 10043u, "the protocol is not supported",                                      \
      "프로토콜이 지원되지 않습니다")                                                                                \
    X(WSAESOCKTNOSUPPORT, 10044u, "the socket type is not supported",                                   \
      "소켓 종류가 지원되지 않습니다")                                                                               \
    X(WSAEOPNOTSUPP, 10045u, "the operation is not supported",                                          \
      "작업이 지원되지 않습니다")                                                                                  \
    X(WSAEPFNOSUPPORT, 10046u, "the protocol family is not supported",                                  \
      "프로토콜 패밀리가 지원되지 않습니다")                                                                            \
    X(WSAEAFNOSUPPORT, 10047u, "the address family is not supported",                                   \
      "주소 패밀리가 지원되지 않습니다")                                                                              \
    X(WSAEADDRINUSE, 10048u, "the address is already in use",                                           \
      "주소가 이미 사용 중입니다")                                                                                 \
    X(WSAEADDRNOTAVAIL, 10049u, "the address is not available",                                         \
      "주소를 사용할 수 없습니다")                                                                                 \
    X(WSAENETDOWN, 10050u, "the network is down",                                                       \
      "네트워크가 작동하지 않습니다")                                                                                \
    X(WSAENETUNREACH, 10051u, "the network is unreachable",                                             \
      "네트워크에 연결할 수 없습니다")                                                                               \
    X(WSAENETRESET, 10052u, "the connection broke while the operation was in progress",                 \
      "작업이 진행 중일 때 연결이 끊어졌습니다")                                                                         \
    X(WSAECONNABORTED, 10053u, "the connection was aborted on this side",                               \
      "이쪽에서 연결이 중단되었습니다")                                                                               \
    X(WSAECONNRESET, 10054u, "the peer reset the connection",                                           \
      "상대가 연결을 리셋했습니다")                                                                                 \
    X(WSAENOBUFS, 10055u, "no buffer space is available",                                               \
      "버퍼 공간이 없습니다")                                                                                    \
    X(WSAEISCONN, 10056u, "the socket is already connected",                                            \
      "소켓이 이미 연결되어 있습니다")                                                                               \
    X(WSAENOTCONN, 10057u, "the socket is not connected",                                               \
      "소켓이 연결되어 있지 않습니다")                                                                               \
    X(WSAESHUTDOWN, 10058u, "the socket was shut down",                                                 \
      "소켓이 종료(shutdown)되었습니다")                                                                          \
    X(WSAETIMEDOUT, 10060u, "the connection timed out",                                                 \
      "연결 시간이 초과되었습니다")                                                                                 \
    X(WSAECONNREFUSED, 10061u, "the connection was refused",                                            \
      "연결이 거부되었습니다")                                                                                    \
    X(WSAEHOSTUNREACH, 10065u, "the host is unreachable",                                               \
      "호스트에 연결할 수 없습니다")                                                                                \
    X(WSASYSNOTREADY, 10091u, "the network subsystem is not ready",                                     \
      "네트워크 하위 시스템이 준비되지 않았습니다")                                                                        \
    X(WSAVERNOTSUPPORTED, 10092u, "that Winsock version is not supported",                              \
      "그 Winsock 버전은 지원되지 않습니다")                                                                        \
    X(WSANOTINITIALISED, 10093u, "WSAStartup has not been called",                                      \
      "WSAStartup이 호출되지 않았습니다")

// X(name, value, meaning in English, meaning in Korean)
#define OVLAB_WAIT_RESULT_TABLE(X)                                                                 \
    X(WAIT_OBJECT_0, 0x00000000u, "the first (or only) object was signalled",                           \
      "첫 번째(또는 유일한) 개체가 신호 상태가 되었습니다")                                                                  \
    X(WAIT_ABANDONED_0, 0x00000080u, "a mutex was abandoned by a thread that exited",                   \
      "끝난 스레드가 뮤텍스를 버렸습니다")                                                                             \
    X(WAIT_IO_COMPLETION, 0x000000C0u, "the alertable wait ran queued APCs and returned",               \
      "alertable 대기가 큐에 있던 APC를 실행하고 반환했습니다")                                                           \
    X(WAIT_TIMEOUT, 0x00000102u, "the time-out elapsed before anything was signalled",                  \
      "아무것도 신호 상태가 되기 전에 제한 시간이 지났습니다")                                                                 \
    X(WAIT_FAILED, 0xFFFFFFFFu, "the wait itself failed; see GetLastError",                             \
      "대기 자체가 실패했습니다. GetLastError를 보세요")

namespace ovlab {

// The NTSTATUS constants: kStatusPending, kStatusEndOfFile, ...
#define OVLAB_NTSTATUS_CONSTANT(name, constant, value, win32_error, winsock_error, meaning, meaning_ko) \
    inline constexpr uint32_t constant = value;
OVLAB_NTSTATUS_TABLE(OVLAB_NTSTATUS_CONSTANT)
#undef OVLAB_NTSTATUS_CONSTANT

// The severity an NTSTATUS carries in its top two bits.
enum class NtSeverity : uint32_t { Success, Informational, Warning, Error };
constexpr NtSeverity nt_severity(uint32_t status) { return static_cast<NtSeverity>(status >> 30); }
// NT_SUCCESS: success and informational statuses (STATUS_PENDING too); warnings and errors fail.
constexpr bool nt_success(uint32_t status) { return nt_severity(status) <= NtSeverity::Informational; }

struct CodeInfo {
    std::string_view name;     // empty when the number is not in the table
    std::string_view meaning;  // English
    std::string_view meaning_ko;

    std::string_view meaning_in(Language language) const {
        return language == Language::Korean ? meaning_ko : meaning;
    }
};

CodeInfo ntstatus_info(uint32_t status);
CodeInfo win32_error_info(uint32_t error);
// WAIT_OBJECT_0, WAIT_TIMEOUT, ...: the row of a wait function's result.
CodeInfo wait_result_info(uint32_t result);

// RtlNtStatusToDosError (GetOverlappedResult, GetQueuedCompletionStatus): the row's Win32 error.
uint32_t ntstatus_to_win32_error(uint32_t status);
// What WSAGetOverlappedResult reports for the same status: the row's Winsock error.
uint32_t ntstatus_to_wsa_error(uint32_t status);

// "0xC0000011 (STATUS_END_OF_FILE)", "997 (ERROR_IO_PENDING)", "0x102 (WAIT_TIMEOUT)".
std::string format_ntstatus(uint32_t status);
std::string format_win32_error(uint32_t error);
std::string format_wait_result(uint32_t result, uint32_t object_count);

}  // namespace ovlab
