// --peer-actions: what a screenshot run does in the Peer client panel's place, in order, whenever
// the lesson waits for its peer ("connect,send:hello,close"). Each action is what the panel's
// button of that name does, on the newest connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "peer_client.h"

namespace ovlab::app {

struct PeerAction {
    enum class Kind : uint8_t { Connect, Send, Close, Reset, SendPieces };
    Kind kind = Kind::Connect;
    std::string text;  // Send, SendPieces: what is sent
};

// "connect", "send:TEXT", "pieces:TEXT" (Send in pieces), "close" and "reset", separated by commas;
// nothing when a word is unknown or a send has no text.
std::optional<std::vector<PeerAction>> parse_peer_actions(std::string_view list);

// Does `action` with `peers` against the server at 127.0.0.1:`port`, as the panel's buttons do.
void perform_peer_action(PeerClients& peers, uint16_t port, const PeerAction& action);

}  // namespace ovlab::app
