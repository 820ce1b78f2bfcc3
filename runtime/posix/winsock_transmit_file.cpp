// TransmitFile (mswsock): a file's bytes, between an optional head and tail buffer, sent on a
// connected TCP socket as one send request (docs/windows-rules.md §13). It runs as WSASend runs:
// overlapped on an overlapped socket given an OVERLAPPED (always pending at first), blocking
// otherwise; its completion reaches the event, the socket handle or the port like any send.
//
// Known divergences from Windows (docs/windows-rules.md §17):
// - The file's bytes are read when TransmitFile is called, all at once, into memory the request
//   owns; Windows reads them through the cache as it sends them.
// - TF_DISCONNECT and TF_REUSE_SOCKET are refused with WSAEINVAL; the other flags (TF_WRITE_BEHIND,
//   the worker choices) and nNumberOfBytesPerSend are accepted and change nothing.
// - An hFile that is not a file opened for reading fails with ERROR_INVALID_HANDLE (not compared
//   with Windows).
#include <winsock2.h>
#include <mswsock.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "api_call.h"
#include "file.h"
#include "handle_table.h"
#include "last_error.h"
#include "socket.h"
#include "winsock_arguments.h"
#include "winsock_transfer.h"

namespace ovlab::posix {
namespace {

// The part of the file to send: `count` bytes from `offset` (0: up to the end), fewer when the
// file ends first. 0, or a Win32 error.
DWORD read_file_part(const FileObject& file, uint64_t offset, DWORD count, std::vector<char>& bytes) {
    struct stat status{};
    if (::fstat(file.fd(), &status) != 0) return win32_error_from_errno(errno);
    const auto size = static_cast<uint64_t>(status.st_size);
    if (offset >= size) return 0;
    const uint64_t wanted = count == 0 ? size - offset : std::min<uint64_t>(count, size - offset);
    bytes.resize(wanted);
    uint64_t done = 0;
    while (done < wanted) {
        const ssize_t n = ::pread(file.fd(), bytes.data() + done, wanted - done, static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return win32_error_from_errno(errno);
        if (n == 0) break;  // the file became shorter meanwhile
        done += static_cast<uint64_t>(n);
    }
    bytes.resize(done);
    return 0;
}

// Where the file's bytes start: the OVERLAPPED's offset, or (no OVERLAPPED) the file pointer.
uint64_t start_offset(const FileObject& file, LPOVERLAPPED overlapped) {
    if (overlapped) return (uint64_t{overlapped->OffsetHigh} << 32) | overlapped->Offset;
    const off_t position = ::lseek(file.fd(), 0, SEEK_CUR);
    return position < 0 ? 0 : static_cast<uint64_t>(position);
}

// Sets the Winsock error (also the last error) and answers FALSE.
BOOL refuse(int error) {
    wsa_fail(error);
    return FALSE;
}

BOOL transmit_file(SOCKET s, HANDLE file_handle, DWORD count, LPOVERLAPPED overlapped,
                   const TRANSMIT_FILE_BUFFERS* extra, DWORD flags, bool tracing) {
    if (!winsock_started()) return refuse(WSANOTINITIALISED);
    const std::shared_ptr<SocketObject> socket = lookup_socket(s);
    if (!socket) return refuse(WSAENOTSOCK);
    if (socket->datagram() || !socket->state().connected) return refuse(WSAENOTCONN);
    if (flags & (TF_DISCONNECT | TF_REUSE_SOCKET)) return refuse(WSAEINVAL);
    auto contents = std::make_shared<std::vector<char>>();
    if (file_handle) {
        const std::shared_ptr<FileObject> file = lookup_handle_as<FileObject>(file_handle);
        if (!file || !file->can_read()) return refuse(ERROR_INVALID_HANDLE);
        if (const DWORD error = read_file_part(*file, start_offset(*file, overlapped), count, *contents))
            return refuse(static_cast<int>(error));
    }
    std::vector<WSABUF> buffers;
    if (extra && extra->Head && extra->HeadLength > 0)
        buffers.push_back({extra->HeadLength, static_cast<char*>(extra->Head)});
    if (!contents->empty()) buffers.push_back({static_cast<ULONG>(contents->size()), contents->data()});
    if (extra && extra->Tail && extra->TailLength > 0)
        buffers.push_back({extra->TailLength, static_cast<char*>(extra->Tail)});
    WSABUF nothing{0, nullptr};
    DWORD sent = 0;
    WsaTransfer t{true, s};
    t.buffers = buffers.empty() ? &nothing : buffers.data();
    t.count = buffers.empty() ? 1 : static_cast<DWORD>(buffers.size());
    t.transferred = &sent;
    t.overlapped = overlapped;
    t.api = "TransmitFile";
    t.keep_alive = contents;
    t.always_pends = overlapped && socket->overlapped();
    return wsa_result(wsa_transfer(t, tracing)) == 0;
}

}  // namespace
}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" BOOL PASCAL TransmitFile(SOCKET hSocket, HANDLE hFile, DWORD nNumberOfBytesToWrite,
                                    DWORD nNumberOfBytesPerSend, LPOVERLAPPED lpOverlapped,
                                    LPTRANSMIT_FILE_BUFFERS lpTransmitBuffers, DWORD dwReserved) {
    ApiCall call("TransmitFile", [&] {
        return fmt::format("{}, {}, nNumberOfBytesToWrite={}, nNumberOfBytesPerSend={}, {}, {}, dwReserved=0x{:X}",
                           socket_argument("hSocket", 0, hSocket), handle_argument("hFile", 1, hFile),
                           nNumberOfBytesToWrite, nNumberOfBytesPerSend,
                           overlapped_argument("lpOverlapped", 4, lpOverlapped),
                           pointer_argument("lpTransmitBuffers", 5, lpTransmitBuffers), dwReserved);
    });
    return call.returns_bool(transmit_file(hSocket, hFile, nNumberOfBytesToWrite, lpOverlapped, lpTransmitBuffers,
                                           dwReserved, call.tracing()));
}
