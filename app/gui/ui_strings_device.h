// The labels of the controls that let the student play the device and step by meaning: Run to…
// (the next completion, APC or dequeue, a code line), delivering a held completion first,
// cancelling a pending request, and comparing two steps. Same rules as ui_strings.h.
#pragma once

#define OVLAB_UI_STRINGS_DEVICE(X)                                                                                 \
    X(RunTo, "Run to…", "…까지 실행")                                                                              \
    X(RunToHelp,                                                                                                   \
      "Run until something chosen happens: the next completion, APC or dequeue, or a code line (click the line "   \
      "in the Code panel). Pause stops it. Looking back at an earlier step, it finds the next one in the history " \
      "first.",                                                                                                    \
      "고른 일이 일어날 때까지 실행합니다: 다음 완료, APC, 꺼내기, 또는 코드 줄(코드 패널에서 그 줄을 클릭). "              \
      "일시정지로 멈춥니다. 지난 단계를 보는 중이면 먼저 기록에서 다음 것을 찾습니다.")                                       \
    X(RunToCompletion, "Next completion", "다음 완료")                                                             \
    X(RunToCompletionHelp,                                                                                         \
      "Until the next I/O completion is delivered: Internal written, the event set, a packet or a completion "     \
      "routine queued",                                                                                            \
      "다음 I/O 완료가 전달될 때까지: Internal 기록, 이벤트가 신호 상태로, 완료 패킷이나 완료 루틴이 큐에 들어감")            \
    X(RunToApc, "Next APC", "다음 APC")                                                                            \
    X(RunToApcHelp, "Until a thread starts running an APC (a completion routine runs as one)",                     \
      "스레드가 APC를 실행하기 시작할 때까지 (완료 루틴도 APC로 실행됨)")                                             \
    X(RunToDequeue, "Next dequeue", "다음 꺼내기")                                                                 \
    X(RunToDequeueHelp, "Until GetQueuedCompletionStatus takes a packet from a completion port",                   \
      "GetQueuedCompletionStatus가 완료 포트에서 완료 패킷을 꺼낼 때까지")                                             \
    X(RunToLineHint, "A code line: click it in the Code panel", "코드 줄: 코드 패널에서 그 줄을 클릭")             \
    X(RunToLine, "line {}", "{}행")                                                                                \
    X(CodeLineTip, "Click: run until a thread reaches line {}", "클릭: 스레드가 {}행에 도달할 때까지 실행")         \
    X(StatusRunningTo, "Running to: {}", "실행 목표: {}")                                                          \
    X(RunToUnavailable, "Run to… steps a lesson run or a recording, not a program of your own",                    \
      "…까지 실행은 레슨 실행이나 기록에서만 됩니다. 직접 만든 프로그램에서는 되지 않습니다")                            \
    X(DeliverFirst, "Complete this one first", "이것 먼저 완료")                                                   \
    X(DeliverFirstHelp,                                                                                            \
      "The kernel has finished this request and the lab holds it. Deliver it now, ahead of the other held "       \
      "requests (D): completion order is not issue order.",                                                        \
      "커널은 이 요청을 끝냈고 랩이 보류하고 있습니다. 보류된 다른 요청보다 먼저 지금 전달합니다(D). 완료 순서는 "           \
      "요청 순서와 같지 않습니다.")                                                                                  \
    X(CancelRequest, "Cancel (CancelIoEx)", "취소 (CancelIoEx)")                                                   \
    X(CancelRequestHelp,                                                                                           \
      "Calls CancelIoEx with this request's handle and OVERLAPPED, as another thread of the program could (C). "   \
      "The request still completes through its usual channel: with ERROR_OPERATION_ABORTED (995) if the kernel "   \
      "can still stop it, else with its own result.",                                                              \
      "이 요청의 핸들과 OVERLAPPED로 CancelIoEx를 호출합니다. 프로그램의 다른 스레드가 호출할 수 있는 것과 같습니다(C). " \
      "요청은 여전히 평소 경로로 완료됩니다: 커널이 아직 멈출 수 있으면 ERROR_OPERATION_ABORTED(995)로, 아니면 원래 "  \
      "결과로.")                                                                                                     \
    X(DeviceLiveOnly, "Only the live step can be changed: press Live (End) first",                                 \
      "실시간 단계에서만 바꿀 수 있습니다. 먼저 실시간(End)을 누르세요")                                               \
    X(CheckFailedAfterCancel,                                                                                      \
      "You cancelled a request in this run. The lesson's check expects its requests to complete normally, so a "   \
      "request ended by ERROR_OPERATION_ABORTED (995) can make it fail.",                                          \
      "이 실행에서 요청을 취소했습니다. 레슨의 확인은 요청이 정상적으로 완료된다고 보므로, "                             \
      "ERROR_OPERATION_ABORTED(995)로 끝난 요청 때문에 실패할 수 있습니다.")                                           \
    X(StatusCancelledByYou, "a request was cancelled by you", "직접 취소한 요청 있음")                              \
    X(CompareMark, "Mark step as A", "이 단계를 A로 표시")                                                        \
    X(CompareMarkHelp,                                                                                             \
      "Remember the step shown as A. View another step (Step, Back, the slider) to see what changed between them " \
      "in the OVERLAPPEDs, the completion ports and the handles.",                                                 \
      "보이는 단계를 A로 기억합니다. 다른 단계를 보면(단계, 뒤로, 슬라이더) 둘 사이에 OVERLAPPED, 완료 포트, "             \
      "핸들에서 바뀐 것을 보여 줍니다.")                                                                              \
    X(CompareClear, "Clear A", "A 지우기")                                                                         \
    X(CompareTitle, "Step {0} (A) → step {1}", "{0}단계(A) → {1}단계")                                             \
    X(CompareSame, "No OVERLAPPED, port or handle changed", "OVERLAPPED, 완료 포트, 핸들 중 바뀐 것이 없습니다")       \
    X(CompareMore, "…and {} more", "…외 {}개")                                                                    \
    X(CompareNew, "{}: new", "{}: 새로 생김")                                                                      \
    X(CompareClosed, "{}: closed", "{}: 닫힘")                                                                     \
    X(ComparePortQueue, "{0}: {1} packets queued → {2}", "{0}: 큐의 완료 패킷 {1}개 → {2}개")                       \
    X(ComparePortRunning, "{0}: {1} running → {2}", "{0}: 실행 중 {1} → {2}")                                      \
    X(ComparePortWaiters, "{0}: {1} threads waiting → {2}", "{0}: 대기 스레드 {1}개 → {2}개")                       \
    X(KeysRunToCompletion, "Run to the next completion", "다음 완료까지 실행")                                     \
    X(KeysRunToApc, "Run to the next APC", "다음 APC까지 실행")                                                    \
    X(KeysRunToDequeue, "Run to the next dequeue (GetQueuedCompletionStatus takes a packet)",                      \
      "다음 꺼내기까지 실행 (GetQueuedCompletionStatus가 완료 패킷을 꺼냄)")                                           \
    X(KeysDeliverFirst, "Complete the held request the OVERLAPPED panel shows ahead of the others",                \
      "OVERLAPPED 패널에 보이는 보류된 요청을 다른 요청보다 먼저 완료")                                                \
    X(KeysCancelRequest, "Cancel the pending request the OVERLAPPED panel shows (CancelIoEx)",                     \
      "OVERLAPPED 패널에 보이는 대기 중 요청 취소 (CancelIoEx)")
