// I/O completion ports, cancellation and device control, as the SDK's <ioapiset.h> declares
// them (windows.h includes it; GetOverlappedResult is declared in windows.h).
#pragma once
#pragma GCC system_header

#include "windows.h"

#ifdef __cplusplus
extern "C" {
#endif

// FileHandle INVALID_HANDLE_VALUE + ExistingCompletionPort NULL creates a port (concurrency value
// NumberOfConcurrentThreads, 0 = the number of processors); a file handle + a port associates the
// handle with the port under CompletionKey and returns the port.
HANDLE WINAPI CreateIoCompletionPort(HANDLE FileHandle, HANDLE ExistingCompletionPort, ULONG_PTR CompletionKey,
                                     DWORD NumberOfConcurrentThreads);
BOOL WINAPI GetQueuedCompletionStatus(HANDLE CompletionPort, LPDWORD lpNumberOfBytesTransferred,
                                      PULONG_PTR lpCompletionKey, LPOVERLAPPED* lpOverlapped, DWORD dwMilliseconds);
BOOL WINAPI GetQueuedCompletionStatusEx(HANDLE CompletionPort, LPOVERLAPPED_ENTRY lpCompletionPortEntries,
                                        ULONG ulCount, PULONG ulNumEntriesRemoved, DWORD dwMilliseconds,
                                        BOOL fAlertable);
BOOL WINAPI PostQueuedCompletionStatus(HANDLE CompletionPort, DWORD dwNumberOfBytesTransferred,
                                       ULONG_PTR dwCompletionKey, LPOVERLAPPED lpOverlapped);

BOOL WINAPI GetOverlappedResultEx(HANDLE hFile, LPOVERLAPPED lpOverlapped, LPDWORD lpNumberOfBytesTransferred,
                                  DWORD dwMilliseconds, BOOL bAlertable);

// Cancellation is asynchronous: a cancelled request still completes through its usual channel
// (event, completion routine or port packet), with STATUS_CANCELLED / ERROR_OPERATION_ABORTED.
BOOL WINAPI CancelIo(HANDLE hFile);
BOOL WINAPI CancelIoEx(HANDLE hFile, LPOVERLAPPED lpOverlapped);
// Cancels the blocking I/O call (ReadFile on a synchronous handle, recv, accept...) that the thread
// is in; FALSE with ERROR_NOT_FOUND when it is in none.
BOOL WINAPI CancelSynchronousIo(HANDLE hThread);

BOOL WINAPI DeviceIoControl(HANDLE hDevice, DWORD dwIoControlCode, LPVOID lpInBuffer, DWORD nInBufferSize,
                            LPVOID lpOutBuffer, DWORD nOutBufferSize, LPDWORD lpBytesReturned,
                            LPOVERLAPPED lpOverlapped);

#ifdef __cplusplus
}
#endif
