// What every handle overlapped I/O runs on shares - disk files now, sockets and pipes too (in NT
// they are all file objects): whether it was opened for overlapped I/O, the completion port and
// key CreateIoCompletionPort attached to it, and the SetFileCompletionNotificationModes flags.
#pragma once

#include <windows.h>

#include <memory>

#include "kernel_object.h"

namespace ovlab::posix {

class CompletionPort;

class IoHandleObject : public KernelObject {
public:
    IoHandleObject(trace::HandleKind kind, bool overlapped, bool signalled = false)
        : KernelObject(kind, signalled), overlapped_(overlapped) {}

    bool overlapped() const { return overlapped_; }

    // ---- kernel mutex held ----
    // Windows: a handle is associated with at most one port, once, for the rest of its life.
    std::shared_ptr<CompletionPort> completion_port;
    ULONG_PTR completion_key = 0;
    // FILE_SKIP_COMPLETION_PORT_ON_SUCCESS | FILE_SKIP_SET_EVENT_ON_HANDLE; can be set, never cleared.
    UCHAR notification_modes = 0;

private:
    bool overlapped_;
};

}  // namespace ovlab::posix
