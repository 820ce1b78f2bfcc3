// Turning a trace into text (the headless transcript) and into Chrome trace-event JSON (Perfetto).
#pragma once

#include <functional>
#include <ostream>
#include <set>
#include <string>

#include "ovlab/trace.h"
#include "ovlab/trace_state.h"
#include "ovlab/trace_text.h"

namespace ovlab::trace {

// How every output names a thread ("main", "WorkerThread 3", "thread 5" before it is known).
std::string thread_label(const State& state, uint32_t number);
// An OVERLAPPED field's value with its meaning: Internal as an NTSTATUS name, InternalHigh in
// bytes, hEvent as the event's label, offsets in hex.
std::string field_value(OverlappedField field, uint64_t value, const State& state);

// Prints events one by one as a readable transcript: a header line per checkpoint
// ("[4] main  line 43  <- WaitForSingleObject = WAIT_OBJECT_0 (0x0)") and indented lines for what
// changed (fields old -> new with names, signals, requests). Never prints times or addresses, so the
// same lesson prints the same transcript on every run and backend. IoFinished (the kernel's own
// moment, which races with lesson threads) is left out.
class TextPrinter {
public:
    // Called at each checkpoint; returns narration text to print under it ("" for none). A transcript
    // is read top to bottom, so each distinct text is printed the first time only.
    using NarrationLookup = std::function<std::string(const Event& checkpoint, const State& state)>;

    // `language` words the printer's own lines and the runtime's recorded phrases (trace_text.h).
    explicit TextPrinter(NarrationLookup narration = {}, Language language = Language::English);
    // Returns the text for `event` (possibly empty, possibly several lines, each ending in '\n').
    std::string print(const Event& event);
    const State& state() const { return state_; }
    // Words each line the program printed (Console events) in the printer's language.
    using ConsoleWording = std::function<std::string(std::string_view line)>;
    void set_console_wording(ConsoleWording wording) { console_wording_ = std::move(wording); }

private:
    std::string checkpoint_header(const Event& event) const;
    std::string detail_line(const Event& event) const;
    std::string io_issued_line(const Event& event) const;
    std::string student_action_line(const Event& event) const;
    std::string field_change_line(const Event& event) const;
    // The line's format string in the printer's language, filled in.
    template <typename... Args>
    std::string line(Line key, Args&&... args) const;
    std::string recorded(std::string_view text) const;

    NarrationLookup narration_;
    ConsoleWording console_wording_;
    std::set<std::string> printed_narration_;
    State state_;
};

// Writes the whole published trace as Chrome trace-event JSON (Perfetto, chrome://tracing): calls
// as duration slices on each thread's track, each request as an async span from issue to
// completion with a flow arrow issue -> completion -> the thread that handled it, counters for
// port queues, running threads, requests in flight and APC queues, everything else as instants;
// the process metadata names the lesson, the I/O backend and whether fields were observed.
void write_chrome_json(const Recorder& recorder, std::ostream& out);

}  // namespace ovlab::trace
