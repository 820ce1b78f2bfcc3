// Peer client: the other machine of a run that serves a peer (iocp-echo-server with clients=0,
// event-sockets and completion-routine with peer=on). The student connects, sends text (whole or in
// two pieces), closes gracefully or resets, and stops an echo server, with buttons big enough to hit on a projected screen. The sockets are the controller's PeerClients
// (polled every frame there), so the window never waits for the server.
#include <cfloat>

#include <fmt/format.h>

#include "panel.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

using app::PeerConnection;
using app::PeerStatus;

// What the server's side sees of each ending is the point of the lesson, so "closed by the server"
// and "reset by the server" are told apart from the student's own close and reset.
std::pair<Str, ImVec4> status_label(const PeerConnection& connection) {
    const Palette& p = palette();
    switch (connection.status) {
        case PeerStatus::Connecting: return {Str::PeerStatusConnecting, p.text_dim};
        case PeerStatus::Connected: return {Str::PeerStatusConnected, p.success};
        case PeerStatus::Closing: return {Str::PeerStatusClosing, p.warning};
        case PeerStatus::Closed:
            return {connection.server_closed ? Str::PeerStatusClosedByServer : Str::PeerStatusClosed, p.text_dim};
        case PeerStatus::Reset:
            return {connection.reset_by_server ? Str::PeerStatusResetByServer : Str::PeerStatusReset, p.danger};
        case PeerStatus::Failed: return {Str::PeerStatusFailed, p.danger};
    }
    return {Str::PeerStatusFailed, p.danger};
}

// Line ends as the escapes a programmer would type, so one connection stays one line.
std::string printable(std::string_view text) {
    std::string shown;
    for (char c : text) {
        if (c == '\n') shown += "\\n";
        else if (c == '\r') shown += "\\r";
        else shown += c;
    }
    return shown;
}

// Beside the status: the echo so far, what is still unanswered, or what failed.
std::string detail(const PeerConnection& connection, bool server_echoes) {
    if (connection.status == PeerStatus::Failed) return connection.error;
    if (!connection.echoed.empty()) return fmt::format(fmt::runtime(tr(Str::PeerEcho)), printable(connection.echoed));
    if (connection.sent.empty()) return {};
    const bool may_echo = server_echoes && (connection.status == PeerStatus::Connecting || connection.status == PeerStatus::Connected);
    return fmt::format(fmt::runtime(tr(may_echo ? Str::PeerSentNoEcho : Str::PeerSent)), printable(connection.sent));
}

bool big_button(const char* label, bool enabled, std::string_view help) {
    ImGui::BeginDisabled(!enabled);
    const bool pressed = ImGui::Button(label, ImVec2(0, ImGui::GetFrameHeight() * 1.35f));
    ImGui::EndDisabled();
    tooltip_for_last_item(help);
    return pressed;
}

class PeerPanel final : public Panel {
public:
    const char* id() const override { return "peer"; }
    Str title() const override { return Str::PeerTitle; }
    Str help() const override { return echoes_ ? Str::PeerHelp : Str::PeerHelpOneConnection; }

    std::string empty_state(const GuiContext& ctx) const override {
        return ctx.lessons.peer_port() ? std::string() : tr(Str::PeerNoPort);
    }

    void draw_header_extras(GuiContext& ctx) override {
        if (const std::optional<uint16_t> port = ctx.lessons.peer_port())
            pill(fmt::format(fmt::runtime(tr(Str::PeerPort)), *port), palette().accent, false);
    }

    void draw_body(GuiContext& ctx) override {
        LessonController& lessons = ctx.lessons;
        if (lessons.generation() != generation_) {
            generation_ = lessons.generation();
            stop_sent_ = false;
        }
        echoes_ = lessons.peer_echoes();
        const std::string& stop_text = lessons.peer_stop_text();
        app::PeerClients& peers = lessons.peers();
        const uint16_t port = *lessons.peer_port();
        // After "stop" the listening socket is gone: a new connection would only be refused.
        // A server without a stop text takes one connection and closes its listening socket.
        const bool server_listens =
            !stop_sent_ && !lessons.lesson_finished() && (!stop_text.empty() || peers.connections().empty());

        if (big_button(fmt::format("{}##connect", tr(Str::PeerConnect)).c_str(), server_listens,
                       tr(stop_text.empty() ? Str::PeerConnectOnceHelp : Str::PeerConnectHelp)))
            peers.connect(port);
        if (!stop_text.empty()) {
            ImGui::SameLine();
            if (big_button(fmt::format("{}##stop", tr(Str::PeerStopServer)).c_str(), server_listens,
                           tr(Str::PeerStopServerHelp))) {
                peers.send(peers.connect(port), stop_text);
                stop_sent_ = true;
            }
        }
        ImGui::SetNextItemWidth(-FLT_MIN);
        ImGui::InputTextWithHint("##text", tr(Str::PeerTextLabel), text_, sizeof text_);
        ImGui::Spacing();

        if (peers.connections().empty()) {
            text_coloured(palette().text_dim, tr(Str::PeerNoConnections));
            return;
        }
        // Newest first: the connection just made is the one the student acts on next.
        const auto& connections = peers.connections();
        for (auto it = connections.rbegin(); it != connections.rend(); ++it) draw_connection(ctx, peers, *it);
    }

private:
    void draw_connection(GuiContext& ctx, app::PeerClients& peers, const PeerConnection& connection) {
        const int number = connection.number;
        ImGui::PushID(number);
        ImGui::Separator();
        ImGui::AlignTextToFramePadding();
        text_in_font(ctx.fonts.bold, palette().text, fmt::format("#{}", number));
        ImGui::SameLine(0, 8);
        const bool can_send = connection.status == PeerStatus::Connected && text_[0] != '\0';
        const bool open = connection.status == PeerStatus::Connecting || connection.status == PeerStatus::Connected ||
                          connection.status == PeerStatus::Closing;
        if (big_button(tr(Str::PeerSend), can_send, {})) peers.send(number, text_);
        ImGui::SameLine();
        if (big_button(tr(Str::PeerSendPieces), can_send && text_[1] != '\0', tr(Str::PeerSendPiecesHelp)))
            peers.send_in_pieces(number, text_);
        ImGui::SameLine();
        if (big_button(tr(Str::PeerClose), open && connection.status != PeerStatus::Closing, tr(Str::PeerCloseHelp)))
            peers.close(number);
        ImGui::SameLine();
        if (big_button(tr(Str::PeerReset), open, tr(Str::PeerResetHelp))) peers.reset(number);
        const auto [label, colour] = status_label(connection);
        pill(tr(label), colour, false);
        const std::string line = detail(connection, echoes_);
        if (!line.empty()) {
            ImGui::SameLine(0, 8);
            ImGui::PushFont(ctx.fonts.mono);
            text_coloured(palette().text_dim, fit_text(ctx.fonts.mono, line, ImGui::GetContentRegionAvail().x));
            ImGui::PopFont();
        }
        ImGui::PopID();
    }

    uint64_t generation_ = UINT64_MAX;
    bool stop_sent_ = false;
    bool echoes_ = true;  // the lesson's server echoes: the help and the lines say so
    char text_[128] = "hello";
};

}  // namespace

std::unique_ptr<Panel> make_peer_panel() { return std::make_unique<PeerPanel>(); }

}  // namespace ovlab::gui
