// Force-included (compiler option -include) into every lesson program, and only there.
//
// The lessons are plain Win32 programs a reader can paste into a Windows project. To show which
// line each thread is on, the lab wraps each traced Win32 call in a macro that first tells the
// runtime the call's line and argument text, then makes the real call. Without this file the
// program builds and runs exactly the same, just untraced.
#pragma once

#include <winsock2.h>
#include <mswsock.h>  // before the macros below: it declares AcceptEx
#include <windows.h>
#include <stdio.h>

#include "ovlab/callsite.h"

// On Linux the call goes to our runtime, which records what it does. On Windows it goes to the
// traced wrapper of the real API (runtime/win32/, ovlab/win32_traced.h), which records the call and
// observes what the kernel does. Every API listed below works on Windows at once through the
// generic wrapper; one that blocks, creates handles or starts requests deserves a dedicated one.
//
// A program of one's own (ovlab_add_lab_program, OVLAB_LAB_PROGRAM) may have several source files:
// its call sites carry their file too, and each file is numbered as the program starts, which is also
// when the program connects to the lab if the lab started it (ovlab/program_link.h). A file numbers
// itself by __BASE_FILE__ (here __FILE__ would name this header); its calls say __FILE__, which is
// the same path, or a header's when the call is in one.
#if defined(OVLAB_LAB_PROGRAM) && !defined(_WIN32)
#define OVLAB_NOTE_CALLSITE(arguments) ::ovlab::note_callsite_in(__FILE__, __LINE__, arguments)
#define LAB_STEP() ::ovlab::line_reached_in(__FILE__, __LINE__)
[[maybe_unused]] static const unsigned ovlab_this_source_file = ::ovlab::register_source_file(__BASE_FILE__);
#else
#define OVLAB_NOTE_CALLSITE(arguments) ::ovlab::note_callsite(__LINE__, arguments)
// A tagged line with no traced call on it: the lab stops the thread there like at a call. A lesson
// defines LAB_STEP() as nothing when this file is absent, so it still builds as it is on Windows.
#define LAB_STEP() ::ovlab::line_reached(__LINE__)
#endif

#ifdef _WIN32
#include "ovlab/win32_traced.h"
#define OVLAB_TRACED_CALL(fn, ...) \
    (OVLAB_NOTE_CALLSITE(#__VA_ARGS__), ::ovlab::win32::Traced<#fn>::call(::fn, __VA_ARGS__))
#define OVLAB_TRACED_CALL0(fn) (OVLAB_NOTE_CALLSITE(""), ::ovlab::win32::Traced<#fn>::call(::fn))
#define OVLAB_TRACED_CALL_THROUGH(fn, pointer, ...) \
    (OVLAB_NOTE_CALLSITE(#__VA_ARGS__), ::ovlab::win32::Traced<#fn>::call(pointer, __VA_ARGS__))
#define GetProcessHeap() ::ovlab::win32::lesson_heap()
#else
#define OVLAB_TRACED_CALL(fn, ...) (OVLAB_NOTE_CALLSITE(#__VA_ARGS__), ::fn(__VA_ARGS__))
#define OVLAB_TRACED_CALL0(fn) (OVLAB_NOTE_CALLSITE(""), ::fn())
#define OVLAB_TRACED_CALL_THROUGH(fn, pointer, ...) (OVLAB_NOTE_CALLSITE(#__VA_ARGS__), pointer(__VA_ARGS__))
#endif

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
#define CreateThread(...) OVLAB_TRACED_CALL(CreateThread, __VA_ARGS__)
// Threads, APCs and alertable waits, completion ports, cancellation, more file functions.
#define ResumeThread(...) OVLAB_TRACED_CALL(ResumeThread, __VA_ARGS__)
#define SuspendThread(...) OVLAB_TRACED_CALL(SuspendThread, __VA_ARGS__)
#define ExitThread(...) OVLAB_TRACED_CALL(ExitThread, __VA_ARGS__)
#define GetExitCodeThread(...) OVLAB_TRACED_CALL(GetExitCodeThread, __VA_ARGS__)
#define QueueUserAPC(...) OVLAB_TRACED_CALL(QueueUserAPC, __VA_ARGS__)
#define DuplicateHandle(...) OVLAB_TRACED_CALL(DuplicateHandle, __VA_ARGS__)
#define SleepEx(...) OVLAB_TRACED_CALL(SleepEx, __VA_ARGS__)
#define WaitForSingleObjectEx(...) OVLAB_TRACED_CALL(WaitForSingleObjectEx, __VA_ARGS__)
#define WaitForMultipleObjectsEx(...) OVLAB_TRACED_CALL(WaitForMultipleObjectsEx, __VA_ARGS__)
#define SignalObjectAndWait(...) OVLAB_TRACED_CALL(SignalObjectAndWait, __VA_ARGS__)
#define ReadFileEx(...) OVLAB_TRACED_CALL(ReadFileEx, __VA_ARGS__)
#define WriteFileEx(...) OVLAB_TRACED_CALL(WriteFileEx, __VA_ARGS__)
#define GetOverlappedResultEx(...) OVLAB_TRACED_CALL(GetOverlappedResultEx, __VA_ARGS__)
#define CreateIoCompletionPort(...) OVLAB_TRACED_CALL(CreateIoCompletionPort, __VA_ARGS__)
#define GetQueuedCompletionStatus(...) OVLAB_TRACED_CALL(GetQueuedCompletionStatus, __VA_ARGS__)
#define GetQueuedCompletionStatusEx(...) OVLAB_TRACED_CALL(GetQueuedCompletionStatusEx, __VA_ARGS__)
#define PostQueuedCompletionStatus(...) OVLAB_TRACED_CALL(PostQueuedCompletionStatus, __VA_ARGS__)
#define SetFileCompletionNotificationModes(...) OVLAB_TRACED_CALL(SetFileCompletionNotificationModes, __VA_ARGS__)
#define CancelIo(...) OVLAB_TRACED_CALL(CancelIo, __VA_ARGS__)
#define CancelIoEx(...) OVLAB_TRACED_CALL(CancelIoEx, __VA_ARGS__)
#define SetFilePointerEx(...) OVLAB_TRACED_CALL(SetFilePointerEx, __VA_ARGS__)
#define SetEndOfFile(...) OVLAB_TRACED_CALL(SetEndOfFile, __VA_ARGS__)
#define DeleteFileA(...) OVLAB_TRACED_CALL(DeleteFileA, __VA_ARGS__)
#define DeleteFileW(...) OVLAB_TRACED_CALL(DeleteFileW, __VA_ARGS__)
#define GetTempPathA(...) OVLAB_TRACED_CALL(GetTempPathA, __VA_ARGS__)
#define GetTempPathW(...) OVLAB_TRACED_CALL(GetTempPathW, __VA_ARGS__)
#define GetTempFileNameA(...) OVLAB_TRACED_CALL(GetTempFileNameA, __VA_ARGS__)
#define DeviceIoControl(...) OVLAB_TRACED_CALL(DeviceIoControl, __VA_ARGS__)
// Winsock and named pipes. Some of these names are also common words (bind, connect, send, recv,
// accept, listen, socket, shutdown): in a lesson they name the Winsock calls only. <functional>
// comes first so that std::bind is declared before `bind(` becomes a macro.
#ifdef __cplusplus
#include <functional>
#endif
#define WSAStartup(...) OVLAB_TRACED_CALL(WSAStartup, __VA_ARGS__)
#define WSACleanup() OVLAB_TRACED_CALL0(WSACleanup)
#define socket(...) OVLAB_TRACED_CALL(socket, __VA_ARGS__)
#define WSASocketA(...) OVLAB_TRACED_CALL(WSASocketA, __VA_ARGS__)
#define WSASocketW(...) OVLAB_TRACED_CALL(WSASocketW, __VA_ARGS__)
#define closesocket(...) OVLAB_TRACED_CALL(closesocket, __VA_ARGS__)
#define bind(...) OVLAB_TRACED_CALL(bind, __VA_ARGS__)
#define listen(...) OVLAB_TRACED_CALL(listen, __VA_ARGS__)
#define accept(...) OVLAB_TRACED_CALL(accept, __VA_ARGS__)
#define connect(...) OVLAB_TRACED_CALL(connect, __VA_ARGS__)
#define shutdown(...) OVLAB_TRACED_CALL(shutdown, __VA_ARGS__)
#define getsockname(...) OVLAB_TRACED_CALL(getsockname, __VA_ARGS__)
#define getpeername(...) OVLAB_TRACED_CALL(getpeername, __VA_ARGS__)
#define setsockopt(...) OVLAB_TRACED_CALL(setsockopt, __VA_ARGS__)
#define getsockopt(...) OVLAB_TRACED_CALL(getsockopt, __VA_ARGS__)
#define ioctlsocket(...) OVLAB_TRACED_CALL(ioctlsocket, __VA_ARGS__)
#define WSAIoctl(...) OVLAB_TRACED_CALL(WSAIoctl, __VA_ARGS__)
#define send(...) OVLAB_TRACED_CALL(send, __VA_ARGS__)
#define recv(...) OVLAB_TRACED_CALL(recv, __VA_ARGS__)
#define WSASend(...) OVLAB_TRACED_CALL(WSASend, __VA_ARGS__)
#define WSARecv(...) OVLAB_TRACED_CALL(WSARecv, __VA_ARGS__)
#define WSAGetOverlappedResult(...) OVLAB_TRACED_CALL(WSAGetOverlappedResult, __VA_ARGS__)
#define WSACreateEvent() OVLAB_TRACED_CALL0(WSACreateEvent)
#define WSACloseEvent(...) OVLAB_TRACED_CALL(WSACloseEvent, __VA_ARGS__)
#define WSASetEvent(...) OVLAB_TRACED_CALL(WSASetEvent, __VA_ARGS__)
#define WSAResetEvent(...) OVLAB_TRACED_CALL(WSAResetEvent, __VA_ARGS__)
#define WSAWaitForMultipleEvents(...) OVLAB_TRACED_CALL(WSAWaitForMultipleEvents, __VA_ARGS__)
#define WSAEventSelect(...) OVLAB_TRACED_CALL(WSAEventSelect, __VA_ARGS__)
#define WSAEnumNetworkEvents(...) OVLAB_TRACED_CALL(WSAEnumNetworkEvents, __VA_ARGS__)
#define AcceptEx(...) OVLAB_TRACED_CALL(AcceptEx, __VA_ARGS__)
// An extension function loaded with WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER) is called through
// a pointer; a lesson names the pointer as Microsoft's samples do.
#define lpfnAcceptEx(...) OVLAB_TRACED_CALL_THROUGH(AcceptEx, lpfnAcceptEx, __VA_ARGS__)
#define CreateNamedPipeA(...) OVLAB_TRACED_CALL(CreateNamedPipeA, __VA_ARGS__)
#define CreateNamedPipeW(...) OVLAB_TRACED_CALL(CreateNamedPipeW, __VA_ARGS__)
#define ConnectNamedPipe(...) OVLAB_TRACED_CALL(ConnectNamedPipe, __VA_ARGS__)
#define DisconnectNamedPipe(...) OVLAB_TRACED_CALL(DisconnectNamedPipe, __VA_ARGS__)
#define PeekNamedPipe(...) OVLAB_TRACED_CALL(PeekNamedPipe, __VA_ARGS__)
#define SetNamedPipeHandleState(...) OVLAB_TRACED_CALL(SetNamedPipeHandleState, __VA_ARGS__)
#define WaitNamedPipeA(...) OVLAB_TRACED_CALL(WaitNamedPipeA, __VA_ARGS__)
#define WaitNamedPipeW(...) OVLAB_TRACED_CALL(WaitNamedPipeW, __VA_ARGS__)

#define printf(...) ::ovlab::console_printf(__VA_ARGS__)
