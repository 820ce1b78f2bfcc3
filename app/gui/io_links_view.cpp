#include "io_links_view.h"

#include <algorithm>

namespace ovlab::gui {
namespace {

// The API whose call issued the request: the issuing thread's latest call entered before it.
std::string issuing_api(const trace::State& state, const trace::IoView& io) {
    for (auto call = state.calls.rbegin(); call != state.calls.rend(); ++call)
        if (call->thread == io.issued_thread && call->enter_seq < io.issued_seq) return call->api;
    return {};
}

}  // namespace

std::vector<IoLink> recent_io_links(const trace::State& state, uint64_t step_begin_seq, size_t limit) {
    std::vector<IoLink> links;
    for (const trace::IoView& io : state.ios) {
        IoLink link;
        link.io = &io;
        link.issued = {io.issued_thread, io.issued_seq};
        link.finished = {io.finished_thread, io.finished_seq};
        if (io.handling != trace::IoView::Handling::None) link.handled = {io.handler_thread, io.handled_seq};
        link.latest_seq = io.issued_seq;
        for (const IoLinkStop& stop : {link.finished, link.handled})
            if (stop.happened()) link.latest_seq = std::max(link.latest_seq, stop.seq);
        link.this_step = link.latest_seq >= step_begin_seq;
        links.push_back(std::move(link));
    }
    // Stable: of two requests last active at once (never, in one trace), the later issued comes first.
    std::stable_sort(links.begin(), links.end(),
                     [](const IoLink& a, const IoLink& b) { return a.latest_seq > b.latest_seq; });
    if (links.size() > limit) links.resize(limit);
    for (IoLink& link : links) link.api = issuing_api(state, *link.io);
    return links;
}

std::vector<const trace::ThreadView*> lane_order(const trace::State& state) {
    std::vector<const trace::ThreadView*> lanes;
    for (const trace::ThreadView& thread : state.threads)
        if (!thread.runtime) lanes.push_back(&thread);
    const auto after_first = lanes.empty() ? lanes.end() : lanes.begin() + 1;
    std::vector<const trace::ThreadView*> runtime;
    for (const trace::ThreadView& thread : state.threads)
        if (thread.runtime) runtime.push_back(&thread);
    lanes.insert(after_first, runtime.begin(), runtime.end());
    return lanes;
}

}  // namespace ovlab::gui
