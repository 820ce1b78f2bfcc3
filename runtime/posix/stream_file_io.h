// ReadFile, WriteFile, ReadFileEx and WriteFileEx on a socket or a pipe end (file_io.cpp hands
// these over): the requests run in the stream's lanes (stream.h), so they may complete at once,
// and their errors are the Win32 ones (a reset is 64 here, 10054 through Winsock).
#pragma once

#include <windows.h>

#include <memory>
#include <string>

#include "io_request.h"
#include "stream.h"

namespace ovlab::posix {

struct StreamFileCall {
    bool read = true;
    void* buffer = nullptr;
    DWORD length = 0;
    LPDWORD transferred = nullptr;
    LPOVERLAPPED overlapped = nullptr;  // Internal is already STATUS_PENDING (kernel32 sets it first)
    CompletionRoutineCall routine;      // ReadFileEx/WriteFileEx
    std::string routine_text;
};

BOOL stream_read_or_write(const std::shared_ptr<StreamObject>& stream, const StreamFileCall& call);

}  // namespace ovlab::posix
