#include "program_link_reader.h"

#include <cstring>

#include <fmt/format.h>

namespace ovlab::app {
namespace {

constexpr size_t kHeaderSize = sizeof(link::MessageHeader);
constexpr size_t kMaxPayload = link::kMaxEventsPerMessage * sizeof(trace::Event);

bool ends_inside(const char* text, size_t capacity) { return std::memchr(text, '\0', capacity) != nullptr; }

// The largest value each enumeration-typed field may hold (the printer names them from tables).
std::optional<uint64_t> enum_limit(trace::EventKind kind) {
    using trace::EventKind;
    switch (kind) {
        case EventKind::ThreadState: return static_cast<uint64_t>(trace::ThreadState::RunningApc);
        case EventKind::HandleCreated: return static_cast<uint64_t>(trace::HandleKind::Other);
        case EventKind::FieldChange: return static_cast<uint64_t>(trace::OverlappedField::hEvent);
        default: return std::nullopt;
    }
}

}  // namespace

std::optional<std::string> check_event(const trace::Event& event) {
    if (static_cast<size_t>(event.kind) >= static_cast<size_t>(trace::EventKind::Count))
        return fmt::format("an event of unknown kind {}", static_cast<unsigned>(event.kind));
    if (!ends_inside(event.name, sizeof event.name) || !ends_inside(event.text, sizeof event.text))
        return fmt::format("a {} event whose text runs past its slot", trace::kind_name(event.kind));
    if (const std::optional<uint64_t> limit = enum_limit(event.kind); limit && event.a > *limit)
        return fmt::format("a {} event with the value {} where at most {} is defined", trace::kind_name(event.kind),
                           event.a, *limit);
    if (event.kind == trace::EventKind::LessonFinished)
        return "a LessonFinished event (the lab records how a program ended itself)";
    return std::nullopt;
}

std::optional<std::string> LinkReader::feed(std::string_view bytes) {
    if (broken_) return broken_;
    buffer_.append(bytes);
    size_t used = 0;
    while (buffer_.size() - used >= kHeaderSize) {
        link::MessageHeader header;
        std::memcpy(&header, buffer_.data() + used, kHeaderSize);
        // Checked before its payload arrives: a huge length never makes the lab wait or allocate.
        broken_ = check_header(header);
        if (broken_) break;
        if (buffer_.size() - used - kHeaderSize < header.length) break;
        broken_ = take(header, std::string_view(buffer_).substr(used + kHeaderSize, header.length));
        if (broken_) break;
        used += kHeaderSize + header.length;
    }
    buffer_.erase(0, used);
    return broken_;
}

std::optional<std::string> LinkReader::check_header(const link::MessageHeader& header) const {
    using link::ProgramMessage;
    if (said_goodbye_) return "a message after its Goodbye";
    const auto type = static_cast<ProgramMessage>(header.type);
    if (!greeted_ && type != ProgramMessage::Hello)
        return fmt::format("message type {} before its Hello", header.type);
    switch (type) {
        case ProgramMessage::Hello:
            if (greeted_) return "a second Hello";
            if (header.length != sizeof(link::Hello)) return fmt::format("a Hello of {} bytes", header.length);
            return std::nullopt;
        case ProgramMessage::Events:
            if (header.length == 0 || header.length > kMaxPayload || header.length % sizeof(trace::Event) != 0)
                return fmt::format("an event message of {} bytes (whole events, at most {} bytes)", header.length,
                                   kMaxPayload);
            return std::nullopt;
        case ProgramMessage::Goodbye:
            if (header.length != sizeof(link::Goodbye)) return fmt::format("a Goodbye of {} bytes", header.length);
            return std::nullopt;
    }
    return fmt::format("a message of unknown type {} ({} bytes)", header.type, header.length);
}

std::optional<std::string> LinkReader::take(const link::MessageHeader& header, std::string_view payload) {
    switch (static_cast<link::ProgramMessage>(header.type)) {
        case link::ProgramMessage::Hello: {
            link::Hello hello;
            std::memcpy(&hello, payload.data(), sizeof hello);
            if (hello.magic != link::kMagic) return "a Hello without the link's magic number";
            if (hello.version != link::kVersion || hello.event_size != sizeof(trace::Event))
                return fmt::format("it was built against another version of the lab's runtime (link version {}, "
                                   "events of {} bytes; this lab: version {}, {} bytes)",
                                   hello.version, hello.event_size, link::kVersion, sizeof(trace::Event));
            greeted_ = true;
            if (messages_.hello) messages_.hello(hello);
            return std::nullopt;
        }
        case link::ProgramMessage::Events: return take_events(payload);
        case link::ProgramMessage::Goodbye: {
            link::Goodbye goodbye;
            std::memcpy(&goodbye, payload.data(), sizeof goodbye);
            said_goodbye_ = true;
            if (messages_.goodbye) messages_.goodbye(goodbye);
            return std::nullopt;
        }
    }
    return "a message of unknown type";
}

std::optional<std::string> LinkReader::take_events(std::string_view payload) {
    for (size_t offset = 0; offset < payload.size(); offset += sizeof(trace::Event)) {
        trace::Event event;
        std::memcpy(static_cast<void*>(&event), payload.data() + offset, sizeof event);
        if (event.seq != next_seq_)
            return fmt::format("event number {} where number {} comes next", event.seq, next_seq_);
        if (std::optional<std::string> wrong = check_event(event)) return wrong;
        if (messages_.event && !messages_.event(event))
            return fmt::format("more events than the lab keeps ({} so far)", next_seq_);
        ++next_seq_;
    }
    return std::nullopt;
}

}  // namespace ovlab::app
