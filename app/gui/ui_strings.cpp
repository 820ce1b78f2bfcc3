#include "ui_strings.h"

#include "ovlab/trace_text.h"

namespace ovlab::gui {
namespace {

struct Labels {
    const char* en;
    const char* ko;
};

constexpr Labels kLabels[] = {
#define OVLAB_UI_STRING_ROW(id, en, ko) {en, ko},
    OVLAB_ALL_UI_STRINGS(OVLAB_UI_STRING_ROW)
#undef OVLAB_UI_STRING_ROW
};

Language g_language = Language::English;

}  // namespace

void set_ui_language(Language language) { g_language = language; }
Language ui_language() { return g_language; }

std::string recorded_text(std::string_view text) { return trace::localize_recorded(text, g_language); }

Str thread_state_label(trace::ThreadState state) {
    switch (state) {
        case trace::ThreadState::Running: return Str::ThreadRunning;
        case trace::ThreadState::AtCheckpoint: return Str::ThreadAtCheckpoint;
        case trace::ThreadState::Waiting: return Str::ThreadWaiting;
        case trace::ThreadState::AlertableWait: return Str::ThreadAlertableWait;
        case trace::ThreadState::Sleeping: return Str::ThreadSleeping;
        case trace::ThreadState::Finished: return Str::ThreadFinished;
        case trace::ThreadState::PortWait: return Str::ThreadPortWait;
        case trace::ThreadState::RunningApc: return Str::ThreadRunningApc;
    }
    return Str::ThreadRunning;
}

Str theme_label(ThemeKind kind) {
    switch (kind) {
        case ThemeKind::Light: return Str::ThemeLight;
        case ThemeKind::Dark: return Str::ThemeDark;
        case ThemeKind::Projector: return Str::ThemeProjector;
    }
    return Str::ThemeLight;
}

const char* tr(Str id) {
    const Labels& labels = kLabels[static_cast<size_t>(id)];
    return g_language == Language::Korean ? labels.ko : labels.en;
}

}  // namespace ovlab::gui
