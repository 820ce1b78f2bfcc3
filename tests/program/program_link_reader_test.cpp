// The lab's reading of a program's link: whole messages in, anything else refused with one line.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "program_link_reader.h"

namespace ovlab::app {
namespace {

std::string message(link::ProgramMessage type, const void* payload, uint32_t length) {
    const link::MessageHeader header{static_cast<uint32_t>(type), length};
    std::string bytes(reinterpret_cast<const char*>(&header), sizeof header);
    bytes.append(static_cast<const char*>(payload), length);
    return bytes;
}

std::string hello() {
    const link::Hello greeting;
    return message(link::ProgramMessage::Hello, &greeting, sizeof greeting);
}

trace::Event console_event(uint64_t seq, const char* text) {
    trace::Event event;
    event.seq = seq;
    event.kind = trace::EventKind::Console;
    std::strcpy(event.text, text);
    return event;
}

std::string events(const std::vector<trace::Event>& list) {
    return message(link::ProgramMessage::Events, list.data(), static_cast<uint32_t>(list.size() * sizeof(trace::Event)));
}

struct Received {
    int hellos = 0;
    std::vector<std::string> texts;
    bool goodbye = false;

    LinkMessages sink() {
        return {[this](const link::Hello&) { ++hellos; },
                [this](const trace::Event& event) {
                    texts.emplace_back(event.text_view());
                    return true;
                },
                [this](const link::Goodbye&) { goodbye = true; }};
    }
};

TEST(ProgramLinkReader, ReadsWholeMessagesHoweverTheBytesArrive) {
    Received received;
    LinkReader reader(received.sink());
    const link::Goodbye bye;
    const std::string stream = hello() + events({console_event(0, "one"), console_event(1, "two")}) +
                               events({console_event(2, "three")}) +
                               message(link::ProgramMessage::Goodbye, &bye, sizeof bye);
    for (char byte : stream) ASSERT_EQ(reader.feed(std::string_view(&byte, 1)), std::nullopt);
    EXPECT_EQ(received.hellos, 1);
    EXPECT_EQ(received.texts, (std::vector<std::string>{"one", "two", "three"}));
    EXPECT_TRUE(received.goodbye);
    EXPECT_FALSE(reader.partial());
}

std::optional<std::string> first_error(const std::string& bytes) {
    Received received;
    LinkReader reader(received.sink());
    return reader.feed(bytes);
}

TEST(ProgramLinkReader, RefusesWhatBreaksTheProtocol) {
    EXPECT_EQ(first_error(events({console_event(0, "early")})), "message type 2 before its Hello");
    EXPECT_EQ(first_error(hello() + hello()), "a second Hello");
    link::MessageHeader huge{static_cast<uint32_t>(link::ProgramMessage::Events), 0xFFFFFFF0u};
    EXPECT_NE(first_error(hello() + std::string(reinterpret_cast<const char*>(&huge), sizeof huge))
                  ->find("an event message of 4294967280 bytes"),
              std::string::npos);
    EXPECT_EQ(first_error(hello() + events({console_event(1, "skipped one")})), "event number 1 where number 0 comes next");
    trace::Event unknown = console_event(0, "");
    unknown.kind = static_cast<trace::EventKind>(200);
    EXPECT_EQ(first_error(hello() + events({unknown})), "an event of unknown kind 200");
    trace::Event unterminated = console_event(0, "");
    std::memset(unterminated.text, 'x', sizeof unterminated.text);
    EXPECT_EQ(first_error(hello() + events({unterminated})), "a Console event whose text runs past its slot");
    trace::Event state = console_event(0, "");
    state.kind = trace::EventKind::ThreadState;
    state.a = 99;
    EXPECT_EQ(first_error(hello() + events({state})), "a ThreadState event with the value 99 where at most 7 is defined");
    link::Hello old;
    old.version = 0;
    EXPECT_NE(first_error(message(link::ProgramMessage::Hello, &old, sizeof old))->find("another version"),
              std::string::npos);
}

TEST(ProgramLinkReader, StaysBrokenAndReadsNothingMore) {
    Received received;
    LinkReader reader(received.sink());
    ASSERT_EQ(reader.feed(std::string_view("\x07\x00\x00\x00\x00\x00\x00\x00", 8)), "message type 7 before its Hello");
    EXPECT_TRUE(reader.feed(hello()));
    EXPECT_EQ(received.hellos, 0);
}

TEST(ProgramLinkReader, NotesAMessageCutShort) {
    Received received;
    LinkReader reader(received.sink());
    ASSERT_EQ(reader.feed(hello() + events({console_event(0, "cut")}).substr(0, 20)), std::nullopt);
    EXPECT_TRUE(reader.partial());
    EXPECT_TRUE(received.texts.empty());
}

}  // namespace
}  // namespace ovlab::app
