// A program that speaks the lab's link wrongly, on purpose (docs/program-protocol.md): the lab must
// end each run with one clear line and a documented exit code, never crash or hang.
// Usage: hostile_link garbage|oversized|out-of-order|wrong-version|silent|abort|half|unconnected
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string_view>

#include "ovlab/program_link.h"

namespace {

using namespace ovlab;

int g_fd = -1;

void send_bytes(const void* data, size_t size) {
    if (::send(g_fd, data, size, MSG_NOSIGNAL) != static_cast<ssize_t>(size)) std::_Exit(90);
}

void send_header(link::ProgramMessage type, uint32_t length) {
    const link::MessageHeader header{static_cast<uint32_t>(type), length};
    send_bytes(&header, sizeof header);
}

void say_hello(uint32_t version = link::kVersion) {
    link::Hello hello;
    hello.version = version;
    hello.pid = static_cast<int32_t>(::getpid());
    send_header(link::ProgramMessage::Hello, sizeof hello);
    send_bytes(&hello, sizeof hello);
}

void send_event(uint64_t seq) {
    trace::Event event;
    event.seq = seq;
    event.kind = trace::EventKind::Console;
    std::strcpy(event.text, "hello from a hostile program");
    send_header(link::ProgramMessage::Events, sizeof event);
    send_bytes(&event, sizeof event);
}

}  // namespace

int main(int argc, char** argv) {
    const char* link_fd = std::getenv(link::kEnvironmentVariable);
    if (argc != 2 || !link_fd) return 2;
    g_fd = std::atoi(link_fd);
    const std::string_view mode = argv[1];
    if (mode == "unconnected") return 0;
    if (mode == "garbage") {
        send_bytes("\x63\x00\x00\x00\x04\x00\x00\x00zzzz", 12);
    } else if (mode == "wrong-version") {
        say_hello(link::kVersion + 41);
    } else {
        say_hello();
        send_event(0);
        if (mode == "oversized") send_header(link::ProgramMessage::Events, 0x7fffffff);
        else if (mode == "out-of-order") send_event(5);
        else if (mode == "abort") std::abort();
        else if (mode == "half") {
            send_bytes("\x02\x00\x00", 3);
            return 0;
        }
        else if (mode == "silent") {
            for (;;) ::pause();
        }
    }
    ::sleep(30);  // the lab ends a program that broke the link; it never waits for this
    return 0;
}
