// Named-pipe helpers shared by the conformance programs (docs/windows-rules.md section 8): one
// byte-mode instance per name, both ends overlapped.
#pragma once

#include "conformance.h"

// \\.\pipe\ovlab-conformance-<what>-<process id>: unique, as two runs may overlap.
static inline void pipe_name(char* name, size_t size, const char* what)
{
    snprintf(name, size, "\\\\.\\pipe\\ovlab-conformance-%s-%lu", what, (unsigned long)GetCurrentProcessId());
}

static inline HANDLE create_server(const char* name)
{
    return CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT,
                            1, 4096, 4096, 0, NULL);
}

static inline HANDLE open_client(const char* name)
{
    return CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
}

// Writes `text` from one end; a write the pipe's buffer can hold may finish at once or pend.
static inline void write_text(const char* label, HANDLE h, const char* text, HANDLE event)
{
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = event;
    BOOL ok = WriteFile(h, text, (DWORD)strlen(text), NULL, &ov);
    DWORD error = GetLastError();
    printf("[V] %s: %s error %lu\n", label, ok ? "TRUE" : "FALSE", ok ? 0ul : (unsigned long)error);
    finish("its result", h, &ov);
}
