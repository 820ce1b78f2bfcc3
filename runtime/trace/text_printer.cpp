#include <algorithm>

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
    return number ? fmt::format(fmt::runtime(line_format(Line::ThreadNumber, state.language)), number)
                  : std::string(line_format(Line::RuntimeThread, state.language));
}

std::string field_value(OverlappedField field, uint64_t value, const State& state) {
    switch (field) {
        case OverlappedField::Internal: return format_ntstatus(static_cast<uint32_t>(value));
        case OverlappedField::InternalHigh:
            return singular_byte_counts(fmt::format(fmt::runtime(line_format(Line::Bytes, state.language)), value));
        case OverlappedField::hEvent: return value ? state.handle_label(value) : std::string("NULL");
        default: return fmt::format("0x{:X}", value);
    }
}

TextPrinter::TextPrinter(NarrationLookup narration, Language language) : narration_(std::move(narration)) {
    state_.language = language;
}

template <typename... Args>
std::string TextPrinter::line(Line key, Args&&... args) const {
    return singular_byte_counts(fmt::format(fmt::runtime(line_format(key, state_.language)), std::forward<Args>(args)...));
}

std::string TextPrinter::recorded(std::string_view text) const { return localize_recorded(text, state_.language); }

std::string TextPrinter::checkpoint_header(const Event& event) const {
    const std::string file = state_.file_of(event);
    const std::string where = !event.line ? std::string()
                              : file.empty() ? line(Line::SourceLine, event.line)
                                             : fmt::format("{}:{}", file, event.line);
    switch (event.kind) {
        case EventKind::ApiEnter:
            return fmt::format("[{}] {}  {}  -> {}({})\n", state_.checkpoints, thread_label(state_, event.thread), where,
                               event.name_view(), recorded(event.text_view()));
        case EventKind::ApiLeave:
            return fmt::format("[{}] {}  {}  <- {} = {}\n", state_.checkpoints, thread_label(state_, event.thread), where,
                               event.name_view(), event.text_view());
        case EventKind::ApcDelivering:
            return fmt::format("[{}] {}  {}\n", state_.checkpoints, thread_label(state_, event.thread),
                               line(Line::ApcRuns, recorded(event.text_view())));
        case EventKind::LineReached:
            return fmt::format("[{}] {}  {}  {}\n", state_.checkpoints, thread_label(state_, event.thread), where,
                               line(Line::LineReached));
        default: {
            const IoView* io = state_.latest_io(event.object);
            return fmt::format("[{}] {}\n", state_.checkpoints,
                               line(Line::CompletionHeader,
                                    io ? recorded(io->operation) : std::string(line_format(Line::AnyRequest, state_.language)),
                                    state_.overlapped_label(event.object),
                                    io ? state_.handle_label(io->handle) : std::string("?"),
                                    format_ntstatus(static_cast<uint32_t>(event.a)), event.b));
        }
    }
}

std::string TextPrinter::field_change_line(const Event& event) const {
    const auto field = static_cast<OverlappedField>(event.a);
    return fmt::format("{}.{}  {} -> {}", state_.overlapped_label(event.object), field_name(field),
                       field_value(field, event.b, state_), field_value(field, event.c, state_));
}

std::string TextPrinter::io_issued_line(const Event& event) const {
    if (state_.is_socket(event.a)) {
        // A socket is a stream with no offset: said once, at the run's first socket request.
        const bool first = std::none_of(state_.ios.begin(), state_.ios.end(),
                                        [&](const IoView& io) { return state_.is_socket(io.handle); });
        return line(Line::IoIssuedOnSocket, recorded(event.name_view()), event.c, state_.handle_label(event.a),
                    state_.overlapped_label(event.object)) +
               (first ? std::string(line_format(Line::SocketHasNoOffset, state_.language)) : std::string());
    }
    if (event.object == 0)  // no OVERLAPPED, so no offset: the transfer starts at the file pointer
        return line(Line::IoIssuedAtPointer, recorded(event.name_view()), event.c, state_.handle_label(event.a));
    return line(Line::IoIssued, recorded(event.name_view()), event.c, event.b, state_.handle_label(event.a),
                state_.overlapped_label(event.object));
}

std::string TextPrinter::student_action_line(const Event& event) const {
    if (static_cast<StudentAction>(event.a) == StudentAction::DeliveredFirst)
        return line(Line::StudentDeliveredFirst, state_.overlapped_label(event.object));
    return line(Line::StudentCancelled, state_.overlapped_label(event.object), state_.handle_label(event.b)) +
           std::string(line_format(event.c ? Line::StudentCancelFound : Line::StudentCancelNotFound, state_.language));
}

std::string TextPrinter::detail_line(const Event& event) const {
    // ": reason" after a line, when the event recorded one.
    const auto because = [&] { return event.text[0] ? ": " + recorded(event.text_view()) : std::string(); };
    const auto overlapped_or_null = [&](uint64_t address) {
        return address ? state_.overlapped_label(address) : std::string("NULL");
    };
    switch (event.kind) {
        case EventKind::ThreadStarted:
            // A runtime thread starts whenever the backend first needs it, racing the lesson.
            if (event.a == 1) return {};
            return line(Line::ThreadStarted, event.thread, event.text_view());
        case EventKind::ThreadState:
            return line(Line::ThreadStateIs, thread_label(state_, event.thread),
                        thread_state_name(static_cast<ThreadState>(event.a), state_.language)) + because();
        case EventKind::ThreadExited:
            return line(Line::ThreadExited, thread_label(state_, event.thread), static_cast<int64_t>(event.a));
        case EventKind::HandleCreated:
            return line(Line::HandleCreated, handle_kind_name(static_cast<HandleKind>(event.a), state_.language),
                        event.object, recorded(event.text_view()),
                        line_format(event.b ? Line::Signalled : Line::NotSignalled, state_.language));
        case EventKind::HandleClosed: return line(Line::HandleClosed, state_.handle_label(event.object));
        // An OVERLAPPED is known by its address, and a later function's OVERLAPPED may reuse an earlier
        // one's stack slot or not, depending on the build (sanitizers move locals). What the program
        // stored itself and when a name first appears therefore varies between builds; the issue line
        // shows what each request was given, and the GUI shows the program's stores.
        case EventKind::ObjectNamed:
            if (event.a == 1) return {};
            return line(Line::ObjectNamed, event.object, event.text_view());
        case EventKind::FieldChange:
            if (event.name_view() == "program") return {};
            return field_change_line(event);
        case EventKind::Signal:
            return line(event.a ? Line::SignalSet : Line::SignalReset, state_.handle_label(event.object)) + because();
        case EventKind::IoIssued: return io_issued_line(event);
        case EventKind::IoCompleted:
            if (event.object == 0) return std::string(line_format(Line::IoCompletedWithoutOverlapped, state_.language));
            return line(Line::IoCompleted, state_.overlapped_label(event.object));
        case EventKind::ApcQueued:
            return line(Line::ApcQueued, thread_label(state_, static_cast<uint32_t>(event.object)),
                        recorded(event.text_view()));
        case EventKind::ApcDone: return line(Line::ApcReturned, thread_label(state_, event.thread));
        case EventKind::PortPacketQueued:
            return line(Line::PacketQueued, state_.handle_label(event.object), event.a, event.b,
                        overlapped_or_null(event.c), recorded(event.text_view()));
        case EventKind::PortPacketDequeued:
            return line(Line::PacketDequeued, thread_label(state_, event.thread), state_.handle_label(event.object),
                        event.a, event.b, overlapped_or_null(event.c));
        case EventKind::PortWaiter:
            return line(event.a ? Line::PortWaits : Line::PortNoLongerWaits, thread_label(state_, event.thread),
                        state_.handle_label(event.object));
        case EventKind::PortCounts:
            return line(Line::PortCounts, state_.handle_label(event.object), event.a, event.b);
        case EventKind::Console:
            // As the program printed it (or worded for the language), never rewritten for plurals.
            return fmt::format(fmt::runtime(line_format(Line::Console, state_.language)),
                               console_wording_ ? console_wording_(event.text_view()) : std::string(event.text_view()));
        case EventKind::LessonStarted:
            return line(event.a ? Line::ProgramStarted : Line::LessonStarted, event.name_view());
        case EventKind::LessonFinished:
            if (event.c) return line(Line::ProgramFinished, static_cast<int64_t>(event.a));
            return line(Line::LessonFinished, static_cast<int64_t>(event.a),
                        line_format(event.b ? Line::CheckPassed : Line::CheckFailed, state_.language), event.text_view());
        case EventKind::HistoryFull: return line(Line::HistoryFull, event.a);
        case EventKind::StudentAction: return student_action_line(event);
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
