// The narration of a run in its own process: a lesson of one's own's narration.<lang>.md, or the one
// placed next to a program given with --program PATH. A program without one is explained step by step
// (step_explanation.h).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "ovlab/lesson_registry.h"
#include "program_sources.h"

namespace ovlab::app {

// The narration in `folder` (narration.<lang>.md); nothing when there is no such file. Throws
// std::runtime_error naming the file when it exists but does not read (Narration::load).
std::optional<Narration> load_narration_in(const std::filesystem::path& folder, Language language);

// Finds each checkpoint's section (narration_for_checkpoint) in the source file the step is on: a
// program may have several files, each with its own step tags. A completion runs on no line of its
// own; its issuing call's file is not recorded, so its tag is looked up in the first file the program
// named, where a program's main usually is.
class ProgramNarration {
public:
    explicit ProgramNarration(const Narration& narration) : narration_(narration) {}

    // The section's text, or null when the step has none. `warning` gets one line when a source file's
    // step tags do not read (its steps then have no narration).
    const std::string* text_for(const trace::Event& checkpoint, const trace::State& state,
                                const ProgramSources& sources, std::optional<std::string>& warning);

private:
    const Narration& narration_;
    std::map<uint32_t, std::optional<LessonSource>> parsed_;  // file number -> its tags, once read
};

}  // namespace ovlab::app
