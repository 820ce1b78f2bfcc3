// File functions beyond the first slice, as the SDK's <fileapi.h> declares them (windows.h
// includes it; CreateFile, ReadFile, WriteFile and GetFileSizeEx are declared in windows.h).
#pragma once
#pragma GCC system_header

#include "windows.h"

#ifndef MAX_PATH
#define MAX_PATH 260
#endif
#define INVALID_FILE_ATTRIBUTES ((DWORD)-1)

#ifdef __cplusplus
extern "C" {
#endif

// The completion routine runs as an APC on the calling thread, in one of its alertable waits.
// hEvent of the OVERLAPPED is not used and is free for the program's own data.
BOOL WINAPI ReadFileEx(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead, LPOVERLAPPED lpOverlapped,
                       LPOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
BOOL WINAPI WriteFileEx(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite, LPOVERLAPPED lpOverlapped,
                        LPOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);

BOOL WINAPI SetFilePointerEx(HANDLE hFile, LARGE_INTEGER liDistanceToMove, PLARGE_INTEGER lpNewFilePointer,
                             DWORD dwMoveMethod);
BOOL WINAPI SetEndOfFile(HANDLE hFile);
BOOL WINAPI DeleteFileA(LPCSTR lpFileName);
BOOL WINAPI DeleteFileW(LPCWSTR lpFileName);
DWORD WINAPI GetTempPathA(DWORD nBufferLength, LPSTR lpBuffer);
DWORD WINAPI GetTempPathW(DWORD nBufferLength, LPWSTR lpBuffer);
// FILE_ATTRIBUTE_DIRECTORY for a folder, FILE_ATTRIBUTE_ARCHIVE for a file (with
// FILE_ATTRIBUTE_READONLY when nobody may write it); INVALID_FILE_ATTRIBUTES when it does not exist.
DWORD WINAPI GetFileAttributesA(LPCSTR lpFileName);
DWORD WINAPI GetFileAttributesW(LPCWSTR lpFileName);
UINT WINAPI GetTempFileNameA(LPCSTR lpPathName, LPCSTR lpPrefixString, UINT uUnique, LPSTR lpTempFileName);

#ifdef __cplusplus
}
#endif

#ifdef UNICODE
#define DeleteFile DeleteFileW
#define GetFileAttributes GetFileAttributesW
#define GetTempPath GetTempPathW
#else
#define DeleteFile DeleteFileA
#define GetFileAttributes GetFileAttributesA
#define GetTempPath GetTempPathA
#define GetTempFileName GetTempFileNameA
#endif
