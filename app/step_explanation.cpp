#include "step_explanation.h"

#include <algorithm>

#include <fmt/format.h>

#include "api_summaries.h"
#include "ovlab/status_codes.h"
#include "ovlab/trace_text.h"

namespace ovlab::app {
namespace {

// X(key, English, Korean): fmt format strings of the explanation's own sentences.
#define OVLAB_STEP_TEXTS(X)                                                                                           \
    X(CallHeading, "### {} calls `{}`", "### {}: `{}` 호출")                                                            \
    X(Arguments, "Arguments: `{}`", "인자: `{}`")                                                                       \
    X(NoSummary, "The lab has no summary of this function; Microsoft's documentation of `{}` describes it.",          \
      "랩에는 이 함수의 요약이 없습니다. `{}`의 Microsoft 문서를 보세요.")                                                  \
    X(ReturnHeading, "### `{}` returned {}", "### `{}` 반환: {}")                                                       \
    X(Succeeded, "The call succeeded.", "호출이 성공했습니다.")                                                          \
    X(Failed, "The call failed: GetLastError() is **{}**: {}.", "호출이 실패했습니다. GetLastError()는 **{}**입니다: {}.") \
    X(PendingIsNotFailure,                                                                                            \
      "For an overlapped request this is not a failure: the request goes on, and its OVERLAPPED and buffer belong to " \
      "it until it completes.",                                                                                       \
      "중첩 I/O 요청에서는 실패가 아닙니다. 요청은 계속 진행되고, 완료될 때까지 OVERLAPPED와 버퍼는 그 요청의 것입니다.")   \
    X(WaitResult, "**{}**: {}.", "**{}**: {}.")                                                                         \
    X(WaitIndex,                                                                                                      \
      "**WAIT_OBJECT_0 + {0}**: the handle at index {0} of the array was signalled (the lowest such index when "     \
      "several were).",                                                                                               \
      "**WAIT_OBJECT_0 + {0}**: 배열의 인덱스 {0}에 있는 핸들이 신호 상태가 되었습니다(여럿이면 그중 가장 작은 인덱스).")     \
    X(RequestHeading, "### A request finished", "### 요청이 끝남")                                                      \
    X(RequestFinished, "The {} on {} with {} finished: Internal = **{}**: {}; InternalHigh = {}.",                    \
      "끝난 요청: {1}의 {0}, {2}. Internal = **{3}**: {4}. InternalHigh = {5}.")                                        \
    X(RequestNext,                                                                                                    \
      "How the program hears of it depends on the handle: a completion packet on its completion port, its completion " \
      "routine queued as an APC, or the event in hEvent (the handle itself when hEvent is NULL) made signalled.",     \
      "프로그램이 이것을 아는 방법은 핸들에 따라 다릅니다. 완료 포트의 완료 패킷, APC로 큐에 들어간 완료 루틴, 또는 "          \
      "hEvent의 이벤트(hEvent가 NULL이면 핸들 자체)가 신호 상태가 되는 것입니다.")                                            \
    X(HeldInTheLab,                                                                                                   \
      "In the lab, Hold completions keeps this finished request until you release it; Windows would deliver it now.",  \
      "랩에서는 완료 보류가 이 끝난 요청을 해제할 때까지 붙잡아 둡니다. Windows라면 지금 전달합니다.")                           \
    X(ApcHeading, "### {} runs an APC", "### {}: APC 실행")                                                            \
    X(ApcRuns, "It runs {}.", "실행하는 것: {}.")                                                                       \
    X(ApcRule,                                                                                                        \
      "An APC (a completion routine is one) runs only on the thread it was queued to, and only while that thread "   \
      "waits alertably: SleepEx, WaitForSingleObjectEx, WaitForMultipleObjectsEx or WSAWaitForMultipleEvents with "   \
      "the alertable flag TRUE.",                                                                                     \
      "APC(완료 루틴도 APC입니다)는 큐에 넣어진 스레드에서만, 그 스레드가 alertable 대기 중일 때만 실행됩니다. "                \
      "alertable 플래그를 TRUE로 준 SleepEx, WaitForSingleObjectEx, WaitForMultipleObjectsEx, WSAWaitForMultipleEvents가 " \
      "그런 대기입니다.")                                                                                                  \
    X(LineHeading, "### {} reached line {}", "### {}: {}행 도달")

enum class Text {
#define OVLAB_STEP_TEXT_ID(key, en, ko) key,
    OVLAB_STEP_TEXTS(OVLAB_STEP_TEXT_ID)
#undef OVLAB_STEP_TEXT_ID
};

constexpr std::string_view kTexts[][2] = {
#define OVLAB_STEP_TEXT_ROW(key, en, ko) {en, ko},
    OVLAB_STEP_TEXTS(OVLAB_STEP_TEXT_ROW)
#undef OVLAB_STEP_TEXT_ROW
};

template <typename... Args>
std::string say(Language language, Text text, Args&&... args) {
    const std::string_view format = kTexts[static_cast<size_t>(text)][language == Language::Korean ? 1 : 0];
    return fmt::format(fmt::runtime(format), std::forward<Args>(args)...);
}

// Whether `function` returned a wait result (WAIT_OBJECT_0 + n, WAIT_TIMEOUT, ...). SleepEx returns
// 0 when its time is up, and WAIT_IO_COMPLETION only when APCs ran.
bool returned_wait_result(std::string_view function, uint64_t result) {
    static constexpr std::string_view kWaits[] = {"WaitForSingleObject", "WaitForSingleObjectEx",
                                                  "WaitForMultipleObjects", "WaitForMultipleObjectsEx",
                                                  "WSAWaitForMultipleEvents"};
    if (function == "SleepEx") return result != 0;
    return std::find(std::begin(kWaits), std::end(kWaits), function) != std::end(kWaits);
}

std::string thread_name(const trace::State& state, uint32_t number) {
    const trace::ThreadView* thread = state.thread(number);
    if (thread && !thread->name.empty()) return trace::localize_recorded(thread->name, state.language);
    return fmt::format(fmt::runtime(trace::line_format(trace::Line::ThreadNumber, state.language)), number);
}

std::string explain_call(const trace::Event& event, const trace::State& state, Language language) {
    const std::string_view function = event.name_view();
    std::string text = say(language, Text::CallHeading, thread_name(state, event.thread), function) + "\n\n";
    if (const auto summary = api_summary(function, language))
        text += std::string(*summary);
    else
        text += say(language, Text::NoSummary, function);
    if (!event.text_view().empty())
        text += "\n\n" + say(language, Text::Arguments, trace::localize_recorded(event.text_view(), language));
    return text;
}

std::string explain_wait_result(uint32_t result, Language language) {
    if (result > 0 && result < 64) return say(language, Text::WaitIndex, result);
    const CodeInfo info = wait_result_info(result);
    if (info.name.empty()) return {};
    return say(language, Text::WaitResult, info.name, info.meaning_in(language));
}

std::string explain_return(const trace::Event& event, Language language) {
    const std::string_view function = event.name_view();
    const bool failed = event.c != 0;
    std::string text = say(language, Text::ReturnHeading, function, event.text_view()) + "\n\n";
    if (returned_wait_result(function, event.a) && !failed) {
        const std::string wait = explain_wait_result(static_cast<uint32_t>(event.a), language);
        if (!wait.empty()) return text + wait;
    }
    if (!failed) return text + say(language, Text::Succeeded);
    const auto error = static_cast<uint32_t>(event.b);
    const CodeInfo info = win32_error_info(error);
    text += say(language, Text::Failed, format_win32_error(error), info.meaning_in(language));
    if (error == ntstatus_to_win32_error(kStatusPending)) text += "\n\n" + say(language, Text::PendingIsNotFailure);
    return text;
}

std::string explain_completion(const trace::Event& event, const trace::State& state, Language language) {
    const auto status = static_cast<uint32_t>(event.a);
    const trace::IoView* io = state.latest_io(event.object);
    const std::string operation = io ? trace::localize_recorded(io->operation, language)
                                     : std::string(trace::line_format(trace::Line::AnyRequest, language));
    const std::string bytes = fmt::format(fmt::runtime(trace::line_format(trace::Line::Bytes, language)), event.b);
    std::string text = say(language, Text::RequestHeading) + "\n\n";
    text += say(language, Text::RequestFinished, operation, io ? state.handle_label(io->handle) : "?",
                state.overlapped_label(event.object), format_ntstatus(status),
                ntstatus_info(status).meaning_in(language), bytes);
    text += "\n\n" + say(language, Text::RequestNext);
    if (event.c != 0) text += "\n\n" + say(language, Text::HeldInTheLab);
    return text;
}

std::string explain_apc(const trace::Event& event, const trace::State& state, Language language) {
    std::string text = say(language, Text::ApcHeading, thread_name(state, static_cast<uint32_t>(event.object)));
    text += "\n\n" + say(language, Text::ApcRuns, trace::localize_recorded(event.text_view(), language));
    return text + "\n\n" + say(language, Text::ApcRule);
}

}  // namespace

std::string explain_step(const trace::Event& checkpoint, const trace::State& state, Language language) {
    switch (checkpoint.kind) {
    case trace::EventKind::ApiEnter: return explain_call(checkpoint, state, language);
    case trace::EventKind::ApiLeave: return explain_return(checkpoint, language);
    case trace::EventKind::IoCompleting: return explain_completion(checkpoint, state, language);
    case trace::EventKind::ApcDelivering: return explain_apc(checkpoint, state, language);
    case trace::EventKind::LineReached:
        return say(language, Text::LineHeading, thread_name(state, checkpoint.thread), checkpoint.line);
    default: return {};
    }
}

}  // namespace ovlab::app
