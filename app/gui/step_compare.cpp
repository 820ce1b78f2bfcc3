#include "step_compare.h"

#include <fmt/format.h>

#include "lesson_controller.h"
#include "ovlab/status_codes.h"
#include "ui_strings.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

std::string field_text(trace::OverlappedField field, uint64_t value) {
    if (field == trace::OverlappedField::Internal) return format_ntstatus(static_cast<uint32_t>(value));
    return fmt::format("0x{:X}", value);
}

void overlapped_differences(const trace::State& a, const trace::State& b, std::vector<std::string>& out) {
    for (const auto& [address, now] : b.overlappeds) {
        const auto before = a.overlappeds.find(address);
        if (before == a.overlappeds.end()) {
            out.push_back(fmt::format(fmt::runtime(tr(Str::CompareNew)), now.name));
            continue;
        }
        for (size_t i = 0; i < now.value.size(); ++i) {
            if (now.value[i] == before->second.value[i]) continue;
            const auto field = static_cast<trace::OverlappedField>(i);
            out.push_back(fmt::format("{}.{}: {} → {}", now.name, trace::field_name(field),
                                      field_text(field, before->second.value[i]), field_text(field, now.value[i])));
        }
    }
}

void port_differences(const trace::State& a, const trace::State& b, std::vector<std::string>& out) {
    for (const auto& [handle, now] : b.ports) {
        const auto before = a.ports.find(handle);
        const trace::PortView empty{};
        const trace::PortView& was = before == a.ports.end() ? empty : before->second;
        const std::string port = b.handle_label(handle);
        if (was.queue.size() != now.queue.size())
            out.push_back(fmt::format(fmt::runtime(tr(Str::ComparePortQueue)), port, was.queue.size(), now.queue.size()));
        if (was.running != now.running)
            out.push_back(fmt::format(fmt::runtime(tr(Str::ComparePortRunning)), port, was.running, now.running));
        if (was.waiters.size() != now.waiters.size())
            out.push_back(
                fmt::format(fmt::runtime(tr(Str::ComparePortWaiters)), port, was.waiters.size(), now.waiters.size()));
    }
}

void handle_differences(const trace::State& a, const trace::State& b, std::vector<std::string>& out) {
    for (const auto& [handle, now] : b.handles) {
        const auto before = a.handles.find(handle);
        if (before == a.handles.end()) continue;  // a new handle: the Handles panel lists it
        const std::string label = b.handle_label(handle);
        if (now.closed && !before->second.closed)
            out.push_back(fmt::format(fmt::runtime(tr(Str::CompareClosed)), label));
        else if (now.signalled != before->second.signalled)
            out.push_back(fmt::format("{}: {} → {}", label, tr(before->second.signalled ? Str::Signalled : Str::NotSignalled),
                                      tr(now.signalled ? Str::Signalled : Str::NotSignalled)));
    }
}

}  // namespace

std::vector<std::string> state_differences(const trace::State& a, const trace::State& b) {
    std::vector<std::string> out;
    overlapped_differences(a, b, out);
    port_differences(a, b, out);
    handle_differences(a, b, out);
    return out;
}

const trace::State* StepCompare::marked_state(LessonController& lessons) {
    const trace::Recorder* events = lessons.recorder();
    if (!marked_ || !events) return nullptr;
    if (folded_step_ != marked_ || folded_generation_ != lessons.generation()) {
        if (folded_step_ && folded_generation_ != lessons.generation()) {  // marked in a run that is gone
            marked_.reset();
            folded_step_.reset();
            return nullptr;
        }
        state_ = trace::fold(*events, lessons.trace().events_at_step(*marked_));
        folded_step_ = marked_;
        folded_generation_ = lessons.generation();
    }
    state_.language = ui_language();
    return &state_;
}

// Long lists stop here: the panel's own rows show the rest.
constexpr size_t kMostLines = 10;

void StepCompare::draw(GuiContext& ctx) {
    const Palette& p = palette();
    const trace::State* a = marked_state(ctx.lessons);
    if (!a) {
        if (ImGui::SmallButton(tr(Str::CompareMark))) mark(ctx.view.step);
        tooltip_for_last_item(tr(Str::CompareMarkHelp));
        return;
    }
    text_in_font(ctx.fonts.bold, p.accent, fmt::format(fmt::runtime(tr(Str::CompareTitle)), *marked_, ctx.view.step));
    ImGui::SameLine(0, 10);
    if (ImGui::SmallButton(tr(Str::CompareMark))) mark(ctx.view.step);
    tooltip_for_last_item(tr(Str::CompareMarkHelp));
    ImGui::SameLine(0, 6);
    if (ImGui::SmallButton(tr(Str::CompareClear))) clear();
    const std::vector<std::string> lines = state_differences(*a, *ctx.view.state);
    ImGui::PushTextWrapPos(0.0f);
    if (lines.empty()) text_coloured(p.text_dim, tr(Str::CompareSame));
    for (size_t i = 0; i < lines.size() && i < kMostLines; ++i) ImGui::TextUnformatted(lines[i].c_str());
    if (lines.size() > kMostLines)
        text_coloured(p.text_dim, fmt::format(fmt::runtime(tr(Str::CompareMore)), lines.size() - kMostLines));
    ImGui::PopTextWrapPos();
    ImGui::Separator();
}

}  // namespace ovlab::gui
