// Force-included (compiler option -include) into every lesson program, and only there.
//
// The lessons are plain Win32 programs a reader can paste into a Windows project. To show which
// line each thread is on, the lab wraps each traced Win32 call in a macro that first tells the
// runtime the call's line and argument text, then makes the real call. Without this file the
// program builds and runs exactly the same, just untraced.
#pragma once

#include <winsock2.h>
#include <windows.h>
#include <stdio.h>

#include "ovlab/callsite.h"

#define OVLAB_TRACED_CALL(fn, ...) (::ovlab::note_callsite(__LINE__, #__VA_ARGS__), ::fn(__VA_ARGS__))

#define CreateFileA(...) OVLAB_TRACED_CALL(CreateFileA, __VA_ARGS__)
#define CreateFileW(...) OVLAB_TRACED_CALL(CreateFileW, __VA_ARGS__)
#define ReadFile(...) OVLAB_TRACED_CALL(ReadFile, __VA_ARGS__)
#define WriteFile(...) OVLAB_TRACED_CALL(WriteFile, __VA_ARGS__)
#define CloseHandle(...) OVLAB_TRACED_CALL(CloseHandle, __VA_ARGS__)
#define GetFileSizeEx(...) OVLAB_TRACED_CALL(GetFileSizeEx, __VA_ARGS__)
#define CreateEventA(...) OVLAB_TRACED_CALL(CreateEventA, __VA_ARGS__)
#define CreateEventW(...) OVLAB_TRACED_CALL(CreateEventW, __VA_ARGS__)
#define SetEvent(...) OVLAB_TRACED_CALL(SetEvent, __VA_ARGS__)
#define ResetEvent(...) OVLAB_TRACED_CALL(ResetEvent, __VA_ARGS__)
#define WaitForSingleObject(...) OVLAB_TRACED_CALL(WaitForSingleObject, __VA_ARGS__)
#define WaitForMultipleObjects(...) OVLAB_TRACED_CALL(WaitForMultipleObjects, __VA_ARGS__)
#define GetOverlappedResult(...) OVLAB_TRACED_CALL(GetOverlappedResult, __VA_ARGS__)
#define Sleep(...) OVLAB_TRACED_CALL(Sleep, __VA_ARGS__)

#define printf(...) ::ovlab::console_printf(__VA_ARGS__)
