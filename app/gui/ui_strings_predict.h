// Predict mode's labels, English and Korean: a table of its own so ui_strings.h stays readable.
// Same rules as ui_strings.h (X(id, English, Korean); {} are fmt formats).
#pragma once

#define OVLAB_UI_STRINGS_PREDICT(X)                                                                                \
    X(Predict, "Predict", "예측")                                                                                   \
    X(PredictHelp,                                                                                                 \
      "Predict mode (P): at the steps the lesson asks about, the window stops before the step and asks what "      \
      "will happen; pick an answer (click it or press 1 to 9) and the step is shown with the answer this run "     \
      "really gave and why. The answers are read from the run, so changed parameters change them.",                \
      "예측 모드(P): 레슨이 묻는 단계에서 창은 그 단계를 보여 주기 전에 멈추고 무슨 일이 일어날지 묻습니다. 답을 고르면"       \
      "(클릭하거나 1~9 키) 그 단계와 함께 이번 실행이 실제로 낸 답과 이유를 보여 줍니다. 답은 실행에서 읽으므로 매개변수를 "   \
      "바꾸면 답도 바뀝니다.")                                                                                      \
    X(PredictAsk, "Predict before you look", "보기 전에 예측하세요")                                                  \
    X(PredictKeysHint, "Click an answer or press its number.", "답을 클릭하거나 번호 키를 누르세요.")                       \
    X(PredictQuestionOpen, "Question: pick an answer", "질문: 답을 고르세요")                                          \
    X(PredictQuestionOpenHelp,                                                                                     \
      "The panels show the step before the answer; stepping waits until an answer is picked.",                     \
      "패널은 답이 보이기 전 단계를 보여 줍니다. 답을 고를 때까지 단계는 진행하지 않습니다.")                                 \
    X(PredictRight, "Right!", "맞았습니다!")                                                                         \
    X(PredictWrong, "Not this time.", "이번에는 틀렸습니다.")                                                         \
    X(PredictYouPicked, "You picked: {}", "고른 답: {}")                                                             \
    X(PredictTraceSays, "This run: {}", "이번 실행: {}")                                                            \
    X(PredictNoChoiceFits, "None of the choices fits this run: {}", "이번 실행에 맞는 답이 없습니다: {}")                  \
    X(PredictScore, "Predict {0} / {1}", "예측 {0} / {1}")                                                          \
    X(PredictScoreHelp, "Right answers / questions answered in this run; the lesson asks {} questions.",            \
      "이번 실행에서 맞힌 답 / 답한 질문. 이 레슨의 질문은 {}개입니다.")                                                 \
    X(PredictHidden, "Hidden while a question is open.", "질문이 열려 있는 동안 숨깁니다.")                               \
    X(KeysPredict, "Predict mode on or off", "예측 모드 켜기/끄기")
