// Labels of the narration panel's outline, the Peer client's "Send in pieces" and the call log's
// filter, English and Korean: a table of its own so ui_strings.h stays readable. Same rules as
// ui_strings.h (X(id, English, Korean); {} are fmt formats).
#pragma once

#define OVLAB_UI_STRINGS_PANELS(X)                                                                                  \
    X(OutlineProgress, "Section {} of {}", "{1}개 절 중 {0}번째")                                                      \
    X(OutlineHelp,                                                                                                 \
      "The lesson's outline, in the narration's order: click a section to show the first step of this run that "   \
      "explains it. Sections this run has not reached are greyed out.",                                               \
      "레슨의 차례입니다(설명 파일의 순서). 절을 누르면 이번 실행에서 그 절을 설명하는 첫 단계를 보여 줍니다. 이번 실행이 "  \
      "아직 닿지 않은 절은 흐리게 표시됩니다.")                                                                        \
    X(OutlineIntro, "Before the first step", "첫 단계 전")                                                           \
    X(OutlineEnd, "After the end", "끝난 뒤")                                                                        \
    X(OutlineStep, "step {}", "{}단계")                                                                             \
    X(OutlineNotReached, "not reached in this run yet", "이번 실행에서 아직 닿지 않음")                                  \
    X(PeerSendPieces, "Send in pieces", "나눠 보내기")                                                                \
    X(PeerSendPiecesHelp,                                                                                          \
      "Sends the text in two send() calls with a short pause between them: a receive that completes in the pause " \
      "gets only the first piece (TCP keeps no message boundaries)",                                               \
      "텍스트를 send() 호출 두 번으로, 사이에 잠깐 쉬면서 보냅니다. 쉬는 사이에 완료되는 수신은 첫 조각만 받습니다(TCP에는 "   \
      "메시지 경계가 없습니다)")                                                                                      \
    X(CallsFind, "Find a call", "호출 찾기")                                                                          \
    X(CallsFindHelp, "Shows only the calls whose name or arguments contain this text",                              \
      "이름이나 인자에 이 텍스트가 들어 있는 호출만 보여 줍니다")                                                              \
    X(CallsAllThreads, "All threads", "모든 스레드")                                                                  \
    X(CallsFailuresOnly, "Failures only", "실패만")                                                                  \
    X(CallsFailuresOnlyHelp, "Only the calls that failed (FALSE + ERROR_IO_PENDING started a request: not a failure)", \
      "실패한 호출만 보여 줍니다(FALSE + ERROR_IO_PENDING은 요청을 시작한 것이므로 실패가 아닙니다)")                              \
    X(CallsShown, "{} of {} calls", "호출 {1}개 중 {0}개")                                                             \
    X(CallsNoMatch, "No call matches", "맞는 호출이 없습니다")
