// The Timeline's labels, English and Korean: a second table so ui_strings.h stays readable. Same
// rules (X(id, English, Korean); {} are fmt formats).
#pragma once

#define OVLAB_UI_STRINGS_TIMELINE(X)                                                                               \
    X(TimelineTitle, "Timeline", "타임라인")                                                                        \
    X(TimelineHelp,                                                                                                \
      "The whole run at a glance. One lane per thread: each bar is a Win32 call from entry to return — green "     \
      "succeeded, amber returned FALSE with ERROR_IO_PENDING (the request goes on), red failed; a pale bar is a "   \
      "wait; purple is a completion routine run as an APC. The I/O requests lane shows each overlapped request "   \
      "from issue to completion, with arrows from the issuing thread and on to the thread that handled it. Below: " \
      "the port's queued packets (blue) and running threads (green; dashed: the concurrency value), requests in " \
      "flight and APC queues, always in view. A call drawn grey and hatched never returned: the run ended inside "  \
      "it. Click a request to highlight its way (the call that issued it, its completion, the call that handled " \
      "it). Wheel zooms, drag pans, Home fits the run, the vertical line is the step shown; click a bar to "     \
      "look at that step. T shows or hides the timeline; F12 saves a picture of the window, Shift+F12 of the "     \
      "timeline alone.",                                                                                           \
      "실행 전체를 한눈에 봅니다. 스레드마다 레인 하나: 막대 하나가 Win32 호출 하나(진입부터 반환까지)입니다 — 초록은 성공, " \
      "주황은 FALSE와 ERROR_IO_PENDING 반환(요청은 계속 진행), 빨강은 실패, 옅은 막대는 대기, 보라는 APC로 실행된 완료 "    \
      "루틴입니다. 중첩 I/O 요청 레인은 각 요청을 시작부터 완료까지 보여 주고, 요청한 스레드와 완료를 처리한 스레드로 "      \
      "화살표가 이어집니다. 아래에는 완료 포트의 큐 길이와 실행 중 스레드 수(점선: 동시 실행 값), 진행 중인 요청, APC 큐가 " \
      "있으며 항상 보입니다(완료 포트: 파랑은 대기 패킷, 초록은 실행 중 스레드). 회색 빗금 막대는 반환하지 못한 호출입니다: " \
      "그 안에 있는 동안 실행이 끝났습니다. 요청을 누르면 그 흐름(요청한 호출, 완료, 처리한 호출)이 강조됩니다. "      \
      "휠로 확대, 끌어서 이동, Home으로 전체 보기, 세로선은 지금 보는 단계입니다. 막대를 누르면 그 단계를 "             \
      "봅니다. T는 타임라인을 보이거나 숨기고, F12는 창 전체를, Shift+F12는 타임라인만 그림으로 저장합니다.")               \
    X(TimelineToggle, "Timeline", "타임라인")                                                                       \
    X(TimelineToggleHelp, "Show the whole run as a timeline below (T)", "실행 전체를 아래에 타임라인으로 보기 (T)")         \
    X(TimelineAxisSteps, "Steps", "단계")                                                                           \
    X(TimelineAxisTime, "Time", "시간")                                                                             \
    X(TimelineAxisHelp,                                                                                            \
      "Steps: one unit per checkpoint, as the stepper counts. Time: when each event was recorded (the stepper "     \
      "holds threads, so long gaps are time spent waiting for Step).",                                            \
      "단계: 체크포인트마다 한 칸, 스테퍼가 세는 대로. 시간: 각 이벤트가 기록된 때 (스테퍼가 스레드를 멈춰 두므로 긴 "        \
      "간격은 단계를 기다린 시간입니다).")                                                                              \
    X(TimelineFit, "Fit", "전체")                                                                                  \
    X(TimelineFitHelp, "Show the whole run (Home)", "실행 전체 보기 (Home)")                                          \
    X(TimelineSave, "Save picture", "그림 저장")                                                                    \
    X(TimelineSaveHelp, "Save a PNG of the timeline alone, for slides (Shift+F12; F12: the whole window)",         \
      "타임라인만 PNG로 저장, 슬라이드용 (Shift+F12; F12: 창 전체)")                                                      \
    X(TimelineEmpty, "Nothing recorded yet: press Step", "아직 기록이 없습니다: 단계를 누르세요")                           \
    X(TimelineRequests, "I/O requests", "중첩 I/O 요청")                                                              \
    X(TimelineInFlight, "requests in flight", "진행 중인 요청")                                                          \
    X(TimelinePortQueue, "{} queue", "{} 큐")                                                            \
    X(TimelinePortRunning, "{} running", "{} 실행 중")                                                     \
    X(TimelineApcQueue, "{} APC queue", "{} APC 큐")                                                                \
    X(TimelineStepAxis, "step {}", "{}단계")                                                                        \
    X(TimelineSteps, "steps {}–{}", "{}–{}단계")                                                                    \
    X(TimelineReturned, "returned {}", "반환 {}")                                                                    \
    X(TimelineNotReturned, "has not returned", "아직 반환하지 않음")                                                    \
    X(TimelineWaitedFor, "waited: {}", "대기: {}")                                                                   \
    X(TimelineRoutine, "completion routine: {}", "완료 루틴: {}")                                                     \
    X(TimelineMerged, "{} spans here — zoom in (wheel) to tell them apart", "여기 막대 {}개 — 휠로 확대하면 구분됩니다")   \
    X(TimelineRequestOn, "{0} on {1}: {2} bytes at offset {3}", "{1}에서 {0}: 오프셋 {3}에서 {2}바이트")                  \
    X(TimelineRequestOnSocket, "{0} on {1}: {2} bytes (a socket has no offset)",                                      \
      "{1}에서 {0}: {2}바이트(소켓에는 오프셋이 없음)")                                                                     \
    X(TimelineIssuedBy, "issued by {}", "요청한 스레드: {}")                                                          \
    X(TimelineCompleted, "completed: {}, {} bytes", "완료: {}, {}바이트")                                              \
    X(TimelineInFlightNow, "still in flight", "아직 진행 중")                                                         \
    X(TimelineHandledDequeued, "{} dequeued its packet", "{}가 패킷을 꺼냄")                                           \
    X(TimelineHandledRoutine, "{} ran its completion routine", "{}가 완료 루틴을 실행함")                               \
    X(TimelineHandledWoke, "{} woke on its event", "{}가 이벤트로 깨어남")                                              \
    X(TimelineClickToStep, "Click: look at step {}", "누르면 {}단계를 봅니다")                                          \
    X(TimelineUnwound, "never returned: the run ended while it was still inside (unwound)",                         \
      "반환하지 않음: 이 호출 안에 있는 동안 실행이 끝났습니다")                                                          \
    X(TimelineCalloutIssued, "{0}: {1} {2} B", "{0}: {1} {2}바이트")                                                   \
    X(TimelineCalloutCompleted, " → {0}, {1} B", " → {0}, {1}바이트")                                                  \
    X(TimelineLegendQueued, "queued", "대기 패킷")                                                                  \
    X(TimelineLegendRunning, "running", "실행 중")                                                                 \
    X(TimelineSelectHelp, "Click: highlight this request's way and look at step {}",                               \
      "누르면 이 요청의 흐름을 강조하고 {}단계를 봅니다")                                                                  \
    X(TimelineSaved, "Picture saved: {}", "그림 저장됨: {}")                                                           \
    X(TimelineSaveFailed, "Picture not saved: {}", "그림 저장 실패: {}")
