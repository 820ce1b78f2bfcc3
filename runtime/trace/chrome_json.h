// The parts of the Chrome trace-event export (write_chrome_json), one per concern. Each part sees
// every event after the State has folded it, and adds the trace events it is responsible for.
// Format: the Trace Event Format document (Chrome's catapult project), as Perfetto reads it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ovlab/trace_state.h"

namespace ovlab::trace::chrome {

// Ordered: "ph", "name", "ts" stay first in each event, so the file is readable by eye too.
using Json = nlohmann::ordered_json;

// Chrome trace timestamps are microseconds; ours are nanoseconds.
double micros(uint64_t time_ns);

// The trace events written so far, and the threads they were written on (the metadata names them).
class Output {
public:
    // Adds pid 1 (one lesson run is one process).
    void add(Json event);
    const std::set<uint32_t>& tids() const { return tids_; }
    Json take_events() { return std::move(events_); }

private:
    Json events_ = Json::array();
    std::set<uint32_t> tids_;
};

// A completion as a slice on the thread that recorded it: from the kernel finishing the transfer
// to the fields, event, routine or packet being delivered. Flow arrows pass through it.
struct CompletionSlice {
    uint32_t tid = 0;
    uint64_t start_ns = 0;
    uint64_t end_ns = 0;
};

// Duration slices per thread: B/E per call (arguments on B; result and GetLastError on E) and an
// X per completion. Each thread's slices nest properly by construction.
class Slices {
public:
    void on_event(const Event& event, const State& state, Output& out);
    // A lesson reset (or an export taken mid-call) leaves calls without their return: end them.
    void close_open_calls(uint64_t end_ns, Output& out);
    // By the seq of the request's IoCompleted.
    const std::map<uint64_t, CompletionSlice>& completions() const { return completions_; }

private:
    void completion(const Event& event, const State& state, Output& out);

    std::map<uint32_t, std::vector<std::string>> open_calls_;  // per tid, innermost last
    std::map<uint32_t, uint64_t> last_slice_ns_;  // per tid: a completion slice starts no earlier
    std::map<uint32_t, std::pair<uint64_t, uint64_t>> completion_starts_;  // per tid: OVERLAPPED, time
    std::map<uint64_t, CompletionSlice> completions_;
};

// Index in State::ios of the latest request made with this OVERLAPPED (0: without one).
std::optional<size_t> latest_io_index(const State& state, uint64_t overlapped);

// Each request (State::ios) as an async span b/e from issue to completion, with the request's
// index as its id: an OVERLAPPED reused for a second request gives a second span.
class Requests {
public:
    void on_event(const Event& event, const State& state, Output& out);
    // Requests still in flight when the trace ends (cancelled by a reset, or never completed).
    void close_open(const State& state, uint64_t end_ns, Output& out);

private:
    std::map<size_t, std::string> open_;  // io index -> span name
};

// Flow arrows issue -> completion -> handler for every completed request, from what io_links
// folded into State::ios (who finished, who dequeued, ran the routine or woke on the event).
void add_request_flows(const Recorder& recorder, const State& state, const Slices& slices, Output& out);

// Counter tracks, sampled whenever a value changes: each port's queue depth and running threads
// (with its concurrency value), requests in flight, and each thread's APC queue. Written at the
// end, named from the final State: a port named in the source later (`hPort`) keeps one track.
class Counters {
public:
    void on_event(const Event& event, const State& state);
    void write(const State& final_state, Output& out) const;

private:
    enum class Track { RequestsInFlight, PortQueue, PortThreads, ApcQueue };
    using Key = std::pair<Track, uint64_t>;  // the port handle or thread number it counts for
    struct Sample {
        Key key;
        uint64_t time_ns;
        Json args;
    };

    void set(Key key, Json args, const Event& event);
    void port_counters(const Event& event, const State& state);
    void apc_counters(const Event& event, const State& state);
    static std::string track_name(Key key, const State& state);

    std::map<Key, Json> last_;
    std::vector<Sample> samples_;
    std::set<uint32_t> apc_threads_;  // every thread that ever had an APC queued (its count may drop to 0)
};

// Instants for the events that are neither slices nor spans: field changes (values named),
// signals, console output, thread states and the rest.
void add_instant(const Event& event, const State& state, Output& out);

// Metadata events: the process named after the lesson and labelled with the I/O backend, a name
// and sort order for every thread in `tids`.
Json metadata_events(const State& state, const std::set<uint32_t>& tids);
// The document's otherData: how the trace was made (lesson, backend, observed or recorded fields).
Json trace_origin(const State& state);

}  // namespace ovlab::trace::chrome
