#include "socket.h"

#include <atomic>
#include <cerrno>
#include <mutex>
#include <unordered_set>

#include <fmt/format.h>

#include "handle_table.h"
#include "io_request.h"
#include "last_error.h"
#include "network_events.h"
#include "ovlab/status_codes.h"

namespace ovlab::posix {
namespace {

std::atomic<int> g_startup_count{0};
std::mutex g_socket_values_mutex;
std::unordered_set<UINT_PTR> g_socket_values;  // the SOCKET values Winsock handed out and not closed

}  // namespace

std::string SocketObject::describe() const {
    return fmt::format("socket TCP/{}{}", family_ == 23 ? "IPv6" : "IPv4", overlapped() ? " (overlapped)" : "");
}

uint32_t SocketObject::completion_status(StreamOpKind, int64_t result, uint64_t) const {
    if (result >= 0) return kStatusSuccess;
    // Linux reports the ICMP "port unreachable" that answered an earlier datagram as
    // ECONNREFUSED; Winsock reports it to a receive as WSAECONNRESET (§21).
    if (datagram_ && result == -ECONNREFUSED) return kStatusPortUnreachable;
    return net::socket_status_from_errno(static_cast<int>(-result));
}

// AFD reports a direction shut down with STATUS_PIPE_DISCONNECTED (Winsock: WSAESHUTDOWN).
uint32_t SocketObject::refuses_transfer(bool read) const {
    const State current = state();
    return (read ? current.receive_shut : current.send_shut) ? kStatusPipeDisconnected : 0;
}

void SocketObject::last_handle_closed() {
    // An AcceptEx waiting to give this socket a connection ends with STATUS_CANCELLED, and so do
    // the AcceptEx requests of a listening socket (§13).
    cancel_requests([this](const IoRequest& request) {
        return request.operation == IoOperation::Accept && request.accept_target == this;
    });
    abort_all(state().listening ? kStatusCancelled : kStatusConnectionAborted);
    end_network_events(*this);  // closesocket also ends WSAEventSelect's association
    close_descriptor();
}

SocketObject::State SocketObject::state() const {
    std::lock_guard lock(state_mutex_);
    return state_;
}

std::shared_ptr<SocketObject> lookup_socket(UINT_PTR socket) {
    return lookup_handle_as<SocketObject>(reinterpret_cast<HANDLE>(socket));
}

int wsa_fail(int error) {
    set_last_error(static_cast<DWORD>(error));
    return -1;
}

int wsa_result(int result) {
    if (result != -1) set_last_error(ERROR_SUCCESS);
    return result;
}

int blocking_call_error(const SocketObject& socket, uint32_t status) {
    // The status closesocket ended the socket's requests with (a listening socket's: STATUS_CANCELLED).
    if (socket.aborted_status() != 0 && status == socket.aborted_status()) return WSAEINTR;
    return static_cast<int>(ntstatus_to_wsa_error(status));
}

bool winsock_started() { return g_startup_count.load() > 0; }

void winsock_startup() { ++g_startup_count; }

bool winsock_cleanup() {
    int count = g_startup_count.load();
    while (count > 0 && !g_startup_count.compare_exchange_weak(count, count - 1)) {
    }
    return count > 0;
}

void remember_socket_value(UINT_PTR socket) {
    std::lock_guard lock(g_socket_values_mutex);
    g_socket_values.insert(socket);
}

void forget_socket_value(UINT_PTR socket) {
    std::lock_guard lock(g_socket_values_mutex);
    g_socket_values.erase(socket);
}

bool is_socket_value(UINT_PTR socket) {
    std::lock_guard lock(g_socket_values_mutex);
    return g_socket_values.count(socket) != 0;
}

void reset_winsock() {
    g_startup_count = 0;
    std::lock_guard lock(g_socket_values_mutex);
    g_socket_values.clear();
}

}  // namespace ovlab::posix
