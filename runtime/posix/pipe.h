// Named pipes (docs/windows-rules.md §8): each end is a stream handle (stream.h), so reads
// and writes run in lanes like socket requests, may complete at once, and a read with no data pends
// in the kernel.
//
// On Linux each server instance (one CreateNamedPipe call) listens on a local socket (a stream,
// or for a message-type pipe a SOCK_SEQPACKET, pipe_message.h) in the abstract namespace, named
// after the process id, the pipe name and the instance number; nothing appears on disk and the
// name dies with the process. ConnectNamedPipe is an accept on that socket; a client's
// CreateFile("\\.\pipe\name") connects to the instance that has waited longest for a client
// and, when no ConnectNamedPipe is pending there, the instance takes the connection at once
// (the pipe is connected, and ConnectNamedPipe will say ERROR_PIPE_CONNECTED, as on Windows).
//
// Known divergences from Windows (docs/windows-rules.md §17 collects them all):
// - PIPE_NOWAIT and clients in other processes are not provided.
// - Message-type pipes (pipe_message.h): a message larger than the Linux socket's send buffer
//   (twice net.core.wmem_max, 416 KB by default) fails with 87; on a kernel without SO_PEEK_OFF
//   for record sockets a byte-mode PeekNamedPipe stops after the first message.
// - Buffer quotas (pipe_flow.h): a cancelled waiting write leaves its bytes readable, and the
//   sizes are not rounded as Windows may round them.
// - A second ConnectNamedPipe on a synchronous handle fails with ERROR_PIPE_LISTENING; Windows
//   queues it as it does on an overlapped handle.
// - Inside a lesson, CloseHandle of a server does not wait for its pending ConnectNamedPipe to be
//   delivered (the stepper delivers it in its turn); outside a lesson it does, as Windows.
#pragma once

#include <windows.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "pipe_flow.h"
#include "stream.h"

namespace ovlab::posix {

struct IoRequest;
struct PipeName;
class PipeMessages;
class PipeObject;

// One client connection, shared by the server instance and the client end it connected.
struct PipeConnection {
    PipeConnection(DWORD out_buffer_size, DWORD in_buffer_size)
        : to_client(std::make_shared<PipeFlow>(out_buffer_size)),
          to_server(std::make_shared<PipeFlow>(in_buffer_size)) {}
    // Waiting writes of both directions complete with `status`.
    void end(uint32_t status) {
        to_client->end(status);
        to_server->end(status);
    }

    std::atomic<bool> disconnected{false};  // DisconnectNamedPipe: the client's calls fail with 233
    std::weak_ptr<PipeObject> client;
    const std::shared_ptr<PipeFlow> to_client;  // what the server writes
    const std::shared_ptr<PipeFlow> to_server;  // what the client writes
};

class PipeObject : public StreamObject {
public:
    enum class State {
        Listening,     // a client may connect (after CreateNamedPipe, or ConnectNamedPipe after a disconnect)
        Connected,     // a client connected (it may have gone since: reads then fail with 109)
        Disconnected,  // DisconnectNamedPipe; ConnectNamedPipe listens again
    };

    PipeObject(std::shared_ptr<PipeName> name, bool server, int fd, bool overlapped, bool can_read, bool can_write);

    bool server() const { return server_; }
    std::string describe() const override;
    // A pipe's view of a finished op: the end of the stream is the peer closing its end
    // (STATUS_PIPE_BROKEN for a read, STATUS_PIPE_CLOSING for a write).
    uint32_t completion_status(StreamOpKind kind, int64_t result, uint64_t requested) const override;
    uint32_t refuses_transfer(bool read) const override;
    // Writes wait for room in the reading end's buffer; reads make room (pipe_flow.h).
    std::shared_ptr<SendGate> gate_send() override;
    void received(uint64_t bytes) override;
    // Pending requests end with STATUS_PIPE_BROKEN; the peer's reads then fail with 109. A pending
    // overlapped ConnectNamedPipe has completed when this returns (outside a lesson).
    void last_handle_closed() override;

    // ---- server ends; pipe_mutex held by the caller through the returned lock ----
    std::unique_lock<std::mutex> lock_pipe() { return std::unique_lock(pipe_mutex_); }
    State state = State::Listening;
    bool listen_pending = false;  // a ConnectNamedPipe waits in the accept lane
    // Signalled once that overlapped ConnectNamedPipe has completed (fields, event, packet): the
    // client's CreateFile and the server's CloseHandle return only then (§8).
    std::shared_ptr<KernelObject> connect_delivered;
    std::shared_ptr<PipeConnection> connection;  // the client that connected last (server ends)
    bool connect_stepped = false;  // issued in a lesson: the stepper delivers it, CloseHandle does not wait
    std::string socket_name;      // the instance's abstract socket name
    DWORD out_buffer_size = 0;    // CreateNamedPipe's quotas: what the server writes, what it reads
    DWORD in_buffer_size = 0;
    // When the instance last started listening (creation, or ConnectNamedPipe after a disconnect):
    // a client connects to the instance that has listened longest (§8).
    uint64_t listen_order = 0;

    // Listening from now on, behind every instance that listens already. pipe_mutex held.
    void start_listening();
    // A ConnectNamedPipe waits in the accept lane: one was issued and has not ended (a cancelled
    // one leaves the instance listening with nobody accepting). pipe_mutex held.
    bool accept_pending() const;
    // An overlapped ConnectNamedPipe made while one is pending: the pipe file system queues it
    // and completes it with the first (§8). Issues `request`; returns 0, or the errno with which
    // it was refused.
    int queue_connect(std::unique_ptr<IoRequest> request);
    // Completes the queued ConnectNamedPipe requests with `status`. pipe_mutex not held.
    void finish_queued_connects(uint32_t status);

    // The connection became this instance's (from the backlog at once, or by ConnectNamedPipe).
    // pipe_mutex held.
    void connected(int fd);
    // Client ends: the connection this end belongs to (set once, when CreateFile connects).
    void join(std::shared_ptr<PipeConnection> joined) { client_connection_ = std::move(joined); }
    // A client end whose server called DisconnectNamedPipe: its calls fail with 233.
    bool server_disconnected() const { return client_connection_ && client_connection_->disconnected; }

    // ---- message-type pipes (pipe_message.h) ----
    bool message_type() const { return messages_ != nullptr; }
    // PIPE_READMODE_MESSAGE (true) or PIPE_READMODE_BYTE; false when a byte-type pipe is asked
    // for message read mode.
    bool set_read_mode(bool messages);
    // PeekNamedPipe reads in the read mode the pipe was created with, whatever the handle's (§8).
    bool peeks_messages() const;
    // A ReadFile on this end: reads the end's messages, in its read mode.
    void shape_read(StreamTransfer& transfer) const;
    // What this end has received (null for a byte-type pipe).
    const std::shared_ptr<PipeMessages>& messages() const { return messages_; }

private:
    void forget_instance();  // the name no longer leads to this instance
    std::shared_ptr<PipeConnection> current_connection();

    std::shared_ptr<PipeName> name_;
    std::shared_ptr<PipeConnection> client_connection_;
    std::shared_ptr<PipeMessages> messages_;  // set once, in the constructor
    std::atomic<bool> read_messages_{false};  // the handle's read mode (a client starts in byte mode)
    std::vector<IoRequest*> queued_connects_;  // pipe_mutex_; CancelIo takes them back out
    bool server_;
    bool can_read_;
    bool can_write_;
    mutable std::mutex pipe_mutex_;
};

// "\\.\pipe\name" (any case, either slash) -> "name"; empty when it is not a local pipe path.
std::string pipe_name_from_path(const std::string& path);

// CreateNamedPipe: a new server instance, or nullptr with *error set (a Win32 error).
struct PipeInstanceSettings {
    DWORD open_mode = 0;
    DWORD pipe_mode = 0;
    DWORD max_instances = 1;
    DWORD out_buffer_size = 0;
    DWORD in_buffer_size = 0;
    DWORD default_timeout = 0;
};
std::shared_ptr<PipeObject> create_pipe_instance(const std::string& name, const PipeInstanceSettings& settings,
                                                 DWORD* error);
// CreateFile on a pipe path: the client end, or nullptr with *error set (ERROR_FILE_NOT_FOUND,
// ERROR_PIPE_BUSY, ERROR_ACCESS_DENIED). When an overlapped ConnectNamedPipe took the connection,
// *connect_delivered is what to wait on before CreateFile returns.
std::shared_ptr<PipeObject> open_pipe_client(const std::string& name, DWORD access, DWORD flags, DWORD* error,
                                             std::shared_ptr<KernelObject>* connect_delivered);
// The same, as CreateFile returns it: the new handle, or INVALID_HANDLE_VALUE with the last error set.
HANDLE create_pipe_client_handle(const std::string& name, DWORD access, DWORD flags);

// WaitNamedPipe's questions: does the pipe exist, and is an instance waiting for a client?
enum class PipeAvailability { NoSuchPipe, Busy, Available };
PipeAvailability pipe_availability(const std::string& name, DWORD* default_timeout);
// Signalled for a moment whenever an instance starts waiting for a client (WaitNamedPipe waits on it).
std::shared_ptr<KernelObject> pipe_listening_signal();
void announce_pipe_listening();

}  // namespace ovlab::posix
