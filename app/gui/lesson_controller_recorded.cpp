// LessonController fed a finished recording instead of a live Session (--open FILE).
#include "lesson_controller.h"
#include "ovlab/localized_error.h"
#include "recorded_run.h"

namespace ovlab::gui {

void LessonController::open_recorded(const std::string& path, trace::RecordedTrace recorded) {
    peers_.clear();
    peer_port_.reset();
    if (session_) teardown_ = std::async(std::launch::async, [old = std::move(session_)]() mutable { old.reset(); });
    leave_program();
    pending_lesson_ = nullptr;
    serves_peer_ = false;
    run_error_.clear();
    stop_moving();
    trace_.clear();
    ++generation_;

    recorded_header_ = std::move(recorded.header);
    recorded_ = std::move(recorded.recorder);
    recorded_path_ = path;
    lesson_ = recorded_header_.lesson ? find_lesson(recorded_header_.program) : nullptr;
    parameters_.clear();

    source_.reset();
    source_error_.clear();
    for (Language language : {Language::English, Language::Korean}) {
        const size_t i = language == Language::Korean ? 1 : 0;
        narration_[i].reset();
        narration_error_[i].clear();
        try {
            app::RecordedTexts texts = app::recorded_texts(recorded_header_, language);
            if (!source_) source_ = std::move(texts.source);
            narration_[i] = std::move(texts.narration);
        } catch (const std::exception& error) {
            narration_error_[i] = message_in(error, language);
        }
    }
    ++texts_version_;

    // Start at the beginning: Step and the scrub bar walk through the recording from there.
    trace_.update(*recorded_);
    trace_.show_step(0);
}

}  // namespace ovlab::gui
