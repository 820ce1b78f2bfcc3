#include "winsock_arguments.h"

#include <winsock2.h>
#include <mswsock.h>

#include <fmt/format.h>

#include "api_call.h"
#include "linux_net.h"
#include "ovlab/callsite.h"

namespace ovlab::posix {

std::string socket_argument(std::string_view parameter, size_t index, UINT_PTR socket) {
    if (socket == INVALID_SOCKET) return fmt::format("{}=INVALID_SOCKET", parameter);
    return handle_argument(parameter, index, reinterpret_cast<HANDLE>(socket));
}

std::string address_argument(std::string_view parameter, size_t index, const void* address, int length) {
    const std::string shown = pointer_argument(parameter, index, address);
    net::Address decoded;
    if (!address || net::address_from_windows(address, length, decoded) != 0) return shown;
    char text[80];
    net::format_address_and_port(decoded, text, sizeof text);
    return fmt::format("{} ({})", shown, text);
}

std::string family_name(int family) {
    switch (family) {
        case AF_INET: return "AF_INET";
        case AF_INET6: return "AF_INET6";
        case AF_UNSPEC: return "AF_UNSPEC";
        default: return fmt::format("{}", family);
    }
}

std::string socket_type_name(int type) {
    switch (type) {
        case SOCK_STREAM: return "SOCK_STREAM";
        case SOCK_DGRAM: return "SOCK_DGRAM";
        case SOCK_RAW: return "SOCK_RAW";
        default: return fmt::format("{}", type);
    }
}

std::string protocol_name(int protocol) {
    switch (protocol) {
        case 0: return "0";
        case IPPROTO_TCP: return "IPPROTO_TCP";
        case IPPROTO_UDP: return "IPPROTO_UDP";
        default: return fmt::format("{}", protocol);
    }
}

std::string message_flags(DWORD flags) {
    if (flags == 0) return "0";
    std::string text;
    for (const auto& [bit, name] : {std::pair<DWORD, const char*>{MSG_OOB, "MSG_OOB"}, {MSG_PEEK, "MSG_PEEK"},
                                    {MSG_DONTROUTE, "MSG_DONTROUTE"}, {MSG_WAITALL, "MSG_WAITALL"},
                                    {MSG_PUSH_IMMEDIATE, "MSG_PUSH_IMMEDIATE"}, {MSG_PARTIAL, "MSG_PARTIAL"}}) {
        if (!(flags & bit)) continue;
        text += text.empty() ? name : fmt::format(" | {}", name);
        flags &= ~bit;
    }
    if (flags) text += fmt::format("{}0x{:X}", text.empty() ? "" : " | ", flags);
    return text;
}

std::string option_name(int level, int name) {
    if (level == IPPROTO_TCP && name == TCP_NODELAY) return "IPPROTO_TCP, TCP_NODELAY";
    if (level != SOL_SOCKET) return fmt::format("{}, {}", level, name);
    switch (name) {
        case SO_REUSEADDR: return "SOL_SOCKET, SO_REUSEADDR";
        case SO_EXCLUSIVEADDRUSE: return "SOL_SOCKET, SO_EXCLUSIVEADDRUSE";
        case SO_LINGER: return "SOL_SOCKET, SO_LINGER";
        case SO_DONTLINGER: return "SOL_SOCKET, SO_DONTLINGER";
        case SO_KEEPALIVE: return "SOL_SOCKET, SO_KEEPALIVE";
        case SO_RCVBUF: return "SOL_SOCKET, SO_RCVBUF";
        case SO_SNDBUF: return "SOL_SOCKET, SO_SNDBUF";
        case SO_RCVTIMEO: return "SOL_SOCKET, SO_RCVTIMEO";
        case SO_SNDTIMEO: return "SOL_SOCKET, SO_SNDTIMEO";
        case SO_ERROR: return "SOL_SOCKET, SO_ERROR";
        case SO_TYPE: return "SOL_SOCKET, SO_TYPE";
        case SO_ACCEPTCONN: return "SOL_SOCKET, SO_ACCEPTCONN";
        case SO_UPDATE_ACCEPT_CONTEXT: return "SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT";
        case SO_UPDATE_CONNECT_CONTEXT: return "SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT";
        default: return fmt::format("SOL_SOCKET, 0x{:X}", name);
    }
}

std::string buffers_argument(size_t index, DWORD count, uint64_t total) {
    const std::string text = callsite_argument(index);
    return fmt::format("lpBuffers={} ({} buffer{}, {} byte{})", text.empty() ? "buffers" : text, count,
                       count == 1 ? "" : "s", total, total == 1 ? "" : "s");
}

}  // namespace ovlab::posix
