#include <fmt/format.h>

#include "ovlab/status_codes.h"
#include "ovlab/trace_output.h"

namespace ovlab::trace {
namespace {

std::string indent(std::string_view text, std::string_view prefix) {
    std::string out;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        out += line.empty() ? std::string("\n") : fmt::format("{}{}\n", prefix, line);
        start = end + 1;
    }
    return out;
}

}  // namespace

std::string thread_label(const State& state, uint32_t number) {
    if (const ThreadView* t = state.thread(number)) return t->name;
    return number ? fmt::format("thread {}", number) : std::string("runtime");
}

std::string field_value(OverlappedField field, uint64_t value, const State& state) {
    switch (field) {
        case OverlappedField::Internal: return format_ntstatus(static_cast<uint32_t>(value));
        case OverlappedField::InternalHigh: return fmt::format("{} bytes", value);
        case OverlappedField::hEvent: return value ? state.handle_label(value) : std::string("NULL");
        default: return fmt::format("0x{:X}", value);
    }
}

TextPrinter::TextPrinter(NarrationLookup narration) : narration_(std::move(narration)) {}

std::string TextPrinter::checkpoint_header(const Event& event) const {
    const std::string where = event.line ? fmt::format("line {}", event.line) : std::string("");
    switch (event.kind) {
        case EventKind::ApiEnter:
            return fmt::format("[{}] {}  {}  -> {}({})\n", state_.checkpoints, thread_label(state_, event.thread), where,
                               event.name_view(), event.text_view());
        case EventKind::ApiLeave:
            return fmt::format("[{}] {}  {}  <- {} = {}\n", state_.checkpoints, thread_label(state_, event.thread), where,
                               event.name_view(), event.text_view());
        case EventKind::ApcDelivering:
            return fmt::format("[{}] {}  APC runs: {}\n", state_.checkpoints, thread_label(state_, event.thread),
                               event.text_view());
        case EventKind::LineReached:
            return fmt::format("[{}] {}  {}  reached\n", state_.checkpoints, thread_label(state_, event.thread), where);
        default: {
            const auto* io = [&]() -> const IoView* {
                for (auto it = state_.ios.rbegin(); it != state_.ios.rend(); ++it)
                    if (it->overlapped == event.object) return &*it;
                return nullptr;
            }();
            return fmt::format("[{}] completion  {} of {} on {} finished: {}, {} bytes\n", state_.checkpoints,
                               io ? io->operation : std::string("request"), state_.overlapped_label(event.object),
                               io ? state_.handle_label(io->handle) : std::string("?"),
                               format_ntstatus(static_cast<uint32_t>(event.a)), event.b);
        }
    }
}

std::string TextPrinter::field_change_line(const Event& event) const {
    const auto field = static_cast<OverlappedField>(event.a);
    return fmt::format("{}.{}  {} -> {}", state_.overlapped_label(event.object), field_name(field),
                       field_value(field, event.b, state_), field_value(field, event.c, state_));
}

std::string TextPrinter::detail_line(const Event& event) const {
    switch (event.kind) {
        case EventKind::ThreadStarted:
            // A runtime thread starts whenever the backend first needs it, racing the lesson.
            if (event.a == 1) return {};
            return fmt::format("thread {} started: {}", event.thread, event.text_view());
        case EventKind::ThreadState:
            return fmt::format("{} is {}{}{}", thread_label(state_, event.thread),
                               thread_state_name(static_cast<ThreadState>(event.a)), event.text[0] ? ": " : "",
                               event.text_view());
        case EventKind::ThreadExited:
            return fmt::format("{} exited with {}", thread_label(state_, event.thread), static_cast<int64_t>(event.a));
        case EventKind::HandleCreated:
            return fmt::format("created {} 0x{:X}: {} ({})", handle_kind_name(static_cast<HandleKind>(event.a)),
                               event.object, event.text_view(), event.b ? "signalled" : "not signalled");
        case EventKind::HandleClosed: return fmt::format("closed {}", state_.handle_label(event.object));
        // An OVERLAPPED is known by its address, and a later function's OVERLAPPED may reuse an earlier
        // one's stack slot or not, depending on the build (sanitizers move locals). What the program
        // stored itself and when a name first appears therefore varies between builds; the issue line
        // shows what each request was given, and the GUI shows the program's stores.
        case EventKind::ObjectNamed:
            if (event.a == 1) return {};
            return fmt::format("handle 0x{:X} is {} in the source", event.object, event.text_view());
        case EventKind::FieldChange:
            if (event.name_view() == "program") return {};
            return field_change_line(event);
        case EventKind::Signal:
            return fmt::format("{} {}{}{}", state_.handle_label(event.object), event.a ? "signalled" : "reset",
                               event.text[0] ? ": " : "", event.text_view());
        case EventKind::IoIssued:
            if (event.object == 0)  // no OVERLAPPED, so no offset: the transfer starts at the file pointer
                return fmt::format("{} of {} bytes at the file pointer issued on {} with no OVERLAPPED", event.name_view(),
                                   event.c, state_.handle_label(event.a));
            return fmt::format("{} of {} bytes at offset {} issued on {} with {}", event.name_view(), event.c, event.b,
                               state_.handle_label(event.a), state_.overlapped_label(event.object));
        case EventKind::IoCompleted:
            if (event.object == 0) return "the call's own transfer completed (no OVERLAPPED: the thread waited in it)";
            return fmt::format("{} completed", state_.overlapped_label(event.object));
        case EventKind::ApcQueued:
            return fmt::format("APC queued to {}: {}", thread_label(state_, static_cast<uint32_t>(event.object)),
                               event.text_view());
        case EventKind::ApcDone: return fmt::format("APC returned on {}", thread_label(state_, event.thread));
        case EventKind::PortPacketQueued:
            return fmt::format("packet queued on {}: {} bytes, key {}, {} ({})", state_.handle_label(event.object),
                               event.a, event.b, event.c ? state_.overlapped_label(event.c) : std::string("NULL"),
                               event.text_view());
        case EventKind::PortPacketDequeued:
            return fmt::format("{} took a packet from {}: {} bytes, key {}, {}", thread_label(state_, event.thread),
                               state_.handle_label(event.object), event.a, event.b,
                               event.c ? state_.overlapped_label(event.c) : std::string("NULL"));
        case EventKind::PortWaiter:
            return fmt::format("{} {} {}", thread_label(state_, event.thread),
                               event.a ? "waits on" : "no longer waits on", state_.handle_label(event.object));
        case EventKind::PortCounts:
            return fmt::format("{}: {} running of concurrency {}", state_.handle_label(event.object), event.a, event.b);
        case EventKind::Console: return fmt::format("console: {}", event.text_view());
        case EventKind::LessonStarted: return fmt::format("lesson {} started", event.name_view());
        case EventKind::LessonFinished:
            return fmt::format("lesson finished: exit code {}, check {}: {}", static_cast<int64_t>(event.a),
                               event.b ? "passed" : "FAILED", event.text_view());
        case EventKind::HistoryFull:
            return fmt::format("the run's history is full ({} events): the lab stopped it here", event.a);
        default: return {};
    }
}

std::string TextPrinter::print(const Event& event) {
    if (event.kind == EventKind::IoFinished) {
        state_.apply(event);
        return {};
    }
    std::string out;
    if (is_checkpoint(event.kind)) {
        state_.apply(event);
        out = checkpoint_header(event);
        if (narration_) {
            std::string text = narration_(event, state_);
            if (!text.empty() && printed_narration_.insert(text).second) out += indent(text, "    | ");
        }
        return out;
    }
    // Details name objects as they were before this event (a closed handle keeps its name).
    out = detail_line(event);
    state_.apply(event);
    return out.empty() ? out : fmt::format("      {}\n", out);
}

}  // namespace ovlab::trace
