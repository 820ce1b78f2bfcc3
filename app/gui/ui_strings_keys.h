// The keyboard shortcuts' labels, English and Korean: the shortcut sheet (F1 or ?) is drawn from
// the key table in shortcuts.cpp with these descriptions. Same rules as ui_strings.h.
#pragma once

#define OVLAB_UI_STRINGS_KEYS(X)                                                                                   \
    X(KeysTitle, "Keyboard shortcuts", "단축키")                                                                   \
    X(KeysIntro,                                                                                                   \
      "Every key works from anywhere in the window, except while you type in a field or a dialog such as "         \
      "Parameters is open. Presentation clickers send PageDown and PageUp.",                                       \
      "창 어디에서나 동작합니다. 입력란에 입력하는 중이거나 매개변수 같은 대화상자가 열려 있을 때는 동작하지 않습니다. " \
      "발표용 리모컨은 PageDown과 PageUp을 보냅니다.")                                                             \
    X(KeysStepForward, "Step: let one checkpoint pass (looking back: show the next step)",                         \
      "단계: 체크포인트 하나 통과 (이전 단계를 보는 중이면 다음 단계 보기)")                                       \
    X(KeysStepBack, "Back: show the previous step", "뒤로: 이전 단계 보기")                                        \
    X(KeysFirstStep, "Show step 0, the start of the run", "실행의 처음인 0단계 보기")                              \
    X(KeysLive, "Live: show the latest step", "실시간: 최신 단계 보기")                                            \
    X(KeysRunPause, "Run, or Pause while running", "실행, 실행 중이면 일시정지")                                   \
    X(KeysReset, "Reset: start the lesson again from step 0", "초기화: 0단계부터 레슨 다시 시작")                  \
    X(KeysHold, "Hold completions on or off", "완료 보류 켜기/끄기")                                               \
    X(KeysRelease, "Release the held completions", "보류된 완료 해제")                                             \
    X(KeysOpenLesson, "Open lesson 1 to 9 of the Lessons list (while a question asks: pick answer 1 to 9)",      \
      "레슨 목록의 1~9번째 레슨 열기 (질문이 열려 있으면 1~9번 답 고르기)")                   \
    X(KeysTimeline, "Show or hide the Timeline", "타임라인 보이기/숨기기")                                         \
    X(KeysWindowPicture, "Save a picture of the window", "창 그림 저장")                                           \
    X(KeysTimelinePicture, "Save a picture of the Timeline", "타임라인 그림 저장")                                 \
    X(KeysFullscreen, "Full screen on or off", "전체 화면 켜기/끄기")                                              \
    X(KeysZoomIn, "Zoom in: larger text and panels (also Ctrl+mouse wheel up)",                                    \
      "확대: 글자와 패널을 크게 (Ctrl+마우스 휠 위로도 됩니다)")                                                   \
    X(KeysZoomOut, "Zoom out (also Ctrl+mouse wheel down)", "축소 (Ctrl+마우스 휠 아래로도 됩니다)")               \
    X(KeysZoomReset, "Zoom back to 100 %", "100 % 크기로 돌아가기")                                                \
    X(KeysSheet, "Show or hide this list", "이 목록 보이기/숨기기")                                                \
    X(KeysCloseSheet, "Close this list", "이 목록 닫기")                                                           \
    X(KeysClose, "Close", "닫기")
