#include "pipe.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <map>
#include <vector>

#include <fmt/format.h>

#include "event.h"
#include "ovlab/status_codes.h"
#include "pipe_name.h"
#include "wait.h"

namespace ovlab::posix {
namespace {

struct PipeRegistry {
    std::mutex mutex;
    std::map<std::string, std::shared_ptr<PipeName>> names;  // by lower-case name (pipe names ignore case)
};

PipeRegistry& registry() {
    static PipeRegistry& instance = *new PipeRegistry;  // see kernel_object.h
    return instance;
}

bool wants_read(DWORD access) { return access & (GENERIC_READ | GENERIC_ALL | FILE_READ_DATA); }
bool wants_write(DWORD access) { return access & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA | FILE_APPEND_DATA); }

std::string lower(std::string text) {
    for (char& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return text;
}

}  // namespace

PipeObject::PipeObject(std::shared_ptr<PipeName> name, bool server, int fd, bool overlapped, bool can_read,
                       bool can_write)
    : StreamObject(trace::HandleKind::Pipe, fd, overlapped, true),  // NPFS: a new pipe handle is signalled (§8)
      name_(std::move(name)),
      server_(server),
      can_read_(can_read),
      can_write_(can_write) {
    if (!server) state = State::Connected;
}

std::string PipeObject::describe() const {
    return fmt::format("pipe \\\\.\\pipe\\{} ({} end{})", name_->display, server_ ? "server" : "client",
                       overlapped() ? ", overlapped" : "");
}

uint32_t PipeObject::completion_status(StreamOpKind kind, int64_t result, uint64_t requested) const {
    // The server disconnected this client: whatever ended its request, Windows says 233.
    const bool stopped = result < 0 || (result == 0 && kind != StreamOpKind::Send);
    if (server_disconnected() && stopped) return kStatusPipeDisconnected;
    if (result >= 0) {
        // The stream ended: the other end was closed (a zero-byte read too: it was waiting for data).
        const bool ended = (kind == StreamOpKind::Receive && requested > 0 && result == 0) ||
                           (kind == StreamOpKind::WaitReadable && result == 0);
        return ended ? kStatusPipeBroken : kStatusSuccess;
    }
    const int error = static_cast<int>(-result);
    if (error == EPIPE || error == ECONNRESET) return kind == StreamOpKind::Send ? kStatusPipeClosing : kStatusPipeBroken;
    return net::socket_status_from_errno(error);
}

uint32_t PipeObject::refuses_transfer(bool read) const {
    if (read ? !can_read_ : !can_write_) return kStatusAccessDenied;
    if (!server_) return server_disconnected() ? kStatusPipeDisconnected : 0;
    std::lock_guard lock(pipe_mutex_);
    switch (state) {
        case State::Listening: return kStatusPipeListening;       // ERROR_PIPE_LISTENING
        case State::Disconnected: return kStatusPipeDisconnected;  // ERROR_PIPE_NOT_CONNECTED
        case State::Connected: return 0;
    }
    return 0;
}

void PipeObject::last_handle_closed() {
    std::shared_ptr<KernelObject> pending_connect;
    if (server_) {
        std::lock_guard lock(pipe_mutex_);
        if (listen_pending && !connect_stepped) pending_connect = connect_delivered;
    }
    abort_all(kStatusPipeBroken);
    close_descriptor();
    if (!server_) return;
    forget_instance();
    // Windows completes the ConnectNamedPipe before CloseHandle returns (§8): the program may free
    // its OVERLAPPED right after.
    if (pending_connect)
        wait_for_objects({pending_connect}, false, INFINITE, trace::ThreadState::Waiting, std::string());
}

void PipeObject::forget_instance() {
    PipeRegistry& r = registry();
    std::lock_guard lock(r.mutex);
    const auto it = r.names.find(name_->key);
    if (it == r.names.end()) return;
    std::erase_if(it->second->instances, [&](const std::weak_ptr<PipeObject>& instance) {
        const std::shared_ptr<PipeObject> alive = instance.lock();
        return !alive || alive.get() == this;
    });
    if (it->second->instances.empty()) r.names.erase(it);  // the name goes with its last instance
}

void PipeObject::connected(int fd) {
    replace_descriptor(fd);  // the listening socket closes: no other client can reach this instance
    state = State::Connected;
    listen_pending = false;
}

std::string pipe_name_from_path(const std::string& path) {
    std::string normal = path;
    std::replace(normal.begin(), normal.end(), '/', '\\');
    const std::string prefix = "\\\\.\\pipe\\";
    if (normal.size() <= prefix.size() || lower(normal.substr(0, prefix.size())) != prefix) return {};
    return normal.substr(prefix.size());
}

std::shared_ptr<PipeObject> create_pipe_instance(const std::string& name, DWORD open_mode, DWORD pipe_mode,
                                                 DWORD max_instances, DWORD default_timeout, DWORD* error) {
    const DWORD access = open_mode & PIPE_ACCESS_DUPLEX;
    PipeRegistry& r = registry();
    std::lock_guard lock(r.mutex);
    std::shared_ptr<PipeName>& entry = r.names[lower(name)];
    if (!entry) {
        entry = std::make_shared<PipeName>(PipeName{lower(name), name, access, pipe_mode, max_instances, default_timeout});
    } else {
        // Windows: later instances must agree with the first; FIRST_PIPE_INSTANCE refuses to be second.
        if ((open_mode & FILE_FLAG_FIRST_PIPE_INSTANCE) || entry->access != access) {
            *error = ERROR_ACCESS_DENIED;
            return nullptr;
        }
        if (entry->instances.size() >= entry->max_instances) {
            *error = ERROR_PIPE_BUSY;
            return nullptr;
        }
    }
    const std::string socket_name = fmt::format("ovlab-pipe-{}-{}#{}", ::getpid(), entry->key, entry->next_instance++);
    const int listener = net::create_local_listener(socket_name);
    if (listener < 0) {
        if (entry->instances.empty()) r.names.erase(lower(name));
        *error = listener == -EADDRINUSE ? ERROR_PIPE_BUSY : ERROR_NOT_ENOUGH_MEMORY;
        return nullptr;
    }
    // The server reads what clients write (inbound) and writes what they read (outbound).
    auto pipe = std::make_shared<PipeObject>(entry, true, listener, (open_mode & FILE_FLAG_OVERLAPPED) != 0,
                                             (access & PIPE_ACCESS_INBOUND) != 0, (access & PIPE_ACCESS_OUTBOUND) != 0);
    pipe->socket_name = socket_name;
    entry->instances.push_back(pipe);
    return pipe;
}

std::shared_ptr<PipeObject> open_pipe_client(const std::string& name, DWORD access, DWORD flags, DWORD* error,
                                             std::shared_ptr<KernelObject>* connect_delivered) {
    PipeRegistry& r = registry();
    std::lock_guard lock(r.mutex);
    const auto it = r.names.find(lower(name));
    if (it == r.names.end()) {
        *error = ERROR_FILE_NOT_FOUND;
        return nullptr;
    }
    const std::shared_ptr<PipeName>& entry = it->second;
    if ((wants_read(access) && !(entry->access & PIPE_ACCESS_OUTBOUND)) ||
        (wants_write(access) && !(entry->access & PIPE_ACCESS_INBOUND))) {
        *error = ERROR_ACCESS_DENIED;
        return nullptr;
    }
    // Windows connects the client to the first instance, in creation order, that waits for one.
    for (const std::weak_ptr<PipeObject>& weak : entry->instances) {
        const std::shared_ptr<PipeObject> server = weak.lock();
        if (!server) continue;
        std::unique_lock pipe_lock = server->lock_pipe();
        if (server->state != PipeObject::State::Listening) continue;
        const int fd = net::connect_local(server->socket_name);
        if (fd < 0) continue;
        if (server->listen_pending) {
            server->state = PipeObject::State::Connected;  // its pending ConnectNamedPipe takes the connection
            *connect_delivered = server->connect_delivered;
        } else {
            const int accepted = net::accept_connection(server->fd());
            if (accepted < 0) {
                net::close_descriptor(fd);
                continue;
            }
            server->connected(accepted);
        }
        auto client = std::make_shared<PipeObject>(entry, false, fd, (flags & FILE_FLAG_OVERLAPPED) != 0,
                                                   wants_read(access), wants_write(access));
        server->connection = std::make_shared<PipeConnection>();
        server->connection->client = client;
        client->join(server->connection);
        return client;
    }
    *error = ERROR_PIPE_BUSY;
    return nullptr;
}

PipeAvailability pipe_availability(const std::string& name, DWORD* default_timeout) {
    PipeRegistry& r = registry();
    std::lock_guard lock(r.mutex);
    const auto it = r.names.find(lower(name));
    if (it == r.names.end()) return PipeAvailability::NoSuchPipe;
    *default_timeout = it->second->default_timeout;
    for (const std::weak_ptr<PipeObject>& weak : it->second->instances) {
        const std::shared_ptr<PipeObject> server = weak.lock();
        if (!server) continue;
        std::unique_lock pipe_lock = server->lock_pipe();
        if (server->state == PipeObject::State::Listening) return PipeAvailability::Available;
    }
    return PipeAvailability::Busy;
}

std::shared_ptr<KernelObject> pipe_listening_signal() {
    static const std::shared_ptr<KernelObject> signal = std::make_shared<EventObject>(true, false, std::string());
    return signal;
}

// A pulse: every WaitNamedPipe blocked now is satisfied, later ones wait for the next.
void announce_pipe_listening() {
    const std::shared_ptr<KernelObject> signal = pipe_listening_signal();
    std::lock_guard lock(kernel_mutex());
    signal->set_signalled(true, "pipe instance listening");
    signal->set_signalled(false, "pulse over");
}

}  // namespace ovlab::posix
