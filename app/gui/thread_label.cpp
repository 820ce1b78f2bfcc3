// thread_label (ui_strings.h), apart from the string tables: it reads the folded trace, which the
// Markdown fuzzer, linking the tables alone, does not build.
#include <fmt/format.h>

#include "ovlab/trace_state.h"
#include "ui_strings.h"

namespace ovlab::gui {

std::string thread_label(const trace::State& state, uint32_t number) {
    const trace::ThreadView* thread = state.thread(number);
    return thread && !thread->name.empty() ? recorded_text(thread->name) : fmt::format("#{}", number);
}

}  // namespace ovlab::gui
