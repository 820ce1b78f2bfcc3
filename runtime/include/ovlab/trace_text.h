// The product's own wording of trace facts, in English and Korean: the transcript's lines, thread
// states, handle kinds, and the words the runtime writes into event texts. Views (the headless
// printer, the window's panels) choose the language; the runtime always records English, and
// `localize_recorded` turns its phrases into the chosen language. One table per kind of text.
#pragma once

#include <string>
#include <string_view>

#include "ovlab/language.h"
#include "ovlab/trace.h"

namespace ovlab::trace {

// X(Key, English, Korean): fmt format strings of the transcript's own lines.
#define OVLAB_TRACE_LINES(X)                                                                                          \
    X(SourceLine, "line {}", "{}행")                                                                                   \
    X(ApcRuns, "APC runs: {}", "APC 실행: {}")                                                                         \
    X(LineReached, "reached", "도달")                                                                                  \
    X(CompletionHeader, "completion  {} of {} on {} finished: {}, {} bytes",                                          \
      "완료  {1}의 {0}({2}) 끝남: {3}, {4}바이트")                                                                        \
    X(AnyRequest, "request", "요청")                                                                                   \
    X(Bytes, "{} bytes", "{}바이트")                                                                                   \
    X(ThreadNumber, "thread {}", "스레드 {}")                                                                          \
    X(RuntimeThread, "runtime", "런타임")                                                                              \
    X(NoOverlapped, "no OVERLAPPED", "OVERLAPPED 없음")                                                                \
    X(ThreadStarted, "thread {} started: {}", "스레드 {} 시작: {}")                                                     \
    X(ThreadStateIs, "{} is {}", "{}: {}")                                                                             \
    X(ThreadExited, "{} exited with {}", "{} 끝남, 종료 코드 {}")                                                       \
    X(HandleCreated, "created {} 0x{:X}: {} ({})", "{} 0x{:X} 만듦: {} ({})")                                           \
    X(Signalled, "signalled", "신호 상태")                                                                              \
    X(NotSignalled, "not signalled", "비신호 상태")                                                                     \
    X(HandleClosed, "closed {}", "{} 닫음")                                                                            \
    X(ObjectNamed, "handle 0x{:X} is {} in the source", "핸들 0x{:X}: 소스의 {}")                                       \
    X(SignalSet, "{} signalled", "{} → 신호 상태")                                                                      \
    X(SignalReset, "{} reset", "{} → 비신호 상태")                                                                      \
    X(IoIssuedAtPointer, "{} of {} bytes at the file pointer issued on {} with no OVERLAPPED",                         \
      "{2}에 {0} {1}바이트 요청, 파일 포인터 위치에서, OVERLAPPED 없음")                                                     \
    X(IoIssued, "{} of {} bytes at offset {} issued on {} with {}", "{3}에 {0} {1}바이트 요청, 오프셋 {2}, {4}")          \
    X(IoIssuedOnSocket, "{} of {} bytes issued on {} with {}", "{2}에 {0} {1}바이트 요청, {3}")                          \
    X(SocketHasNoOffset, " (a socket is a stream of bytes: it has no offset)",                                        \
      " (소켓은 바이트 스트림이라 오프셋이 없음)")                                                                          \
    X(IoCompletedWithoutOverlapped, "the call's own transfer completed (no OVERLAPPED: the thread waited in it)",     \
      "호출 안에서 전송이 완료됨(OVERLAPPED 없음: 스레드가 호출 안에서 기다림)")                                               \
    X(IoCompleted, "{} completed", "{} 완료")                                                                          \
    X(ApcQueued, "APC queued to {}: {}", "{}의 APC 큐에 들어감: {}")                                                     \
    X(ApcReturned, "APC returned on {}", "{}에서 APC 반환")                                                             \
    X(PacketQueued, "packet queued on {}: {} bytes, key {}, {} ({})",                                                 \
      "{}에 완료 패킷이 들어감: {}바이트, 완료 키 {}, {} ({})")                                                             \
    X(PacketDequeued, "{} took a packet from {}: {} bytes, key {}, {}",                                               \
      "{}: {}에서 완료 패킷을 꺼냄: {}바이트, 완료 키 {}, {}")                                                              \
    X(PortWaits, "{} waits on {}", "{}: {}에서 대기 시작")                                                              \
    X(PortNoLongerWaits, "{} no longer waits on {}", "{}: {}에서 더 이상 대기하지 않음")                                  \
    X(PortCounts, "{}: {} running of concurrency {}", "{}: 실행 중 {}, 동시 실행 값 {}")                                 \
    X(Console, "console: {}", "콘솔: {}")                                                                             \
    X(LessonStarted, "lesson {} started", "레슨 {} 시작")                                                              \
    X(LessonFinished, "lesson finished: exit code {}, check {}: {}", "레슨 끝: 종료 코드 {}, 확인 {}: {}")               \
    X(ProgramStarted, "program {} started", "프로그램 {} 시작")                                                        \
    X(ProgramFinished, "program finished: exit code {}", "프로그램 끝: 종료 코드 {}")                                   \
    X(CheckPassed, "passed", "통과")                                                                                   \
    X(CheckFailed, "FAILED", "실패")                                                                                   \
    X(StudentDeliveredFirst, "you let {} complete ahead of the other held requests",                                \
      "{}을(를) 보류된 다른 요청보다 먼저 완료시킴")                                                                       \
    X(StudentCancelled, "you cancelled {} on {} (CancelIoEx)", "{1}의 {0}을(를) 취소함(CancelIoEx)")                       \
    X(StudentCancelFound,                                                                                             \
      ": it was pending: it completes with 995 (ERROR_OPERATION_ABORTED) if the kernel can still stop it, else with " \
      "its own result",                                                                                               \
      ": 대기 중이던 요청: 커널이 아직 멈출 수 있으면 995(ERROR_OPERATION_ABORTED)로, 아니면 원래 결과로 완료됨")           \
    X(StudentCancelNotFound, ": no pending request had it (CancelIoEx fails with ERROR_NOT_FOUND)",                    \
      ": 그런 대기 중 요청이 없음(CancelIoEx는 ERROR_NOT_FOUND로 실패)")                                                    \
    X(HistoryFull, "the run's history is full ({} events): the lab stopped it here",                                  \
      "실행 기록이 가득 찼습니다(이벤트 {}개). 랩이 여기서 실행을 멈췄습니다")

enum class Line {
#define OVLAB_TRACE_LINE_ID(key, en, ko) key,
    OVLAB_TRACE_LINES(OVLAB_TRACE_LINE_ID)
#undef OVLAB_TRACE_LINE_ID
};

// The format string of `line` in `language` (use with fmt::runtime).
std::string_view line_format(Line line, Language language);
// English: "1 bytes" -> "1 byte" in a formatted line (the tables write "{} bytes" for any count).
std::string singular_byte_counts(std::string text);

// "running", "waiting", ... / "실행 중", "대기 중", ...
std::string_view thread_state_name(ThreadState state, Language language);
// "file", "event", ... / "파일", "이벤트", ...
std::string_view handle_kind_name(HandleKind kind, Language language);

// A text the runtime recorded (a handle's description, why it was signalled or reset, what a
// thread waits for, what an APC runs, where a packet came from, a request's operation, the notes
// in a call's arguments) in `language`. API names, identifiers and numbers in it stay as they are.
std::string localize_recorded(std::string_view text, Language language);

}  // namespace ovlab::trace
