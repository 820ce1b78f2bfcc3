// The lab's reading of a program's link (docs/program-protocol.md). Every byte comes from a process
// the lab does not trust: each message is checked before anything of it is used.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "ovlab/program_link.h"

namespace ovlab::app {

struct LinkMessages {
    std::function<void(const link::Hello&)> hello;
    std::function<bool(const trace::Event&)> event;  // false: the lab cannot keep it (history full)
    std::function<void(const link::Goodbye&)> goodbye;
};

class LinkReader {
public:
    explicit LinkReader(LinkMessages messages) : messages_(std::move(messages)) {}

    // Reads what arrived, passing on each whole message. Returns one line saying what was wrong once
    // the bytes break the protocol; the link is then useless and feed() reads nothing more.
    std::optional<std::string> feed(std::string_view bytes);

    bool greeted() const { return greeted_; }
    bool said_goodbye() const { return said_goodbye_; }
    // A message begun and not finished: the program ended in the middle of writing it.
    bool partial() const { return !buffer_.empty(); }

private:
    std::optional<std::string> check_header(const link::MessageHeader& header) const;
    std::optional<std::string> take(const link::MessageHeader& header, std::string_view payload);
    std::optional<std::string> take_events(std::string_view payload);

    LinkMessages messages_;
    std::string buffer_;
    bool greeted_ = false;
    bool said_goodbye_ = false;
    std::optional<std::string> broken_;
    uint64_t next_seq_ = 0;
};

// What is wrong with an event read from a program, or nothing: a kind the lab knows, strings that
// end inside their slots, enumerations in range, no event only the lab records.
std::optional<std::string> check_event(const trace::Event& event);

}  // namespace ovlab::app
