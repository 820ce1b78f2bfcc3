#include "pipe.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <map>
#include <vector>

#include <fmt/format.h>

#include "event.h"
#include "io_request.h"
#include "ovlab/status_codes.h"
#include "pipe_message.h"
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

uint64_t next_listen_order() {
    static std::atomic<uint64_t> counter{0};
    return ++counter;
}

std::string lower(std::string text) {
    for (char& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return text;
}

// The live instances, the one that started listening first in front. The registry's mutex held.
std::vector<std::shared_ptr<PipeObject>> in_listen_order(const std::vector<std::weak_ptr<PipeObject>>& instances) {
    std::vector<std::pair<uint64_t, std::shared_ptr<PipeObject>>> ordered;
    for (const std::weak_ptr<PipeObject>& weak : instances) {
        if (std::shared_ptr<PipeObject> server = weak.lock()) {
            std::unique_lock pipe_lock = server->lock_pipe();
            ordered.emplace_back(server->listen_order, std::move(server));
        }
    }
    std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::shared_ptr<PipeObject>> servers;
    for (auto& [order, server] : ordered) servers.push_back(std::move(server));
    return servers;
}

}  // namespace

PipeObject::PipeObject(std::shared_ptr<PipeName> name, bool server, int fd, bool overlapped, bool can_read,
                       bool can_write)
    : StreamObject(trace::HandleKind::Pipe, fd, overlapped, true),  // NPFS: a new pipe handle is signalled (§8)
      name_(std::move(name)),
      server_(server),
      can_read_(can_read),
      can_write_(can_write) {
    if (name_->pipe_mode & PIPE_TYPE_MESSAGE) messages_ = std::make_shared<PipeMessages>();
    if (server)
        listen_order = next_listen_order();
    else
        state = State::Connected;
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

std::shared_ptr<PipeConnection> PipeObject::current_connection() {
    if (!server_) return client_connection_;
    std::lock_guard lock(pipe_mutex_);
    return connection;
}

std::shared_ptr<SendGate> PipeObject::gate_send() {
    const std::shared_ptr<PipeConnection> joined = current_connection();
    if (!joined) return nullptr;
    return (server_ ? joined->to_client : joined->to_server)->gate();
}

void PipeObject::received(uint64_t bytes) {
    if (const std::shared_ptr<PipeConnection> joined = current_connection())
        (server_ ? joined->to_server : joined->to_client)->took(bytes);
}

void PipeObject::last_handle_closed() {
    std::shared_ptr<KernelObject> pending_connect;
    if (server_) {
        std::lock_guard lock(pipe_mutex_);
        if (listen_pending && !connect_stepped) pending_connect = connect_delivered;
    }
    abort_all(kStatusPipeBroken);
    close_descriptor();
    // Writes waiting for room, this end's or the peer's, end with the connection.
    if (const std::shared_ptr<PipeConnection> joined = current_connection()) joined->end(kStatusPipeBroken);
    if (!server_) return;
    finish_queued_connects(kStatusPipeBroken);
    forget_instance();
    // Windows completes the ConnectNamedPipe before CloseHandle returns (§8): the program may free
    // its OVERLAPPED right after.
    if (pending_connect)
        wait_for_objects({pending_connect}, false, INFINITE, trace::ThreadState::Waiting, std::string());
}

bool PipeObject::set_read_mode(bool messages) {
    if (messages && !messages_) return false;
    read_messages_ = messages;
    return true;
}

bool PipeObject::peeks_messages() const { return (name_->pipe_mode & PIPE_READMODE_MESSAGE) && messages_; }

void PipeObject::shape_read(StreamTransfer& transfer) const {
    if (!messages_) return;
    transfer.kind = StreamOpKind::Receive;  // a zero-byte read too: it may take an empty message
    transfer.messages = messages_;
    transfer.message_mode = read_messages_;
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
    if (messages_) prepare_record_socket(fd);
    replace_descriptor(fd);  // the listening socket closes: no other client can reach this instance
    state = State::Connected;
    listen_pending = false;
}

bool PipeObject::accept_pending() const {
    if (!listen_pending) return false;
    if (!connect_delivered) return true;  // a synchronous ConnectNamedPipe: it ends with its call
    std::lock_guard lock(kernel_mutex());
    return !connect_delivered->is_signalled();
}

void PipeObject::start_listening() {
    state = State::Listening;
    listen_order = next_listen_order();
}

int PipeObject::queue_connect(std::unique_ptr<IoRequest> request) {
    request->start = [this](IoRequest& started) {
        uint32_t status = 0;
        {
            std::lock_guard lock(pipe_mutex_);
            if (listen_pending) {
                queued_connects_.push_back(&started);
                return 0;
            }
            // The pending ConnectNamedPipe ended while this one was being issued: it ends the same way.
            if (state != State::Connected) status = aborted_status() ? kStatusPipeBroken : kStatusPipeDisconnected;
        }
        started.decided_status = status;
        request_finished(&started, nt_success(status) ? 0 : -1);  // may free the request: nothing after
        return 0;
    };
    // CancelIo/CancelIoEx: a queued request leaves the queue and the caller ends it, cancelled.
    request->cancel = [this](IoRequest& cancelled) {
        std::lock_guard lock(pipe_mutex_);
        return std::erase(queued_connects_, &cancelled) != 0;
    };
    return issue_request(std::move(request));
}

void PipeObject::finish_queued_connects(uint32_t status) {
    std::vector<IoRequest*> waiting;
    {
        std::lock_guard lock(pipe_mutex_);
        waiting.swap(queued_connects_);
    }
    for (IoRequest* request : waiting) {
        request->decided_status = status;
        request_finished(request, nt_success(status) ? 0 : -1);
    }
}

std::string pipe_name_from_path(const std::string& path) {
    std::string normal = path;
    std::replace(normal.begin(), normal.end(), '/', '\\');
    const std::string prefix = "\\\\.\\pipe\\";
    if (normal.size() <= prefix.size() || lower(normal.substr(0, prefix.size())) != prefix) return {};
    return normal.substr(prefix.size());
}

std::shared_ptr<PipeObject> create_pipe_instance(const std::string& name, const PipeInstanceSettings& settings,
                                                 DWORD* error) {
    const DWORD open_mode = settings.open_mode;
    const DWORD max_instances = settings.max_instances;
    const DWORD access = open_mode & PIPE_ACCESS_DUPLEX;
    PipeRegistry& r = registry();
    std::lock_guard lock(r.mutex);
    std::shared_ptr<PipeName>& entry = r.names[lower(name)];
    if (!entry) {
        entry = std::make_shared<PipeName>(
            PipeName{lower(name), name, access, settings.pipe_mode, max_instances, settings.default_timeout});
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
    const int listener = net::create_local_listener(socket_name, (entry->pipe_mode & PIPE_TYPE_MESSAGE) != 0);
    if (listener < 0) {
        if (entry->instances.empty()) r.names.erase(lower(name));
        *error = listener == -EADDRINUSE ? ERROR_PIPE_BUSY : ERROR_NOT_ENOUGH_MEMORY;
        return nullptr;
    }
    // The server reads what clients write (inbound) and writes what they read (outbound).
    auto pipe = std::make_shared<PipeObject>(entry, true, listener, (open_mode & FILE_FLAG_OVERLAPPED) != 0,
                                             (access & PIPE_ACCESS_INBOUND) != 0, (access & PIPE_ACCESS_OUTBOUND) != 0);
    pipe->socket_name = socket_name;
    pipe->out_buffer_size = settings.out_buffer_size;
    pipe->in_buffer_size = settings.in_buffer_size;
    pipe->set_read_mode((settings.pipe_mode & PIPE_READMODE_MESSAGE) != 0);
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
    // The client connects to the instance that has been listening longest (§8).
    for (const std::shared_ptr<PipeObject>& server : in_listen_order(entry->instances)) {
        std::unique_lock pipe_lock = server->lock_pipe();
        if (server->state != PipeObject::State::Listening) continue;
        const int fd = net::connect_local(server->socket_name, server->message_type());
        if (fd < 0) continue;
        if (server->message_type()) prepare_record_socket(fd);
        const bool accepting = server->accept_pending();
        if (accepting) {
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
        server->connection = std::make_shared<PipeConnection>(server->out_buffer_size, server->in_buffer_size);
        server->connection->client = client;
        client->join(server->connection);
        pipe_lock.unlock();
        // ConnectNamedPipe calls queued behind one that was cancelled meanwhile complete here.
        if (!accepting) server->finish_queued_connects(kStatusSuccess);
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
