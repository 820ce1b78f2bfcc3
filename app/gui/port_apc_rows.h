// What the Completion port and APC queue panels draw, worked out from the folded trace without
// ImGui, so the ordering rules (FIFO packets, LIFO waiters, FIFO APCs per thread) are unit-tested.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "layout.h"
#include "ovlab/lesson_registry.h"
#include "ovlab/trace_state.h"

namespace ovlab::gui {

// "0x2A (42)": completion keys are often pointers (hex) or small numbers (decimal); show both.
std::string key_text(uint64_t key);

struct PacketRow {
    uint64_t bytes = 0;
    std::string key;          // key_text()
    std::string overlapped;   // the OVERLAPPED's name in the lesson source, or "NULL"
    std::string source;       // "ReadFile completed", "PostQueuedCompletionStatus"
    uint64_t queued_seq = 0;
    uint64_t dequeued_seq = trace::kNever;
};

struct WaiterRow {
    uint32_t thread = 0;
    std::string name;
    bool released_next = false;  // top of the LIFO stack
};

struct PortPicture {
    uint64_t handle = 0;
    std::string name;                  // "port" from the lesson source, else "completion port 0x4"
    std::vector<PacketRow> queue;      // FIFO: element 0 is dequeued next
    std::vector<WaiterRow> stack;      // LIFO: element 0 (the top) is released next
    uint64_t running = 0;
    uint64_t concurrency = 0;
    bool at_limit = false;             // running has reached the concurrency value
    // CloseHandle closed the port: no thread is released or counted any more, so no gauge.
    bool closed = false;
    // Running beyond it: a thread that blocked elsewhere woke up while another had been released.
    bool above_limit = false;
    // At the limit with packets queued and workers waiting: the port keeps a ready worker waiting.
    bool limit_holds_back = false;
    // Windows: packets the sampler counts in the port beyond those recorded (the kernel queued
    // them for finished requests; which ones shows only when a thread dequeues them).
    uint64_t unseen_packets = 0;
    std::optional<PacketRow> taken;    // the latest packet a thread dequeued
    uint32_t taken_by = 0;
    std::string taken_by_name;
};

PortPicture port_picture(const trace::State& state, const trace::PortView& port);

struct ApcThreadRow {
    uint32_t thread = 0;
    std::string name;
    trace::ThreadState state = trace::ThreadState::Running;
    bool alertable = false;                 // in an alertable wait: its queued APCs run now
    bool running_routine = false;           // one of its APCs is running (inside that alertable wait)
    std::vector<trace::ApcView> queue;      // FIFO, the running one (if any) first
    std::optional<trace::ApcView> last_ran; // the most recent APC that ran to its end
    size_t ran_count = 0;
};

// One row per thread that has or had APCs, in the order the threads started.
std::vector<ApcThreadRow> apc_rows(const trace::State& state);

// Which extra views a run needs, known from step 0: a lesson's lesson.json declares them; for a
// program of one's own, its source calls the APIs (a port, APC routines). The run so far adds what
// it shows (a routine passed through a call the scan missed).
ExtraViews extra_views_for(const LessonInfo* lesson, const LessonSource* source, const trace::State& live);

}  // namespace ovlab::gui
