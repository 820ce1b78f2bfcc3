#include <fmt/format.h>

#include "ovlab/trace_output.h"

#include "chrome_json.h"

namespace ovlab::trace::chrome {
namespace {

// Lesson threads first, in the order the lesson made them; the runtime's own threads below them.
constexpr uint32_t kRuntimeThreadsSortAfter = 1000;

std::string backend_name(const State& state) {
    return state.io_backend.empty() ? std::string("not recorded") : state.io_backend;
}

std::string fields_source(const State& state) {
    if (state.io_backend.empty()) return "not recorded";
    return state.fields_observed ? "observed (sampled from the kernel's writes)" : "recorded (as the runtime writes them)";
}

Json metadata(const char* name, Json args) {
    return {{"ph", "M"}, {"name", name}, {"pid", 1}, {"args", std::move(args)}};
}

Json thread_metadata(const char* name, uint32_t tid, Json args) {
    Json event = metadata(name, std::move(args));
    event["tid"] = tid;
    return event;
}

}  // namespace

Json metadata_events(const State& state, const std::set<uint32_t>& tids) {
    Json events = Json::array();
    events.push_back(metadata("process_name", {{"name", fmt::format("Overlapped Lab: {}", state.lesson_id)}}));
    events.push_back(metadata("process_labels", {{"labels", fmt::format("I/O backend {}, OVERLAPPED fields {}",
                                                                         backend_name(state), fields_source(state))}}));
    std::set<uint32_t> named = tids;
    for (const ThreadView& thread : state.threads) named.insert(thread.number);
    for (uint32_t tid : named) {
        const ThreadView* thread = state.thread(tid);
        const bool runtime = !thread || thread->runtime;
        events.push_back(thread_metadata("thread_name", tid, {{"name", thread_label(state, tid)}}));
        events.push_back(
            thread_metadata("thread_sort_index", tid, {{"sort_index", runtime ? kRuntimeThreadsSortAfter + tid : tid}}));
    }
    return events;
}

Json trace_origin(const State& state) {
    return {{"generator", "Overlapped Lab"},
            {"lesson", state.lesson_id},
            {"io_backend", backend_name(state)},
            {"overlapped_fields", fields_source(state)}};
}

}  // namespace ovlab::trace::chrome
