// SetNamedPipeHandleState: a pipe handle's read mode (docs/windows-rules.md §8).
#include <fmt/format.h>

#include "api_call.h"
#include "handle_table.h"
#include "last_error.h"
#include "pipe.h"

namespace ovlab::posix {
namespace {

std::string mode_argument(const DWORD* mode) {
    if (!mode) return "lpMode=NULL";
    std::string text = (*mode & PIPE_READMODE_MESSAGE) ? "PIPE_READMODE_MESSAGE" : "PIPE_READMODE_BYTE";
    if (*mode & PIPE_NOWAIT) text += " | PIPE_NOWAIT";
    return fmt::format("lpMode=&({})", text);
}

BOOL set_pipe_handle_state(HANDLE handle, const DWORD* mode, const DWORD* max_collection,
                           const DWORD* collect_timeout) {
    const std::shared_ptr<PipeObject> pipe = lookup_handle_as<PipeObject>(handle);
    if (!pipe) return fail(ERROR_INVALID_HANDLE);
    // Collection applies to a client of a server on another computer, which the lab has not (§17).
    if (max_collection || collect_timeout) return fail(ERROR_INVALID_PARAMETER);
    if (!mode) return TRUE;
    // Only the two read modes with PIPE_WAIT; PIPE_NOWAIT is not provided (§17).
    if (*mode & ~static_cast<DWORD>(PIPE_READMODE_MESSAGE)) return fail(ERROR_INVALID_PARAMETER);
    // A byte-type pipe cannot be read in message mode.
    if (!pipe->set_read_mode((*mode & PIPE_READMODE_MESSAGE) != 0)) return fail(ERROR_INVALID_PARAMETER);
    return TRUE;
}

}  // namespace
}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" BOOL WINAPI SetNamedPipeHandleState(HANDLE hNamedPipe, LPDWORD lpMode, LPDWORD lpMaxCollectionCount,
                                               LPDWORD lpCollectDataTimeout) {
    ApiCall call("SetNamedPipeHandleState", [&] {
        return fmt::format("{}, {}, {}, {}", handle_argument("hNamedPipe", 0, hNamedPipe), mode_argument(lpMode),
                           pointer_argument("lpMaxCollectionCount", 2, lpMaxCollectionCount),
                           pointer_argument("lpCollectDataTimeout", 3, lpCollectDataTimeout));
    });
    return call.returns_bool(set_pipe_handle_state(hNamedPipe, lpMode, lpMaxCollectionCount, lpCollectDataTimeout));
}
