#include "predict_mode.h"

namespace ovlab::gui {
namespace {

// The questions are matched with the English narration's list; the Korean one has the same
// questions in the same order (tests/lessons/predict_test.cpp), so an index names both.
const std::vector<predict::Question>* questions_of(const LessonController& lessons, Language language) {
    const Narration* narration = lessons.narration(language);
    const Narration* english = lessons.narration(Language::English);
    if (narration && english && narration->questions.size() == english->questions.size()) return &narration->questions;
    return english ? &english->questions : nullptr;
}

}  // namespace

void PredictMode::set_on(bool on, LessonController& lessons) {
    on_ = on;
    // Turned off with a question open: the view goes on to the step, unasked.
    if (!on_ && open_) {
        lessons.pin_view(std::nullopt);
        open_.reset();
    }
}

// A new run starts unasked; edited narration (same run) asks only what comes after the view.
void PredictMode::restart(const LessonController& lessons) {
    const bool new_run = generation_ != lessons.generation();
    if (new_run) chosen_.clear();
    generation_ = lessons.generation();
    texts_version_ = lessons.texts_version();
    tracker_.reset();
    open_.reset();
    seen_step_ = new_run ? 0 : lessons.trace().shown_step();
    const std::vector<predict::Question>* questions = questions_of(lessons, Language::English);
    if (lessons.source() && questions) tracker_.emplace(*lessons.source(), *questions);
}

void PredictMode::update(LessonController& lessons) {
    if (generation_ != lessons.generation() || texts_version_ != lessons.texts_version()) {
        if (open_) lessons.pin_view(std::nullopt);
        restart(lessons);
    }
    if (!tracker_ || !lessons.recorder()) return;
    tracker_->update(*lessons.recorder());
    if (open_) return;
    TraceView& trace = lessons.trace();
    const uint64_t shown = trace.shown_step();
    const std::vector<predict::Asking>& askings = tracker_->askings();
    if (on_ && shown > seen_step_) {
        // The first unanswered question between where the view was and where it is now.
        for (size_t i = 0; i < askings.size(); ++i) {
            const uint64_t position = askings[i].position;
            if (position <= seen_step_ || position > shown || chosen_.count(i)) continue;
            if (open_ && askings[*open_].position <= position) continue;
            open_ = i;
        }
        if (open_) {
            seen_step_ = askings[*open_].position - 1;
            lessons.pin_view(seen_step_);
            return;
        }
    }
    seen_step_ = shown;
}

void PredictMode::choose(LessonController& lessons, int choice) {
    if (!open_ || !tracker_) return;
    const predict::Asking& asking = tracker_->askings()[*open_];
    if (choice < 0 || static_cast<size_t>(choice) >= asking.choices.size()) return;
    chosen_[*open_] = choice;
    open_.reset();
    lessons.pin_view(std::nullopt);
    seen_step_ = asking.position;
    lessons.show_step(asking.position);
}

std::optional<PredictCard> PredictMode::card(const LessonController& lessons, Language language) const {
    if (!tracker_) return std::nullopt;
    const std::vector<predict::Question>* questions = questions_of(lessons, language);
    if (!questions) return std::nullopt;
    const std::vector<predict::Asking>& askings = tracker_->askings();
    const auto card_for = [&](size_t i) -> PredictCard {
        const auto chosen = chosen_.find(i);
        const predict::Question& question = (*questions)[askings[i].question];
        // The tracker answers with the English labels; a thread's name is the same in every language.
        std::vector<std::string> choices = askings[i].choices;
        if (question.choices.size() == choices.size())
            for (size_t c = 0; c < choices.size(); ++c) choices[c] = question.choices[c].label;
        return {&question, &askings[i], std::move(choices),
                chosen == chosen_.end() ? std::nullopt : std::optional<int>(chosen->second)};
    };
    if (open_) return card_for(*open_);
    const uint64_t shown = lessons.trace().shown_step();
    for (size_t i = 0; i < askings.size(); ++i)
        if (askings[i].position == shown && chosen_.count(i)) return card_for(i);
    return std::nullopt;
}

PredictScore PredictMode::score(const LessonController& lessons) const {
    PredictScore score;
    if (const std::vector<predict::Question>* questions = questions_of(lessons, Language::English))
        score.questions = static_cast<int>(questions->size());
    if (!tracker_) return score;
    for (const auto& [i, choice] : chosen_) {
        ++score.answered;
        if (tracker_->askings()[i].correct == choice) ++score.correct;
    }
    return score;
}

}  // namespace ovlab::gui
