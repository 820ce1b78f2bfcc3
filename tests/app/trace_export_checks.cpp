#include "trace_export_checks.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include <fmt/format.h>

namespace ovlab::test {
namespace {

using nlohmann::json;

struct OpenSlice {
    std::string name;
    double ts = 0;
};

struct Interval {
    double begin = 0;
    double end = 0;
};

// What one pass over the events keeps per thread and per id.
class Checker {
public:
    void event(const json& e, size_t index);
    void finish(const json& document);
    std::vector<std::string> problems;

private:
    void problem(size_t index, const json& e, std::string_view what) {
        problems.push_back(fmt::format("event {} ({}): {}", index, e.dump(), what));
    }
    void slice_edge(const json& e, size_t index);
    void complete_slice(const json& e, size_t index);
    void async_edge(const json& e, size_t index);
    void flow_step(const json& e, size_t index);
    void counter(const json& e, size_t index);
    void field_change(const json& e, size_t index);
    void metadata(const json& e);
    bool time_moves_forward(const json& e, size_t index);

    std::map<uint64_t, std::vector<OpenSlice>> open_slices_;  // per tid
    std::map<uint64_t, double> last_slice_ts_;                // per tid: B, E, X start or X end
    std::map<uint64_t, std::vector<Interval>> intervals_;     // per tid: closed slices, for flows
    std::map<std::pair<std::string, std::string>, double> open_spans_;  // (cat, id) -> b ts
    std::map<std::pair<std::string, std::string>, char> open_flows_;    // (cat, id) -> last step
    std::vector<std::pair<size_t, json>> flow_steps_;  // checked against the slices once all are read
    std::set<uint64_t> used_tids_;
    std::set<uint64_t> named_tids_;
    bool process_named_ = false;
    std::string process_labels_;
};

std::string id_text(const json& e) { return e.contains("id") ? e["id"].dump() : std::string("(none)"); }
std::string cat_of(const json& e) { return e.value("cat", std::string()); }

bool Checker::time_moves_forward(const json& e, size_t index) {
    const uint64_t tid = e["tid"].get<uint64_t>();
    const double ts = e["ts"].get<double>();
    auto [last, inserted] = last_slice_ts_.try_emplace(tid, ts);
    if (!inserted && ts < last->second) {
        problem(index, e, fmt::format("goes back in time on tid {}: {} after {}", tid, ts, last->second));
        return false;
    }
    last->second = ts;
    return true;
}

void Checker::slice_edge(const json& e, size_t index) {
    time_moves_forward(e, index);
    const uint64_t tid = e["tid"].get<uint64_t>();
    std::vector<OpenSlice>& open = open_slices_[tid];
    const std::string name = e.value("name", std::string());
    if (e["ph"] == "B") {
        open.push_back({name, e["ts"].get<double>()});
        return;
    }
    if (open.empty()) return problem(index, e, "E without an open B on its tid");
    if (open.back().name != name)
        problem(index, e, fmt::format("E closes '{}' but the innermost open B is '{}'", name, open.back().name));
    intervals_[tid].push_back({open.back().ts, e["ts"].get<double>()});
    open.pop_back();
}

void Checker::complete_slice(const json& e, size_t index) {
    if (!e.contains("dur") || !e["dur"].is_number() || e["dur"].get<double>() < 0)
        return problem(index, e, "X without a duration >= 0");
    if (!time_moves_forward(e, index)) return;
    const uint64_t tid = e["tid"].get<uint64_t>();
    const double end = e["ts"].get<double>() + e["dur"].get<double>();
    // Its end counts as the thread's latest edge: a later B or E inside it would overlap it.
    last_slice_ts_[tid] = end;
    intervals_[tid].push_back({e["ts"].get<double>(), end});
}

void Checker::async_edge(const json& e, size_t index) {
    const auto key = std::make_pair(cat_of(e), id_text(e));
    if (e["ph"] == "b") {
        if (!open_spans_.emplace(key, e["ts"].get<double>()).second)
            problem(index, e, "async b with a cat and id already open");
        return;
    }
    const auto open = open_spans_.find(key);
    if (open == open_spans_.end()) return problem(index, e, "async e without its b (same cat and id)");
    if (e["ts"].get<double>() < open->second) problem(index, e, "async e before its b");
    open_spans_.erase(open);
}

void Checker::flow_step(const json& e, size_t index) {
    flow_steps_.emplace_back(index, e);
    const auto key = std::make_pair(cat_of(e), id_text(e));
    const char phase = e["ph"].get<std::string>()[0];
    if (phase == 's') {
        if (!open_flows_.emplace(key, phase).second) problem(index, e, "flow s with a cat and id already open");
        return;
    }
    const auto open = open_flows_.find(key);
    if (open == open_flows_.end()) return problem(index, e, "flow step without its s (same cat and id)");
    if (phase == 'f') open_flows_.erase(open);
    if (phase == 'f' && e.value("bp", std::string()) != "e")
        problem(index, e, "flow f without \"bp\":\"e\" binds to the next slice, not the handler's call");
}

void Checker::counter(const json& e, size_t index) {
    if (!e.contains("args") || !e["args"].is_object() || e["args"].empty())
        return problem(index, e, "counter without args");
    for (const auto& [name, value] : e["args"].items())
        if (!value.is_number()) problem(index, e, fmt::format("counter arg '{}' is not a number", name));
}

void Checker::field_change(const json& e, size_t index) {
    const std::string name = e.value("name", std::string());
    const std::string suffix = ".Internal";
    if (name.size() < suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) return;
    for (const char* side : {"old", "new"}) {
        const json& value = e["args"][side];
        if (!value.is_string() || value.get<std::string>().find("STATUS_") == std::string::npos)
            problem(index, e, fmt::format("Internal's {} value is not an NTSTATUS name", side));
    }
}

void Checker::metadata(const json& e) {
    const std::string name = e.value("name", std::string());
    if (name == "thread_name" && e.contains("tid")) named_tids_.insert(e["tid"].get<uint64_t>());
    if (name == "process_name") process_named_ = true;
    if (name == "process_labels") process_labels_ = e["args"].value("labels", std::string());
}

void Checker::event(const json& e, size_t index) {
    if (!e.contains("ph") || !e["ph"].is_string()) return problem(index, e, "no ph");
    if (!e.contains("pid")) problem(index, e, "no pid");
    const std::string ph = e["ph"];
    if (ph != "M" && ph != "C" && (!e.contains("ts") || !e["ts"].is_number()))
        return problem(index, e, "no numeric ts");
    if (e.contains("tid")) used_tids_.insert(e["tid"].get<uint64_t>());
    else if (ph == "B" || ph == "E" || ph == "X" || ph == "s" || ph == "t" || ph == "f")
        return problem(index, e, "no tid");
    if (ph == "B" || ph == "E") slice_edge(e, index);
    else if (ph == "X") complete_slice(e, index);
    else if (ph == "b" || ph == "e") async_edge(e, index);
    else if (ph == "s" || ph == "t" || ph == "f") flow_step(e, index);
    else if (ph == "C") counter(e, index);
    else if (ph == "i") field_change(e, index);
    else if (ph == "M") metadata(e);
}

void Checker::finish(const json& document) {
    for (const auto& [tid, open] : open_slices_)
        for (const OpenSlice& slice : open) problems.push_back(fmt::format("B '{}' on tid {} has no E", slice.name, tid));
    for (const auto& [key, ts] : open_spans_)
        problems.push_back(fmt::format("async b cat {} id {} at {} has no e", key.first, key.second, ts));
    for (const auto& [key, phase] : open_flows_)
        problems.push_back(fmt::format("flow cat {} id {} has no f", key.first, key.second));
    for (const auto& [index, e] : flow_steps_) {
        const double ts = e["ts"].get<double>();
        const auto& slices = intervals_[e["tid"].get<uint64_t>()];
        const bool inside = std::any_of(slices.begin(), slices.end(), [&](const Interval& s) { return s.begin <= ts && ts <= s.end; });
        if (!inside) problem(index, e, "flow step outside every slice on its tid: nothing to bind to");
    }
    for (uint64_t tid : used_tids_)
        if (!named_tids_.count(tid)) problems.push_back(fmt::format("tid {} has no thread_name metadata", tid));
    if (!process_named_) problems.push_back("no process_name metadata");
    const std::string backend = document["otherData"].value("io_backend", std::string());
    if (backend != "io_uring" && backend != "threads" && backend != "Windows")
        problems.push_back(fmt::format("otherData.io_backend is '{}', not io_uring, threads or Windows", backend));
    if (process_labels_.find(backend) == std::string::npos)
        problems.push_back(fmt::format("process_labels '{}' do not name the I/O backend", process_labels_));
}

}  // namespace

std::vector<std::string> check_trace_export(const json& document) {
    if (!document.is_object() || !document.contains("traceEvents") || !document["traceEvents"].is_array())
        return {"not a JSON object with a traceEvents array"};
    if (!document.contains("otherData") || !document["otherData"].is_object())
        return {"no otherData saying how the trace was made"};
    Checker checker;
    const json& events = document["traceEvents"];
    for (size_t i = 0; i < events.size(); ++i) checker.event(events[i], i);
    checker.finish(document);
    return checker.problems;
}

}  // namespace ovlab::test
