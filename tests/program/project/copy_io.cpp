#include "copy_io.h"

static char buffer[4096];

// Issues the request held in `ov` and waits on its event: the number of bytes it moved.
static DWORD await(HANDLE file, OVERLAPPED* ov, BOOL issued)
{
    DWORD moved = 0;
    if (!issued && GetLastError() != ERROR_IO_PENDING) return 0;
    WaitForSingleObject(ov->hEvent, INFINITE);
    if (!GetOverlappedResult(file, ov, &moved, FALSE)) return 0;
    return moved;
}

DWORD copy_chunk(HANDLE source, HANDLE target, HANDLE done, ULONGLONG offset)
{
    OVERLAPPED ov = {0};
    ov.Offset = (DWORD)offset;
    ov.OffsetHigh = (DWORD)(offset >> 32);
    ov.hEvent = done;
    ResetEvent(done);
    DWORD got = await(source, &ov, ReadFile(source, buffer, sizeof buffer, NULL, &ov));  // [step: read-chunk]
    if (got == 0) return 0;
    ResetEvent(done);
    return await(target, &ov, WriteFile(target, buffer, got, NULL, &ov));  // [step: write-chunk]
}

void close_all(HANDLE done, HANDLE target, HANDLE source)
{
    CloseHandle(done);  // [step: close-all]
    CloseHandle(target);
    CloseHandle(source);
}
