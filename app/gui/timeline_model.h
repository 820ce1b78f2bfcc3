// The Timeline's data: the whole run as spans per thread (calls, waits, completion routines), the
// I/O requests from issue to completion with the thread that handled each, and counter curves
// (port queue depth, running threads, requests in flight, APC queue lengths).
//
// Built incrementally: TraceView feeds each event once as it folds it, so a frame never refolds the
// trace. No ImGui here: the model (and timeline_frame.h, which picks what is visible) is unit tested
// and benchmarked without a window.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "ovlab/trace.h"
#include "ovlab/trace_state.h"

namespace ovlab::gui {

enum class TimelineAxis : uint8_t { Steps, Time };

// One moment of the run on both axes. On the step axis checkpoint k sits at k and the events
// between checkpoints k and k+1 at k + 0.5: they first show at step k+1.
struct TimelineStamp {
    uint64_t seq = trace::kNever;
    uint64_t time_ns = 0;
    double step = 0;

    double on(TimelineAxis axis) const { return axis == TimelineAxis::Steps ? step : static_cast<double>(time_ns); }
    bool valid() const { return seq != trace::kNever; }
};

enum class SpanKind : uint8_t { Call, Wait, Routine, Request };
// How a call ended: FALSE with ERROR_IO_PENDING (997, also WSA_IO_PENDING) started a request.
// Unwound: the run finished while the call was still inside it (it never returned).
enum class SpanOutcome : uint8_t { Open, Success, Pending, Failure, Unwound };

struct TimelineSpan {
    TimelineStamp begin;
    TimelineStamp end;              // invalid while open: it reaches the end of the run
    SpanKind kind = SpanKind::Call;
    SpanOutcome outcome = SpanOutcome::Open;
    uint32_t thread = 0;            // the lane's thread; for a request the thread that issued it
    uint32_t request = 0;           // Request: index into TimelineModel::requests()
    uint64_t wait_seq = trace::kNever;  // Wait: the ThreadState event saying what it waits for
};

// Spans that never overlap, in begin order (so in end order too): one depth of a thread's calls.
using TimelineRow = std::vector<TimelineSpan>;

struct TimelineLane {
    uint32_t thread = 0;
    bool runtime = false;           // the kernel side of the I/O
    std::vector<TimelineRow> rows;  // row d holds the spans d levels deep (an APC inside SleepEx: 1)
    std::vector<size_t> open;       // per open depth: index of the open span in rows[depth]
};

// One request's way: issued on one thread, completed (by the kernel side, or inline), handled.
struct TimelineRequest {
    size_t row = 0;                 // where its span is in requests_rows()
    size_t index = 0;
    uint32_t completed_by = 0;      // thread that recorded IoCompleted
    trace::IoView::Handling handling = trace::IoView::Handling::None;
    uint32_t handler = 0;
    TimelineStamp handled;
    size_t io_index = 0;            // into State::ios, for the tooltip
};

enum class CounterKind : uint8_t { PortQueue, PortRunning, InFlight, ApcQueue };

struct CounterSample {
    TimelineStamp at;
    int64_t value = 0;
};

struct TimelineCounter {
    CounterKind kind = CounterKind::InFlight;
    uint64_t object = 0;            // port handle, or the thread for an APC queue
    std::vector<CounterSample> samples;  // the value from each sample's moment to the next
    int64_t peak = 0;
    int64_t limit = 0;              // PortRunning: the concurrency value (0 = none reported)
};

class TimelineModel {
public:
    // Adds the events the recorder published since the last call, up to what `live` has folded
    // (the TraceView's live state), and picks up which thread handled each completed request.
    void update(const trace::Recorder& recorder, const trace::State& live);
    void clear() { *this = {}; }

    uint64_t upto() const { return upto_; }
    const std::vector<TimelineLane>& lanes() const { return lanes_; }
    const TimelineLane* lane(uint32_t thread) const;
    const std::vector<TimelineRow>& request_rows() const { return request_rows_; }
    const std::vector<TimelineRequest>& requests() const { return requests_; }
    const TimelineSpan& request_span(const TimelineRequest& r) const { return request_rows_[r.row][r.index]; }
    const std::vector<TimelineCounter>& counters() const { return counters_; }

    // The first and last event added: the run's extent on either axis.
    TimelineStamp first() const { return first_; }
    TimelineStamp last() const { return last_; }
    // Where an open span ends today.
    const TimelineStamp& end_of(const TimelineSpan& span) const { return span.end.valid() ? span.end : last_; }
    // The stepper position that first shows `at` (what clicking it jumps to).
    static uint64_t step_showing(const TimelineStamp& at);
    // The stepper position on the time axis: checkpoints recorded by then.
    uint64_t step_at_time(uint64_t time_ns) const;

private:
    void add(const trace::Event& event);
    TimelineStamp stamp_for(const trace::Event& event) const;
    TimelineStamp stamp_at(const trace::Recorder& recorder, uint64_t seq) const;
    TimelineLane& lane_for(uint32_t thread);
    void open_span(const trace::Event& event, uint32_t thread, SpanKind kind);
    void close_span(const trace::Event& event, uint32_t thread, SpanKind kind);
    void mark_wait(const trace::Event& event);
    void close_all(const trace::Event& event);
    void issue_request(const trace::Event& event);
    void complete_request(const trace::Event& event);
    void follow_handling(const trace::Recorder& recorder, const trace::State& live);
    void count(CounterKind kind, uint64_t object, const trace::Event& event, int64_t delta);
    void set_count(CounterKind kind, uint64_t object, const trace::Event& event, int64_t value);
    TimelineCounter& counter(CounterKind kind, uint64_t object);
    void apc_event(const trace::Event& event);

    uint64_t upto_ = 0;
    uint64_t checkpoints_ = 0;
    std::vector<uint64_t> checkpoint_seqs_;
    std::vector<uint64_t> checkpoint_times_;
    TimelineStamp first_, last_;
    std::vector<TimelineLane> lanes_;
    std::map<uint32_t, size_t> lane_index_;
    std::vector<TimelineRow> request_rows_;
    std::vector<TimelineRequest> requests_;
    std::map<uint64_t, size_t> open_requests_;     // OVERLAPPED address -> request in flight
    std::vector<size_t> awaiting_handler_;        // completed requests nobody has acted on yet
    std::vector<TimelineCounter> counters_;
    std::map<std::pair<CounterKind, uint64_t>, size_t> counter_index_;
    std::map<uint64_t, uint32_t> queued_apcs_;     // APC id -> the thread whose queue holds it
};

}  // namespace ovlab::gui
