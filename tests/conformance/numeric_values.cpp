// docs/windows-rules.md section 1 and the OVERLAPPED layout of section 2: the numbers and sizes the
// headers declare must be the Windows SDK's, bit for bit.
#include <winsock2.h>
#include <windows.h>
#include <stddef.h>
#include <stdio.h>

#define SHOW(name) printf("%s = %lu (0x%lX)\n", #name, (unsigned long)(name), (unsigned long)(name))

int main()
{
    SHOW(WAIT_OBJECT_0);
    SHOW(WAIT_ABANDONED_0);
    SHOW(WAIT_IO_COMPLETION);
    SHOW(WAIT_TIMEOUT);
    SHOW(WAIT_FAILED);
    SHOW(MAXIMUM_WAIT_OBJECTS);
    SHOW(INFINITE);
    SHOW(STATUS_PENDING);
    SHOW(ERROR_INVALID_HANDLE);
    SHOW(ERROR_HANDLE_EOF);
    SHOW(ERROR_NETNAME_DELETED);
    SHOW(ERROR_INVALID_PARAMETER);
    SHOW(ERROR_BROKEN_PIPE);
    SHOW(ERROR_MORE_DATA);
    SHOW(ERROR_PIPE_CONNECTED);
    SHOW(ERROR_ABANDONED_WAIT_0);
    SHOW(ERROR_OPERATION_ABORTED);
    SHOW(ERROR_IO_INCOMPLETE);
    SHOW(ERROR_IO_PENDING);
    SHOW(ERROR_NOT_FOUND);
    SHOW(ERROR_CONNECTION_ABORTED);
    SHOW(ERROR_ALREADY_EXISTS);
    SHOW(WSA_IO_PENDING);
    SHOW(WSA_IO_INCOMPLETE);
    SHOW(WSA_OPERATION_ABORTED);
    SHOW(WSA_WAIT_TIMEOUT);
    SHOW(WSA_WAIT_IO_COMPLETION);
    SHOW(WSA_MAXIMUM_WAIT_EVENTS);
    SHOW(WSAECONNABORTED);
    SHOW(WSAECONNRESET);
    SHOW(WSAENOTCONN);
    SHOW(FILE_SKIP_COMPLETION_PORT_ON_SUCCESS);
    SHOW(FILE_SKIP_SET_EVENT_ON_HANDLE);
    SHOW(FILE_FLAG_OVERLAPPED);
    SHOW(GENERIC_READ);
    SHOW(GENERIC_WRITE);
    SHOW(CREATE_ALWAYS);
    SHOW(OPEN_EXISTING);
    printf("SOCKET_ERROR = %d\n", SOCKET_ERROR);
    printf("INVALID_HANDLE_VALUE = %lld\n", (long long)(LONG_PTR)INVALID_HANDLE_VALUE);

    // LLP64: DWORD and LONG stay 32-bit on 64-bit Windows, pointers and ULONG_PTR are 64-bit.
    printf("sizeof DWORD %u LONG %u ULONG_PTR %u HANDLE %u BOOL %u\n", (unsigned)sizeof(DWORD), (unsigned)sizeof(LONG),
           (unsigned)sizeof(ULONG_PTR), (unsigned)sizeof(HANDLE), (unsigned)sizeof(BOOL));
    printf("sizeof OVERLAPPED %u WSAOVERLAPPED %u\n", (unsigned)sizeof(OVERLAPPED), (unsigned)sizeof(WSAOVERLAPPED));
    printf("offsetof Internal %u InternalHigh %u Offset %u OffsetHigh %u Pointer %u hEvent %u\n",
           (unsigned)offsetof(OVERLAPPED, Internal), (unsigned)offsetof(OVERLAPPED, InternalHigh),
           (unsigned)offsetof(OVERLAPPED, Offset), (unsigned)offsetof(OVERLAPPED, OffsetHigh),
           (unsigned)offsetof(OVERLAPPED, Pointer), (unsigned)offsetof(OVERLAPPED, hEvent));

    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.Internal = STATUS_PENDING;
    printf("HasOverlappedIoCompleted(pending) = %d\n", HasOverlappedIoCompleted(&ov) ? 1 : 0);
    ov.Internal = 0xC0000011;
    printf("HasOverlappedIoCompleted(end of file) = %d\n", HasOverlappedIoCompleted(&ov) ? 1 : 0);
    // Only the low 32 bits are the NTSTATUS.
    ov.Internal = ((ULONG_PTR)1 << 32) | STATUS_PENDING;
    printf("HasOverlappedIoCompleted(high bits set) = %d\n", HasOverlappedIoCompleted(&ov) ? 1 : 0);
    return 0;
}
