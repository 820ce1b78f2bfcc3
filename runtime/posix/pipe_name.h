// A pipe name and its instances (pipe.h): what the first CreateNamedPipe fixed for all of them.
#pragma once

#include <windows.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ovlab::posix {

class PipeObject;

struct PipeName {
    std::string key;          // lower case: pipe names ignore case
    std::string display;      // as the first CreateNamedPipe spelled it
    DWORD access = 0;         // PIPE_ACCESS_INBOUND / OUTBOUND / DUPLEX
    DWORD pipe_mode = 0;
    DWORD max_instances = 1;
    DWORD default_timeout = 0;  // WaitNamedPipe(NMPWAIT_USE_DEFAULT_WAIT)
    std::vector<std::weak_ptr<PipeObject>> instances;  // creation order; the registry's mutex
    uint64_t next_instance = 1;
};

}  // namespace ovlab::posix
