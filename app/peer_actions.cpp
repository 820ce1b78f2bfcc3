#include "peer_actions.h"

namespace ovlab::app {

std::optional<std::vector<PeerAction>> parse_peer_actions(std::string_view list) {
    std::vector<PeerAction> actions;
    while (!list.empty()) {
        const size_t comma = list.find(',');
        const std::string_view word = list.substr(0, comma);
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        PeerAction& action = actions.emplace_back();
        if (word == "connect") action.kind = PeerAction::Kind::Connect;
        else if (word == "close") action.kind = PeerAction::Kind::Close;
        else if (word == "reset") action.kind = PeerAction::Kind::Reset;
        else if (word.starts_with("send:") && word.size() > 5) {
            action.kind = PeerAction::Kind::Send;
            action.text = word.substr(5);
        } else if (word.starts_with("pieces:") && word.size() > 8) {
            action.kind = PeerAction::Kind::SendPieces;
            action.text = word.substr(7);
        } else {
            return std::nullopt;
        }
    }
    if (actions.empty()) return std::nullopt;
    return actions;
}

void perform_peer_action(PeerClients& peers, uint16_t port, const PeerAction& action) {
    const int newest = peers.connections().empty() ? 0 : peers.connections().back().number;
    switch (action.kind) {
        case PeerAction::Kind::Connect: peers.connect(port); break;
        case PeerAction::Kind::Send: peers.send(newest, action.text); break;
        case PeerAction::Kind::Close: peers.close(newest); break;
        case PeerAction::Kind::Reset: peers.reset(newest); break;
        case PeerAction::Kind::SendPieces: peers.send_in_pieces(newest, action.text); break;
    }
}

}  // namespace ovlab::app
