// `--headless --predict`: each Predict-mode question of the lesson with the answer its run's trace
// gives, so a test can check every question against every documented parameter set.
#pragma once

#include <string>
#include <vector>

#include "ovlab/lesson_registry.h"
#include "ovlab/predict.h"

namespace ovlab::app {

struct PredictReport {
    std::string text;                   // printed after the transcript
    std::vector<std::string> problems;  // a question asked where no choice fits what the trace holds
};

PredictReport predict_report(const Narration& narration, const predict::Tracker& tracker, Language language);

}  // namespace ovlab::app
