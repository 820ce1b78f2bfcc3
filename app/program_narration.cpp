#include "program_narration.h"

#include <fmt/format.h>

#include <algorithm>
#include <system_error>

namespace ovlab::app {

std::optional<Narration> load_narration_in(const std::filesystem::path& folder, Language language) {
    const std::filesystem::path path = folder / fmt::format("narration.{}.md", language_code(language));
    std::error_code error;
    if (!std::filesystem::exists(path, error)) return std::nullopt;
    return Narration::load(path);
}

uint32_t narrated_file(const trace::Event& checkpoint, const trace::State& state, const trace::Recorder& recorder) {
    if (checkpoint.kind != trace::EventKind::IoCompleting) return std::max(checkpoint.file, 1u);
    const trace::IoView* io = state.latest_io(checkpoint.object);
    return io && io->issued_seq < recorder.published() ? std::max(recorder.at(io->issued_seq).file, 1u) : 1;
}

const LessonSource* ProgramNarration::source_of(uint32_t file, const ProgramSources& sources,
                                                std::optional<std::string>& warning) {
    auto found = parsed_.find(file);
    if (found == parsed_.end()) {
        const std::vector<std::string>* lines = sources.lines(file);
        if (!lines) return nullptr;  // not read yet, or unreadable: ProgramSources warned
        std::optional<LessonSource> source;
        try {
            source = LessonSource::parse(*lines, *sources.path(file));
        } catch (const std::exception& error) {
            warning = error.what();
        }
        found = parsed_.emplace(file, std::move(source)).first;
    }
    return found->second ? &*found->second : nullptr;
}

const std::string* ProgramNarration::text_for(const trace::Event& checkpoint, const trace::State& state,
                                              const ProgramSources& sources, std::optional<std::string>& warning) {
    const uint32_t file = narrated_file(checkpoint, state, recorder_);
    const LessonSource* source = source_of(file, sources, warning);
    return source ? narration_for_checkpoint(checkpoint, state, *source, narration_).text : nullptr;
}

const std::string* ProgramNarration::ending(const trace::Event* last_checkpoint, const trace::State& state,
                                            const ProgramSources& sources, std::optional<std::string>& warning) {
    const uint32_t file = last_checkpoint ? narrated_file(*last_checkpoint, state, recorder_) : 1;
    if (const LessonSource* source = source_of(file, sources, warning))
        return narration_for_end(last_checkpoint, state, *source, narration_).text;
    return narration_.find("finished");
}

}  // namespace ovlab::app
