#include <algorithm>

#include "ovlab/stepper.h"
#include "ovlab/trace.h"

namespace ovlab::step {

using Clock = std::chrono::steady_clock;

Stepper::Stepper() = default;

// ---------------------------------------------------------------- controller side

void Stepper::step() {
    std::lock_guard lock(mutex_);
    ++permits_;
    grant_next();
    changed_.notify_all();
}

void Stepper::run(std::chrono::microseconds interval) {
    std::lock_guard lock(mutex_);
    if (mode_ == Mode::FreeRun) return;  // gates already open; see free_run()
    mode_ = Mode::Running;
    interval_ = interval;
    next_grant_at_ = Clock::now();
    grant_next();
    changed_.notify_all();
}

void Stepper::pause() {
    std::lock_guard lock(mutex_);
    if (mode_ == Mode::FreeRun) return;
    mode_ = Mode::Paused;
    permits_ = 0;
}

// Free run cannot be paused again: several threads run at once, so there is no single "next"
// checkpoint to stop at. The GUI offers it as a choice made when a lesson starts.
void Stepper::free_run() {
    std::lock_guard lock(mutex_);
    if (halted_) return;
    mode_ = Mode::FreeRun;
    changed_.notify_all();
}

void Stepper::set_hold(bool hold) {
    std::lock_guard lock(mutex_);
    hold_ = hold;
    if (!hold) grant_next();
    changed_.notify_all();
}

void Stepper::release_held() {
    std::lock_guard lock(mutex_);
    for (Ticket& t : tickets_)
        if (t.finished) t.released = true;
    grant_next();
    changed_.notify_all();
}

bool Stepper::release_held_one(uint64_t overlapped) {
    std::lock_guard lock(mutex_);
    const size_t chosen = held_index(overlapped);
    if (chosen == tickets_.size()) return false;
    tickets_[chosen].released = true;
    grant_next();
    changed_.notify_all();
    return true;
}

void Stepper::abort() {
    Lock lock(mutex_);
    aborting_ = true;
    changed_.notify_all();
    // The thread holding the turn may be about to issue a request; wait until it parks so the
    // platform's cancel_all_io() sees every request that will ever exist.
    changed_.wait(lock, [&] { return turn_free() || mode_ == Mode::FreeRun; });
}

void Stepper::unwind() {
    std::lock_guard lock(mutex_);
    unwinding_ = true;
    changed_.notify_all();
}

void Stepper::halt() {
    std::lock_guard lock(mutex_);
    halted_ = true;
    mode_ = Mode::Paused;
    permits_ = 0;
}

bool Stepper::halted() const {
    std::lock_guard lock(mutex_);
    return halted_;
}

Mode Stepper::mode() const {
    std::lock_guard lock(mutex_);
    return mode_;
}

bool Stepper::hold() const {
    std::lock_guard lock(mutex_);
    return hold_;
}

uint64_t Stepper::checkpoints_passed() const {
    std::lock_guard lock(mutex_);
    return passed_;
}

size_t Stepper::held_count() const {
    std::lock_guard lock(mutex_);
    if (!hold_) return 0;
    return static_cast<size_t>(
        std::count_if(tickets_.begin(), tickets_.end(), [](const Ticket& t) { return t.finished && !t.released; }));
}

bool Stepper::is_held(uint64_t overlapped) const {
    std::lock_guard lock(mutex_);
    return held_index(overlapped) != tickets_.size();
}

bool Stepper::has_waiting() const {
    std::lock_guard lock(mutex_);
    return turn_free() && !halted_ && (!ready_.empty() || deliverable_ticket() != nullptr);
}

bool Stepper::aborting() const {
    std::lock_guard lock(mutex_);
    return aborting_;
}

// ---------------------------------------------------------------- lesson-thread side

void Stepper::thread_started(uint32_t trace_thread) {
    std::lock_guard lock(mutex_);
    Participant& p = participant(trace_thread);
    p.state = Participant::State::Ready;
    ready_.push_back(trace_thread);
    grant_next();
    changed_.notify_all();
}

void Stepper::thread_finished(uint32_t trace_thread) {
    std::lock_guard lock(mutex_);
    participant(trace_thread).state = Participant::State::Finished;
    std::erase(ready_, trace_thread);
    if (turn_thread_ == trace_thread) {
        turn_thread_ = 0;
        hand_on_step();
    }
    grant_next();
    changed_.notify_all();
}

// Lesson threads are identified by their trace thread number (trace::current_thread()), which the
// session or the runtime's CreateThread sets before the thread runs lesson code.
void Stepper::checkpoint() {
    const uint32_t self = trace::current_thread();
    Lock lock(mutex_);
    if (mode_ == Mode::FreeRun && !aborting_) {
        ++passed_;
        return;
    }
    if (turn_thread_ != self) return;  // not a serialised lesson thread
    participant(self).state = Participant::State::Ready;
    ready_.push_back(self);
    turn_thread_ = 0;
    grant_next();
    changed_.notify_all();
    wait_for_turn(lock, self);
}

void Stepper::blocking_begin() {
    const uint32_t self = trace::current_thread();
    std::lock_guard lock(mutex_);
    Participant& p = participant(self);
    if (p.state == Participant::State::Finished) return;
    p.state = Participant::State::Blocked;
    if (turn_thread_ == self) {
        turn_thread_ = 0;
        hand_on_step();
    }
    grant_next();
    changed_.notify_all();
}

void Stepper::make_ready(uint32_t trace_thread) {
    std::lock_guard lock(mutex_);
    Participant& p = participant(trace_thread);
    if (p.state != Participant::State::Blocked) return;
    p.state = Participant::State::Ready;
    ready_.push_back(trace_thread);
    grant_next();
    changed_.notify_all();
}

void Stepper::blocking_end() {
    const uint32_t self = trace::current_thread();
    Lock lock(mutex_);
    if (mode_ == Mode::FreeRun && !aborting_) return;
    Participant& p = participant(self);
    // A wait that ended by time-out was not made ready by anyone: it gets in line now.
    if (p.state == Participant::State::Blocked) {
        p.state = Participant::State::Ready;
        ready_.push_back(self);
        grant_next();
        changed_.notify_all();
    }
    wait_for_turn(lock, self);
}

void Stepper::wait_for_turn(Lock& lock, uint32_t thread) {
    for (;;) {
        if (unwinding_) {
            std::erase(ready_, thread);
            participant(thread).state = Participant::State::Finished;
            changed_.notify_all();
            throw LessonAborted{};
        }
        if (turn_thread_ == thread) return;
        if (mode_ == Mode::FreeRun && !aborting_) {
            std::erase(ready_, thread);
            participant(thread).state = Participant::State::Running;
            return;
        }
        if (turn_free()) grant_next();
        if (turn_thread_ == thread) return;
        if (mode_ == Mode::Running && !aborting_) changed_.wait_until(lock, next_grant_at_);
        else changed_.wait(lock);
    }
}

// ---------------------------------------------------------------- completion side

uint64_t Stepper::io_issued(bool always_finishes, uint64_t overlapped) {
    std::lock_guard lock(mutex_);
    const uint64_t id = next_ticket_++;
    tickets_.push_back({id, overlapped, always_finishes});
    return id;
}

bool Stepper::io_finished_wait(uint64_t ticket) {
    Lock lock(mutex_);
    if (Ticket* t = find_ticket(ticket)) t->finished = true;
    grant_next();
    changed_.notify_all();
    for (;;) {
        if (aborting_) {
            std::erase_if(tickets_, [&](const Ticket& t) { return t.id == ticket; });
            if (turn_ticket_ == ticket) turn_ticket_ = 0;
            changed_.notify_all();
            return false;
        }
        if (mode_ == Mode::FreeRun) return true;
        if (turn_ticket_ == ticket) return true;
        if (turn_free()) grant_next();
        if (turn_ticket_ == ticket) return true;
        if (mode_ == Mode::Running) changed_.wait_until(lock, next_grant_at_);
        else changed_.wait(lock);
    }
}

void Stepper::io_delivered(uint64_t ticket, bool shown) {
    std::lock_guard lock(mutex_);
    std::erase_if(tickets_, [&](const Ticket& t) { return t.id == ticket; });
    if (turn_ticket_ == ticket) {
        turn_ticket_ = 0;
        if (!shown) hand_on_step();
    }
    grant_next();
    changed_.notify_all();
}

// ---------------------------------------------------------------- scheduling

Stepper::Participant& Stepper::participant(uint32_t thread) {
    for (Participant& p : participants_)
        if (p.thread == thread) return p;
    participants_.push_back({thread, Participant::State::Blocked});
    return participants_.back();
}

Stepper::Ticket* Stepper::find_ticket(uint64_t id) {
    for (Ticket& t : tickets_)
        if (t.id == id) return &t;
    return nullptr;
}

// Mutex held.
size_t Stepper::held_index(uint64_t overlapped) const {
    if (!hold_ || overlapped == 0) return tickets_.size();
    for (size_t i = 0; i < tickets_.size(); ++i) {
        const Ticket& t = tickets_[i];
        if (t.overlapped == overlapped && t.finished && !t.released) return i;
    }
    return tickets_.size();
}

// Completions are delivered in issue order. A later disk request never overtakes an earlier one
// that is still in the kernel (disk requests always finish, so waiting is safe); a network request
// may never finish, so later requests may pass it. With hold on, a held request is done in the
// kernel, so one the student released (release_held_one) may pass it.
const Stepper::Ticket* Stepper::deliverable_ticket() const {
    for (const Ticket& t : tickets_) {
        if (t.finished) {
            if (hold_ && !t.released) continue;
            return &t;
        }
        if (t.always_finishes) return nullptr;
    }
    return nullptr;
}

// A turn that ends without reaching a checkpoint (the thread blocked in a wait, or exited) showed
// the student nothing new, so the step it used passes on to whoever goes next: one Step is then
// "main starts waiting and the read completes". The permit waits for the next arrival if nobody
// is in line yet.
void Stepper::hand_on_step() {
    if (mode_ == Mode::Paused) ++permits_;
    else if (mode_ == Mode::Running) next_grant_at_ = Clock::now();
    if (passed_ > 0) --passed_;
}

bool Stepper::may_grant() {
    switch (mode_) {
        case Mode::Paused:
            if (permits_ == 0) return false;
            --permits_;
            return true;
        case Mode::Running: {
            const auto now = Clock::now();
            if (now < next_grant_at_) return false;
            next_grant_at_ = now + interval_;
            return true;
        }
        case Mode::FreeRun: return true;
    }
    return false;
}

// Lesson threads go first, in the order they became ready; a completion is delivered only when no
// lesson thread can run. That is what makes every run of a lesson print the same transcript.
void Stepper::grant_next() {
    if (!turn_free() || aborting_ || halted_ || mode_ == Mode::FreeRun) return;
    if (!ready_.empty()) {
        if (!may_grant()) return;
        turn_thread_ = ready_.front();
        ready_.pop_front();
        participant(turn_thread_).state = Participant::State::Running;
        ++passed_;
        return;
    }
    if (const Ticket* t = deliverable_ticket()) {
        if (!may_grant()) return;
        turn_ticket_ = t->id;
        ++passed_;
    }
}

}  // namespace ovlab::step
