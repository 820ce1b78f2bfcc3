#include "transcript.h"

#include <fmt/format.h>

namespace ovlab::app {

trace::TextPrinter make_transcript_printer(const LessonSource* source, const Narration* narration, Language language) {
    if (!source || !narration) return trace::TextPrinter({}, language);
    return trace::TextPrinter(
        [source, narration](const trace::Event& event, const trace::State& state) {
            const CheckpointNarration shown = narration_for_checkpoint(event, state, *source, *narration);
            return shown.text ? *shown.text : std::string();
        },
        language);
}

std::string transcript_opening(const std::vector<std::string>& changed_parameters, const Narration* narration,
                               Language language) {
    std::string text;
    // In the transcript itself, so whoever reads it later knows the run was not the lesson as written.
    if (!changed_parameters.empty())
        text += fmt::format(fmt::runtime(language == Language::Korean
                                             ? "기본값에서 바꾼 매개변수: {} (해설은 기본값을 기준으로 썼습니다)\n\n"
                                             : "Parameters changed from the defaults: {} (the narration is written "
                                               "for the defaults)\n\n"),
                            fmt::join(changed_parameters, " "));
    if (const std::string* intro = narration ? narration->find("intro") : nullptr) text += fmt::format("{}\n", *intro);
    return text;
}

std::string transcript_closing(const Narration* narration) {
    const std::string* finished = narration ? narration->find("finished") : nullptr;
    return finished ? fmt::format("\n{}\n", *finished) : std::string();
}

std::string transcript_closing(const Narration* narration, const LessonSource* source, const trace::Recorder& recorder,
                               const trace::State& state) {
    if (!narration || !source) return transcript_closing(narration);
    const trace::Event* last = nullptr;
    for (uint64_t i = recorder.published(); i > 0 && !last; --i)
        if (trace::is_checkpoint(recorder.at(i - 1).kind)) last = &recorder.at(i - 1);
    const CheckpointNarration ending = narration_for_end(last, state, *source, *narration);
    return ending.text ? fmt::format("\n{}\n", *ending.text) : std::string();
}

}  // namespace ovlab::app
