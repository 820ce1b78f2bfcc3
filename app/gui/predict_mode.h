// Predict mode in the window: when the view is about to show a step a lesson asks about (the
// "# Predict" part of its narration, docs/narration-format.md), the view stays on the step before
// it and the narration panel asks instead; a pick reveals the step, the answer read from the trace
// and why. Each question counts once per run (stepping back and forward again shows the answer
// again, it does not ask again); Reset or another lesson starts the score afresh.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lesson_controller.h"
#include "ovlab/predict.h"

namespace ovlab::gui {

struct PredictScore {
    int correct = 0;
    int answered = 0;
    int questions = 0;  // in the lesson
};

// The question to draw for the step shown: open (no pick yet), or answered at this very step.
struct PredictCard {
    const predict::Question* question = nullptr;  // in the language shown
    const predict::Asking* asking = nullptr;
    std::vector<std::string> choices;             // the asking's choices in the language shown
    std::optional<int> chosen;                    // nothing while the question is open
};

class PredictMode {
public:
    bool on() const { return on_; }
    void set_on(bool on, LessonController& lessons);
    // Once a frame, right after LessonController::update and before the view is taken: follows the
    // run and opens a question when the view reached its step.
    void update(LessonController& lessons);
    bool question_open() const { return open_.has_value(); }
    std::optional<PredictCard> card(const LessonController& lessons, Language language) const;
    // The student picks choice `choice` of the open question: the view moves on to its step.
    void choose(LessonController& lessons, int choice);
    PredictScore score(const LessonController& lessons) const;

private:
    void restart(const LessonController& lessons);

    bool on_ = false;
    uint64_t generation_ = UINT64_MAX;
    uint64_t texts_version_ = UINT64_MAX;
    std::optional<predict::Tracker> tracker_;
    std::map<size_t, int> chosen_;  // asking index -> the choice picked
    std::optional<size_t> open_;    // asking index
    uint64_t seen_step_ = 0;        // the view has been up to here: questions at or before it are past
};

}  // namespace ovlab::gui
