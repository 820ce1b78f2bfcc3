// The link between the lab and a program it runs in its own process (`overlapped-lab --program`).
// The protocol is described in docs/program-protocol.md; this header is its one definition, shared
// by the runtime inside the program and the lab.
#pragma once

#include <cstdint>

#include "ovlab/trace.h"

namespace ovlab::link {

// Names, in the program's environment, the inherited socket descriptor connected to the lab.
inline constexpr const char* kEnvironmentVariable = "OVLAB_PROGRAM_LINK";
inline constexpr uint32_t kMagic = 0x424C564F;  // "OVLB" in memory on a little-endian machine
// Raised whenever a message or trace::Event changes shape: a program built against another
// version of the runtime is refused at the handshake instead of being misread.
inline constexpr uint32_t kVersion = 1;
inline constexpr uint32_t kMaxEventsPerMessage = 64;

// Every message, either way, starts with this header; `length` bytes of payload follow.
struct MessageHeader {
    uint32_t type = 0;
    uint32_t length = 0;
};

// program -> lab
enum class ProgramMessage : uint32_t {
    Hello = 1,    // payload Hello; the first message, once
    Events = 2,   // payload 1..kMaxEventsPerMessage trace::Event, seq numbers consecutive from 0
    Goodbye = 3,  // payload Goodbye; the last message: main returned, or the program called exit()
};

struct Hello {
    uint32_t magic = kMagic;
    uint32_t version = kVersion;
    uint32_t event_size = sizeof(trace::Event);
    int32_t pid = 0;
};

struct Goodbye {
    int64_t exit_code = 0;
    // Counted when main returned (the run is then cleaned up as a lesson's); 0 after exit().
    uint64_t leaked_handles = 0;      // handles the program left open, closed as it ended
    uint64_t leaked_heap_blocks = 0;  // process-heap blocks it never freed
};

// lab -> program: the header's type is a LabCommand, the payload one uint64_t argument.
enum class LabCommand : uint32_t {
    Welcome = 1,  // argument: kVersion; the lab's answer to Hello
    Step = 2,     // let one checkpoint pass
    Run = 3,      // argument: microseconds between checkpoints (0 = flat out)
    Pause = 4,
    Hold = 5,     // argument: 1 hold finished requests, 0 deliver them
    Release = 6,  // deliver the held requests
    Abort = 7,    // end the program now
};

// The exit code of a program the lab ended with Abort.
inline constexpr int kAbortedExitCode = 125;

// Called while a lab program starts (register_source_file): when the environment names a link, the
// program handshakes with the lab and from then on records into a session hosted by this process,
// stepped by the lab. Returns whether it did. Without the variable the program runs as it would
// anywhere, untraced. A link named but unusable ends the program with one line on stderr.
bool attach_to_lab_if_asked();

}  // namespace ovlab::link
