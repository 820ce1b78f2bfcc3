// The Windows build's traced Win32 calls: what the lesson prelude routes each call to on Windows.
//
// On Linux a traced call reaches our own runtime, which records what it does at the source. On
// Windows the real kernel32/ws2_32 does the work, so each call goes through
//     ovlab::win32::Traced<"ReadFile">::call(::ReadFile, hFile, buffer, ...)
// which records the call (arguments, return value, GetLastError), parks at a checkpoint before and
// after it, and OBSERVES what the kernel changed: OVERLAPPED fields, signalled states, completions.
//
// Every API gets the generic wrapper below unless it has a dedicated one. Adding a dedicated
// wrapper is one small function: declare the specialisation here and define it in the file of its
// object kind (file_io.cpp, event.cpp, wait.cpp, ...). An API needs one when the generic record is
// not enough: it blocks (the stepper must know), creates or closes a handle, or starts a request.
#pragma once

#include <winsock2.h>
#include <windows.h>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace ovlab::win32 {

// The API's name as a template argument, so each API can have its own specialisation.
template <size_t N>
struct ApiName {
    char text[N] = {};
    constexpr ApiName(const char (&name)[N]) {
        for (size_t i = 0; i < N; ++i) text[i] = name[i];
    }
    constexpr std::string_view view() const { return {text, N - 1}; }
};

namespace generic {

// One argument of a call that has no dedicated wrapper, reduced to what can be shown of it.
struct Argument {
    uint64_t value = 0;
    bool is_pointer = false;     // shown by its source text; named when it is a handle we know
    bool is_overlapped = false;  // observed like any OVERLAPPED passed to a call
    bool is_shown = true;        // false for structures passed by value
};

template <class T>
Argument describe(T value) {
    if constexpr (std::is_same_v<T, LPOVERLAPPED>)
        return {reinterpret_cast<uint64_t>(value), true, true, true};
    else if constexpr (std::is_pointer_v<T>)
        return {reinterpret_cast<uint64_t>(value), true, false, true};
    else if constexpr (std::is_integral_v<T> || std::is_enum_v<T>)
        return {static_cast<uint64_t>(value), false, false, true};
    else
        return {0, false, false, false};
}

template <class R>
uint64_t result_value(R result) {
    if constexpr (std::is_pointer_v<R>) return reinterpret_cast<uint64_t>(result);
    else return static_cast<uint64_t>(static_cast<int64_t>(result));
}

// generic_call.cpp. A generic call may block (nothing says it does not), so it gives up the
// stepper's turn for the duration of the real call.
void enter(std::string_view api, const Argument* arguments, size_t count);
void leave(std::string_view api, const Argument* arguments, size_t count, uint64_t result, bool returns_pointer,
           bool returns_value, DWORD error);

}  // namespace generic

template <ApiName Name>
struct Traced {
    template <class R, class... P>
    static R call(R(WINAPI* fn)(P...), std::type_identity_t<P>... args) {
        const generic::Argument described[] = {generic::describe<P>(args)..., generic::Argument{}};
        generic::enter(Name.view(), described, sizeof...(P));
        if constexpr (std::is_void_v<R>) {
            fn(args...);
            generic::leave(Name.view(), described, sizeof...(P), 0, false, false, GetLastError());
        } else {
            const R result = fn(args...);
            generic::leave(Name.view(), described, sizeof...(P), generic::result_value(result), std::is_pointer_v<R>,
                           true, GetLastError());
            return result;
        }
    }
};

// ---- dedicated wrappers (the first argument is the real function; it is called directly) ----

// file.cpp
template <>
struct Traced<"CreateFileA"> {
    static HANDLE call(decltype(&::CreateFileA), LPCSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
                       LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
                       DWORD dwFlagsAndAttributes, HANDLE hTemplateFile);
};
template <>
struct Traced<"CreateFileW"> {
    static HANDLE call(decltype(&::CreateFileW), LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
                       LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
                       DWORD dwFlagsAndAttributes, HANDLE hTemplateFile);
};
template <>
struct Traced<"GetFileSizeEx"> {
    static BOOL call(decltype(&::GetFileSizeEx), HANDLE hFile, PLARGE_INTEGER lpFileSize);
};
template <>
struct Traced<"CloseHandle"> {
    static BOOL call(decltype(&::CloseHandle), HANDLE hObject);
};

// file_io.cpp
template <>
struct Traced<"ReadFile"> {
    static BOOL call(decltype(&::ReadFile), HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead,
                     LPDWORD lpNumberOfBytesRead, LPOVERLAPPED lpOverlapped);
};
template <>
struct Traced<"WriteFile"> {
    static BOOL call(decltype(&::WriteFile), HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite,
                     LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped);
};

// event.cpp
template <>
struct Traced<"CreateEventA"> {
    static HANDLE call(decltype(&::CreateEventA), LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
                       BOOL bInitialState, LPCSTR lpName);
};
template <>
struct Traced<"CreateEventW"> {
    static HANDLE call(decltype(&::CreateEventW), LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
                       BOOL bInitialState, LPCWSTR lpName);
};
template <>
struct Traced<"SetEvent"> {
    static BOOL call(decltype(&::SetEvent), HANDLE hEvent);
};
template <>
struct Traced<"ResetEvent"> {
    static BOOL call(decltype(&::ResetEvent), HANDLE hEvent);
};

// wait.cpp
template <>
struct Traced<"WaitForSingleObject"> {
    static DWORD call(decltype(&::WaitForSingleObject), HANDLE hHandle, DWORD dwMilliseconds);
};
template <>
struct Traced<"WaitForMultipleObjects"> {
    static DWORD call(decltype(&::WaitForMultipleObjects), DWORD nCount, const HANDLE* lpHandles, BOOL bWaitAll,
                      DWORD dwMilliseconds);
};
template <>
struct Traced<"Sleep"> {
    static void call(decltype(&::Sleep), DWORD dwMilliseconds);
};

// thread.cpp
template <>
struct Traced<"CreateThread"> {
    static HANDLE call(decltype(&::CreateThread), LPSECURITY_ATTRIBUTES lpThreadAttributes, SIZE_T dwStackSize,
                       LPTHREAD_START_ROUTINE lpStartAddress, LPVOID lpParameter, DWORD dwCreationFlags,
                       LPDWORD lpThreadId);
};

template <>
struct Traced<"GetExitCodeThread"> {
    static BOOL call(decltype(&::GetExitCodeThread), HANDLE hThread, LPDWORD lpExitCode);
};

// completion_port.cpp
template <>
struct Traced<"CreateIoCompletionPort"> {
    static HANDLE call(decltype(&::CreateIoCompletionPort), HANDLE FileHandle, HANDLE ExistingCompletionPort,
                       ULONG_PTR CompletionKey, DWORD NumberOfConcurrentThreads);
};
template <>
struct Traced<"GetQueuedCompletionStatus"> {
    static BOOL call(decltype(&::GetQueuedCompletionStatus), HANDLE CompletionPort, LPDWORD lpNumberOfBytesTransferred,
                     PULONG_PTR lpCompletionKey, LPOVERLAPPED* lpOverlapped, DWORD dwMilliseconds);
};
template <>
struct Traced<"PostQueuedCompletionStatus"> {
    static BOOL call(decltype(&::PostQueuedCompletionStatus), HANDLE CompletionPort, DWORD dwNumberOfBytesTransferred,
                     ULONG_PTR dwCompletionKey, LPOVERLAPPED lpOverlapped);
};

// overlapped_result.cpp
template <>
struct Traced<"GetOverlappedResult"> {
    static BOOL call(decltype(&::GetOverlappedResult), HANDLE hFile, LPOVERLAPPED lpOverlapped,
                     LPDWORD lpNumberOfBytesTransferred, BOOL bWait);
};

// heap.cpp. What GetProcessHeap() means in a lesson: a lesson run shares the lab's process, so it
// gets a private heap (HeapCreate) that the lab destroys when the run ends or is reset, as Windows
// frees a process's heap when the process ends. HeapAlloc and HeapFree are the real ones.
HANDLE lesson_heap();

}  // namespace ovlab::win32
