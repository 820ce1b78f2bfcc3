#include "timeline_model.h"

#include <algorithm>
#include <cmath>

namespace ovlab::gui {
namespace {

using trace::EventKind;

constexpr uint64_t kErrorIoPending = 997;  // ERROR_IO_PENDING; WSA_IO_PENDING has the same value

// Completed requests nobody acted on (a program that polls GetOverlappedResult never "handles" one)
// are only watched this long, so the per-update check stays small.
constexpr size_t kMaxAwaitingHandler = 256;

SpanOutcome outcome_of_leave(const trace::Event& leave) {
    if (leave.c == 0) return SpanOutcome::Success;
    return leave.b == kErrorIoPending ? SpanOutcome::Pending : SpanOutcome::Failure;
}

bool is_wait_state(trace::ThreadState state) {
    switch (state) {
        case trace::ThreadState::Waiting:
        case trace::ThreadState::AlertableWait:
        case trace::ThreadState::Sleeping:
        case trace::ThreadState::PortWait: return true;
        default: return false;
    }
}

}  // namespace

void TimelineModel::update(const trace::Recorder& recorder, const trace::State& live) {
    const uint64_t upto = std::min(live.upto, recorder.published());
    for (; upto_ < upto; ++upto_) add(recorder.at(upto_));
    follow_handling(recorder, live);
}

const TimelineLane* TimelineModel::lane(uint32_t thread) const {
    const auto it = lane_index_.find(thread);
    return it == lane_index_.end() ? nullptr : &lanes_[it->second];
}

uint64_t TimelineModel::step_showing(const TimelineStamp& at) { return static_cast<uint64_t>(std::ceil(at.step)); }

uint64_t TimelineModel::step_at_time(uint64_t time_ns) const {
    return static_cast<uint64_t>(std::upper_bound(checkpoint_times_.begin(), checkpoint_times_.end(), time_ns) -
                                 checkpoint_times_.begin());
}

TimelineStamp TimelineModel::stamp_for(const trace::Event& event) const {
    const bool checkpoint = trace::is_checkpoint(event.kind);
    return {event.seq, event.time_ns, static_cast<double>(checkpoints_) + (checkpoint ? 0.0 : 0.5)};
}

TimelineStamp TimelineModel::stamp_at(const trace::Recorder& recorder, uint64_t seq) const {
    const trace::Event& event = recorder.at(seq);
    const auto before = std::upper_bound(checkpoint_seqs_.begin(), checkpoint_seqs_.end(), seq) - checkpoint_seqs_.begin();
    const bool checkpoint = trace::is_checkpoint(event.kind);
    return {seq, event.time_ns, static_cast<double>(before) + (checkpoint ? 0.0 : 0.5)};
}

TimelineLane& TimelineModel::lane_for(uint32_t thread) {
    const auto [it, inserted] = lane_index_.try_emplace(thread, lanes_.size());
    if (inserted) lanes_.push_back({thread});
    return lanes_[it->second];
}

void TimelineModel::add(const trace::Event& event) {
    if (trace::is_checkpoint(event.kind)) {
        ++checkpoints_;
        checkpoint_seqs_.push_back(event.seq);
        checkpoint_times_.push_back(event.time_ns);
    }
    last_ = stamp_for(event);
    if (!first_.valid()) first_ = last_;
    switch (event.kind) {
        case EventKind::ThreadStarted: lane_for(event.thread).runtime = event.a == 1; break;
        case EventKind::ApiEnter: open_span(event, event.thread, SpanKind::Call); break;
        case EventKind::ApiLeave: close_span(event, event.thread, SpanKind::Call); break;
        case EventKind::ThreadState: mark_wait(event); break;
        case EventKind::ApcQueued:
        case EventKind::ApcDelivering:
        case EventKind::ApcDone: apc_event(event); break;
        case EventKind::IoIssued: issue_request(event); break;
        case EventKind::IoCompleted: complete_request(event); break;
        case EventKind::PortPacketQueued: count(CounterKind::PortQueue, event.object, event, +1); break;
        case EventKind::PortPacketDequeued: count(CounterKind::PortQueue, event.object, event, -1); break;
        case EventKind::PortDepthObserved:
            set_count(CounterKind::PortQueue, event.object, event, static_cast<int64_t>(event.a));
            break;
        case EventKind::PortCounts:
            set_count(CounterKind::PortRunning, event.object, event, static_cast<int64_t>(event.a));
            counter(CounterKind::PortRunning, event.object).limit = static_cast<int64_t>(event.b);
            break;
        case EventKind::LessonFinished: close_all(event); break;
        default: break;
    }
}

void TimelineModel::open_span(const trace::Event& event, uint32_t thread, SpanKind kind) {
    TimelineLane& lane = lane_for(thread);
    const size_t depth = lane.open.size();
    if (lane.rows.size() <= depth) lane.rows.resize(depth + 1);
    TimelineSpan span;
    span.begin = stamp_for(event);
    span.kind = kind;
    span.thread = thread;
    lane.open.push_back(lane.rows[depth].size());
    lane.rows[depth].push_back(span);
}

// Closes the innermost open span of `kind` family (a call or wait; or a routine), and anything
// left open inside it: a leave always matches the latest enter of its thread.
void TimelineModel::close_span(const trace::Event& event, uint32_t thread, SpanKind kind) {
    TimelineLane& lane = lane_for(thread);
    const bool routine = kind == SpanKind::Routine;
    for (size_t depth = lane.open.size(); depth-- > 0;) {
        TimelineSpan& span = lane.rows[depth][lane.open[depth]];
        if ((span.kind == SpanKind::Routine) != routine) continue;
        span.end = stamp_for(event);
        span.outcome = routine ? SpanOutcome::Success : outcome_of_leave(event);
        for (size_t inner = depth + 1; inner < lane.open.size(); ++inner) lane.rows[inner][lane.open[inner]].end = span.end;
        lane.open.resize(depth);
        return;
    }
}

// A call during which its thread blocks is a wait; the first state says what it waits for.
void TimelineModel::mark_wait(const trace::Event& event) {
    if (!is_wait_state(static_cast<trace::ThreadState>(event.a))) return;
    TimelineLane& lane = lane_for(event.thread);
    if (lane.open.empty()) return;
    TimelineSpan& span = lane.rows[lane.open.size() - 1][lane.open.back()];
    if (span.kind != SpanKind::Call) return;
    span.kind = SpanKind::Wait;
    span.wait_seq = event.seq;
}

// The run ended: whatever is still open never returned. It ends here, marked unwound so it no
// longer reads as "still running".
void TimelineModel::close_all(const trace::Event& event) {
    for (TimelineLane& lane : lanes_) {
        for (size_t depth = 0; depth < lane.open.size(); ++depth) {
            TimelineSpan& span = lane.rows[depth][lane.open[depth]];
            span.end = stamp_for(event);
            span.outcome = SpanOutcome::Unwound;
        }
        lane.open.clear();
    }
}

void TimelineModel::apc_event(const trace::Event& event) {
    const auto thread = static_cast<uint32_t>(event.object);
    if (event.kind == EventKind::ApcQueued) {
        queued_apcs_[event.a] = thread;
        count(CounterKind::ApcQueue, thread, event, +1);
        return;
    }
    // Delivering takes it off its queue; Done without Delivering means the queue was discarded.
    if (const auto queued = queued_apcs_.find(event.a); queued != queued_apcs_.end()) {
        count(CounterKind::ApcQueue, queued->second, event, -1);
        queued_apcs_.erase(queued);
    }
    if (event.kind == EventKind::ApcDelivering) open_span(event, thread, SpanKind::Routine);
    else close_span(event, thread, SpanKind::Routine);
}

// A request goes on the first row free at its issue, so rows stay non-overlapping and few.
void TimelineModel::issue_request(const trace::Event& event) {
    size_t row = 0;
    while (row < request_rows_.size() && !request_rows_[row].back().end.valid()) ++row;
    if (row == request_rows_.size()) request_rows_.emplace_back();
    TimelineSpan span;
    span.begin = stamp_for(event);
    span.kind = SpanKind::Request;
    span.thread = event.thread;
    span.request = static_cast<uint32_t>(requests_.size());
    request_rows_[row].push_back(span);
    TimelineRequest request;
    request.row = row;
    request.index = request_rows_[row].size() - 1;
    request.io_index = requests_.size();
    requests_.push_back(request);
    open_requests_[event.object] = span.request;
    count(CounterKind::InFlight, 0, event, +1);
}

void TimelineModel::complete_request(const trace::Event& event) {
    const auto it = open_requests_.find(event.object);
    if (it == open_requests_.end()) return;
    TimelineRequest& request = requests_[it->second];
    TimelineSpan& span = request_rows_[request.row][request.index];
    span.end = stamp_for(event);
    span.outcome = event.a == 0 ? SpanOutcome::Success : SpanOutcome::Failure;
    request.completed_by = event.thread;
    awaiting_handler_.push_back(it->second);
    if (awaiting_handler_.size() > kMaxAwaitingHandler) awaiting_handler_.erase(awaiting_handler_.begin());
    open_requests_.erase(it);
    count(CounterKind::InFlight, 0, event, -1);
}

// io_links.cpp decides who handled a request (State::ios); the model only copies the answer.
void TimelineModel::follow_handling(const trace::Recorder& recorder, const trace::State& live) {
    std::erase_if(awaiting_handler_, [&](size_t index) {
        TimelineRequest& request = requests_[index];
        if (request.io_index >= live.ios.size()) return false;
        const trace::IoView& io = live.ios[request.io_index];
        if (io.handling == trace::IoView::Handling::None || io.handled_seq >= upto_) return false;
        request.handling = io.handling;
        request.handler = io.handler_thread;
        request.handled = stamp_at(recorder, io.handled_seq);
        return true;
    });
}

TimelineCounter& TimelineModel::counter(CounterKind kind, uint64_t object) {
    const auto [it, inserted] = counter_index_.try_emplace({kind, object}, counters_.size());
    if (inserted) counters_.push_back({kind, object});
    return counters_[it->second];
}

void TimelineModel::count(CounterKind kind, uint64_t object, const trace::Event& event, int64_t delta) {
    const TimelineCounter& c = counter(kind, object);
    const int64_t now = c.samples.empty() ? 0 : c.samples.back().value;
    set_count(kind, object, event, std::max<int64_t>(0, now + delta));
}

void TimelineModel::set_count(CounterKind kind, uint64_t object, const trace::Event& event, int64_t value) {
    TimelineCounter& c = counter(kind, object);
    if (!c.samples.empty() && c.samples.back().value == value) return;
    c.samples.push_back({stamp_for(event), value});
    c.peak = std::max(c.peak, value);
}

}  // namespace ovlab::gui
