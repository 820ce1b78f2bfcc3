// CreateNamedPipeA/W, ConnectNamedPipe, DisconnectNamedPipe, PeekNamedPipe, WaitNamedPipeA/W,
// and the client end CreateFile opens (pipe.h).
#include <chrono>
#include <utility>

#include <fmt/format.h>

#include "api_call.h"
#include "handle_table.h"
#include "io_request.h"
#include "last_error.h"
#include "ovlab/session.h"
#include "ovlab/status_codes.h"
#include "pipe.h"
#include "pipe_message.h"
#include "text_encoding.h"
#include "trace_hooks.h"
#include "wait.h"

namespace ovlab::posix {
namespace {

using trace::OverlappedField;

HANDLE create_named_pipe(const char* path, const PipeInstanceSettings& settings) {
    const DWORD open_mode = settings.open_mode;
    const DWORD pipe_mode = settings.pipe_mode;
    const DWORD max_instances = settings.max_instances;
    // No name at all is a missing path (3); a name outside \\.\pipe\ is an invalid one (123).
    const std::string name = path ? pipe_name_from_path(path) : std::string();
    if (name.empty()) {
        set_last_error(path ? ERROR_INVALID_NAME : ERROR_PATH_NOT_FOUND);
        return INVALID_HANDLE_VALUE;
    }
    // Blocking (PIPE_WAIT) only; message read mode needs a message-type pipe; an instance count
    // from 1 to PIPE_UNLIMITED_INSTANCES.
    const bool message_read_on_bytes = (pipe_mode & PIPE_READMODE_MESSAGE) && !(pipe_mode & PIPE_TYPE_MESSAGE);
    if ((open_mode & PIPE_ACCESS_DUPLEX) == 0 || (pipe_mode & PIPE_NOWAIT) || message_read_on_bytes ||
        max_instances == 0 || max_instances > PIPE_UNLIMITED_INSTANCES) {
        set_last_error(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    DWORD error = 0;
    std::shared_ptr<PipeObject> pipe = create_pipe_instance(name, settings, &error);
    if (!pipe) {
        set_last_error(error);
        return INVALID_HANDLE_VALUE;
    }
    const HANDLE handle = insert_handle(pipe);
    announce_pipe_listening();
    set_last_error(ERROR_SUCCESS);
    return handle;
}

std::string create_arguments(const char* path, DWORD open_mode, DWORD pipe_mode, DWORD max_instances, DWORD out_size,
                             DWORD in_size, DWORD timeout, const void* security) {
    static const char* access_names[] = {"0", "PIPE_ACCESS_INBOUND", "PIPE_ACCESS_OUTBOUND", "PIPE_ACCESS_DUPLEX"};
    std::string mode = access_names[open_mode & 3];
    if (open_mode & FILE_FLAG_OVERLAPPED) mode += " | FILE_FLAG_OVERLAPPED";
    if (open_mode & FILE_FLAG_FIRST_PIPE_INSTANCE) mode += " | FILE_FLAG_FIRST_PIPE_INSTANCE";
    return fmt::format("lpName=\"{}\", dwOpenMode={}, dwPipeMode=0x{:X}, nMaxInstances={}, nOutBufferSize={}, "
                       "nInBufferSize={}, nDefaultTimeOut={}, {}",
                       path ? path : "NULL", mode, pipe_mode,
                       max_instances == PIPE_UNLIMITED_INSTANCES ? std::string("PIPE_UNLIMITED_INSTANCES")
                                                                 : fmt::format("{}", max_instances),
                       out_size, in_size, timeout, pointer_argument("lpSecurityAttributes", 7, security));
}

// ConnectNamedPipe: an accept on the instance's listening socket (pipe.h).
BOOL connect_named_pipe(HANDLE handle, LPOVERLAPPED overlapped) {
    std::shared_ptr<PipeObject> pipe = lookup_handle_as<PipeObject>(handle);
    if (!pipe) return fail(ERROR_INVALID_HANDLE);
    if (!pipe->server()) return fail(ERROR_INVALID_FUNCTION);
    if (pipe->overlapped() && !overlapped) return fail(ERROR_INVALID_PARAMETER);
    std::shared_ptr<EventObject> event;
    if (overlapped) {
        if (overlapped->hEvent) {
            event = lookup_handle_as<EventObject>(
                reinterpret_cast<HANDLE>(handle_value(overlapped->hEvent) & ~uint64_t{1}));
            if (!event) return fail(ERROR_INVALID_HANDLE);
        }
        observe_overlapped(overlapped);
        std::lock_guard lock(kernel_mutex());
        write_overlapped_field(overlapped, OverlappedField::Internal, kStatusPending);
        // Windows resets hEvent and the handle before the pipe driver answers, so the 535 and
        // 536 answers below leave them reset too (docs/windows-rules.md section 5).
        if (event) event->set_signalled(false, "ConnectNamedPipe issued");
        pipe->set_signalled(false, "ConnectNamedPipe issued");
    }
    bool queue_behind_pending = false;
    {
        std::unique_lock lock = pipe->lock_pipe();
        if (pipe->state == PipeObject::State::Connected) {
            // The client came first: a good connection, reported as an error, with no notification.
            size_t waiting = 0;
            const bool gone = net::peek(pipe->fd(), nullptr, 0, &waiting) == -EPIPE;
            return fail(gone ? ERROR_NO_DATA : ERROR_PIPE_CONNECTED);
        }
        if (pipe->accept_pending()) {
            // NPFS queues a second request on a listening instance; every one completes when a
            // client connects (§8). A synchronous handle's second call is refused here (§17).
            if (!pipe->overlapped()) return fail(ERROR_PIPE_LISTENING);
            queue_behind_pending = true;
        } else {
            if (pipe->state == PipeObject::State::Disconnected) {
                const int listener = net::create_local_listener(pipe->socket_name, pipe->message_type());
                if (listener < 0) return fail(ERROR_PIPE_BUSY);
                pipe->replace_descriptor(listener);
                pipe->start_listening();
            }
            pipe->listen_pending = true;
            if (!pipe->overlapped()) pipe->connect_delivered = nullptr;  // this call, not an earlier one, accepts
        }
    }
    if (queue_behind_pending) {
        auto request = std::make_unique<IoRequest>();
        request->operation = IoOperation::Accept;
        request->file = pipe;
        request->event = std::move(event);
        request->overlapped = overlapped;
        if (const int error = pipe->queue_connect(std::move(request)); error != 0)
            return fail(ntstatus_to_win32_error(ntstatus_from_errno(error)));
        return fail(ERROR_IO_PENDING);
    }
    announce_pipe_listening();
    StreamTransfer transfer;
    transfer.kind = StreamOpKind::Accept;
    transfer.established = [pipe](int fd, const net::Address&, const net::Address&) {
        {
            std::unique_lock lock = pipe->lock_pipe();
            pipe->connected(fd);
        }
        pipe->finish_queued_connects(kStatusSuccess);
        return 0u;
    };
    const auto not_listening = [&] {
        std::unique_lock lock = pipe->lock_pipe();
        pipe->listen_pending = false;
    };
    if (!pipe->overlapped()) {
        const std::string what = tracing() ? fmt::format("ConnectNamedPipe(0x{:X}) waits for a client", handle_value(handle))
                                           : std::string();
        const BlockingOutcome outcome = StreamObject::run_blocking(pipe, std::move(transfer), INFINITE, what);
        if (!nt_success(outcome.status)) {
            not_listening();
            return fail(ntstatus_to_win32_error(outcome.status));
        }
        return TRUE;
    }
    auto request = std::make_unique<IoRequest>();
    request->operation = IoOperation::Accept;
    request->file = pipe;
    request->event = std::move(event);
    request->overlapped = overlapped;
    request->delivered_signal = std::make_shared<EventObject>(true, false, std::string());
    {
        std::unique_lock lock = pipe->lock_pipe();
        pipe->connect_delivered = request->delivered_signal;
        pipe->connect_stepped = current_stepper() != nullptr;
    }
    const std::shared_ptr<KernelObject> delivered = request->delivered_signal;
    const IssueOutcome outcome = StreamObject::issue(pipe, std::move(transfer), std::move(request));
    if (outcome.kind == IssueOutcome::Kind::Completed) return TRUE;
    if (outcome.kind == IssueOutcome::Kind::Pending) return fail(ERROR_IO_PENDING);
    {
        std::lock_guard lock(kernel_mutex());
        delivered->set_signalled(true, "ConnectNamedPipe failed");
    }
    not_listening();
    return fail(ntstatus_to_win32_error(outcome.status));
}

BOOL disconnect_named_pipe(HANDLE handle) {
    std::shared_ptr<PipeObject> pipe = lookup_handle_as<PipeObject>(handle);
    if (!pipe) return fail(ERROR_INVALID_HANDLE);
    if (!pipe->server()) return fail(ERROR_INVALID_FUNCTION);
    std::shared_ptr<PipeConnection> connection;
    {
        std::unique_lock lock = pipe->lock_pipe();
        if (pipe->state == PipeObject::State::Disconnected) return fail(ERROR_PIPE_NOT_CONNECTED);
        pipe->state = PipeObject::State::Disconnected;
        pipe->listen_pending = false;
        connection = std::exchange(pipe->connection, nullptr);
    }
    // The client's calls fail with ERROR_PIPE_NOT_CONNECTED from now on, and its handle is no
    // longer signalled (docs/windows-rules.md §8).
    if (connection) {
        connection->disconnected = true;
        if (const std::shared_ptr<PipeObject> client = connection->client.lock()) {
            std::lock_guard lock(kernel_mutex());
            client->set_signalled(false, "the server disconnected");
        }
    }
    // Pending requests (a ConnectNamedPipe, reads, writes) end with STATUS_PIPE_DISCONNECTED; unread
    // data is dropped with the connection.
    pipe->cancel_pending(kStatusPipeDisconnected);
    pipe->finish_queued_connects(kStatusPipeDisconnected);
    if (connection) connection->end(kStatusPipeDisconnected);
    pipe->wait_until_idle();
    std::unique_lock lock = pipe->lock_pipe();
    pipe->replace_descriptor(-1);
    if (pipe->messages()) pipe->messages()->clear();
    pipe->state = PipeObject::State::Disconnected;
    return TRUE;
}

// PeekNamedPipe on a message-type pipe: the bytes left of the next message are known.
BOOL peek_messages(PipeObject& pipe, LPVOID buffer, DWORD size, LPDWORD read, LPDWORD available, LPDWORD left) {
    const PipeMessages::Peeked peeked =
        pipe.messages()->peek(pipe.fd(), static_cast<char*>(buffer), buffer ? size : 0, pipe.peeks_messages());
    if (peeked.result == -EPIPE) return fail(ERROR_BROKEN_PIPE);
    if (peeked.result < 0)
        return fail(ntstatus_to_win32_error(pipe.completion_status(StreamOpKind::Receive, peeked.result, 1)));
    if (read) *read = static_cast<DWORD>(peeked.result);
    if (available) *available = static_cast<DWORD>(peeked.available);
    if (left) *left = static_cast<DWORD>(peeked.left_in_message);
    return TRUE;
}

BOOL peek_named_pipe(HANDLE handle, LPVOID buffer, DWORD size, LPDWORD read, LPDWORD available, LPDWORD left) {
    std::shared_ptr<PipeObject> pipe = lookup_handle_as<PipeObject>(handle);
    if (!pipe) return fail(ERROR_INVALID_HANDLE);
    if (pipe->server()) {
        std::unique_lock lock = pipe->lock_pipe();
        if (pipe->state == PipeObject::State::Listening) return fail(ERROR_BAD_PIPE);
        if (pipe->state == PipeObject::State::Disconnected) return fail(ERROR_BAD_PIPE);
    } else if (pipe->server_disconnected()) {
        return fail(ERROR_PIPE_NOT_CONNECTED);
    }
    if (pipe->message_type()) return peek_messages(*pipe, buffer, size, read, available, left);
    size_t waiting = 0;
    const int64_t copied = net::peek(pipe->fd(), buffer, buffer ? size : 0, &waiting);
    if (copied == -EPIPE) return fail(ERROR_BROKEN_PIPE);
    if (copied < 0) return fail(ntstatus_to_win32_error(pipe->completion_status(StreamOpKind::Receive, copied, 1)));
    if (read) *read = static_cast<DWORD>(copied);
    if (available) *available = static_cast<DWORD>(waiting);
    // kernel32 reports the message length minus the bytes copied, and a byte-mode pipe's message
    // length is 0: peeking 2 bytes gives 0xFFFFFFFE (the documentation says 0).
    if (left) *left = 0u - static_cast<DWORD>(copied);
    return TRUE;
}

BOOL wait_named_pipe(const char* path, DWORD timeout, bool tracing) {
    const std::string name = path ? pipe_name_from_path(path) : std::string();
    if (name.empty()) return fail(ERROR_INVALID_NAME);
    const auto start = std::chrono::steady_clock::now();
    for (;;) {
        DWORD default_timeout = 0;
        const PipeAvailability availability = pipe_availability(name, &default_timeout);
        if (availability == PipeAvailability::NoSuchPipe) return fail(ERROR_FILE_NOT_FOUND);
        if (availability == PipeAvailability::Available) return TRUE;
        const DWORD limit = timeout == NMPWAIT_USE_DEFAULT_WAIT ? (default_timeout ? default_timeout : 50) : timeout;
        const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
        if (limit != NMPWAIT_WAIT_FOREVER && elapsed.count() >= limit) return fail(ERROR_SEM_TIMEOUT);
        const DWORD left = limit == NMPWAIT_WAIT_FOREVER ? INFINITE : limit - static_cast<DWORD>(elapsed.count());
        const std::string what = tracing ? fmt::format("WaitNamedPipe(\"{}\")", path) : std::string();
        wait_for_objects({pipe_listening_signal()}, false, left, trace::ThreadState::Waiting, what);
    }
}

}  // namespace

HANDLE create_pipe_client_handle(const std::string& name, DWORD access, DWORD flags) {
    DWORD error = 0;
    std::shared_ptr<KernelObject> connect_delivered;
    std::shared_ptr<PipeObject> client = open_pipe_client(name, access, flags, &error, &connect_delivered);
    if (!client) {
        set_last_error(error);
        return INVALID_HANDLE_VALUE;
    }
    // NPFS completes the server's pending ConnectNamedPipe inside the client's open: when CreateFile
    // returns, the server may already write (docs/windows-rules.md §8).
    if (connect_delivered) {
        const std::string what =
            tracing() ? fmt::format("CreateFile(\"\\\\.\\pipe\\{}\") waits for the server's ConnectNamedPipe", name)
                      : std::string();
        wait_for_objects({connect_delivered}, false, INFINITE, trace::ThreadState::Waiting, what);
    }
    const HANDLE handle = insert_handle(client);
    set_last_error(ERROR_SUCCESS);
    return handle;
}

}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" HANDLE WINAPI CreateNamedPipeA(LPCSTR lpName, DWORD dwOpenMode, DWORD dwPipeMode, DWORD nMaxInstances,
                                          DWORD nOutBufferSize, DWORD nInBufferSize, DWORD nDefaultTimeOut,
                                          LPSECURITY_ATTRIBUTES lpSecurityAttributes) {
    ApiCall call("CreateNamedPipeA", [&] {
        return create_arguments(lpName, dwOpenMode, dwPipeMode, nMaxInstances, nOutBufferSize, nInBufferSize,
                                nDefaultTimeOut, lpSecurityAttributes);
    });
    return call.returns_handle(create_named_pipe(
        lpName, {dwOpenMode, dwPipeMode, nMaxInstances, nOutBufferSize, nInBufferSize, nDefaultTimeOut}));
}

extern "C" HANDLE WINAPI CreateNamedPipeW(LPCWSTR lpName, DWORD dwOpenMode, DWORD dwPipeMode, DWORD nMaxInstances,
                                          DWORD nOutBufferSize, DWORD nInBufferSize, DWORD nDefaultTimeOut,
                                          LPSECURITY_ATTRIBUTES lpSecurityAttributes) {
    const std::string name = lpName ? utf8_from_wide(lpName) : std::string();
    const char* name_or_null = lpName ? name.c_str() : nullptr;
    ApiCall call("CreateNamedPipeW", [&] {
        return create_arguments(name_or_null, dwOpenMode, dwPipeMode, nMaxInstances, nOutBufferSize, nInBufferSize,
                                nDefaultTimeOut, lpSecurityAttributes);
    });
    return call.returns_handle(create_named_pipe(
        name_or_null, {dwOpenMode, dwPipeMode, nMaxInstances, nOutBufferSize, nInBufferSize, nDefaultTimeOut}));
}

extern "C" BOOL WINAPI ConnectNamedPipe(HANDLE hNamedPipe, LPOVERLAPPED lpOverlapped) {
    ApiCall call("ConnectNamedPipe", [&] {
        return fmt::format("{}, {}", handle_argument("hNamedPipe", 0, hNamedPipe),
                           overlapped_argument("lpOverlapped", 1, lpOverlapped));
    });
    return call.returns_bool(connect_named_pipe(hNamedPipe, lpOverlapped));
}

extern "C" BOOL WINAPI DisconnectNamedPipe(HANDLE hNamedPipe) {
    ApiCall call("DisconnectNamedPipe", [&] { return handle_argument("hNamedPipe", 0, hNamedPipe); });
    return call.returns_bool(disconnect_named_pipe(hNamedPipe));
}

extern "C" BOOL WINAPI PeekNamedPipe(HANDLE hNamedPipe, LPVOID lpBuffer, DWORD nBufferSize, LPDWORD lpBytesRead,
                                     LPDWORD lpTotalBytesAvail, LPDWORD lpBytesLeftThisMessage) {
    ApiCall call("PeekNamedPipe", [&] {
        return fmt::format("{}, {}, nBufferSize={}, {}, {}, {}", handle_argument("hNamedPipe", 0, hNamedPipe),
                           pointer_argument("lpBuffer", 1, lpBuffer), nBufferSize,
                           pointer_argument("lpBytesRead", 3, lpBytesRead),
                           pointer_argument("lpTotalBytesAvail", 4, lpTotalBytesAvail),
                           pointer_argument("lpBytesLeftThisMessage", 5, lpBytesLeftThisMessage));
    });
    return call.returns_bool(
        peek_named_pipe(hNamedPipe, lpBuffer, nBufferSize, lpBytesRead, lpTotalBytesAvail, lpBytesLeftThisMessage));
}

extern "C" BOOL WINAPI WaitNamedPipeA(LPCSTR lpNamedPipeName, DWORD nTimeOut) {
    ApiCall call("WaitNamedPipeA", [&] {
        return fmt::format("lpNamedPipeName=\"{}\", {}", lpNamedPipeName ? lpNamedPipeName : "NULL",
                           timeout_argument("nTimeOut", nTimeOut));
    });
    return call.returns_bool(wait_named_pipe(lpNamedPipeName, nTimeOut, call.tracing()));
}

extern "C" BOOL WINAPI WaitNamedPipeW(LPCWSTR lpNamedPipeName, DWORD nTimeOut) {
    const std::string name = lpNamedPipeName ? utf8_from_wide(lpNamedPipeName) : std::string();
    const char* name_or_null = lpNamedPipeName ? name.c_str() : nullptr;
    ApiCall call("WaitNamedPipeW", [&] {
        return fmt::format("lpNamedPipeName=\"{}\", {}", name_or_null ? name_or_null : "NULL",
                           timeout_argument("nTimeOut", nTimeOut));
    });
    return call.returns_bool(wait_named_pipe(name_or_null, nTimeOut, call.tracing()));
}
