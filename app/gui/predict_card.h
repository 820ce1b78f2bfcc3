// Draws Predict mode's cards (predict_mode.h decides when there is one).
#pragma once

#include "gui_context.h"
#include "markdown.h"

namespace ovlab::gui {

class PredictCardView {
public:
    // The open question with its answer buttons, in the middle of the window.
    void draw_question(GuiContext& ctx, const PredictCard& card);
    // The question answered: the answer picked, this run's answer and why (the narration panel).
    void draw_answer(GuiContext& ctx, const PredictCard& card);

private:
    void parse(const PredictCard& card);

    const predict::Question* question_ = nullptr;  // the question the parsed texts below belong to
    MarkdownDocument prompt_;
    MarkdownDocument why_;
};

}  // namespace ovlab::gui
