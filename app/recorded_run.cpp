#include "recorded_run.h"

#include <fstream>
#include <iterator>
#include <stdexcept>

#include <fmt/format.h>

#include "ovlab/platform.h"

namespace ovlab::app {
namespace {

std::string read_whole_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(fmt::format("cannot read {}", path.string()));
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) throw std::runtime_error(fmt::format("cannot read {}: reading failed part way through", path.string()));
    return text;
}

// The same lines the lesson loader reads from the file: LF or CRLF endings, no byte order mark.
std::vector<std::string> lines_of(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::vector<std::string> lines;
    while (!text.empty()) {
        const size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        if (line.ends_with('\r')) line.remove_suffix(1);
        lines.emplace_back(line);
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

// Where the file lives relative to the lessons folder, '/'-separated, so the path reads the same
// on every machine.
std::string portable_path(const LessonInfo& lesson, const std::string& file) {
    return fmt::format("lessons/{}/{}", lesson.id, file);
}

std::string narration_role(Language language) { return fmt::format("narration.{}", language_code(language)); }

}  // namespace

trace::RecordedTraceHeader lesson_trace_header(const LessonInfo& lesson, Language language,
                                               const ParameterValues& parameters) {
    trace::RecordedTraceHeader header;
    header.platform = trace::host_platform_name();
    header.backend = platform::io_backend_name();
    header.program = lesson.id;
    header.lesson = true;
    header.language = language_code(language);
    header.changed_parameters = changed_parameters(lesson, parameters);
    header.files.push_back({"source", portable_path(lesson, lesson.source_file),
                            read_whole_file(lesson_folder(lesson) / lesson.source_file)});
    for (const Language each : {Language::English, Language::Korean}) {
        const std::filesystem::path narration = Narration::file_for(lesson, each);
        header.files.push_back({narration_role(each), portable_path(lesson, narration.filename().string()),
                                read_whole_file(narration)});
    }
    return header;
}

RecordedTexts recorded_texts(const trace::RecordedTraceHeader& header, Language language) {
    RecordedTexts texts;
    if (!header.lesson) return texts;
    texts.source = recorded_source(header);
    if (const trace::EmbeddedFile* narration = header.find_file(narration_role(language)))
        texts.narration = Narration::parse(lines_of(narration->text), narration->path);
    return texts;
}

std::optional<LessonSource> recorded_source(const trace::RecordedTraceHeader& header) {
    const trace::EmbeddedFile* source = header.find_file("source");
    if (!source) return std::nullopt;
    return LessonSource::parse(lines_of(source->text), source->path);
}

}  // namespace ovlab::app
