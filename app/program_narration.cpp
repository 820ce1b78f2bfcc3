#include "program_narration.h"

#include <fmt/format.h>

#include <system_error>

namespace ovlab::app {

std::optional<Narration> load_narration_in(const std::filesystem::path& folder, Language language) {
    const std::filesystem::path path = folder / fmt::format("narration.{}.md", language_code(language));
    std::error_code error;
    if (!std::filesystem::exists(path, error)) return std::nullopt;
    return Narration::load(path);
}

const std::string* ProgramNarration::text_for(const trace::Event& checkpoint, const trace::State& state,
                                              const ProgramSources& sources, std::optional<std::string>& warning) {
    const uint32_t file = checkpoint.kind == trace::EventKind::IoCompleting || checkpoint.file == 0 ? 1 : checkpoint.file;
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
    if (!found->second) return nullptr;
    return narration_for_checkpoint(checkpoint, state, *found->second, narration_).text;
}

}  // namespace ovlab::app
