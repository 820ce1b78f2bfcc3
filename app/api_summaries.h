// What each Win32 function does, in a few sentences, for the narration pane of a run that has no
// narration of its own (a program of one's own, a recorded trace). Only functions a lesson calls
// have a row, so every row is shown by some run (tests/app/step_explanation_test.cpp checks it); a
// call of another function is explained from its result alone.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "ovlab/language.h"

namespace ovlab::app {

// X(function, English, Korean). Markdown; what is true on Windows, in the glossary's terms.
#define OVLAB_API_SUMMARIES(X)                                                                                        \
    X(CreateFileA,                                                                                                     \
      "Opens or creates a file, pipe or device and returns a handle. With **FILE_FLAG_OVERLAPPED** in "              \
      "dwFlagsAndAttributes, reads and writes on the handle may return before they finish; without it they finish "   \
      "before they return. Failure returns INVALID_HANDLE_VALUE, not NULL.",                                         \
      "파일, 파이프, 장치를 열거나 만들고 핸들을 돌려줍니다. dwFlagsAndAttributes에 **FILE_FLAG_OVERLAPPED**가 있으면 "   \
      "이 핸들의 읽기와 쓰기는 끝나기 전에 반환될 수 있고, 없으면 끝난 뒤에 반환됩니다. 실패하면 NULL이 아니라 "          \
      "INVALID_HANDLE_VALUE를 돌려줍니다.")                                                                              \
    X(ReadFile,                                                                                                        \
      "Reads from a handle. With an OVERLAPPED, on a handle opened for overlapped I/O, it starts a request: TRUE "    \
      "means it has already finished; FALSE with ERROR_IO_PENDING (997) means it goes on and will be reported "       \
      "through the OVERLAPPED; any other error means it failed. On a file the read starts at the OVERLAPPED's "       \
      "Offset/OffsetHigh.",                                                                                          \
      "핸들에서 읽습니다. 중첩 I/O로 연 핸들에 OVERLAPPED를 주면 요청을 시작합니다. TRUE면 이미 끝났고, FALSE와 "          \
      "ERROR_IO_PENDING(997)이면 계속 진행되어 나중에 OVERLAPPED로 알려지며, 다른 오류면 실패입니다. 파일에서는 "           \
      "OVERLAPPED의 Offset/OffsetHigh 위치부터 읽습니다.")                                                                \
    X(WriteFile,                                                                                                       \
      "Writes to a handle. With an OVERLAPPED, on a handle opened for overlapped I/O, it starts a request: TRUE "     \
      "means it has already finished; FALSE with ERROR_IO_PENDING (997) means it goes on; any other error means it "  \
      "failed. On a file the write starts at the OVERLAPPED's Offset/OffsetHigh.",                                   \
      "핸들에 씁니다. 중첩 I/O로 연 핸들에 OVERLAPPED를 주면 요청을 시작합니다. TRUE면 이미 끝났고, FALSE와 "            \
      "ERROR_IO_PENDING(997)이면 계속 진행되며, 다른 오류면 실패입니다. 파일에서는 OVERLAPPED의 Offset/OffsetHigh "      \
      "위치부터 씁니다.")                                                                                                \
    X(ReadFileEx,                                                                                                      \
      "Starts an overlapped read whose completion is reported by queueing its **completion routine** (an APC) to "    \
      "the calling thread. The routine runs only while that thread waits alertably. ReadFileEx does not use "         \
      "hEvent, so the program may keep its own data there.",                                                         \
      "중첩 I/O 읽기를 시작하고, 끝나면 **완료 루틴**(APC)을 호출한 스레드의 큐에 넣어 알립니다. 루틴은 그 스레드가 "        \
      "alertable 대기 중일 때만 실행됩니다. ReadFileEx는 hEvent를 쓰지 않으므로 프로그램이 자기 데이터를 넣어 둘 수 "      \
      "있습니다.")                                                                                                      \
    X(GetOverlappedResult,                                                                                             \
      "Reports how a request ended: the bytes it moved and, through GetLastError, its error. With bWait = TRUE it "  \
      "waits for the request (on hEvent, or on the handle when hEvent is NULL); with FALSE a request still running "  \
      "gives ERROR_IO_INCOMPLETE (996).",                                                                            \
      "요청이 어떻게 끝났는지 알려 줍니다. 옮긴 바이트 수와, GetLastError로 오류를 줍니다. bWait = TRUE면 요청이 끝날 "    \
      "때까지 기다리고(hEvent에서, hEvent가 NULL이면 핸들에서), FALSE면 아직 진행 중인 요청에 ERROR_IO_INCOMPLETE(996)를 " \
      "돌려줍니다.")                                                                                                    \
    X(WSAGetOverlappedResult,                                                                                          \
      "The socket form of GetOverlappedResult: the bytes a WSARecv or WSASend moved, its flags, and through "          \
      "WSAGetLastError its error. With fWait = FALSE a request still running gives WSA_IO_INCOMPLETE (996).",        \
      "GetOverlappedResult의 소켓 버전입니다. WSARecv나 WSASend가 옮긴 바이트 수와 플래그, WSAGetLastError로 오류를 "      \
      "줍니다. fWait = FALSE면 아직 진행 중인 요청에 WSA_IO_INCOMPLETE(996)를 돌려줍니다.")                               \
    X(WaitForSingleObject,                                                                                             \
      "Blocks the thread until the handle is signalled or the time-out passes: WAIT_OBJECT_0, WAIT_TIMEOUT or "       \
      "WAIT_FAILED. A satisfied wait on an auto-reset event makes the event non-signalled again.",                   \
      "핸들이 신호 상태가 되거나 제한 시간이 지날 때까지 스레드를 멈춥니다. WAIT_OBJECT_0, WAIT_TIMEOUT, WAIT_FAILED 중 "  \
      "하나를 돌려줍니다. 자동 리셋 이벤트에서 대기가 충족되면 이벤트는 다시 비신호 상태가 됩니다.")                          \
    X(WaitForSingleObjectEx,                                                                                           \
      "WaitForSingleObject with a choice: with bAlertable = TRUE the wait is an **alertable wait**, so APCs queued "  \
      "to this thread (completion routines) run inside it and it returns WAIT_IO_COMPLETION.",                       \
      "선택이 하나 더 있는 WaitForSingleObject입니다. bAlertable = TRUE면 **alertable 대기**가 되어, 이 스레드의 큐에 "     \
      "있는 APC(완료 루틴)가 그 안에서 실행되고 WAIT_IO_COMPLETION이 반환됩니다.")                                        \
    X(WaitForMultipleObjects,                                                                                          \
      "Waits on an array of up to 64 handles (MAXIMUM_WAIT_OBJECTS): for any one of them (bWaitAll = FALSE, result "  \
      "WAIT_OBJECT_0 + the index of the lowest signalled one) or for all of them.",                                  \
      "최대 64개(MAXIMUM_WAIT_OBJECTS) 핸들의 배열에서 기다립니다. 그중 하나를(bWaitAll = FALSE, 결과는 WAIT_OBJECT_0 + "  \
      "신호 상태인 것 중 가장 작은 인덱스) 또는 모두를 기다립니다.")                                                        \
    X(WaitForMultipleObjectsEx,                                                                                        \
      "WaitForMultipleObjects that can be an **alertable wait** (bAlertable = TRUE): APCs queued to this thread run " \
      "inside it and it returns WAIT_IO_COMPLETION.",                                                                \
      "**alertable 대기**가 될 수 있는 WaitForMultipleObjects입니다(bAlertable = TRUE). 이 스레드의 큐에 있는 APC가 그 "   \
      "안에서 실행되고 WAIT_IO_COMPLETION이 반환됩니다.")                                                                 \
    X(SleepEx,                                                                                                         \
      "Suspends the thread for the time given. With bAlertable = TRUE it is an **alertable wait**: APCs queued to "   \
      "this thread run and SleepEx returns WAIT_IO_COMPLETION early; otherwise it returns 0 when the time is up.",   \
      "주어진 시간 동안 스레드를 멈춥니다. bAlertable = TRUE면 **alertable 대기**라서 이 스레드의 큐에 있는 APC가 "         \
      "실행되고 SleepEx는 일찍 WAIT_IO_COMPLETION을 돌려줍니다. 아니면 시간이 다 되어 0을 돌려줍니다.")                   \
    X(SetEvent,                                                                                                        \
      "Makes an event signalled. A manual-reset event stays signalled and releases every waiter; an auto-reset "      \
      "event stays signalled until it releases one waiter, then becomes non-signalled again.",                                                 \
      "이벤트를 신호 상태로 만듭니다. 수동 리셋 이벤트는 신호 상태로 남아 모든 대기자를 풀어 주고, 자동 리셋 이벤트는 "      \
      "대기자 하나를 풀어 줄 때까지 신호 상태로 있다가 다시 비신호 상태가 됩니다.")                                                                \
    X(CreateEventA,                                                                                                    \
      "Creates an event: bManualReset chooses manual-reset (signalled until ResetEvent) or auto-reset (a satisfied "  \
      "wait resets it), bInitialState its first state. An OVERLAPPED's hEvent is usually a manual-reset event: "      \
      "ReadFile and WriteFile make it non-signalled when a request starts, and the system signals it when the "       \
      "request finishes.",                                                                                           \
      "이벤트를 만듭니다. bManualReset으로 수동 리셋(ResetEvent까지 신호 상태)과 자동 리셋(대기가 충족되면 리셋)을 고르고, " \
      "bInitialState가 처음 상태입니다. OVERLAPPED의 hEvent는 보통 수동 리셋 이벤트입니다. ReadFile과 WriteFile은 요청을 " \
      "시작할 때 그것을 비신호 상태로 만들고, 요청이 끝나면 시스템이 신호 상태로 만듭니다.")                                  \
    X(CloseHandle,                                                                                                     \
      "Closes a handle. The object itself ends when its last handle is closed (closing a thread's handle does not "   \
      "end the thread). Close a file only after its requests have completed: until then the system may still write " \
      "to their OVERLAPPED structures and buffers.",                                                                 \
      "핸들을 닫습니다. 개체는 마지막 핸들이 닫힐 때 사라집니다(스레드 핸들을 닫아도 스레드는 끝나지 않습니다). 파일은 "       \
      "요청이 모두 완료된 뒤에 닫으세요. 그때까지 시스템이 OVERLAPPED 구조체와 버퍼에 쓸 수 있습니다.")                       \
    X(GetQueuedCompletionStatus,                                                                                       \
      "Takes one **completion packet** from a completion port, waiting up to dwMilliseconds when none is queued. "    \
      "TRUE: a request succeeded (bytes, **completion key** and OVERLAPPED are filled in). FALSE with an OVERLAPPED: " \
      "a request failed, GetLastError says why. FALSE with a NULL OVERLAPPED: nothing was taken (WAIT_TIMEOUT after " \
      "a time-out). The port releases waiting threads last in, first out, and only while fewer threads than its "     \
      "concurrency value are running.",                                                                              \
      "완료 포트에서 **완료 패킷** 하나를 꺼냅니다. 큐가 비어 있으면 dwMilliseconds까지 기다립니다. TRUE면 요청이 "        \
      "성공했습니다(바이트 수, **완료 키**, OVERLAPPED가 채워짐). OVERLAPPED가 있는 FALSE면 요청이 실패했고 GetLastError가 " \
      "이유를 알려 줍니다. OVERLAPPED가 NULL인 FALSE면 아무것도 꺼내지 못했습니다(제한 시간이 지나면 WAIT_TIMEOUT). "       \
      "포트는 가장 나중에 기다리기 시작한 스레드부터(LIFO) 깨우며, 실행 중인 스레드가 동시 실행 값보다 적을 때만 깨웁니다.")     \
    X(CreateIoCompletionPort,                                                                                          \
      "Two jobs in one function: with FileHandle = INVALID_HANDLE_VALUE it creates an I/O completion port with its "  \
      "concurrency value (0 means one per processor); with a file or socket handle it associates that handle with an " \
      "existing port, and the completion key given comes back with every packet of that handle.",                    \
      "한 함수가 두 가지 일을 합니다. FileHandle = INVALID_HANDLE_VALUE면 동시 실행 값(0이면 프로세서 수)을 가진 입출력 "   \
      "완료 포트를 만들고, 파일이나 소켓 핸들을 주면 그 핸들을 기존 포트에 등록합니다. 이때 준 완료 키가 그 핸들의 모든 "     \
      "완료 패킷과 함께 돌아옵니다.")                                                                                     \
    X(PostQueuedCompletionStatus,                                                                                      \
      "Queues a completion packet of the program's own on a port, with the byte count, completion key and OVERLAPPED " \
      "pointer it chooses; often a stop packet that tells a worker thread to return.",                               \
      "프로그램이 고른 바이트 수, 완료 키, OVERLAPPED 포인터로 완료 패킷을 직접 포트의 큐에 넣습니다. 작업자 스레드에게 "     \
      "끝내라고 알리는 종료 패킷으로 자주 씁니다.")                                                                        \
    X(CreateThread,                                                                                                    \
      "Starts a thread running the given function with the given parameter. The handle it returns becomes signalled " \
      "when the thread ends.",                                                                                       \
      "주어진 함수를 주어진 인자로 실행하는 스레드를 시작합니다. 돌려준 핸들은 스레드가 끝나면 신호 상태가 됩니다.")          \
    X(GetExitCodeThread,                                                                                               \
      "Reads a thread's exit code: the value its function returned, or STILL_ACTIVE (259) while it runs.",             \
      "스레드의 종료 코드를 읽습니다. 스레드 함수가 돌려준 값이고, 실행 중이면 STILL_ACTIVE(259)입니다.")                   \
    X(WSAStartup,                                                                                                      \
      "Starts the program's use of Winsock; other Winsock calls fail with WSANOTINITIALISED before it.",               \
      "프로그램이 Winsock을 쓰기 시작합니다. 이 호출 전에는 다른 Winsock 호출이 WSANOTINITIALISED로 실패합니다.")              \
    X(WSACleanup,                                                                                                      \
      "Ends one WSAStartup: the program's use of Winsock ends with the last one.",                                    \
      "WSAStartup 하나를 끝냅니다. 마지막 호출로 프로그램의 Winsock 사용이 끝납니다.")                                      \
    X(WSASocketA,                                                                                                      \
      "Creates a socket. With **WSA_FLAG_OVERLAPPED** it takes overlapped requests (WSARecv and WSASend with an " \
      "OVERLAPPED); without it they ignore the OVERLAPPED and work as calls that return when they are done.",                      \
      "소켓을 만듭니다. **WSA_FLAG_OVERLAPPED**가 있으면 중첩 I/O 요청(OVERLAPPED를 준 WSARecv, WSASend)을 받고, " \
      "없으면 이 함수들이 OVERLAPPED를 무시하고 일이 끝난 뒤에 반환됩니다.")                                                              \
    X(socket,                                                                                                          \
      "Creates a socket. On Windows, socket() gives a socket that can take overlapped requests, as WSASocket with "   \
      "WSA_FLAG_OVERLAPPED does.",                                                                                   \
      "소켓을 만듭니다. Windows에서 socket()은 WSA_FLAG_OVERLAPPED를 준 WSASocket처럼 중첩 I/O 요청을 받을 수 있는 "        \
      "소켓을 만듭니다.")                                                                                                 \
    X(bind, "Gives a socket its local address and port.", "소켓에 로컬 주소와 포트를 줍니다.")                               \
    X(listen,                                                                                                          \
      "Puts a bound socket in the listening state: incoming connections wait in its backlog until accepted.",         \
      "바인드된 소켓을 listen 상태로 만듭니다. 들어오는 연결은 받아들여질 때까지 백로그에서 기다립니다.")                      \
    X(accept,                                                                                                          \
      "Takes the next waiting connection and returns a new socket for it. On a blocking socket it waits while none "  \
      "has arrived.",                                                                                                \
      "기다리는 다음 연결을 받아 그 연결의 새 소켓을 돌려줍니다. 블로킹 소켓에서는 연결이 올 때까지 기다립니다.")              \
    X(connect,                                                                                                         \
      "Connects a socket to a listening address. A blocking socket waits until the connection is made or refused.",   \
      "소켓을 listen 중인 주소에 연결합니다. 블로킹 소켓은 연결되거나 거부될 때까지 기다립니다.")                              \
    X(AcceptEx,                                                                                                        \
      "Accepts a connection into a socket created beforehand, as an overlapped request that the listening socket's "  \
      "port (or hEvent) reports. Its buffer receives the first data, then the local and the remote address; "         \
      "setsockopt(SO_UPDATE_ACCEPT_CONTEXT) then gives the new socket the listening socket's properties.",          \
      "미리 만든 소켓으로 연결을 받아들이는 중첩 I/O 요청입니다. listen 소켓의 완료 포트(또는 hEvent)가 완료를 알립니다. "    \
      "버퍼에는 처음 받은 데이터, 로컬 주소, 원격 주소가 차례로 들어갑니다. 그 뒤 setsockopt(SO_UPDATE_ACCEPT_CONTEXT)가 "  \
      "새 소켓에 listen 소켓의 속성을 줍니다.")                                                                            \
    X(WSAIoctl,                                                                                                        \
      "Controls a socket. With SIO_GET_EXTENSION_FUNCTION_POINTER it returns the address of a Winsock extension "     \
      "function such as AcceptEx, which programs must look up this way at run time.",                               \
      "소켓을 제어합니다. SIO_GET_EXTENSION_FUNCTION_POINTER를 주면 AcceptEx 같은 Winsock 확장 함수의 주소를 돌려줍니다. " \
      "프로그램은 이 함수들을 실행 중에 이렇게 찾아야 합니다.")                                                              \
    X(setsockopt,                                                                                                      \
      "Sets a socket option, such as SO_UPDATE_ACCEPT_CONTEXT after AcceptEx, SO_LINGER or TCP_NODELAY.",             \
      "소켓 옵션을 설정합니다. AcceptEx 뒤의 SO_UPDATE_ACCEPT_CONTEXT, SO_LINGER, TCP_NODELAY 같은 것입니다.")               \
    X(getsockname,                                                                                                     \
      "Reads a socket's local address, for example the port the system chose when the program bound port 0.",         \
      "소켓의 로컬 주소를 읽습니다. 예를 들어 포트 0으로 바인드했을 때 시스템이 고른 포트입니다.")                           \
    X(WSARecv,                                                                                                         \
      "Receives from a socket into one or more WSABUF buffers. With an OVERLAPPED it is a request: 0 means data has " \
      "already arrived; SOCKET_ERROR with WSA_IO_PENDING (997) means it completes later. A receive that completes "   \
      "with 0 bytes means the peer closed the connection gracefully. lpFlags can carry MSG_PEEK in and MSG_PARTIAL "  \
      "out.",                                                                                                        \
      "소켓에서 WSABUF 버퍼 하나 이상으로 받습니다. OVERLAPPED를 주면 요청이 됩니다. 0이면 데이터가 이미 왔고, "           \
      "SOCKET_ERROR와 WSA_IO_PENDING(997)이면 나중에 완료됩니다. 0바이트로 완료된 수신은 상대가 연결을 정상적으로 "           \
      "닫았다는 뜻입니다. lpFlags로 MSG_PEEK을 넘기고 MSG_PARTIAL을 받을 수 있습니다.")                                     \
    X(WSASend,                                                                                                         \
      "Sends from one or more WSABUF buffers on a socket. With an OVERLAPPED it is a request: 0 means the data was "  \
      "already taken; SOCKET_ERROR with WSA_IO_PENDING (997) means it completes later. Completion means the system "  \
      "took the data, not that the peer received it.",                                                              \
      "WSABUF 버퍼 하나 이상의 데이터를 소켓으로 보냅니다. OVERLAPPED를 주면 요청이 됩니다. 0이면 데이터를 이미 가져갔고, " \
      "SOCKET_ERROR와 WSA_IO_PENDING(997)이면 나중에 완료됩니다. 완료는 시스템이 데이터를 가져갔다는 뜻이지, 상대가 받았다는 " \
      "뜻이 아닙니다.")                                                                                                  \
    X(recv,                                                                                                            \
      "Receives from a socket. On a blocking socket it waits until data arrives; 0 means the peer closed the "        \
      "connection gracefully.",                                                                                      \
      "소켓에서 받습니다. 블로킹 소켓에서는 데이터가 올 때까지 기다립니다. 0이면 상대가 연결을 정상적으로 닫았습니다.")         \
    X(send,                                                                                                            \
      "Sends on a socket. A blocking send returns once the system has taken the data, not when the peer has it.",     \
      "소켓으로 보냅니다. 블로킹 send는 시스템이 데이터를 가져가면 반환하며, 상대가 받았을 때가 아닙니다.")                   \
    X(closesocket,                                                                                                     \
      "Closes a socket. Overlapped requests still pending on it are cancelled: they complete with "                   \
      "WSA_OPERATION_ABORTED (995).",                                                                                \
      "소켓을 닫습니다. 아직 진행 중인 중첩 I/O 요청은 취소되어 WSA_OPERATION_ABORTED(995)로 완료됩니다.")                   \
    X(WSACreateEvent,                                                                                                  \
      "Creates a manual-reset event, non-signalled at first, for an OVERLAPPED's hEvent or WSAEventSelect.",           \
      "처음에 비신호 상태인 수동 리셋 이벤트를 만듭니다. OVERLAPPED의 hEvent나 WSAEventSelect에 씁니다.")                   \
    X(WSACloseEvent, "Closes an event made by WSACreateEvent.", "WSACreateEvent로 만든 이벤트를 닫습니다.")                \
    X(WSAResetEvent, "Makes an event non-signalled.", "이벤트를 비신호 상태로 만듭니다.")                                  \
    X(WSAWaitForMultipleEvents,                                                                                        \
      "Waits on up to 64 events (WSA_MAXIMUM_WAIT_EVENTS). With fAlertable = TRUE it is an **alertable wait**: "      \
      "completion routines queued to this thread run and it returns WSA_WAIT_IO_COMPLETION.",                        \
      "최대 64개(WSA_MAXIMUM_WAIT_EVENTS) 이벤트에서 기다립니다. fAlertable = TRUE면 **alertable 대기**라서 이 스레드의 " \
      "큐에 있는 완료 루틴이 실행되고 WSA_WAIT_IO_COMPLETION이 반환됩니다.")                                              \
    X(GetFileSizeEx,                                                                                                   \
      "Reads a file's size as a 64-bit LARGE_INTEGER (files can be larger than 4 GB).",                                \
      "파일 크기를 64비트 LARGE_INTEGER로 읽습니다(파일은 4GB보다 클 수 있습니다).")                                       \
    X(CancelIoEx,                                                                                                      \
      "Asks the system to cancel pending requests on a handle: the one with the given OVERLAPPED, or all of them "    \
      "(NULL), from any thread. A cancelled request still completes, with ERROR_OPERATION_ABORTED (995); wait for "   \
      "that before reusing its OVERLAPPED.",                                                                         \
      "핸들에서 진행 중인 요청의 취소를 요청합니다. 주어진 OVERLAPPED의 요청 하나, 또는 NULL이면 모두이며, 어느 스레드에서나 " \
      "부를 수 있습니다. 취소된 요청도 ERROR_OPERATION_ABORTED(995)로 완료되므로, 그 완료를 기다린 뒤 OVERLAPPED를 다시 "      \
      "쓰세요.")

// The row of `function` in `language`; nothing when the table has none.
std::optional<std::string_view> api_summary(std::string_view function, Language language);

// Every function the table describes, in table order (for the test that each is shown).
std::span<const std::string_view> api_summary_functions();

}  // namespace ovlab::app
