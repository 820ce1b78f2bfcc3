// A lesson's outline: its narration sections in the file's order, one entry per step tag (its
// `.return` and `.complete` sections with it), each with the first step of this run that shows it.
// The narration pane lists it so a class can see where it is and go back to a part.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ovlab/lesson_registry.h"
#include "trace_view.h"

namespace ovlab::gui {

struct OutlineEntry {
    std::string key;                     // "intro", a step tag, "finished"; never shown
    std::string title;                   // the first sentence of its text, plain
    std::optional<uint64_t> first_step;  // the first step of this run that shows it; none while not reached
};

struct NarrationOutline {
    std::vector<OutlineEntry> entries;
    std::optional<size_t> current;  // the entry the step shown belongs to, or the last one shown before it
};

// "issue-read.return" -> "issue-read"; an ending "finished.cleanup-outside" -> "finished".
std::string outline_key(std::string_view section_key);
// The first sentence of a section's Markdown, without its markup, shortened to `max_characters`.
std::string section_title(std::string_view markdown, size_t max_characters = 64);

// `places` are the run's steps so far (TraceView::places); `finished_step` the step that shows the
// end, when the run has ended. Titles for "intro" and "finished" are the caller's (UI strings).
NarrationOutline make_outline(const Narration& narration, const LessonSource& source,
                              const std::vector<StepPlace>& places, std::optional<uint64_t> finished_step,
                              uint64_t shown_step);

}  // namespace ovlab::gui
