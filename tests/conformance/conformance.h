// Helpers shared by the conformance programs. Each program is a plain Win32 console program that
// builds unchanged with MSVC, mingw-w64 and against ovlab::winapi, and prints only what must be
// the same everywhere: return values, GetLastError codes, OVERLAPPED fields, orders. Never
// pointers, handle values or times.
//
// Line markers (compare_outputs.cpp reads them):
//   "[V] label: ..."   Windows may legitimately do either (docs/windows-rules.md [V]): only the label
//                      must match.
//   "[!W] label: ..."  Wine 8.0 differs from Windows here (docs/windows-rules.md section 16): our
//                      runtime prints the Windows value; a different Wine value is reported as an
//                      expected divergence, never hidden.
#pragma once

#include <windows.h>
#include <stdio.h>
#include <string.h>

// "label: TRUE" / "label: FALSE error 38". Pass GetLastError() read right after the call.
static inline void show_bool(const char* label, BOOL ok, DWORD error)
{
    if (ok) {
        printf("%s: TRUE\n", label);
    } else {
        printf("%s: FALSE error %lu\n", label, (unsigned long)error);
    }
}

static inline void show_fields(const char* label, const OVERLAPPED* ov)
{
    printf("%s: Internal 0x%lX InternalHigh %lu Offset 0x%lX OffsetHigh 0x%lX\n", label, (unsigned long)(DWORD)ov->Internal,
           (unsigned long)(DWORD)ov->InternalHigh, (unsigned long)ov->Offset, (unsigned long)ov->OffsetHigh);
}

// A file in the temporary folder, unique to this program and process.
static inline void temp_file_path(char* path, size_t size, const char* name)
{
    char folder[MAX_PATH];
    DWORD length = GetTempPathA(MAX_PATH, folder);
    if (length == 0 || length >= MAX_PATH) {
        strcpy(folder, ".\\");
    }
    snprintf(path, size, "%sovlab-conformance-%s-%lu.bin", folder, name, (unsigned long)GetCurrentProcessId());
}

// Creates `path` holding `size` bytes 'a', 'b', 'c', ... (so a read shows where it started).
static inline BOOL write_sample(const char* path, DWORD size)
{
    HANDLE h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        printf("cannot create the sample file: error %lu\n", (unsigned long)GetLastError());
        return FALSE;
    }
    char bytes[256];
    for (DWORD i = 0; i < size && i < sizeof bytes; ++i) {
        bytes[i] = (char)('a' + i % 26);
    }
    DWORD written = 0;
    BOOL ok = WriteFile(h, bytes, size, &written, NULL) && written == size;
    CloseHandle(h);
    return ok;
}

// Waits for a request with GetOverlappedResult(bWait = TRUE) and prints the outcome.
static inline void finish(const char* label, HANDLE h, OVERLAPPED* ov)
{
    DWORD bytes = 0xDEAD;
    BOOL ok = GetOverlappedResult(h, ov, &bytes, TRUE);
    DWORD error = GetLastError();
    if (ok) {
        printf("%s: TRUE bytes %lu\n", label, (unsigned long)bytes);
    } else {
        printf("%s: FALSE error %lu bytes %lu\n", label, (unsigned long)error, (unsigned long)bytes);
    }
}
