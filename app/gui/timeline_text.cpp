#include "timeline_text.h"

#include <fmt/format.h>

#include "ovlab/status_codes.h"
#include "ui_strings.h"

namespace ovlab::gui {
namespace {

std::string steps_line(const TimelineModel& model, const TimelineSpan& span) {
    const uint64_t first = TimelineModel::step_showing(span.begin);
    const uint64_t last = TimelineModel::step_showing(model.end_of(span));
    return fmt::format(fmt::runtime(tr(Str::TimelineSteps)), first, last);
}

std::string call_tooltip(const trace::Recorder& recorder, const TimelineSpan& span) {
    const trace::Event& enter = recorder.at(span.begin.seq);
    std::string text = fmt::format("{}({})", enter.name_view(), recorded_text(enter.text_view()));
    if (enter.line > 0) text += "\n" + fmt::format(fmt::runtime(tr(Str::LineNumber)), enter.line);
    if (span.wait_seq != trace::kNever)
        text += "\n" + fmt::format(fmt::runtime(tr(Str::TimelineWaitedFor)),
                                   recorded_text(recorder.at(span.wait_seq).text_view()));
    if (span.outcome == SpanOutcome::Unwound) return text + "\n" + tr(Str::TimelineUnwound);
    if (span.outcome == SpanOutcome::Open || !span.end.valid()) return text + "\n" + tr(Str::TimelineNotReturned);
    const trace::Event& leave = recorder.at(span.end.seq);
    text += "\n" + fmt::format(fmt::runtime(tr(Str::TimelineReturned)), leave.text_view());
    if (leave.c != 0) text += fmt::format(", GetLastError = {}", format_win32_error(static_cast<uint32_t>(leave.b)));
    return text;
}

Str handling_format(trace::IoView::Handling handling) {
    switch (handling) {
        case trace::IoView::Handling::Dequeued: return Str::TimelineHandledDequeued;
        case trace::IoView::Handling::Routine: return Str::TimelineHandledRoutine;
        default: return Str::TimelineHandledWoke;
    }
}

std::string request_tooltip(const trace::Recorder& recorder, const trace::State& live, const TimelineModel& model,
                            const TimelineSpan& span) {
    const TimelineRequest& request = model.requests()[span.request];
    const trace::Event& issued = recorder.at(span.begin.seq);
    const Str format = live.is_socket(issued.a) ? Str::TimelineRequestOnSocket : Str::TimelineRequestOn;
    std::string text = fmt::format(fmt::runtime(tr(format)),
                                   recorded_text(issued.name_view()), live.handle_label(issued.a), issued.c, issued.b);
    if (issued.object != 0) text += fmt::format(" ({})", live.overlapped_label(issued.object));
    text += "\n" + fmt::format(fmt::runtime(tr(Str::TimelineIssuedBy)), thread_label(live, span.thread));
    if (!span.end.valid()) return text + "\n" + tr(Str::TimelineInFlightNow);
    const trace::Event& completed = recorder.at(span.end.seq);
    text += "\n" + fmt::format(fmt::runtime(tr(Str::TimelineCompleted)),
                               format_ntstatus(static_cast<uint32_t>(completed.a)), completed.b);
    if (request.handling != trace::IoView::Handling::None)
        text += "\n" + fmt::format(fmt::runtime(tr(handling_format(request.handling))),
                                   thread_label(live, request.handler));
    return text;
}

}  // namespace


std::string span_label(const trace::Recorder& recorder, const TimelineSpan& span) {
    switch (span.kind) {
        case SpanKind::Call:
        case SpanKind::Wait: return std::string(recorder.at(span.begin.seq).name_view());
        case SpanKind::Routine: return "APC";
        case SpanKind::Request: {
            const trace::Event& issued = recorder.at(span.begin.seq);
            return fmt::format("{} {}", recorded_text(issued.name_view()), issued.c);
        }
    }
    return {};
}

std::string span_tooltip(const trace::Recorder& recorder, const trace::State& live, const TimelineModel& model,
                         const TimelineSpan& span) {
    std::string text;
    switch (span.kind) {
        case SpanKind::Call:
        case SpanKind::Wait: text = call_tooltip(recorder, span); break;
        case SpanKind::Routine:
            text = fmt::format(fmt::runtime(tr(Str::TimelineRoutine)), recorded_text(recorder.at(span.begin.seq).text_view()));
            break;
        case SpanKind::Request: text = request_tooltip(recorder, live, model, span); break;
    }
    text += "\n" + steps_line(model, span);
    // A click on a request also highlights its way (panel_timeline.cpp).
    const Str click = span.kind == SpanKind::Request ? Str::TimelineSelectHelp : Str::TimelineClickToStep;
    text += "\n" + fmt::format(fmt::runtime(tr(click)), TimelineModel::step_showing(span.begin));
    return text;
}

std::string request_callout(const trace::Recorder& recorder, const trace::State& live, const TimelineModel& model,
                            size_t index) {
    const TimelineRequest& request = model.requests()[index];
    const TimelineSpan& span = model.request_span(request);
    const trace::Event& issued = recorder.at(span.begin.seq);
    std::string text = fmt::format(fmt::runtime(tr(Str::TimelineCalloutIssued)), live.overlapped_label(issued.object),
                                   issued.name_view(), issued.c);
    if (!span.end.valid()) return text + ", " + tr(Str::TimelineInFlightNow);
    const trace::Event& completed = recorder.at(span.end.seq);
    text += fmt::format(fmt::runtime(tr(Str::TimelineCalloutCompleted)), format_ntstatus(static_cast<uint32_t>(completed.a)),
                        completed.b);
    if (request.handling == trace::IoView::Handling::None) return text;
    return text + "\n" +
           fmt::format(fmt::runtime(tr(handling_format(request.handling))), thread_label(live, request.handler));
}

std::string counter_label(const trace::State& live, const TimelineCounter& counter) {
    switch (counter.kind) {
        case CounterKind::PortQueue:
            return fmt::format(fmt::runtime(tr(Str::TimelinePortQueue)), live.handle_label(counter.object));
        case CounterKind::PortRunning:
            return fmt::format(fmt::runtime(tr(Str::TimelinePortRunning)), live.handle_label(counter.object));
        case CounterKind::InFlight: return tr(Str::TimelineInFlight);
        case CounterKind::ApcQueue:
            return fmt::format(fmt::runtime(tr(Str::TimelineApcQueue)),
                               thread_label(live, static_cast<uint32_t>(counter.object)));
    }
    return {};
}

}  // namespace ovlab::gui
