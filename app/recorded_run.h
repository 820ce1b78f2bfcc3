// What a lesson's recorded trace carries besides its events (ovlab/recorded_trace.h), and how the
// files it embeds are read back for the transcript and the code panel.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ovlab/lesson_registry.h"
#include "ovlab/recorded_trace.h"

namespace ovlab::app {

// The header for a run of `lesson` with `parameters`, the lesson source and both narrations
// embedded. Throws std::runtime_error("cannot read <path>: ...") when one cannot be read.
trace::RecordedTraceHeader lesson_trace_header(const LessonInfo& lesson, Language language,
                                               const ParameterValues& parameters);

// The embedded lesson source and the narration in `language`, parsed as the live run parses the
// files; a recorded trace of a program that is no lesson has neither. Throws std::runtime_error
// ("<path>:<line>: ...") for a malformed embedded file.
struct RecordedTexts {
    std::optional<LessonSource> source;
    std::optional<Narration> narration;
};
RecordedTexts recorded_texts(const trace::RecordedTraceHeader& header, Language language);

// The embedded lesson source (role "source"), or nothing when the trace carries none.
std::optional<LessonSource> recorded_source(const trace::RecordedTraceHeader& header);

}  // namespace ovlab::app
