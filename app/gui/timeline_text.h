// The Timeline's words: bar labels, hover text and track names, read back from the recorded events
// (the model keeps only where each bar starts and ends). No ImGui: tested with the model.
#pragma once

#include <string>

#include "ovlab/trace.h"
#include "ovlab/trace_state.h"
#include "timeline_model.h"

namespace ovlab::gui {

// What fits inside a bar: the API name, "APC", or "read 4096".
std::string span_label(const trace::Recorder& recorder, const TimelineSpan& span);
// The call with its arguments and result (or the request's way), and the step a click shows.
std::string span_tooltip(const trace::Recorder& recorder, const trace::State& live, const TimelineModel& model,
                         const TimelineSpan& span);
// What the callout above a selected request says, on two lines: "request->ov: recv 64 B →
// 0x0 (STATUS_SUCCESS), 5 B" and "WorkerThread 3 dequeued its packet".
std::string request_callout(const trace::Recorder& recorder, const trace::State& live, const TimelineModel& model,
                            size_t request);
// "port queue" (the port as the lesson names it), "requests in flight", "WorkerThread 2 APC queue".
std::string counter_label(const trace::State& live, const TimelineCounter& counter);

}  // namespace ovlab::gui
