// Predict mode: questions a lesson asks before a step shows its result ("What will ReadFile
// return?", "Which worker takes this packet?"). A question names the step it is asked at and what
// to read there; its answer is always read from the run's trace, never written in the lesson, so a
// changed parameter (workers, concurrency, hold, sizes) changes the answer and the lab stays right.
// The syntax (the "# Predict" part at the end of a narration file) is in docs/narration-format.md.
// Implemented in lessons/ (predict_questions.cpp, predict_answers.cpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>
#include <string>
#include <vector>

#include "ovlab/trace.h"
#include "ovlab/trace_state.h"

namespace ovlab {
struct LessonSource;
}

namespace ovlab::predict {

// The line that starts the questions part of a narration file; everything after it is questions.
inline constexpr std::string_view kPartHeading = "# Predict";

enum class Asked {
    Result,  // the call's return value and GetLastError, at a "tag.return" step
    Thread,  // the thread that takes the step (dequeues the packet, runs the routine)
    Field,   // an OVERLAPPED field's value once the step is shown
};

struct Choice {
    std::string match;  // what the trace must hold for this choice ("FALSE 997", a field value in hex, "*")
    std::string label;  // what the student reads ("FALSE, ERROR_IO_PENDING (997)")
};

struct Question {
    std::string step;         // the heading as written: "issue-read.return", "sleep-ex.apc | drain.apc"
    std::vector<std::string> steps;  // a step tag and its checkpoint's suffix; asked at whichever comes
    int occurrence = 1;       // asked the n-th time the run reaches one of those steps
    Asked asked = Asked::Result;
    trace::OverlappedField field = trace::OverlappedField::Internal;  // Asked::Field
    std::string overlapped;   // Asked::Field: the OVERLAPPED's name in the source; empty = the step's own
    std::string prompt;       // Markdown
    std::vector<Choice> choices;  // none for Asked::Thread: the trace's threads are the choices
    std::string why;          // Markdown, shown with the answer; explains, never states, the answer
    size_t line = 0;          // in the narration file, for error messages
};

// Parses the lines after kPartHeading; `first_line` is the file line of lines[0]. Throws
// std::runtime_error("<path>:<line>: …") for a malformed question.
std::vector<Question> parse_questions(const std::vector<std::string>& lines, size_t first_line,
                                      const std::filesystem::path& path);

// The step a checkpoint is: its line's tag, with ".return" for a call returning, ".complete" for a
// completion (the issuing call's tag) and ".apc" for an APC starting in a wait. "" before any tag.
std::string step_of(const trace::Event& checkpoint, const trace::State& state, const LessonSource& source);

// One question met in a run, with the answer the trace gives.
struct Asking {
    size_t question = 0;          // index in the question list
    uint64_t position = 0;        // the step it is asked before: checkpoint number (1-based)
    std::vector<std::string> choices;  // labels offered (a thread question: the threads' names)
    int correct = -1;             // index in `choices`; -1 when no choice fits what the trace holds
    std::string observed;         // what the trace holds: "FALSE, GetLastError 997", a field value in hex, "main"
};

// Folds a run's trace as it grows and records each question the moment its step is recorded.
class Tracker {
public:
    Tracker(const LessonSource& source, const std::vector<Question>& questions)
        : source_(&source), questions_(&questions) {}
    void update(const trace::Recorder& recorder);
    const std::vector<Asking>& askings() const { return askings_; }
    // Questions the run has not reached (yet).
    std::vector<size_t> not_asked() const;

private:
    const LessonSource* source_;
    const std::vector<Question>* questions_;
    trace::State state_;
    std::vector<int> reached_;  // per question: times the run reached one of its steps
    std::vector<Asking> askings_;
};

// The answer to `question` at `checkpoint`, with `state` folded through it.
Asking answer(const Question& question, const trace::Event& checkpoint, const trace::State& state);

}  // namespace ovlab::predict
