#include "port_apc_rows.h"

#include <algorithm>
#include <initializer_list>
#include <string_view>

#include <fmt/format.h>

#include "ovlab/trace_text.h"
#include "ui_strings.h"

namespace ovlab::gui {
namespace {

PacketRow packet_row(const trace::State& state, const trace::PacketView& packet) {
    // A posted packet may carry no OVERLAPPED at all (PostQueuedCompletionStatus with NULL).
    const std::string overlapped = packet.overlapped ? state.overlapped_label(packet.overlapped) : "NULL";
    return {packet.bytes, key_text(packet.key), overlapped, trace::localize_recorded(packet.source, state.language), packet.queued_seq, packet.dequeued_seq};
}

// Comments are skipped: a lesson that only mentions an API must not get its panel.
bool calls_any(const LessonSource& source, std::initializer_list<std::string_view> apis) {
    for (const std::string& line : source.lines) {
        const std::string_view code = std::string_view(line).substr(0, line.find("//"));
        for (std::string_view api : apis)
            if (code.find(api) != std::string_view::npos) return true;
    }
    return false;
}

}  // namespace

std::string key_text(uint64_t key) { return fmt::format("0x{:X} ({})", key, key); }

PortPicture port_picture(const trace::State& state, const trace::PortView& port) {
    PortPicture picture;
    picture.handle = port.handle;
    picture.name = state.handle_label(port.handle);
    for (const trace::PacketView& packet : port.queue) picture.queue.push_back(packet_row(state, packet));
    // The fold keeps waiters in arrival order; the port releases the last to arrive first.
    for (auto it = port.waiters.rbegin(); it != port.waiters.rend(); ++it)
        picture.stack.push_back({*it, thread_label(state, *it), it == port.waiters.rbegin()});
    picture.running = port.running;
    picture.concurrency = port.concurrency;
    const auto handle = state.handles.find(port.handle);
    picture.closed = handle != state.handles.end() && handle->second.closed;
    picture.at_limit = !picture.closed && port.concurrency > 0 && port.running >= port.concurrency;
    picture.above_limit = !picture.closed && port.concurrency > 0 && port.running > port.concurrency;
    // Held back only if the port was already full when the front packet arrived: a count raised
    // later is the release of a waiter that has not recorded leaving the stack yet.
    picture.limit_holds_back = picture.at_limit && !port.queue.empty() && !port.waiters.empty() &&
                               port.counts_seq < port.queue.front().queued_seq;
    if (port.observed_depth && *port.observed_depth > port.queue.size())
        picture.unseen_packets = *port.observed_depth - port.queue.size();
    if (port.last_packet) {
        picture.taken = packet_row(state, *port.last_packet);
        picture.taken_by = port.last_receiver;
        picture.taken_by_name = thread_label(state, port.last_receiver);
    }
    return picture;
}

std::vector<ApcThreadRow> apc_rows(const trace::State& state) {
    std::vector<ApcThreadRow> rows;
    auto row_for = [&](uint32_t thread) -> ApcThreadRow& {
        auto it = std::find_if(rows.begin(), rows.end(), [&](const ApcThreadRow& r) { return r.thread == thread; });
        if (it != rows.end()) return *it;
        return rows.emplace_back(ApcThreadRow{thread, thread_label(state, thread)});
    };
    for (const trace::ApcView& apc : state.apcs_ran) {
        ApcThreadRow& row = row_for(apc.thread);
        row.last_ran = apc;
        ++row.ran_count;
    }
    for (const trace::ApcView& apc : state.apcs) row_for(apc.thread).queue.push_back(apc);
    for (ApcThreadRow& row : rows) {
        // The running APC left the thread's queue first; keep it in front even if it was queued later.
        std::stable_partition(row.queue.begin(), row.queue.end(), [](const trace::ApcView& a) { return a.running; });
        // A routine runs only inside an alertable wait, whatever state the thread last reported.
        row.running_routine = !row.queue.empty() && row.queue.front().running;
        if (const trace::ThreadView* thread = state.thread(row.thread)) row.state = thread->state;
        row.alertable = row.running_routine || row.state == trace::ThreadState::AlertableWait ||
                        row.state == trace::ThreadState::RunningApc;
    }
    // Rows in the order the threads started, like the Threads panel.
    auto order = [&](uint32_t number) {
        for (size_t i = 0; i < state.threads.size(); ++i)
            if (state.threads[i].number == number) return i;
        return state.threads.size();
    };
    std::stable_sort(rows.begin(), rows.end(),
                     [&](const ApcThreadRow& a, const ApcThreadRow& b) { return order(a.thread) < order(b.thread); });
    return rows;
}

ExtraViews extra_views_for(const LessonInfo* lesson, const LessonSource* source, const trace::State& live) {
    ExtraViews views;
    views.port = !live.ports.empty();
    views.apc = !live.apcs.empty() || !live.apcs_ran.empty();
    views.overlapped_empty = live.overlappeds.empty();
    if (lesson) {
        views.port = views.port || lesson->views.port;
        views.apc = views.apc || lesson->views.apc;
    } else if (source) {
        views.port = views.port || calls_any(*source, {"CreateIoCompletionPort"});
        views.apc = views.apc || calls_any(*source, {"ReadFileEx", "WriteFileEx", "QueueUserAPC"});
    }
    return views;
}

}  // namespace ovlab::gui
