// State folded from the trace. Every view (GUI panels, headless printer) derives what it shows by
// applying events in order; stepping back is folding a shorter prefix. Nothing here reads the
// runtime: only trace events.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ovlab/language.h"
#include "ovlab/trace.h"

namespace ovlab::trace {

constexpr uint64_t kNever = UINT64_MAX;  // "this field never changed"

struct OverlappedView {
    uint64_t address = 0;
    std::string name;                         // from the lesson source (`ro`), else "OVERLAPPED #n"
    std::array<uint64_t, 5> value = {};       // indexed by OverlappedField
    std::array<uint64_t, 5> changed_at = {kNever, kNever, kNever, kNever, kNever};  // event seq
    bool in_flight = false;                   // issued and not yet completed
    std::string operation;                    // "read" / "write" of the last request
    uint64_t handle = 0;                      // handle of the last request

    uint64_t get(OverlappedField f) const { return value[static_cast<size_t>(f)]; }
    uint64_t offset64() const { return (get(OverlappedField::OffsetHigh) << 32) | get(OverlappedField::Offset); }
};

struct HandleView {
    uint64_t handle = 0;
    HandleKind kind = HandleKind::Other;
    std::string name;                         // from the lesson source (`hSrc`) when known
    std::string description;                  // "file source.bin (overlapped)", "event auto-reset"
    bool signalled = false;
    bool closed = false;
    uint64_t changed_at = kNever;
    std::string last_reason;                  // why it was last signalled or reset
};

struct ThreadView {
    uint32_t number = 0;
    std::string name;
    ThreadState state = ThreadState::Running;
    std::string detail;                       // what it waits for
    uint32_t line = 0;                        // lesson line of its current or last call
    uint64_t changed_at = kNever;
    bool runtime = false;                     // a runtime thread: the kernel side of the I/O
};

struct CallView {
    uint64_t enter_seq = 0;
    uint64_t leave_seq = kNever;              // kNever while the call has not returned
    uint32_t thread = 0;
    uint32_t line = 0;
    std::string api;
    std::string arguments;
    std::string result;                       // "FALSE", "WAIT_OBJECT_0", ...
    uint32_t last_error = 0;
    bool failed = false;
};

struct IoView {
    uint64_t overlapped = 0;
    uint64_t handle = 0;
    std::string operation;
    uint64_t offset = 0;
    uint64_t length = 0;
    enum class Phase { InFlight, Finished, Held, Completed } phase = Phase::InFlight;
    uint32_t status = 0;
    uint64_t bytes = 0;
    uint64_t issued_seq = 0;
    uint32_t issued_line = 0;                 // lesson line of the call that issued it
    uint32_t issued_thread = 0;               // thread whose call issued it

    // The request's way across threads: issued, finished by the kernel, delivered, then handled.
    uint64_t finished_seq = kNever;           // the kernel finished the transfer
    uint32_t finished_thread = 0;             // thread that recorded it (the kernel side when async)
    uint64_t completed_seq = kNever;          // fields written, event set, packet or routine queued
    uint64_t signalled_handle = 0;            // event (or file) the completion set; 0 when none
    uint64_t signalled_seq = kNever;
    uint64_t apc_id = 0;                      // completion routine the completion queued; 0 when none
    bool packet_queued = false;               // the completion queued a packet to a port
    // Who acted on the completion: dequeued its packet, ran its routine, or woke on its event.
    enum class Handling { None, Dequeued, Routine, Woke } handling = Handling::None;
    uint32_t handler_thread = 0;
    uint64_t handled_seq = kNever;
};

struct ApcView {
    uint64_t id = 0;
    uint32_t thread = 0;                      // the thread whose queue holds it
    std::string what;
    uint64_t queued_seq = 0;
    bool running = false;
    uint32_t ran_on = 0;                      // thread that ran it (set once it starts running)
    uint64_t delivering_seq = kNever;         // when it started running
    uint64_t done_seq = kNever;               // when it returned (set in State::apcs_ran)
};

struct PacketView {
    uint64_t bytes = 0;
    uint64_t key = 0;
    uint64_t overlapped = 0;
    std::string source;                       // "ReadFile completed", "PostQueuedCompletionStatus"
    uint64_t queued_seq = 0;
    uint64_t dequeued_seq = kNever;           // when a thread took it (set in PortView::last_packet)
};

struct PortView {
    uint64_t handle = 0;
    std::vector<PacketView> queue;            // FIFO: front is dequeued next
    std::vector<uint32_t> waiters;            // LIFO: back is released next
    uint64_t running = 0;
    uint64_t concurrency = 0;
    // When running last changed. The port releases a waiter as a packet is queued (running + 1 at
    // once), but the released thread records leaving the stack only when it gets its turn: a count
    // raised after the queue's front packet arrived may be such a release still on its way.
    uint64_t counts_seq = kNever;
    uint32_t last_receiver = 0;               // thread that dequeued the latest packet
    std::optional<PacketView> last_packet;
    // Windows: packets the kernel queued are invisible until dequeued, but the sampler reads how
    // many the port holds. Unset where every packet is recorded as it is queued.
    std::optional<uint64_t> observed_depth;
};

struct ConsoleLine {
    uint64_t seq = 0;
    uint32_t thread = 0;
    std::string text;
};

struct State {
    uint64_t upto = 0;                        // events folded: [0, upto)
    uint64_t checkpoints = 0;                 // checkpoint events folded
    uint64_t last_checkpoint_seq = kNever;
    std::string lesson_id;
    std::string io_backend;                   // "io_uring", "threads" or "Windows"; empty in a trace
                                              // that did not record it
    bool fields_observed = false;             // Windows: fields read by sampling, not recorded
    std::optional<int> exit_code;             // set when the lesson finished
    bool check_passed = false;
    std::string check_message;
    uint64_t history_limit = 0;               // set when the run stopped because its history was full
    uint64_t student_cancels = 0;             // requests the student cancelled that were still pending
    Language language = Language::English;    // of the labels below ("event 0x14" / "이벤트 0x14")

    std::vector<ThreadView> threads;          // by first appearance
    std::map<uint64_t, HandleView> handles;
    std::map<uint64_t, OverlappedView> overlappeds;
    std::vector<CallView> calls;
    std::vector<IoView> ios;
    std::vector<ConsoleLine> console;
    std::vector<ApcView> apcs;                // queued or running, in queue order per thread
    std::vector<ApcView> apcs_ran;            // APCs that ran and returned, oldest first (the views'
                                              // history: a thread's queue is empty again after them)
    std::map<uint64_t, PortView> ports;
    // Thread recording a completion sequence -> the OVERLAPPED it completes: the Signal, ApcQueued
    // and PortPacketQueued it records next belong to that request.
    std::map<uint32_t, uint64_t> completing;
    // A program of several files (SourceFile events): file number -> its name, as lines name it.
    std::map<uint32_t, std::string> source_files;

    void apply(const Event& event);

    ThreadView* thread(uint32_t number);
    // The latest request issued with this OVERLAPPED (a struct may be reused for many), or null.
    IoView* latest_io(uint64_t overlapped);
    const IoView* latest_io(uint64_t overlapped) const;
    const ThreadView* thread(uint32_t number) const;
    // "hSrc", else "file 0x1C"; for printing arguments and results.
    std::string handle_label(uint64_t handle) const;
    bool is_socket(uint64_t handle) const;  // a socket has no offset: its requests show none
    std::string overlapped_label(uint64_t address) const;  // "no OVERLAPPED" for address 0
    // Where an event's line is: "copy.cpp:42" in a program of several files, else "" (the line alone
    // says it in a lesson or a one-file program).
    std::string file_of(const Event& event) const;
};

// Folds events [0, upto) of a recorder (upto is clamped to what is published).
State fold(const Recorder& recorder, uint64_t upto);

// Index of the event that is checkpoint number `n` (1-based), or published() if there is none.
uint64_t event_index_of_checkpoint(const Recorder& recorder, uint64_t n);

}  // namespace ovlab::trace
