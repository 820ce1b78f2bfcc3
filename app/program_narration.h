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

// The source file (trace::Event::file) of the line a checkpoint is about, by the rule of
// narration_for_checkpoint: the file its thread is at, or for a completion the file of the call that
// issued the request, read from that call's event in `recorder` (the one `state` was folded from).
// At least 1: events recorded before the program's first call site carry 0, which is its first file.
uint32_t narrated_file(const trace::Event& checkpoint, const trace::State& state, const trace::Recorder& recorder);

// Finds each checkpoint's section (narration_for_checkpoint) in the source file the step is about
// (narrated_file): a program may have several files, each with its own step tags. A completion runs
// on no line of its own: its tag is the one of the call that issued the request, in that call's file.
class ProgramNarration {
public:
    ProgramNarration(const Narration& narration, const trace::Recorder& recorder)
        : narration_(narration), recorder_(recorder) {}

    // The section's text, or null when the step has none. `warning` gets one line when a source file's
    // step tags do not read (its steps then have no narration).
    const std::string* text_for(const trace::Event& checkpoint, const trace::State& state,
                                const ProgramSources& sources, std::optional<std::string>& warning);
    // After the end (narration_for_end): `## finished.<tag>` for the tag of the last step, looked up in
    // that step's file, else `## finished`; null when the narration has neither.
    const std::string* ending(const trace::Event* last_checkpoint, const trace::State& state,
                              const ProgramSources& sources, std::optional<std::string>& warning);

private:
    const LessonSource* source_of(uint32_t file, const ProgramSources& sources, std::optional<std::string>& warning);

    const Narration& narration_;
    const trace::Recorder& recorder_;
    std::map<uint32_t, std::optional<LessonSource>> parsed_;  // file number -> its tags, once read
};

}  // namespace ovlab::app
