// WSAEventSelect and WSAEnumNetworkEvents (docs/windows-rules.md §20). The record and the poller
// are in network_events.cpp; this file is the Winsock side: arguments, errors, non-blocking mode.
#include <winsock2.h>

#include <fmt/format.h>

#include "api_call.h"
#include "event.h"
#include "handle_table.h"
#include "last_error.h"
#include "network_events.h"
#include "socket.h"
#include "winsock_arguments.h"

static_assert(FD_READ == ovlab::posix::kFdRead && FD_WRITE == ovlab::posix::kFdWrite &&
              FD_ACCEPT == ovlab::posix::kFdAccept && FD_CLOSE == ovlab::posix::kFdClose &&
              FD_MAX_EVENTS == ovlab::posix::kNetworkEventCount);

namespace ovlab::posix {
namespace {

std::string network_event_names(long events) {
    static constexpr const char* kNames[FD_MAX_EVENTS] = {
        "FD_READ", "FD_WRITE", "FD_OOB", "FD_ACCEPT", "FD_CONNECT", "FD_CLOSE",
        "FD_QOS", "FD_GROUP_QOS", "FD_ROUTING_INTERFACE_CHANGE", "FD_ADDRESS_LIST_CHANGE"};
    std::string text;
    for (int i = 0; i < FD_MAX_EVENTS; ++i) {
        if (events & (1L << i)) text += text.empty() ? kNames[i] : std::string(" | ") + kNames[i];
    }
    if (events & ~static_cast<long>(FD_ALL_EVENTS)) text += fmt::format("{}0x{:X}", text.empty() ? "" : " | ",
                                                                        events & ~static_cast<long>(FD_ALL_EVENTS));
    return text.empty() ? "0" : text;
}

int event_select(SOCKET s, WSAEVENT handle, long events) {
    if (!winsock_started()) return wsa_fail(WSANOTINITIALISED);
    std::shared_ptr<SocketObject> socket = lookup_socket(s);
    if (!socket) return wsa_fail(WSAENOTSOCK);
    if (events & ~kSupportedNetworkEvents) return wsa_fail(WSAEINVAL);  // the lab records only these
    std::shared_ptr<EventObject> event = lookup_handle_as<EventObject>(handle);
    if (events != 0 && !event) return wsa_fail(WSAEINVAL);
    // Windows: the socket is non-blocking from now on, even after the selection ends.
    socket->update([](SocketObject::State& state) { state.nonblocking = true; });
    select_network_events(socket, std::move(event), events);
    return 0;
}

int enum_network_events(SOCKET s, WSAEVENT handle, LPWSANETWORKEVENTS out) {
    if (!winsock_started()) return wsa_fail(WSANOTINITIALISED);
    std::shared_ptr<SocketObject> socket = lookup_socket(s);
    if (!socket) return wsa_fail(WSAENOTSOCK);
    if (!out) return wsa_fail(WSAEFAULT);
    std::shared_ptr<EventObject> event;
    if (handle) {
        event = lookup_handle_as<EventObject>(handle);
        if (!event) return wsa_fail(WSAEINVAL);
    }
    // Reading the record, clearing it and resetting the event are one step.
    std::lock_guard lock(kernel_mutex());
    const NetworkEventRecord record = take_network_events(*socket);
    if (event) event->set_signalled(false, "WSAEnumNetworkEvents");
    out->lNetworkEvents = record.events;
    for (int i = 0; i < FD_MAX_EVENTS; ++i) out->iErrorCode[i] = record.errors[i];
    return 0;
}

}  // namespace
}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" int WSAAPI WSAEventSelect(SOCKET s, WSAEVENT hEventObject, long lNetworkEvents) {
    ApiCall call("WSAEventSelect", [&] {
        return fmt::format("{}, {}, lNetworkEvents={}", socket_argument("s", 0, s),
                           handle_argument("hEventObject", 1, hEventObject), network_event_names(lNetworkEvents));
    });
    return call.returns_int(wsa_result(event_select(s, hEventObject, lNetworkEvents)));
}

extern "C" int WSAAPI WSAEnumNetworkEvents(SOCKET s, WSAEVENT hEventObject, LPWSANETWORKEVENTS lpNetworkEvents) {
    ApiCall call("WSAEnumNetworkEvents", [&] {
        return fmt::format("{}, {}, {}", socket_argument("s", 0, s), handle_argument("hEventObject", 1, hEventObject),
                           pointer_argument("lpNetworkEvents", 2, lpNetworkEvents));
    });
    return call.returns_int(wsa_result(enum_network_events(s, hEventObject, lpNetworkEvents)));
}
