// Every label of the window in English and Korean, in one table. Strings with {} are fmt formats
// (positional {0} {1} where Korean word order differs); SpeedFormat and ScrubFormat end up as
// ImGui slider formats (printf-style %).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ovlab/lesson_registry.h"
#include "ovlab/trace_state.h"
#include "theme_kind.h"
#include "ui_strings_panels.h"
#include "ui_strings_device.h"
#include "ui_strings_keys.h"
#include "ui_strings_predict.h"
#include "ui_strings_timeline.h"

// X(id, English, Korean)
#define OVLAB_UI_STRINGS(X)                                                                                        \
    X(AppName, "Overlapped Lab", "Overlapped Lab")                                                                 \
    X(ControlsTitle, "Controls", "조작")                                                                            \
    X(ControlsHelp,                                                                                                \
      "Step (Space or Right arrow) lets exactly one checkpoint pass: a call about to be made, a call returning, "  \
      "or an I/O completion being delivered. Run steps at the chosen speed; Pause stops. Back (Left arrow) and "   \
      "the slider look at earlier steps: only the view moves back, the real I/O is never rewound; Live (End) "     \
      "returns. Hold completions keeps finished I/O pending until Release, so a pending request stays visible. "   \
      "Reset starts the lesson again with fresh sample data. Ctrl+plus, Ctrl+minus and Ctrl+wheel zoom the "      \
      "window, Ctrl+0 goes back to 100 %; a double-click on a panel's title makes it fill the window. F1 or ? "    \
      "lists every key.",                                                                                          \
      "단계(Space 또는 오른쪽 화살표)는 체크포인트 하나만 통과시킵니다: 곧 호출될 함수, 반환되는 함수, 전달되는 I/O "              \
      "완료. 실행은 정한 속도로 단계를 진행하고, 일시정지는 멈춥니다. 뒤로(왼쪽 화살표)와 슬라이더는 이전 단계를 "                   \
      "보여 줍니다: 화면만 되돌아가며 실제 I/O는 되돌리지 않습니다. 실시간(End)으로 돌아옵니다. 완료 보류는 끝난 I/O를 "      \
      "해제할 때까지 대기 상태로 둡니다. 초기화는 새 예제 데이터로 레슨을 다시 시작합니다. Ctrl+플러스, Ctrl+마이너스, "       \
      "Ctrl+휠로 창을 확대/축소하고 Ctrl+0은 100 %로 돌아갑니다. 패널 제목을 두 번 클릭하면 그 패널이 창을 가득 채웁니다. " \
      "F1 또는 ?는 모든 단축키를 보여 줍니다.")                                                                                              \
    X(Step, "Step", "단계")                                                                                         \
    X(StepHelp, "Let one checkpoint pass (Space, Right arrow, PageDown)",                                          \
      "체크포인트 하나 통과 (Space, 오른쪽 화살표, PageDown)")                                                     \
    X(Run, "Run", "실행")                                                                                           \
    X(Pause, "Pause", "일시정지")                                                                                    \
    X(SpeedFormat, "%.1f steps/s", "초당 %.1f 단계")                                                                 \
    X(SpeedHelp, "Run speed in steps per second", "실행 속도 (초당 단계 수)")                                          \
    X(Reset, "Reset", "초기화")                                                                                      \
    X(ResetHelp, "Stop this run and start the lesson again from step 0", "이 실행을 멈추고 0단계부터 다시 시작")            \
    X(Parameters, "Parameters…", "매개변수…")                                                                      \
    X(ParametersHelp,                                                                                              \
      "Change what the lesson program runs with (workers, buffer size, alertable or not…) and restart it",         \
      "레슨 프로그램의 실행 값(작업자 스레드 수, 버퍼 크기, alertable 여부…)을 바꾸고 다시 시작")                    \
    X(ParametersNone, "This lesson has no parameters to change", "이 레슨에는 바꿀 매개변수가 없습니다")           \
    X(ParametersTitle, "Lesson parameters", "레슨 매개변수")                                                       \
    X(ParametersIntro,                                                                                             \
      "Each value reaches the program as name=value on its command line. The narration is written for "            \
      "the defaults.",                                                                                             \
      "각 값은 프로그램의 명령줄에 name=value로 전달됩니다. 설명은 기본값을 기준으로 쓰여 있습니다.")              \
    X(ParametersDefault, "default {}", "기본값 {}")                                                                \
    X(ParametersApply, "Apply and restart", "적용하고 다시 시작")                                                  \
    X(ParametersDefaults, "Defaults", "기본값으로")                                                                \
    X(ParametersCancel, "Cancel", "취소")                                                                          \
    X(ParametersChanged, "Changed: {}", "변경됨: {}")                                                              \
    X(ParametersChangedHelp,                                                                                       \
      "This run uses parameters a teacher changed; the narration is written for the defaults. "                    \
      "Parameters… shows them all.",                                                                               \
      "이 실행은 교사가 바꾼 매개변수를 씁니다. 설명은 기본값을 기준으로 쓰여 있습니다. 매개변수…에서 모두 볼 수 있습니다.") \
    X(Back, "Back", "뒤로")                                                                                         \
    X(BackHelp, "Look at the previous step (Left arrow, PageUp); the real I/O is not rewound",                       \
      "이전 단계 보기 (왼쪽 화살표, PageUp): 실제 I/O는 되돌리지 않습니다")                                                     \
    X(ScrubFormat, "step %d of {}", "{}단계 중 %d")                                                                  \
    X(ScrubHelp, "Drag to look at any recorded step; the views are rebuilt from the trace",                        \
      "끌어서 기록된 아무 단계나 보기: 화면은 트레이스로부터 다시 계산됩니다")                                                 \
    X(Live, "Live", "실시간")                                                                                       \
    X(HoldCompletions, "Hold completions", "완료 보류")                                                             \
    X(HoldShort, "Hold", "보류")                                                                                    \
    X(HoldHelp,                                                                                                    \
      "Finished I/O stays held (still pending for the program) until you press Release. Nothing is faked: the "    \
      "kernel has finished, the lab delays delivering the completion.",                                           \
      "끝난 I/O를 해제할 때까지 보류합니다 (프로그램에게는 아직 대기 중). 꾸며낸 것이 아닙니다: 커널은 이미 끝났고, "            \
      "랩이 완료 전달을 늦출 뿐입니다.")                                                                                \
    X(ReleaseFormat, "Release ({})", "해제 ({})")                                                                    \
    X(ReleaseHelp, "Deliver the held completions", "보류된 완료를 전달")                                                \
    X(HoldUnavailable,                                                                                             \
      "On Windows the kernel delivers completions itself: the lab cannot hold one back. Use a peer you control "   \
      "(a socket or pipe lesson) to keep a request pending.",                                                      \
      "Windows에서는 커널이 완료를 직접 전달하므로 랩이 보류할 수 없습니다. 요청을 대기 상태로 두려면 직접 조종하는 "          \
      "상대(소켓이나 파이프 레슨)를 사용하세요.")                                                                           \
    X(ObservedFields, "observed", "관찰값")                                                                         \
    X(ObservedFieldsHelp,                                                                                          \
      "On Windows the kernel writes the OVERLAPPED fields and signals the handles; the lab only observes them "    \
      "(at each step and by sampling about once a millisecond), so a short-lived value may be missed.",            \
      "Windows에서는 커널이 OVERLAPPED 필드를 쓰고 핸들을 신호 상태로 만듭니다. 랩은 이를 관찰만 하므로(단계마다, 그리고 약 1ms마다 "   \
      "샘플링) 아주 짧게 있었던 값은 놓칠 수 있습니다.")                                                                   \
    X(IoBackend, "I/O: {}", "I/O: {}")                                                                             \
    X(IoBackendHelp, "The kernel interface doing the real asynchronous I/O of this run",                          \
      "이 실행의 실제 중첩 I/O를 수행하는 커널 인터페이스")                                                              \
    X(LanguageKorean, "한국어", "한국어")                                                                             \
    X(KoreanFontMissing, "No Korean font found: install fonts-nanum (NanumGothic) to read Korean text",             \
      "No Korean font found: install fonts-nanum (NanumGothic) to read Korean text")                              \
    X(ThemeLight, "Light", "밝은 테마")                                                                              \
    X(ThemeDark, "Dark", "어두운 테마")                                                                              \
    X(ThemeProjector, "Projector", "프로젝터 테마")                                                                  \
    X(ThemeHelp, "Colours of the window. Projector: black on white with heavier lines, for a projector in a lit room", \
      "창의 색입니다. 프로젝터 테마는 흰 바탕에 검은 글자와 굵은 선으로, 밝은 교실의 프로젝터에서도 잘 보입니다")            \
    X(ZoomNotice, "Zoom {}%", "확대/축소 {}%")                                                                        \
    X(PanelEnlargeHint, "Double-click the title to make this panel fill the window",                               \
      "제목을 두 번 클릭하면 이 패널이 창을 가득 채웁니다")                                                                \
    X(PanelRestoreHint, "Double-click the title (or press Esc) to put the other panels back",                     \
      "제목을 두 번 클릭하거나 Esc를 누르면 다른 패널이 돌아옵니다")                                                          \
    X(StatusCannotStart, "Cannot start the lesson", "레슨을 시작할 수 없습니다")                                        \
    X(StatusStarting, "Starting…", "시작하는 중…")                                                                   \
    X(StatusCannotStartProgram, "Cannot start the program", "프로그램을 시작할 수 없습니다")                               \
    X(StatusProgramCrashed, "Crashed: SIG{}", "비정상 종료: SIG{}")                                                   \
    X(ProgramCrashHelp,                                                                                            \
      "Signal {0} (SIG{1}) ended the program after step {2}: thread {3}, {4}. The lab keeps running; Reset "       \
      "starts the program again.",                                                                                 \
      "SIG{1}({0}번)이 {2}단계 뒤에 프로그램을 끝냈습니다: 스레드 {3}, {4}. 랩은 계속 실행되며, 초기화를 누르면 "            \
      "프로그램을 처음부터 다시 실행합니다.")                                                                               \
    X(StatusProgramExited, "Exited with code {}", "종료 코드 {}로 끝남")                                               \
    X(ProgramExitedHelp, "The program's main returned {0} after step {1}. Reset starts it again.",               \
      "프로그램의 main이 {1}단계 뒤에 {0}을(를) 반환했습니다. 초기화를 누르면 처음부터 다시 실행합니다.")                    \
    X(StatusProgramBrokeLink, "Broke the lab's link", "랩과의 연결 규약을 어김")                                          \
    X(StatusProgramNotForLab, "Not built for the lab", "랩용으로 빌드되지 않음")                                         \
    X(ProgramNotForLabHelp, "It ended without connecting to the lab: build it with ovlab_add_lab_program",         \
      "랩에 연결하지 않고 끝났습니다. ovlab_add_lab_program으로 빌드하세요")                                               \
    X(StatusRecordedTrace, "Recorded trace: {}", "기록된 트레이스: {}")                                                  \
    X(StatusRecordedTraceHelp,                                                                                     \
      "Nothing runs: Step, Back and the scrub bar move through the run recorded in this file. Choose a lesson "    \
      "to run one.",                                                                                               \
      "아무것도 실행되지 않습니다. 단계, 뒤로, 스크럽 막대로 이 파일에 기록된 실행을 따라갑니다. 실행하려면 레슨을 고르세요.")     \
    X(StatusRecordedStep, "Step {0} of {1}", "{1}단계 중 {0}단계")                                                     \
    X(StatusRecordedTruncated, "Trace truncated at {} events", "트레이스가 이벤트 {}개에서 잘림")                          \
    X(StatusViewingStep, "Viewing step {0} of {1} (live: {2})", "{1}단계 중 {0}단계 보는 중 (실시간: {2})")               \
    X(StatusViewingStepHelp, "You are looking back; the lesson itself is still at the live step",                  \
      "지난 단계를 보고 있습니다. 레슨 자체는 실시간 단계에 있습니다")                                                        \
    X(StatusFinishedPassed, "Finished: check passed", "완료: 검사 통과")                                                \
    X(StatusFinishedFailed, "Finished: check failed", "완료: 검사 실패")                                                \
    X(StatusStep, "Step {}", "{}단계")                                                                              \
    X(StatusRunning, "Running", "실행 중")                                                                           \
    X(StatusHeld, "{} completion(s) held", "완료 {}개 보류 중")                                                        \
    X(StatusHistoryFull, "Stopped: history full", "멈춤: 기록이 가득 참")                                              \
    X(StatusHistoryFullHelp,                                                                                       \
      "The lab keeps at most {} events of a run, so it stopped this run at the last step it could keep. "        \
      "Every step so far can still be viewed; Reset starts the lesson again.",                                     \
      "랩은 한 실행의 이벤트를 최대 {}개까지 보관하므로, 보관할 수 있는 마지막 단계에서 이 실행을 멈췄습니다. "                   \
      "지금까지의 모든 단계는 계속 볼 수 있고, 초기화를 누르면 레슨이 다시 시작합니다.")                                      \
    X(StatusReady, "Ready: press Step", "준비됨: 단계를 누르세요")                                                      \
    X(StatusWaitingForKernel, "Waiting for the kernel…", "커널을 기다리는 중…")                                         \
    X(StatusWaitingForKernelHelp,                                                                                  \
      "Every lesson thread waits for I/O that the kernel has not finished yet; Step becomes available when it has", \
      "모든 레슨 스레드가 커널이 아직 끝내지 않은 I/O를 기다립니다. 끝나면 단계를 누를 수 있습니다")                               \
    X(LessonsTitle, "Lessons", "레슨")                                                                              \
    X(LessonsHelp, "Choose a lesson: the current run stops and the chosen lesson starts at step 0.",               \
      "레슨을 고르세요: 현재 실행이 멈추고 고른 레슨이 0단계부터 시작합니다.")                                                  \
    X(LessonsEmpty, "No lessons are built into this binary", "이 프로그램에 포함된 레슨이 없습니다")                           \
    X(ThreadsTitle, "Threads", "스레드")                                                                             \
    X(ThreadsHelp,                                                                                                 \
      "One lane per thread in its own colour (the same colour marks its line in the code), with its state and "     \
      "line; the framed lane reached the step shown. Below, the latest requests cross the lanes: the issuing call, "\
      "the kernel finishing it, and the thread that then dequeued its packet, ran its routine or woke on its "     \
      "event. Requests touched in the step shown are highlighted; older ones fade.",                             \
      "스레드마다 고유한 색의 레인 하나에 상태와 줄을 보여 줍니다 (코드에서 그 줄도 같은 색). 테두리가 있는 레인이 지금 "          \
      "보는 단계에 도달한 스레드입니다. 아래에는 최근 요청이 레인을 가로지릅니다: 요청한 호출, 커널의 완료, 그리고 패킷을 "        \
      "꺼내거나 루틴을 실행하거나 이벤트로 깨어난 스레드. 지금 단계에서 움직인 요청은 강조되고 오래된 것은 흐려집니다.")          \
    X(ThreadsEmpty, "The lesson has not started: press Step", "레슨이 아직 시작되지 않았습니다: 단계를 누르세요")                \
    X(ThreadRunning, "running", "실행 중")                                                                            \
    X(ThreadAtCheckpoint, "ready", "준비됨")                                                                   \
    X(ThreadWaiting, "waiting", "대기 중")                                                                            \
    X(ThreadAlertableWait, "alertable wait", "alertable 대기")                                                          \
    X(ThreadSleeping, "sleeping", "잠자는 중")                                                                        \
    X(ThreadFinished, "finished", "종료")                                                                            \
    X(ThreadPortWait, "waiting on port", "포트 대기 중")                                                                \
    X(ThreadRunningApc, "running APC", "APC 실행 중")                                                                 \
    X(ThreadApcs, "{} APC queued", "APC {}개 대기")                                                                   \
    X(ThreadAtCheckpointHelp, "Ready to run: the lab holds it at this call until you press Step",               \
      "실행 준비됨: 단계를 누를 때까지 실습이 이 호출에서 멈춰 둡니다")                                                      \
    X(ThreadsKernelLane, "finishes the I/O", "I/O를 끝냄")                                                          \
    X(LinkEventSet, "event set", "이벤트 설정")                                                                       \
    X(LinkHandleSet, "handle set", "핸들 신호")                                                                       \
    X(LinkFileSet, "file handle set", "파일 핸들 신호")                                                                \
    X(LinkPacket, "packet", "패킷")                                                                                 \
    X(LinkApc, "APC", "APC")                                                                                      \
    X(LinkWoke, "woke", "깨어남")                                                                                    \
    X(LinkDequeued, "dequeued", "꺼냄")                                                                              \
    X(LinkRoutine, "routine", "루틴")                                                                               \
    X(LinkTipIssued, "{0} on line {1} ({2}): {3} of {4} bytes at {5}, {6}",                                        \
      "{2}의 {1}번 줄 {0}: {6}, 오프셋 {5}에서 {4}바이트 {3}")                                                          \
    X(LinkTipIssuedOnSocket, "{0} on line {1} ({2}): {3} of {4} bytes, {6} (a socket has no offset)",              \
      "{2}의 {1}번 줄 {0}: {6}, {4}바이트 {3}(소켓에는 오프셋이 없음)")                                                 \
    X(LinkTipInFlight, "In flight: the kernel is still working on it", "진행 중: 커널이 아직 처리하고 있습니다")            \
    X(LinkTipFinished, "{} finished it: {} bytes", "{}가 끝냄: {}바이트")                                                \
    X(LinkTipWoke, "{} woke: its wait included {}", "{}가 깨어남: 기다리던 대상에 {} 포함")                                 \
    X(LinkTipDequeued, "{} dequeued its completion packet", "{}가 완료 패킷을 꺼냄")                                     \
    X(LinkTipRoutine, "{} ran its completion routine (an APC)", "{}가 완료 루틴(APC)을 실행함")                            \
    X(LineNumber, "line {}", "{}번 줄")                                                                              \
    X(CodeTitle, "Code", "코드")                                                                                    \
    X(CodeHelp,                                                                                                    \
      "The lesson's Win32 program, exactly as it runs. Coloured tags mark the line each thread is on; the "        \
      "highlighted line is the step shown (\"I/O\": a completion of the request issued on that line). Grey "       \
      "[step: ...] comments name the narration sections.",                                                        \
      "실제로 실행되는 레슨의 Win32 프로그램입니다. 색 표시는 각 스레드가 있는 줄이고, 강조된 줄은 지금 보는 단계입니다 "           \
      "(\"I/O\": 그 줄에서 시작한 요청의 완료). 회색 [step: ...] 주석은 설명 구간의 이름입니다.")                                \
    X(CodeNoLesson, "Choose a lesson on the left", "왼쪽에서 레슨을 고르세요")                                             \
    X(CodeNoRecordedSource, "No source: a program recorded with OVLAB_TRACE keeps its calls, not its files",      \
      "소스 없음: OVLAB_TRACE로 기록한 프로그램은 호출만 담고 파일은 담지 않습니다")                                             \
    X(CodeProgramNamedNoSource, "No source: the program ended before it named a source file",                     \
      "소스 없음: 프로그램이 소스 파일을 알리기 전에 끝났습니다")                                                             \
    X(NarrationGenericIntro,                                                                                       \
      "This run has no narration of its own: each step is explained from what it recorded (the call, its result, "  \
      "the request that finished).",                                                                               \
      "이 실행에는 자체 설명이 없습니다. 각 단계를 기록된 내용(호출, 결과, 끝난 요청)으로 설명합니다.")                           \
    X(NarrationTitle, "What is happening", "무슨 일이 일어나는가")                                                        \
    X(NarrationHelp,                                                                                               \
      "Explains the step shown. The text comes from the lesson's narration.en.md / narration.ko.md (the section "   \
      "named in the title strip) and reloads when the file is edited.",                                           \
      "지금 보는 단계를 설명합니다. 내용은 레슨의 narration.en.md / narration.ko.md (제목 줄에 표시된 구간)에서 오며, "          \
      "파일을 고치면 다시 읽습니다.")                                                                                 \
    X(NarrationNone, "No narration for this step", "이 단계에 대한 설명이 없습니다")                                       \
    X(NarrationPressStep, "Press Step (Space) to run the first line.", "단계(Space)를 눌러 첫 줄을 실행하세요.")             \
    X(NarrationTextCut, "… ({} more characters not shown)", "… (나머지 {}자는 표시하지 않습니다)")                         \
    X(OverlappedTitle, "OVERLAPPED", "OVERLAPPED")                                                                 \
    X(OverlappedHelp,                                                                                              \
      "Every OVERLAPPED of the lesson, field by field, in hex with its meaning now. Internal holds the NTSTATUS "    \
      "(STATUS_PENDING while the request runs), InternalHigh the bytes transferred; Offset/OffsetHigh are the "    \
      "64-bit file position the request starts at (the system never advances them); hEvent is signalled at "      \
      "completion. Yellow rows changed during the step shown.",                                                   \
      "레슨의 모든 OVERLAPPED를 필드별로 16진수와 현재 의미로 보여 줍니다. Internal은 NTSTATUS (요청이 진행 중이면 "             \
      "STATUS_PENDING), InternalHigh는 전송된 바이트 수, Offset/OffsetHigh는 요청이 시작하는 64비트 파일 위치 "                 \
      "(시스템은 절대 올리지 않음), hEvent는 완료 때 신호를 받습니다. 노란 줄은 지금 보는 단계에서 바뀐 값입니다.")                 \
    X(OverlappedEmpty, "No OVERLAPPED yet — step to the first overlapped call",                                    \
      "아직 OVERLAPPED가 없습니다 — 첫 중첩 I/O 호출까지 진행하세요")                                                     \
    X(OverlappedInFlightCount, "{} in flight", "{}개 진행 중")                                                        \
    X(OverlappedLastRequest, "{0} {1} bytes at {2} on {3}", "{3}: 오프셋 {2}에서 {1}바이트 {0}")                          \
    X(OverlappedLastRequestOnSocket, "{0} {1} bytes on {3}", "{3}: {1}바이트 {0}")                                    \
    X(OverlappedInFlight, "IN FLIGHT", "진행 중")                                                                     \
    X(OverlappedInFlightHelp, "Issued and not completed yet: the system may still write into it and its buffer",  \
      "시작되었고 아직 완료되지 않음: 시스템이 아직 이 구조체와 버퍼에 쓸 수 있습니다")                                            \
    X(OverlappedCompleted, "completed", "완료")                                                                      \
    X(OverlappedHeld, "HELD", "보류됨")                                                                             \
    X(OverlappedHeldHelp,                                                                                          \
      "The kernel has finished this request; the lab holds its completion until you press Release, so the "        \
      "program still sees it pending (Internal is still STATUS_PENDING).",                                        \
      "커널은 이 요청을 끝냈지만, 해제를 누를 때까지 랩이 완료를 보류합니다. 그래서 프로그램에게는 아직 대기 중입니다 "               \
      "(Internal은 아직 STATUS_PENDING).")                                                                           \
    X(OverlappedKernelDone, "kernel done", "커널 완료")                                                               \
    X(OverlappedKernelDoneHelp,                                                                                    \
      "The kernel has finished; the completion (Internal, InternalHigh, the event) is delivered at the next step.",  \
      "커널은 끝났습니다. 완료(Internal, InternalHigh, 이벤트)는 다음 단계에서 전달됩니다.")                                      \
    X(OverlappedCompletedHelp, "Its last request completed: it may be reused for the next one",                    \
      "마지막 요청이 완료됨: 다음 요청에 다시 쓸 수 있습니다")                                                               \
    X(OverlappedBytesTitle, "Its 32 bytes in memory (x64, little-endian):", "메모리의 32바이트 (x64, 리틀 엔디언):")       \
    X(OverlappedEmbedded, "Member {1} of the request struct {0}: one pointer to it also reaches the request",     \
      "요청 구조체 {0}의 멤버 {1}: 이 포인터 하나로 요청 전체에 닿습니다")                                                   \
    X(OverlappedField, "Field", "필드")                                                                             \
    X(OverlappedValue, "Value", "값")                                                                               \
    X(OverlappedMeaning, "Meaning", "의미")                                                                          \
    X(OverlappedWas, "was {}", "이전 {}")                                                                           \
    X(OverlappedBytes, "{} bytes transferred", "{}바이트 전송됨")                                                      \
    X(OverlappedBytesPending, "written at completion", "완료 때 기록됨")                                                \
    X(OverlappedOffsetLow, "file offset, low 32 bits", "파일 오프셋, 하위 32비트")                                        \
    X(OverlappedOffsetHigh, "file offset, high 32 bits", "파일 오프셋, 상위 32비트")                                      \
    X(OverlappedOffset64, "= offset {} (64-bit)", "= 오프셋 {} (64비트)")                                              \
    X(OverlappedNoEvent, "NULL: completion signals the file handle itself",                                        \
      "NULL: 완료되면 파일 핸들 자체가 신호를 받습니다")                                                                    \
    X(OverlappedEventLowBit, "low bit set: no completion port packet", "하위 비트 설정: 완료 포트 패킷 없음")                \
    X(Signalled, "signalled", "신호 상태")                                                                            \
    X(NotSignalled, "not signalled", "비신호 상태")                                                                   \
    X(HandlesTitle, "Handles and events", "핸들과 이벤트")                                                              \
    X(HandlesHelp,                                                                                                 \
      "Every handle the lesson opened. The lamp is lit while the object is signalled: a wait on it would return "   \
      "at once. Yellow: changed during the step shown.",                                                          \
      "레슨이 연 모든 핸들입니다. 객체가 신호 상태이면 램프가 켜집니다: 그 객체를 기다리면 바로 반환됩니다. "                      \
      "노란색: 지금 보는 단계에서 바뀜.")                                                                               \
    X(HandlesEmpty, "No handles yet — the lesson has not opened anything", "아직 핸들이 없습니다 — 레슨이 아직 아무것도 열지 않았습니다") \
    X(HandleFile, "file", "파일")                                                                                   \
    X(HandleEvent, "event", "이벤트")                                                                               \
    X(HandleThread, "thread", "스레드")                                                                             \
    X(HandlePort, "completion port", "완료 포트")                                                                     \
    X(HandleSocket, "socket", "소켓")                                                                               \
    X(HandlePipe, "pipe", "파이프")                                                                                 \
    X(HandleOther, "handle", "핸들")                                                                                \
    X(HandleClosed, "closed", "닫힘")                                                                               \
    X(PortPacket, "{0}\n{1} bytes, completion key {2}, OVERLAPPED {3}",                                              \
      "{0}\n{1}바이트, 완료 키 {2}, OVERLAPPED {3}")                                                               \
    X(PortTitle, "Completion port", "완료 포트")                                                                       \
    X(PortHelp,                                                                                                    \
      "Each completion port of the lesson. Packets (bytes, completion key, OVERLAPPED) queue first-in first-out; "  \
      "threads waiting in GetQueuedCompletionStatus form a stack: the last to arrive is released first (LIFO), "   \
      "so a hot thread keeps working. The port releases a waiting thread only while fewer of its threads run "     \
      "than the concurrency value: at the limit, packets wait even when a worker is ready. A thread that blocked " \
      "elsewhere (Sleep, a wait, synchronous I/O) counts again when it wakes, so running can go OVER the value.",  \
      "레슨의 각 완료 포트입니다. 패킷(바이트 수, 완료 키, OVERLAPPED)은 먼저 들어온 순서대로 나갑니다(FIFO). "              \
      "GetQueuedCompletionStatus에서 기다리는 스레드는 스택을 이룹니다: 마지막에 온 스레드가 먼저 깨어납니다(LIFO). "          \
      "포트는 실행 중인 스레드가 동시 실행 값보다 적을 때만 기다리는 스레드를 풀어 줍니다: 한도에 이르면 준비된 작업자 "       \
      "스레드가 있어도 패킷은 기다립니다. 다른 곳(Sleep, 대기, 동기 I/O)에서 블록되었던 스레드는 깨어나면 다시 세어지므로, "  \
      "실행 중인 수가 그 값을 넘을(초과) 수 있습니다.")                                                                   \
    X(PortEmpty, "No completion port yet — step to CreateIoCompletionPort",                                        \
      "아직 완료 포트가 없습니다 — CreateIoCompletionPort까지 진행하세요")                                                  \
    X(PortQueueLabel, "Packet queue (FIFO)", "패킷 큐 (FIFO)")                                                         \
    X(PortQueueEmpty, "empty: a thread that asks waits", "비어 있음: 요청한 스레드는 기다림")                          \
    X(PortNextOut, "next out", "다음 차례")                                                                           \
    X(PortMore, "+{} more", "+{}개 더")                                                                               \
    X(PortUnseen, "{} queued by the kernel (counted by the sampler; Windows shows which only when a thread takes it)",   \
      "커널이 넣은 패킷 {}개 (샘플러가 센 수; 어느 패킷인지는 스레드가 꺼낼 때 보임)")                                                                               \
    X(PortStackLabel, "Waiting threads (LIFO)", "대기 스레드 (LIFO)")                                                   \
    X(PortStackEmpty, "no thread waiting", "기다리는 스레드 없음")                                                         \
    X(PortReleasedNext, "released next", "다음에 깨어남")                                                                \
    X(PortGauge, "running {0} / concurrency {1}", "실행 {0} / 동시 실행 값 {1}")                                         \
    X(PortAtLimit, "FULL", "가득 참")                                                                                \
    X(PortAboveLimit, "OVER", "초과")                                                                                \
    X(PortClosed, "closed (CloseHandle)", "닫힘 (CloseHandle)")                                                     \
    X(PortHoldsBack, "asleep, though a packet waits: the port is full",                                           \
      "패킷이 있어도 잠든 채: 포트가 가득 참")                                                                        \
    X(PortTaken, "{} took", "{}가 가져감")                                                                            \
    X(PortPacketBytes, "{} B", "{} B")                                                                                  \
    X(PortPacketKey, "key {}", "키 {}")                                                                               \
    X(ApcTitle, "APC queue", "APC 큐")                                                                               \
    X(ApcHelp,                                                                                                     \
      "Each thread has its own APC queue (completion routines of ReadFileEx/WriteFileEx, QueueUserAPC). "           \
      "Routines run in FIFO order, on that thread only, and only while it is in an alertable wait (SleepEx, "     \
      "WaitFor...Ex with TRUE): the green lamp. A thread busy elsewhere or in a plain wait leaves them queued.",   \
      "스레드마다 자기 APC 큐가 있습니다 (ReadFileEx/WriteFileEx의 완료 루틴, QueueUserAPC). 루틴은 FIFO 순서로, "          \
      "그 스레드에서만, 그 스레드가 alertable 대기(SleepEx, TRUE를 준 WaitFor...Ex) 중일 때만 실행됩니다: 초록 램프. "           \
      "다른 일을 하거나 일반 대기 중인 스레드에서는 큐에 남아 있습니다.")                                                      \
    X(ApcEmpty, "No completion routine queued yet — it is queued when a ReadFileEx/WriteFileEx completes",         \
      "아직 대기 중인 완료 루틴이 없습니다 — ReadFileEx/WriteFileEx가 완료되면 큐에 들어갑니다")                                \
    X(ApcAlertable, "alertable wait: routines run now", "alertable 대기: 루틴이 지금 실행됨")                                  \
    X(ApcNotAlertable, "not alertable: routines wait", "alertable 대기 아님: 루틴은 기다림")                                  \
    X(ApcRunningNow, "alertable wait: running a routine", "alertable 대기: 루틴 실행 중")                                  \
    X(ApcFifo, "FIFO \u2192", "FIFO \u2192")                                                                          \
    X(ApcQueueEmpty, "queue empty", "큐 비어 있음")                                                                    \
    X(ApcRunning, "RUNNING on {}", "{}에서 실행 중")                                                                   \
    X(ApcNext, "next", "다음")                                                                                      \
    X(ApcRan, "ran: {}", "실행됨: {}")                                                                               \
    X(ApcRanCount, "{} ran", "{}개 실행됨")                                                                           \
    X(CallsTitle, "Call log", "호출 기록")                                                                           \
    X(CallsHelp,                                                                                                   \
      "Every Win32 call, newest at the bottom. Red: the call failed (see GetLastError). Amber \"pending\": FALSE "  \
      "with ERROR_IO_PENDING means the request started and completes later; that is not an error. \"…\": the "     \
      "thread is still inside the call. The row above narrows the log by text, thread and failures; a click on a " \
      "call shows the step at which it was made.",                                                                \
      "모든 Win32 호출이며 최신이 맨 아래입니다. 빨강: 호출 실패 (GetLastError 참고). 주황 \"진행 중\": FALSE와 "              \
      "ERROR_IO_PENDING은 요청이 시작되어 나중에 완료된다는 뜻이며 오류가 아닙니다. \"…\": 스레드가 아직 호출 안에 있습니다. "    \
      "위 줄에서 텍스트, 스레드, 실패로 호출을 골라 볼 수 있고, 호출을 누르면 그 호출을 한 단계를 보여 줍니다.")                   \
    X(CallsEmpty, "No calls yet — press Step (Space) to run the first line",                                        \
      "아직 호출이 없습니다 — 단계(Space)를 눌러 첫 줄을 실행하세요")                                                          \
    X(CallsCount, "{} calls", "호출 {}개")                                                                           \
    X(CallsThread, "Thread", "스레드")                                                                               \
    X(CallsLine, "Line", "줄")                                                                                      \
    X(CallsApi, "Call", "함수")                                                                                     \
    X(CallsArguments, "Arguments", "인자")                                                                           \
    X(CallsResult, "Returned", "반환값")                                                                             \
    X(CallsLastError, "GetLastError", "GetLastError")                                                             \
    X(CallsInProgress, "The thread is still inside this call", "스레드가 아직 이 호출 안에 있습니다")                          \
    X(CallsPending, "pending", "진행 중")                                                                          \
    X(CallsPendingHelp, "the request started and will complete later (not an error)",                              \
      "요청이 시작되었고 나중에 완료됩니다 (오류 아님)")                                                                      \
    X(ConsoleTitle, "Console", "콘솔")                                                                               \
    X(ConsoleHelp, "What the lesson printed, and its result once it has ended.",                                   \
      "레슨이 출력한 내용과, 끝난 뒤의 결과입니다.")                                                                        \
    X(ConsoleEmpty, "Nothing printed yet", "아직 출력이 없습니다")                                                        \
    X(ConsoleEarlierLines, "… {} earlier lines", "… 이전 {}줄")                                                       \
    X(ConsoleCheckPassed, "✓ Check passed", "✓ 검사 통과")                                                              \
    X(ConsoleCheckFailed, "✗ Check failed", "✗ 검사 실패")                                                              \
    X(ConsoleExitCode, "exit code {}", "종료 코드 {}")                                                              \
    X(StatusWaitingForPeer, "Waiting for the peer…", "피어를 기다리는 중…")                                               \
    X(StatusWaitingForPeerHelp,                                                                                    \
      "The server waits in accept or GetQueuedCompletionStatus for the other machine: connect, send, close or "    \
      "reset in the Peer client panel, then step",                                                               \
      "서버가 accept나 GetQueuedCompletionStatus에서 다른 컴퓨터를 기다립니다: 피어 클라이언트 패널에서 연결, 보내기, 닫기, "   \
      "리셋을 한 뒤 단계를 진행하세요")                                                                                   \
    X(PeerTitle, "Peer client", "피어 클라이언트")                                                                     \
    X(PeerHelp,                                                                                                    \
      "You are the other machine. Each Connect opens a TCP connection to the server (plain sockets of the lab, "   \
      "not lesson code, so they are not traced). Send writes the text; the server's WSARecv completes, it echoes " \
      "with WSASend. Close shuts down our sending side (FIN): the server's receive completes with 0 bytes. "      \
      "Reset sets SO_LINGER {on, 0} and closes: the server's receive fails with 64 (ERROR_NETNAME_DELETED). "      \
      "The server's completions wait for Step or Run like any other. Stop server sends the line \"stop\".",       \
      "여러분이 다른 컴퓨터입니다. 연결을 누를 때마다 서버로 TCP 연결을 하나 엽니다(랩의 일반 소켓이며 레슨 코드가 아니므로 " \
      "추적되지 않습니다). 보내기는 텍스트를 씁니다: 서버의 WSARecv가 완료되고 WSASend로 에코합니다. 닫기는 보내는 쪽을 "   \
      "종료(FIN)합니다: 서버의 수신이 0바이트로 완료됩니다. 리셋은 SO_LINGER {on, 0}으로 닫습니다: 서버의 수신이 "       \
      "64(ERROR_NETNAME_DELETED)로 실패합니다. 서버의 완료도 다른 완료처럼 단계나 실행을 기다립니다. 서버 멈추기는 "       \
      "\"stop\" 한 줄을 보냅니다.")                                                                                   \
    X(PeerHelpOneConnection,                                                                                       \
      "You are the other machine. Connect opens a TCP connection to the lesson's program (a plain socket of the "  \
      "lab, not lesson code, so it is not traced); the program takes this one connection only. Send writes the "   \
      "text: the program's pending receive completes with those bytes. Close shuts down our sending side (FIN): "  \
      "the receive completes with 0 bytes. Reset sets SO_LINGER {on, 0} and closes: the receive fails with an "    \
      "error the Console panel shows. Its completions wait for Step or Run like any other.",                      \
      "여러분이 다른 컴퓨터입니다. 연결은 레슨 프로그램으로 TCP 연결을 엽니다(랩의 일반 소켓이며 레슨 코드가 아니므로 "          \
      "추적되지 않습니다). 프로그램은 이 연결 하나만 받습니다. 보내기는 텍스트를 씁니다: 프로그램이 걸어 둔 수신이 그 "          \
      "바이트로 완료됩니다. 닫기는 보내는 쪽을 종료(FIN)합니다: 수신이 0바이트로 완료됩니다. 리셋은 SO_LINGER {on, 0}으로 "    \
      "닫습니다: 수신이 오류로 실패하고, 그 오류는 콘솔 패널에 나옵니다. 이 완료도 다른 완료처럼 단계나 실행을 기다립니다.")  \
    X(PeerConnectOnceHelp, "Open the one connection the program accepts: its accept returns with it",             \
      "프로그램이 받는 단 하나의 연결을 엽니다: 프로그램의 accept가 이 연결을 받아 반환합니다")                                  \
    X(PeerNoPort, "The server has not said its port yet — step until it waits in accept",                          \
      "서버가 아직 포트를 알리지 않았습니다 — accept에서 기다릴 때까지 진행하세요")                                               \
    X(PeerPort, "server 127.0.0.1:{}", "서버 127.0.0.1:{}")                                                          \
    X(PeerConnect, "Connect", "연결")                                                                               \
    X(PeerConnectHelp, "Open a new connection to the server: main's accept returns with it",                      \
      "서버로 새 연결을 엽니다: main의 accept가 이 연결을 받아 반환합니다")                                                     \
    X(PeerStopServer, "Stop server", "서버 멈추기")                                                                   \
    X(PeerStopServerHelp,                                                                                          \
      "Connects once more and sends the line \"stop\": the worker that reads it closes the listening socket, so "  \
      "main's accept fails (WSAEINTR) and the server ends once every connection is closed",                      \
      "한 번 더 연결해 \"stop\" 한 줄을 보냅니다: 그것을 읽은 작업자 스레드가 listen 소켓을 닫으므로 main의 accept가 "          \
      "실패하고(WSAEINTR), 모든 연결이 닫히면 서버가 끝납니다")                                                               \
    X(PeerTextLabel, "Text", "텍스트")                                                                              \
    X(PeerSend, "Send", "보내기")                                                                                   \
    X(PeerClose, "Close", "닫기")                                                                                   \
    X(PeerCloseHelp, "Graceful close: shutdown (FIN), then close once the server closed its end",                 \
      "정상 종료: shutdown(FIN) 후, 서버가 자기 쪽을 닫으면 소켓을 닫습니다")                                                  \
    X(PeerReset, "Reset", "리셋")                                                                                   \
    X(PeerResetHelp, "Abortive close: SO_LINGER {on, 0 s}, then close sends a reset (RST)",                       \
      "비정상 종료: SO_LINGER {on, 0초}로 닫으면 리셋(RST)을 보냅니다")                                                      \
    X(PeerNoConnections, "No connections yet — press Connect", "아직 연결이 없습니다 — 연결을 누르세요")                      \
    X(PeerStatusConnecting, "connecting…", "연결 중…")                                                                \
    X(PeerStatusConnected, "connected", "연결됨")                                                                    \
    X(PeerStatusClosing, "closing: waiting for the server to close", "닫는 중: 서버가 닫기를 기다림")                      \
    X(PeerStatusClosed, "closed", "닫힘")                                                                           \
    X(PeerStatusClosedByServer, "closed by the server", "서버가 닫음")                                                  \
    X(PeerStatusReset, "reset", "리셋됨")                                                                            \
    X(PeerStatusResetByServer, "reset by the server", "서버가 리셋함")                                                  \
    X(PeerStatusFailed, "failed", "실패")                                                                           \
    X(PeerEcho, "echo received \"{}\"", "에코 받음 \"{}\"")                                                          \
    X(PeerSentNoEcho, "sent \"{}\", no echo yet", "\"{}\" 보냄, 아직 에코 없음")                                      \
    X(PeerSent, "sent \"{}\"", "\"{}\" 보냄")

namespace ovlab::gui {

// Every table of the window's texts, in one list: the ids, the labels, the font's glyphs and the
// Korean tests all take it, so a new table cannot be left out of any of them.
#define OVLAB_ALL_UI_STRINGS(X)                                                                              \
    OVLAB_UI_STRINGS(X)                                                                                      \
    OVLAB_UI_STRINGS_TIMELINE(X)                                                                             \
    OVLAB_UI_STRINGS_KEYS(X)                                                                                 \
    OVLAB_UI_STRINGS_PREDICT(X)                                                                              \
    OVLAB_UI_STRINGS_DEVICE(X)                                                                               \
    OVLAB_UI_STRINGS_PANELS(X)

enum class Str : uint16_t {
#define OVLAB_UI_STRING_ID(id, en, ko) id,
    OVLAB_ALL_UI_STRINGS(OVLAB_UI_STRING_ID)
#undef OVLAB_UI_STRING_ID
};

void set_ui_language(Language language);
Language ui_language();
// A text the runtime recorded (a handle's description, what a thread waits for, where a packet came
// from) in the UI language: trace::localize_recorded.
std::string recorded_text(std::string_view text);
// A thread's name as the panels show it: the recorded name in the UI language ("kernel (io_uring)"
// is the runtime's lane), or "#3" for a thread without one.
std::string thread_label(const trace::State& state, uint32_t number);
// The label in the current UI language.
const char* tr(Str id);
// "running", "waiting", "alertable wait", ... for a thread's state pill.
Str thread_state_label(trace::ThreadState state);
Str theme_label(ThemeKind kind);

}  // namespace ovlab::gui
