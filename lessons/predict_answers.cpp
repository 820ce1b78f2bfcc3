// Where a question is asked in a run and what the trace answers (docs/narration-format.md): a
// question's choices are tried in order and the first whose match fits what the trace holds at the
// step is the answer.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include "ovlab/lesson_registry.h"
#include "ovlab/predict.h"
#include "text_file.h"

namespace ovlab::predict {
namespace {

using trace::EventKind;

// The lesson line a checkpoint is about: a completion belongs to the call that issued the request.
uint32_t line_of(const trace::Event& checkpoint, const trace::State& state) {
    if (checkpoint.kind != EventKind::IoCompleting) return checkpoint.line;
    for (auto it = state.ios.rbegin(); it != state.ios.rend(); ++it)
        if (it->overlapped == checkpoint.object) return it->issued_line;
    return 0;
}

std::optional<uint64_t> number(std::string_view text) {
    int base = 10;
    if (text.starts_with("0x") || text.starts_with("0X")) {
        text.remove_prefix(2);
        base = 16;
    }
    uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// A value the trace holds: "*" fits anything, a number its value, TRUE/FALSE a BOOL, a name (such
// as WAIT_IO_COMPLETION) the formatted return value's first word ("WAIT_IO_COMPLETION (0xC0)").
bool fits(std::string_view match, uint64_t value, std::string_view formatted) {
    if (match == "*") return true;
    if (match == "TRUE") return value != 0;
    if (match == "FALSE") return value == 0;
    if (const std::optional<uint64_t> n = number(match)) return *n == value;
    return !formatted.empty() && match == formatted.substr(0, formatted.find(' '));
}

// "FALSE 997": the return value, then GetLastError (any when left out).
bool result_fits(std::string_view match, const trace::Event& leave) {
    const size_t space = match.find(' ');
    const std::string_view returned = space == std::string_view::npos ? match : match.substr(0, space);
    const std::string_view error = space == std::string_view::npos ? "*" : lessons::trim(match.substr(space + 1));
    return fits(returned, leave.a, leave.text_view()) && fits(error, leave.b, {});
}

// The OVERLAPPED a field question reads: the one named, else the completing request's, else the
// one the step's thread last issued a request with.
const trace::OverlappedView* overlapped_of(const Question& question, const trace::Event& checkpoint,
                                           const trace::State& state) {
    uint64_t address = 0;
    for (auto it = state.ios.rbegin(); it != state.ios.rend() && address == 0; ++it) {
        const auto named = state.overlappeds.find(it->overlapped);
        const bool fits_question =
            !question.overlapped.empty()
                ? named != state.overlappeds.end() && named->second.name == question.overlapped
                : (checkpoint.kind == EventKind::IoCompleting ? it->overlapped == checkpoint.object
                                                              : it->issued_thread == checkpoint.thread);
        if (fits_question) address = it->overlapped;
    }
    if (address == 0 && !question.overlapped.empty())
        for (const auto& [at, view] : state.overlappeds)
            if (view.name == question.overlapped) address = at;
    const auto it = state.overlappeds.find(address);
    return it == state.overlappeds.end() ? nullptr : &it->second;
}

void answer_result(const Question& question, const trace::Event& checkpoint, Asking& asking) {
    if (checkpoint.kind != EventKind::ApiLeave) {
        asking.observed = "(not a call returning)";
        return;
    }
    asking.observed = checkpoint.text_view();  // "FALSE (GetLastError 997 ERROR_IO_PENDING)"
    for (size_t i = 0; i < question.choices.size() && asking.correct < 0; ++i)
        if (result_fits(question.choices[i].match, checkpoint)) asking.correct = static_cast<int>(i);
}

void answer_field(const Question& question, const trace::Event& checkpoint, const trace::State& state,
                  Asking& asking) {
    const trace::OverlappedView* overlapped = overlapped_of(question, checkpoint, state);
    if (!overlapped) {
        asking.observed = "(no OVERLAPPED)";
        return;
    }
    // A completion step is shown before the system writes the request's results: the question asks
    // what it is about to write (the status into Internal, the byte count into InternalHigh).
    uint64_t value = overlapped->get(question.field);
    if (checkpoint.kind == EventKind::IoCompleting && overlapped->address == checkpoint.object) {
        if (question.field == trace::OverlappedField::Internal) value = checkpoint.a;
        if (question.field == trace::OverlappedField::InternalHigh) value = checkpoint.b;
    }
    // A byte count reads best in decimal, a status or an address in hex.
    const bool count = question.field == trace::OverlappedField::InternalHigh;
    asking.observed = count ? fmt::format("{}.{} = {}", overlapped->name, trace::field_name(question.field), value)
                            : fmt::format("{}.{} = {:#x}", overlapped->name, trace::field_name(question.field), value);
    // "asked": the byte count the request asked for (nNumberOfBytesToRead, the buffers' size).
    std::optional<uint64_t> asked;
    for (auto it = state.ios.rbegin(); it != state.ios.rend() && !asked; ++it)
        if (it->overlapped == overlapped->address) asked = it->length;
    for (size_t i = 0; i < question.choices.size() && asking.correct < 0; ++i) {
        const std::string& match = question.choices[i].match;
        if (match == "asked" ? asked && *asked == value : fits(match, value, {})) asking.correct = static_cast<int>(i);
    }
}

// The lesson's threads so far (the kernel side's threads are no choice), and the one that takes
// the step.
void answer_thread(const trace::Event& checkpoint, const trace::State& state, Asking& asking) {
    for (const trace::ThreadView& thread : state.threads) {
        if (thread.runtime) continue;
        if (thread.number == checkpoint.thread) {
            asking.correct = static_cast<int>(asking.choices.size());
            asking.observed = thread.name;
        }
        asking.choices.push_back(thread.name);
    }
}

}  // namespace

std::string step_of(const trace::Event& checkpoint, const trace::State& state, const LessonSource& source) {
    const std::string& tag = source.tag_for_line(line_of(checkpoint, state));
    if (tag.empty()) return {};
    switch (checkpoint.kind) {
        case EventKind::ApiLeave: return tag + ".return";
        case EventKind::IoCompleting: return tag + ".complete";
        case EventKind::ApcDelivering: return tag + ".apc";
        default: return tag;
    }
}

Asking answer(const Question& question, const trace::Event& checkpoint, const trace::State& state) {
    Asking asking;
    for (const Choice& choice : question.choices) asking.choices.push_back(choice.label);
    switch (question.asked) {
        case Asked::Result: answer_result(question, checkpoint, asking); break;
        case Asked::Field: answer_field(question, checkpoint, state, asking); break;
        case Asked::Thread: answer_thread(checkpoint, state, asking); break;
    }
    return asking;
}

void Tracker::update(const trace::Recorder& recorder) {
    const uint64_t published = recorder.published();
    for (uint64_t i = state_.upto; i < published; ++i) {
        const trace::Event& event = recorder.at(i);
        state_.apply(event);
        if (!trace::is_checkpoint(event.kind)) continue;
        const std::string step = step_of(event, state_, *source_);
        if (step.empty()) continue;
        reached_.resize(questions_->size());
        for (size_t q = 0; q < questions_->size(); ++q) {
            const Question& question = (*questions_)[q];
            if (std::find(question.steps.begin(), question.steps.end(), step) == question.steps.end()) continue;
            if (++reached_[q] != question.occurrence) continue;
            Asking asking = answer(question, event, state_);
            asking.question = q;
            asking.position = state_.checkpoints;
            askings_.push_back(std::move(asking));
        }
    }
}

std::vector<size_t> Tracker::not_asked() const {
    std::vector<size_t> missing;
    for (size_t q = 0; q < questions_->size(); ++q) {
        bool asked = false;
        for (const Asking& asking : askings_) asked = asked || asking.question == q;
        if (!asked) missing.push_back(q);
    }
    return missing;
}

}  // namespace ovlab::predict
