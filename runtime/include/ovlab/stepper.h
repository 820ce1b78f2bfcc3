// The stepper: decides when each lesson thread and each I/O completion may go on.
//
// Lesson threads are serialised: at most one of them runs between two checkpoints, so a class sees
// one thing happen per step and a headless run prints the same transcript every time. A thread that
// blocks in a wait gives up its turn; whoever wakes it (a SetEvent, a completion) makes it ready at
// that moment, so the order does not depend on the OS scheduler.
//
// I/O completions are checkpoints too. A finished kernel request is delivered (Internal written,
// event signalled) only when no lesson thread is ready to run, in the order the requests were
// issued. With hold on, finished requests stay held until released, so a pending read stays
// visibly pending for as long as the teacher wants.
//
// Controllers (GUI, headless runner, tests) call step/run/pause/abort from their own thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

namespace ovlab::step {

// Thrown out of a checkpoint when the lesson is reset; unwinds the lesson thread to its entry.
struct LessonAborted {};

enum class Mode : uint8_t {
    Paused,   // nothing moves until step()
    Running,  // one checkpoint every interval
    FreeRun,  // no gates at all: real timing, threads race as they would outside the lab
};

struct CompletionTicket;

class Stepper {
public:
    Stepper();
    Stepper(const Stepper&) = delete;
    Stepper& operator=(const Stepper&) = delete;

    // ---- controller side ----
    void step();                                     // let exactly one checkpoint pass
    void run(std::chrono::microseconds interval);    // pass checkpoints at this pace (0 = flat out)
    void pause();
    void free_run();
    void set_hold(bool hold);                        // hold finished I/O until release_held()
    void release_held();
    // Lets the held completion of the request with this OVERLAPPED through ahead of the others
    // (completion order is not issue order). False when no finished, held request has it.
    bool release_held_one(uint64_t overlapped);
    // True when the request with this OVERLAPPED finished in the kernel and is held.
    bool is_held(uint64_t overlapped) const;
    // Reset, phase 1: completion gates return false, lesson threads stay parked (their stacks hold
    // buffers the kernel may still write). Phase 2, after the platform drained all I/O: unwind()
    // makes every lesson gate throw LessonAborted.
    void abort();
    void unwind();
    // The run's history is full (Session::record): no thread or completion moves again, so the
    // trace ends consistent at the last step. Reset (abort, unwind) works as usual.
    void halt();
    bool halted() const;
    Mode mode() const;
    bool hold() const;
    uint64_t checkpoints_passed() const;
    size_t held_count() const;
    // True when a step() would let something move (a thread or a completion is waiting for its turn).
    bool has_waiting() const;

    // ---- lesson-thread side ----
    // Called by the creating thread when a lesson thread is created (so its place in line does not
    // depend on the OS scheduler). The new thread then calls blocking_end() before any lesson code.
    void thread_started(uint32_t trace_thread);
    void thread_finished(uint32_t trace_thread);
    // Park at a checkpoint until this thread's turn comes. Throws LessonAborted on reset.
    void checkpoint();
    // The calling thread is about to block in a wait: its turn passes to someone else.
    void blocking_begin();
    // Called by whoever satisfies a blocked thread's wait, at that moment: queues it as ready.
    void make_ready(uint32_t trace_thread);
    // The blocked thread woke up; waits for its turn. Throws LessonAborted on reset.
    void blocking_end();

    // ---- completion side (runtime threads) ----
    // A request was issued (issue order decides delivery order). Returns the ticket id.
    // `overlapped`: its OVERLAPPED's address (0 for none), by which release_held_one finds it.
    uint64_t io_issued(bool always_finishes, uint64_t overlapped = 0);
    // The kernel finished the request; blocks the calling runtime thread until it may deliver.
    // Returns false when the lesson is being aborted (the caller must still release the request).
    bool io_finished_wait(uint64_t ticket);
    // Delivery done (completion sequence performed); the next turn may be granted. `shown` false:
    // the delivery recorded no checkpoint (it only woke a thread blocked in a synchronous call), so
    // the step it used passes on, as when a thread's turn ends without reaching a checkpoint.
    void io_delivered(uint64_t ticket, bool shown = true);
    bool aborting() const;

private:
    struct Participant {
        uint32_t thread = 0;
        enum class State { Running, Ready, Blocked, Finished } state = State::Running;
    };
    struct Ticket {
        uint64_t id = 0;
        uint64_t overlapped = 0;
        bool always_finishes = true;  // disk requests: later ones wait for it, keeping issue order
        bool finished = false;
        bool released = false;        // let through although hold is on
    };

    using Lock = std::unique_lock<std::mutex>;

    Participant& participant(uint32_t thread);
    Ticket* find_ticket(uint64_t id);
    // Index in tickets_ of the held request with this OVERLAPPED, or tickets_.size().
    size_t held_index(uint64_t overlapped) const;
    const Ticket* deliverable_ticket() const;
    bool turn_free() const { return turn_thread_ == 0 && turn_ticket_ == 0; }
    bool may_grant();                  // consumes a step permit or checks the pace; mutex held
    void grant_next();                 // hands a free turn to the next in line; mutex held
    void hand_on_step();               // mutex held
    void wait_for_turn(Lock& lock, uint32_t thread);

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    Mode mode_ = Mode::Paused;
    bool hold_ = false;
    bool aborting_ = false;
    bool unwinding_ = false;
    bool halted_ = false;
    uint64_t permits_ = 0;             // step() calls not yet used
    std::chrono::microseconds interval_{0};
    std::chrono::steady_clock::time_point next_grant_at_{};
    uint32_t turn_thread_ = 0;         // lesson thread holding the turn, 0 = none
    uint64_t turn_ticket_ = 0;         // completion holding the turn, 0 = none
    uint64_t passed_ = 0;
    std::vector<Participant> participants_;
    std::deque<uint32_t> ready_;       // lesson threads in the order they became ready
    std::deque<Ticket> tickets_;       // undelivered requests in issue order
    uint64_t next_ticket_ = 1;
};

}  // namespace ovlab::step
